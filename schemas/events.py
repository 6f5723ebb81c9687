"""Events: what happened that triggered a change, with casualty figures as each source reported them."""

from marshmallow import fields, validate

from schemas.base import (
    COUNTRY,
    INT_MAX,
    SLUG,
    BaseSchema,
    Bilingual,
    DateRangeArgs,
    Envelope,
    ListQueryArgs,
    LocalText,
    OffsetDateTime,
    Page,
    VariantSchema,
    source_ids,
)
from schemas.sources import SourceRefSchema

EVENT_KINDS = ("attack", "foiled-plot", "threat", "other")
QUALIFIERS = ("exact", "at-least", "more-than", "about")


class PerpetratorSchema(BaseSchema):
    name = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(("claimed", "blamed", "suspected", "convicted")))
    source_ids = source_ids(required=True, validate=validate.Length(min=1))


class CasualtyReportSchema(BaseSchema):
    """One figure as one source gave it: figures differ between sources and change over time."""

    killed = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=INT_MAX))
    killed_qualifier = fields.String(allow_none=True, validate=validate.OneOf(QUALIFIERS))
    injured = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=INT_MAX))
    injured_qualifier = fields.String(allow_none=True, validate=validate.OneOf(QUALIFIERS))
    as_of = fields.Date(allow_none=True, metadata={"description": "Date the figure refers to, when known."})
    source_id = fields.String(required=True, validate=SLUG)
    note = fields.String(allow_none=True)


class StoredCasualtyReportSchema(CasualtyReportSchema):
    """A casualty report as stored with its event (JSON), its date already text."""

    as_of = fields.String(allow_none=True, metadata={"format": "date", "description": "Date the figure refers to."})


class EventInput(BaseSchema):
    """An event as curators write it."""

    id = fields.String(required=True, validate=SLUG, metadata={"example": "2024-03-22-crocus-city-hall-attack"})
    kind = fields.String(required=True, validate=validate.OneOf(EVENT_KINDS))
    title = Bilingual(required=True)
    summary = Bilingual(allow_none=True)
    country = fields.String(allow_none=True, validate=COUNTRY)
    place = fields.String(allow_none=True)
    occurred_date = fields.Date(required=True)
    occurred_at = OffsetDateTime(allow_none=True)
    perpetrators = fields.List(fields.Nested(PerpetratorSchema), load_default=list)
    casualties = fields.List(fields.Nested(CasualtyReportSchema), load_default=list)
    source_ids = source_ids(required=True, validate=validate.Length(min=1))
    variants = fields.List(fields.Nested(VariantSchema), load_default=list)


class EventRefSchema(BaseSchema):
    """The short form of an event, embedded in changes."""

    id = fields.String(required=True)
    kind = fields.String(required=True)
    title = LocalText(required=True)
    country = fields.String(allow_none=True)
    occurred_date = fields.Date(required=True)


class EventSchema(EventRefSchema):
    """An event as the API returns it."""

    summary = LocalText(allow_none=True)
    place = fields.String(allow_none=True)
    occurred_at = fields.String(allow_none=True)
    perpetrators = fields.List(fields.Nested(PerpetratorSchema), required=True)
    casualties = fields.List(fields.Nested(StoredCasualtyReportSchema), required=True)
    sources = fields.List(fields.Nested(SourceRefSchema), required=True)
    variants = fields.List(fields.Nested(VariantSchema), required=True)


class EventListArgs(ListQueryArgs, DateRangeArgs):
    """Query string of GET /v1/events: filters (combined with AND), sort, pagination, format, language."""

    country = fields.String(
        validate=COUNTRY, metadata={"description": "Only events in this country (ISO 3166-1 alpha-2).", "example": "RU"}
    )
    kind = fields.String(validate=validate.OneOf(EVENT_KINDS), metadata={"description": "Only events of this kind."})
    sort = fields.String(
        load_default="-occurred_date",
        validate=validate.OneOf(("occurred_date", "-occurred_date")),
        metadata={"description": "`-occurred_date` (newest first, the default) or `occurred_date`; ties by id."},
    )


class EventListSchema(Page):
    items = fields.List(fields.Nested(EventSchema), required=True)


class EventRecordSchema(EventSchema, Envelope):
    """One event, as `GET /v1/events/{id}` answers it."""
