"""What the record views share: a record with its ETag and history link, or the problem for one that is not there;
and the parts of a write request (body, If-Match, who and why)."""

from http import HTTPStatus

from flask import Response, g

from api import curation, versions
from api.http import render
from api.inputs import JSON, MERGE_PATCH, change_reason, if_match, invalid, json_body
from api.models import Change, Event, Justification, Measure, Source
from api.versions import FOLDERS
from schemas.changes import ChangeRecordSchema, JustificationReadSchema, MeasureReadSchema
from schemas.events import EventRecordSchema
from schemas.sources import SourceRecordSchema

FETCH = {
    "change": lambda record_id: Change.with_levels().where(Change.id == record_id).first(),
    "event": lambda record_id: Event.get_or_none(Event.id == record_id),
    "source": lambda record_id: Source.get_or_none(Source.id == record_id),
    "justification": lambda record_id: Justification.get_or_none(Justification.id == record_id),
    "measure": lambda record_id: Measure.get_or_none(Measure.id == record_id),
}

SCHEMAS = {
    "change": ChangeRecordSchema,
    "event": EventRecordSchema,
    "source": SourceRecordSchema,
    "justification": JustificationReadSchema,
    "measure": MeasureReadSchema,
}

RECORD_HEADERS = {
    "ETag": {"description": "The record's version: send it in If-Match to change the record.", "schema": {"type": "string"}},
    "Link": {"description": '`rel="version-history"`: the record\'s revisions.', "schema": {"type": "string"}},
}  # fmt: skip
CREATED_HEADERS = {**RECORD_HEADERS, "Location": {"description": "The new record.", "schema": {"type": "string"}}}


def shown(kind: str, record_id: str, status: int = HTTPStatus.OK):
    """(record, status, headers) for a view: ETag, history link, and Location when created; 404 or 410 otherwise."""
    record = FETCH[kind](record_id)
    if record is None:
        raise versions.missing(kind, record_id)
    headers = versions.record_headers(kind, record_id)
    if status == HTTPStatus.CREATED:
        headers["Location"] = f"/v1/{FOLDERS[kind]}/{record_id}"
    return record, status, headers


def written(kind: str, record_id: str, status: int = HTTPStatus.OK) -> Response:
    """A write's answer: the record as its GET shows it, with the dataset revision the write made and the language,
    its ETag and history link, and Location when created."""
    record, status, headers = shown(kind, record_id, status)
    return render(SCHEMAS[kind](), record, status=status, headers=headers)


def write_body(patch: bool = False) -> tuple[dict, curation.Signature]:
    """The JSON body of a write (a merge patch for PATCH) and its signature: the token's name and the reason."""
    body = json_body((MERGE_PATCH, JSON) if patch else (JSON,))
    return body, curation.Signature(g.token.name, change_reason(body))


def retraction() -> tuple:
    """If-Match and signature of a retraction, which must say why (a record leaving a cited dataset)."""
    etags = if_match()
    signature = curation.Signature(g.token.name, change_reason(None))
    if signature.reason is None:
        raise invalid([("/reason", "A retraction says why: send the X-Change-Reason header.")])
    return etags, signature


def no_content() -> Response:
    return Response(status=HTTPStatus.NO_CONTENT)
