"""Changes: the central record, with its triggers, justifications, measures and sources."""

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.base import (
    AREA,
    COUNTRY,
    INT_MAX,
    LANGUAGE,
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
from schemas.events import EventRefSchema
from schemas.search import terms
from schemas.sources import SourceRefSchema
from schemas.systems import LevelRefSchema

DIRECTIONS = ("initial", "raise", "lower", "rescale")
MEDIA = ("statement", "speech", "social-media-post", "interview", "press-conference", "remarks", "official-document")


class ScopeSchema(BaseSchema):
    type = fields.String(
        required=True,
        validate=validate.OneOf(("national", "regional", "sectoral")),
        metadata={"description": "`national`; `regional` (in the `areas` named); `sectoral` (in the `sectors` named, "
                  "e.g. the US colour code's aviation level)."},
    )  # fmt: skip
    areas = fields.List(fields.String(validate=AREA), load_default=list, metadata={"description": "ISO 3166-2."})
    sectors = fields.List(
        fields.String(validate=SLUG),
        metadata={"description": "Sectors of a `sectoral` change (lower-case slugs such as `aviation`); only there."},
    )

    @validates_schema
    def areas_match_type(self, data, **kwargs):
        if data["type"] == "regional" and not data.get("areas"):
            raise ValidationError("A regional change names its areas (ISO 3166-2).", "areas")
        if data["type"] != "regional" and data.get("areas"):
            raise ValidationError(f"A {data['type']} change has no areas.", "areas")
        if data["type"] == "sectoral" and not data.get("sectors"):
            raise ValidationError("A sectoral change names its sectors (e.g. aviation).", "sectors")
        if data["type"] != "sectoral" and "sectors" in data:
            raise ValidationError("Only a sectoral change names sectors.", "sectors")


class PersonSchema(BaseSchema):
    name = fields.String(required=True)
    role = fields.String(allow_none=True, metadata={"description": "Office held at the time."})


class JustificationInput(BaseSchema):
    """A quotation, verbatim from its source, or a reported reason."""

    id = fields.String(required=True, validate=SLUG)
    quote = fields.String(required=True, validate=validate.Length(min=1), metadata={"description": "Verbatim."})
    language = fields.String(required=True, validate=LANGUAGE, metadata={"description": "As printed in the source."})
    original_language = fields.String(
        allow_none=True,
        validate=LANGUAGE,
        metadata={"description": "Language it was said in, if the source translated."},
    )
    speaker = fields.String(required=True)
    speaker_role = fields.String(allow_none=True, metadata={"description": "Office held at the time."})
    medium = fields.String(required=True, validate=validate.OneOf(MEDIA))
    said_date = fields.Date(allow_none=True)
    source_id = fields.String(
        required=True, validate=SLUG, metadata={"description": "The source the quotation is verbatim from."}
    )
    notes = fields.String(allow_none=True)


class MeasureInput(BaseSchema):
    id = fields.String(required=True, validate=SLUG)
    description = Bilingual(required=True)
    quantity = fields.Integer(allow_none=True, validate=validate.Range(min=0, max=INT_MAX))
    unit = fields.String(allow_none=True)
    source_ids = source_ids(required=True, validate=validate.Length(min=1))


class ChangeInput(BaseSchema):
    """A change as curators write it (seed file or request body); `direction` is derived, never written."""

    id = fields.String(required=True, validate=SLUG, metadata={"example": "fr-vigipirate-2024-03-24"})
    system = fields.String(required=True, validate=SLUG)
    from_level = fields.String(required=True, allow_none=True, validate=SLUG)
    to_level = fields.String(required=True, validate=SLUG)
    scope = fields.Nested(ScopeSchema, required=True)
    decided_date = fields.Date(allow_none=True)
    announced_date = fields.Date(allow_none=True)
    announced_at = OffsetDateTime(allow_none=True)
    effective_date = fields.Date(required=True, metadata={"description": "Local date in the system's time zone."})
    effective_at = OffsetDateTime(allow_none=True)
    announced_by = fields.Nested(PersonSchema, allow_none=True)
    summary = Bilingual(required=True)
    triggers = fields.List(fields.String(validate=SLUG), load_default=list)
    justifications = fields.List(fields.Nested(JustificationInput), load_default=list)
    measures = fields.List(fields.Nested(MeasureInput), load_default=list)
    source_ids = source_ids(required=True, validate=validate.Length(min=1))
    variants = fields.List(fields.Nested(VariantSchema), load_default=list)
    notes = fields.String(allow_none=True)


class JustificationSchema(JustificationInput):
    """A justification as the API returns it."""


class MeasureSchema(MeasureInput):
    """A measure as the API returns it."""

    description = LocalText(required=True)


class JustificationRecordSchema(JustificationSchema):
    """A justification on its own, with the change it belongs to (it is versioned with that change)."""

    change = fields.String(required=True, attribute="change_id", metadata={"example": "fr-vigipirate-2024-03-24"})


class MeasureRecordSchema(MeasureSchema):
    """A measure on its own, with the change it belongs to (it is versioned with that change)."""

    change = fields.String(required=True, attribute="change_id")


class JustificationReadSchema(JustificationRecordSchema, Envelope):
    """A justification as `GET /v1/justifications/{id}` answers it."""


class MeasureReadSchema(MeasureRecordSchema, Envelope):
    """A measure as `GET /v1/measures/{id}` answers it."""


class ChangeSchema(BaseSchema):
    """A change as the API returns it, with everything that supports it."""

    id = fields.String(required=True)
    system = fields.String(required=True, attribute="system_id")
    from_level = fields.Nested(LevelRefSchema, allow_none=True, required=True)
    to_level = fields.Nested(LevelRefSchema, required=True)
    direction = fields.String(required=True, validate=validate.OneOf(DIRECTIONS))
    scope = fields.Nested(ScopeSchema, required=True)
    decided_date = fields.Date(allow_none=True)
    announced_date = fields.Date(allow_none=True)
    announced_at = fields.String(allow_none=True)
    effective_date = fields.Date(required=True)
    effective_at = fields.String(allow_none=True)
    announced_by = fields.Nested(PersonSchema, allow_none=True)
    summary = LocalText(allow_none=True)
    triggers = fields.List(fields.Nested(EventRefSchema), required=True)
    justifications = fields.List(fields.Nested(JustificationSchema), required=True, attribute="ordered_justifications")
    measures = fields.List(fields.Nested(MeasureSchema), required=True, attribute="ordered_measures")
    sources = fields.List(fields.Nested(SourceRefSchema), required=True)
    variants = fields.List(fields.Nested(VariantSchema), required=True)
    notes = fields.String(allow_none=True)


def has_a_word(value: str) -> None:
    if not terms(value):
        raise ValidationError('Give at least one word (letters or digits); quote a phrase with "...".')


SORTS = ("effective_date", "-effective_date")


class ChangeListArgs(ListQueryArgs, DateRangeArgs):
    """Query string of GET /v1/changes: filters (all combined with AND), sort, pagination, format, language."""

    system = fields.String(
        validate=SLUG, metadata={"description": "Only this system's changes.", "example": "fr-vigipirate"}
    )
    country = fields.String(
        validate=COUNTRY,
        metadata={"description": "Only systems of this country (ISO 3166-1 alpha-2).", "example": "FR"},
    )
    level = fields.String(
        validate=SLUG, metadata={"description": "Only changes to this level (its code).", "example": "urgence-attentat"}
    )
    direction = fields.String(
        validate=validate.OneOf(DIRECTIONS),
        metadata={"description": "Only raises, lowerings, rescales or initial records.", "example": "raise"},
    )
    area = fields.String(
        validate=AREA,
        metadata={
            "description": "Only changes in force in this area (ISO 3166-2): national changes of its country, and "
            "regional changes that name it.",
            "example": "FR-67",
        },
    )
    event = fields.String(
        validate=SLUG,
        metadata={
            "description": "Only changes this event triggered (its id).",
            "example": "2024-03-22-crocus-city-hall-attack",
        },
    )
    q = fields.String(
        validate=[validate.Length(min=1, max=200), has_a_word],
        metadata={
            "description": "Full text over summaries (fr and en), quotations and their speakers, and the titles of "
            "triggering events. Every word must appear, as a word or the start of one; case and accents do not "
            'matter; "a quoted phrase" must appear as written.',
            "example": "Crocus",
        },
    )
    sort = fields.String(
        load_default="-effective_date",
        validate=validate.OneOf(SORTS),
        metadata={"description": "`-effective_date` (newest first, the default) or `effective_date`; ties by id."},
    )


class ChangeListSchema(Page):
    items = fields.List(fields.Nested(ChangeSchema), required=True)


class ChangeRecordSchema(ChangeSchema, Envelope):
    """One change, as `GET /v1/changes/{id}` answers it."""
