"""Search documents: one per change, rebuilt from what the database holds.

Whoever writes a change, an event or a quotation calls `reindex_change(change_id)` (or `reindex_event(event_id)`) in
the same transaction: the seed loader does, and so must the curation API.
"""

from api.db import database, is_sqlite
from api.models.changes import Change, ChangeEvent, Justification
from api.models.events import Event
from api.models.search import param
from schemas.search import WORD, fold


def document(change_id: str) -> str | None:
    """The folded words a change is found by (one line per text), or None when there is no such change."""
    # Only the columns it needs: migrations run this against older schemas too.
    summaries = Change.select(Change.summary_fr, Change.summary_en).where(Change.id == change_id).tuples().first()
    if summaries is None:
        return None
    parts = list(summaries)
    for quote, speaker in (
        Justification.select(Justification.quote, Justification.speaker)
        .where(Justification.change == change_id)
        .tuples()
    ):
        parts += [quote, speaker]
    titles = Event.select(Event.title_fr, Event.title_en).join(ChangeEvent).where(ChangeEvent.change == change_id)
    for title_fr, title_en in titles.tuples():
        parts += [title_fr, title_en]
    return "\n".join(" ".join(WORD.findall(fold(part))) for part in parts if part)


def reindex_change(change_id: str) -> None:
    """Rebuild one change's search document from what the database holds now (a removed change loses it)."""
    body = document(change_id)
    database.execute_sql(f"DELETE FROM change_search WHERE change_id = {param()}", (change_id,))
    if body is None:
        return
    if is_sqlite():
        database.execute_sql("INSERT INTO change_search (change_id, body) VALUES (?, ?)", (change_id, body))
    else:
        database.execute_sql(
            "INSERT INTO change_search (change_id, body, document) VALUES (%s, %s, to_tsvector('simple', %s))",
            (change_id, body, body),
        )


def reindex_event(event_id: str) -> None:
    """An event's title is in the documents of the changes it triggered: rebuild those."""
    for (change_id,) in ChangeEvent.select(ChangeEvent.change).where(ChangeEvent.event == event_id).tuples():
        reindex_change(change_id)


def reindex_all() -> int:
    """Rebuild every change's document (after a migration, or by `flask search reindex`); returns how many."""
    database.execute_sql("DELETE FROM change_search")
    count = 0
    for (change_id,) in Change.select(Change.id).tuples().iterator():
        reindex_change(change_id)
        count += 1
    return count
