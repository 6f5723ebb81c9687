"""Revisions of records: ETags derived from them, 404 or 410 for a record that is not there, revision histories, and
a record as a view shows it (with its ETag and history link).

A record's ETag is the id of the latest revision among the record and the records its representation embeds (a
change shows its system's levels, its triggers and its sources): it changes exactly when the representation does, so
a GET's ETag is what `If-Match` is checked against. A justification or measure is versioned with its change (it
lives in the change's seed file): its ETag is its change's latest revision, and its history is read from that
change's revisions.
"""

from http import HTTPStatus

from flask import Response, url_for

from api.curation import canonical
from api.curation.kinds import KINDS
from api.errors import Problem
from api.http.render import render
from api.models import Revision

RECORD_HEADERS = {
    "ETag": {"description": "The record's version: send it in If-Match to change the record.", "schema": {"type": "string"}},
    "Link": {"description": '`rel="version-history"`: the record\'s revisions.', "schema": {"type": "string"}},
}  # fmt: skip
CREATED_HEADERS = {**RECORD_HEADERS, "Location": {"description": "The new record.", "schema": {"type": "string"}}}


def etag(revision_id: int | None) -> str:
    return f'"rev-{revision_id or 0}"'


def embedded_keys(kind: str, record_id: str) -> list[tuple[str, str]]:
    """(kind, id) of the record and of every record its representation embeds."""
    return [(kind, record_id), *KINDS[kind].embeds(record_id)]


def record_etag(kind: str, record_id: str) -> str:
    """The strong ETag of a record's representation (of a part: of its change's latest revision)."""
    if KINDS[kind].is_part:
        row = KINDS[kind].fetch(record_id)
        latest = row and Revision.latest_for(KINDS[kind].part_of, row.change_id)
        return etag(latest and latest.id)
    return etag(Revision.latest_among(embedded_keys(kind, record_id)))


def history_url(kind: str, record_id: str) -> str:
    return url_for("revisions.list_revisions", kind=KINDS[kind].folder, record_id=record_id)


def record_headers(kind: str, record_id: str) -> dict:
    """ETag and a link to the history (RFC 5829 `version-history`), for every answer that shows a record."""
    return {"ETag": record_etag(kind, record_id), "Link": f'<{history_url(kind, record_id)}>; rel="version-history"'}


def history(kind: str, record_id: str) -> list[Revision]:
    """Every revision of a record, oldest first (of a part: derived from its change's revisions)."""
    if KINDS[kind].is_part:
        return part_history(kind, record_id)
    return list(Revision.history_of(kind, record_id))


def missing(kind: str, record_id: str) -> Problem:
    """The problem for a record that is not there: 410 when it was retracted (pointing at that revision), else 404."""
    revisions = history(kind, record_id)
    if revisions and revisions[-1].action == "retract":
        return gone(kind, record_id, revisions[-1])
    return Problem(HTTPStatus.NOT_FOUND, f"No {kind} {record_id!r}.", "not-found")


def gone(kind: str, record_id: str, retraction: Revision) -> Problem:
    url = history_url(kind, record_id)
    reason = f" Reason given: {retraction.reason}" if retraction.reason else ""
    return Problem(
        HTTPStatus.GONE,
        f"The {kind} {record_id!r} was retracted in revision {retraction.id} ({retraction.created_at:%Y-%m-%d}).{reason}",
        "retracted",
        last_revision=retraction.id,
        revisions=url,
        headers={"Link": f'<{url}>; rel="version-history"'},
    )


def part_history(kind: str, part_id: str) -> list:
    """A part's revisions: those of its change where the part appeared, changed or went, with the part as content."""
    part = KINDS[kind]
    row = part.fetch(part_id)
    owner = row.change_id if row else Revision.last_holder(part.part_of, f'"id": "{part_id}"')
    if owner is None:
        return []
    entries, before = [], None
    for revision in Revision.history_of(part.part_of, owner):
        content = canonical.normalized(part.part_of, revision.content) or {}
        item = next((item for item in content.get(part.folder, []) if item["id"] == part_id), None)
        if item != before:
            action = "create" if before is None else "retract" if item is None else "update"
            entries.append(Revision(id=revision.id, record_kind=kind, record_id=part_id, action=action,
                                    author=revision.author, reason=revision.reason, created_at=revision.created_at,
                                    content=item))  # fmt: skip
        before = item
    return entries


def visible_history(kind: str, record_id: str, admin: bool) -> list:
    """A record's revisions, newest first, as the caller may see them: admins see all of them; others see a live
    record's revisions since it was last (re-)created, and a 410 for a retracted record."""
    revisions = history(kind, record_id)
    if not revisions:
        raise Problem(HTTPStatus.NOT_FOUND, f"No {kind} {record_id!r} has ever been recorded.", "not-found")
    if not admin:
        if revisions[-1].action == "retract":
            raise gone(kind, record_id, revisions[-1])
        retractions = [index for index, revision in enumerate(revisions) if revision.action == "retract"]
        revisions = revisions[retractions[-1] + 1 :] if retractions else revisions
    return revisions[::-1]


def shown(kind: str, record_id: str, status: int = HTTPStatus.OK):
    """(record, status, headers) for a view: ETag, history link, and Location when created; 404 or 410 otherwise."""
    record = KINDS[kind].fetch(record_id)
    if record is None:
        raise missing(kind, record_id)
    headers = record_headers(kind, record_id)
    if status == HTTPStatus.CREATED:
        headers["Location"] = KINDS[kind].url(record_id)
    return record, status, headers


def written(kind: str, record_id: str, status: int = HTTPStatus.OK) -> Response:
    """A write's answer: the record as its GET shows it, with the dataset revision the write made and the language,
    its ETag and history link, and Location when created."""
    record, status, headers = shown(kind, record_id, status)
    return render(KINDS[kind].read_schema(), record, status=status, headers=headers)
