"""The dataset-wide changelog: every revision, newest first, with the change it made as a JSON Patch (RFC 6902)."""

from marshmallow import fields, validate

from schemas.base import SLUG, BaseSchema, DateRangeArgs, Page, QueryArgs
from schemas.revisions import ACTIONS, UTCDateTime

RECORD_KINDS = ("change", "event", "source", "system")


class ChangelogEntrySchema(BaseSchema):
    id = fields.Integer(required=True, metadata={"description": "Revision id; the dataset revision is the latest."})
    kind = fields.String(required=True, attribute="record_kind", validate=validate.OneOf(RECORD_KINDS))
    record_id = fields.String(required=True, metadata={"example": "fr-vigipirate-2024-03-24"})
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    author = fields.String(required=True, metadata={"description": "The name of the token that wrote it, or `seeds`."})
    reason = fields.String(allow_none=True, required=True)
    created_at = UTCDateTime(required=True)
    previous_revision = fields.Integer(
        allow_none=True,
        required=True,
        attribute="previous_id",
        metadata={
            "description": "The record's revision before this one (null for its first); the patch applies to it."
        },
    )
    patch = fields.List(
        fields.Dict(),
        required=True,
        metadata={
            "description": "RFC 6902 JSON Patch from the record's content at `previous_revision` (in seed form, as "
            "`GET /v1/{kind}/{id}/revisions` shows it) to its content after this revision. A creation is one `add` "
            'at the root (path `""`); a retraction one `replace` of the root with null.',
            "example": [{"op": "replace", "path": "/to_level", "value": "urgence-attentat"}],
        },
    )
    record_url = fields.String(required=True, metadata={"example": "/v1/changes/fr-vigipirate-2024-03-24"})
    history_url = fields.String(
        required=True,
        metadata={
            "description": "The record's own revisions.",
            "example": "/v1/changes/fr-vigipirate-2024-03-24/revisions",
        },
    )


class ChangelogFilters(DateRangeArgs):
    """Filters of the changelog, combined with AND; `from` and `to` are UTC dates of `created_at`, inclusive."""

    kind = fields.String(
        validate=validate.OneOf(RECORD_KINDS), metadata={"description": "Only revisions of this kind of record."}
    )
    record = fields.String(
        validate=SLUG,
        metadata={"description": "Only revisions of the record with this id.", "example": "zz-alert-2024-03-24"},
    )
    author = fields.String(
        validate=validate.Length(min=1, max=64),
        metadata={
            "description": "Only revisions written by this author (a token's name, or `seeds`).",
            "example": "seeds",
        },
    )


class ChangelogArgs(QueryArgs, ChangelogFilters):
    """Query string of GET /v1/revisions: filters, a page size and a cursor from a `Link` header."""

    limit = fields.Integer(
        load_default=50, validate=validate.Range(min=1, max=500), metadata={"description": "Items per page (1-500)."}
    )
    cursor = fields.String(
        validate=validate.Length(max=1000), metadata={"description": "Opaque position from a `Link` header."}
    )


class ChangelogFeedArgs(QueryArgs, ChangelogFilters):
    """Query string of GET /v1/revisions.atom: the same filters; the latest 50 revisions that match."""


class ChangelogSchema(Page):
    items = fields.List(fields.Nested(ChangelogEntrySchema), required=True)
