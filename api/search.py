"""Full-text search over changes: one search document per change (its summaries in French and English, its
quotations and their speakers, the titles of its triggering events), kept in `change_search` and searched with SQLite
FTS5 or PostgreSQL full-text search behind one interface.

Whoever writes a change, an event or a quotation calls `reindex_change(change_id)` (or `reindex_event(event_id)`) in
the same transaction: the seed loader does, and so must the curation API.

Matching is the same on both databases: text and query are folded in Python (case, accents, ligatures), each word of
`q` must appear, as a word or the start of one (`attenta` finds "attentat" and "attentats"), and a "quoted phrase"
must appear as written.
"""

import re
import unicodedata

from peewee import SQL, Expression, fn

from api.db import database, is_sqlite

MAX_TERMS = 16
LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
TERM = re.compile(r'"([^"]*)"|([^\s"]+)')
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, no accents, no ligatures: how documents are stored and queries are read."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def terms(q: str) -> list[list[str]]:
    """The query as terms, each a list of words (one word, or a quoted phrase); [] when it has no word."""
    found = []
    for phrase, bare in TERM.findall(q):
        words = WORD.findall(fold(phrase or bare))
        if phrase:
            found.append(words) if words else None
        else:
            found.extend([word] for word in words)
    return found


def create_structure(db) -> None:
    """The search table: an FTS5 virtual table on SQLite; a table with a GIN-indexed tsvector on PostgreSQL."""
    if is_sqlite_database(db):
        db.execute_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS change_search USING fts5("
            "change_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        db.execute_sql(
            "CREATE TABLE IF NOT EXISTS change_search "
            "(change_id VARCHAR(128) PRIMARY KEY, body TEXT NOT NULL, document TSVECTOR NOT NULL)"
        )
        db.execute_sql("CREATE INDEX IF NOT EXISTS change_search_document ON change_search USING GIN (document)")


def drop_structure(db) -> None:
    db.execute_sql("DROP TABLE IF EXISTS change_search")


def is_sqlite_database(db) -> bool:
    from peewee import SqliteDatabase

    return isinstance(db, SqliteDatabase)


def document(change_id: str) -> str | None:
    """The folded words a change is found by (one line per text), or None when there is no such change."""
    from api.models import Change, ChangeEvent, Event, Justification

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
    from api.models import ChangeEvent

    for (change_id,) in ChangeEvent.select(ChangeEvent.change).where(ChangeEvent.event == event_id).tuples():
        reindex_change(change_id)


def reindex_all() -> int:
    """Rebuild every change's document (after a migration, or by `flask search reindex`); returns how many."""
    from api.models import Change

    database.execute_sql("DELETE FROM change_search")
    count = 0
    for (change_id,) in Change.select(Change.id).tuples().iterator():
        reindex_change(change_id)
        count += 1
    return count


def param() -> str:
    return "?" if is_sqlite() else "%s"


def condition(column, q: str):
    """ "`column` (a change id) matches `q`", for a WHERE clause. On PostgreSQL the matching ids are computed first, as
    an array (an InitPlan): given a plain subquery, the planner guesses that a prefix query matches 2% of the rows
    and walks the whole date index probing each change, which costs a full scan when few match."""
    ids = matching_ids(q)
    if is_sqlite():
        return column.in_(ids)
    return Expression(column, "=", fn.ANY(SQL("ARRAY" + ids.sql, ids.params)))


def matching_ids(q: str) -> SQL:
    """A subquery of the ids of the changes whose document matches `q` (see the module's docstring)."""
    found = terms(q)[:MAX_TERMS]
    if is_sqlite():
        expression = " AND ".join('"' + " ".join(words) + '"' + ("*" if len(words) == 1 else "") for words in found)
        return SQL("(SELECT change_id FROM change_search WHERE change_search MATCH ?)", [expression])
    expression = " & ".join(f"{words[0]}:*" if len(words) == 1 else "(" + " <-> ".join(words) + ")" for words in found)
    return SQL("(SELECT change_id FROM change_search WHERE document @@ to_tsquery('simple', %s))", [expression])
