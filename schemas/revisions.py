"""Revisions: every write to a record, by whom, when, why, and the record's content after it."""

import datetime

from marshmallow import fields, validate

from schemas.base import BaseSchema, Envelope, QueryArgs

ACTIONS = ("create", "update", "retract")


class UTCDateTime(fields.DateTime):
    """A naive UTC datetime from the database, written with its offset (`Z`)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return value.replace(tzinfo=datetime.UTC).isoformat().replace("+00:00", "Z")


class RevisionSchema(BaseSchema):
    id = fields.Integer(required=True, metadata={"description": "Revision id; the dataset revision is the latest."})
    kind = fields.String(required=True, attribute="record_kind", metadata={"example": "change"})
    record_id = fields.String(required=True, metadata={"example": "fr-vigipirate-2024-03-24"})
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    author = fields.String(required=True, metadata={"description": "The name of the token that wrote it, or `seeds`."})
    reason = fields.String(allow_none=True, required=True)
    created_at = UTCDateTime(required=True)
    content = fields.Dict(
        allow_none=True,
        required=True,
        metadata={
            "description": "The record after the write, in seed form (as in its seed file); null when retracted."
        },
    )


class RevisionListArgs(QueryArgs):
    """Query string of GET /v1/{kind}/{id}/revisions: a page size and a cursor from a `Link` header."""

    limit = fields.Integer(
        load_default=50, validate=validate.Range(min=1, max=500), metadata={"description": "Items per page (1-500)."}
    )
    cursor = fields.String(
        validate=validate.Length(max=1000), metadata={"description": "Opaque position from a `Link: rel=next` header."}
    )


class RevisionListSchema(Envelope):
    items = fields.List(fields.Nested(RevisionSchema), required=True)
    total = fields.Integer(required=True)
