"""Systems (national alert schemes), their scales and levels, and the current level."""

import zoneinfo

from marshmallow import ValidationError, fields, validate, validates, validates_schema

from schemas.base import (
    AREA,
    COUNTRY,
    FORMATS,
    SLUG,
    BaseSchema,
    CountryCode,
    DateOrDateTime,
    DateRangeArgs,
    Day,
    Envelope,
    LocalText,
    Multilingual,
    QueryArgs,
    source_ids,
)
from schemas.sources import SourceRefSchema

COLOUR = validate.Regexp(r"^#[0-9a-f]{6}$", error="Must be a lowercase hex colour such as #c1121f.")


class LevelInput(BaseSchema):
    code = fields.String(required=True, validate=SLUG, metadata={"example": "urgence-attentat"})
    rank = fields.Integer(required=True, validate=validate.Range(min=1), metadata={"description": "1 = lowest."})
    name = Multilingual(required=True)
    colour = fields.String(required=True, validate=COLOUR)
    severity = fields.Float(
        required=True, validate=validate.Range(min=0, max=1), metadata={"description": "Normalised, in [0, 1]."}
    )
    description = Multilingual(allow_none=True)


class ScaleInput(BaseSchema):
    id = fields.String(required=True, validate=SLUG)
    name = Multilingual(required=True)
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)
    source_ids = source_ids(load_default=list)
    levels = fields.List(fields.Nested(LevelInput), required=True, validate=validate.Length(min=1))

    @validates_schema
    def ranks_and_codes_are_unique(self, data, **kwargs):
        for key in ("rank", "code"):
            values = [level[key] for level in data.get("levels", [])]
            if len(values) != len(set(values)):
                raise ValidationError(f"Each level of a scale needs its own {key}.", "levels")


class SystemInput(BaseSchema):
    """A system as curators write it: one seed file with its scales and levels."""

    id = fields.String(required=True, validate=SLUG, metadata={"example": "fr-vigipirate"})
    country = fields.String(required=True, validate=COUNTRY)
    name = Multilingual(required=True)
    authority = Multilingual(required=True)
    time_zone = fields.String(required=True, metadata={"description": "IANA time zone.", "example": "Europe/Paris"})
    reviewed_through = fields.Date(required=True)
    ended_date = fields.Date(
        allow_none=True,
        metadata={"description": "The first local date on which the system no longer applied (replaced by another "
                  "scheme); null while it is in force."},
    )  # fmt: skip
    description = Multilingual(allow_none=True)
    source_ids = source_ids(load_default=list)
    scales = fields.List(fields.Nested(ScaleInput), required=True, validate=validate.Length(min=1))

    @validates("time_zone")
    def known_time_zone(self, value, **kwargs):
        if value not in zoneinfo.available_timezones():
            raise ValidationError("Not an IANA time zone name such as Europe/Paris.")

    @validates_schema
    def codes_unique_in_system(self, data, **kwargs):
        codes = [level["code"] for scale in data.get("scales", []) for level in scale["levels"]]
        if len(codes) != len(set(codes)):
            raise ValidationError("Level codes must be unique across all scales of a system.", "scales")


class LevelRefSchema(BaseSchema):
    """A level as embedded in other records."""

    code = fields.String(required=True)
    rank = fields.Integer(required=True)
    name = LocalText(multilingual=True, required=True)
    colour = fields.String(required=True)
    severity = fields.Float(required=True)


class LevelSchema(LevelRefSchema):
    scale = fields.String(required=True, attribute="scale_id", metadata={"description": "Id of the level's scale."})
    description = LocalText(multilingual=True, allow_none=True)


class ScaleSchema(BaseSchema):
    id = fields.String(required=True)
    name = LocalText(multilingual=True, required=True)
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)
    source_ids = fields.List(fields.String(), required=True)


class SystemSchema(BaseSchema):
    """A system as the API returns it: its scales, and every level of every scale."""

    id = fields.String(required=True)
    country = fields.String(required=True)
    name = LocalText(multilingual=True, required=True)
    authority = LocalText(multilingual=True, required=True)
    time_zone = fields.String(required=True)
    reviewed_through = fields.Date(required=True)
    ended_date = fields.Date(
        allow_none=True, metadata={"description": "The first local date on which the system no longer applied."}
    )
    description = LocalText(multilingual=True, allow_none=True)
    source_ids = fields.List(fields.String(), required=True)
    scales = fields.List(fields.Nested(ScaleSchema), required=True, attribute="ordered_scales")
    levels = fields.List(fields.Nested(LevelSchema), required=True, attribute="ordered_levels")


class SystemListArgs(QueryArgs):
    """Query string of GET /v1/systems."""

    country = CountryCode(
        metadata={"description": "Only this country's systems (ISO 3166-1 alpha-2).", "example": "GB"}
    )


class SystemListSchema(Envelope):
    items = fields.List(fields.Nested(SystemSchema), required=True)
    total = fields.Integer(required=True)


class SystemRecordSchema(SystemSchema, Envelope):
    """One system, as `GET /v1/systems/{system}` answers it."""


class JustificationBriefSchema(BaseSchema):
    quote = fields.String(required=True)
    speaker = fields.String(required=True)
    speaker_role = fields.String(allow_none=True)
    source_id = fields.String(required=True)


class CurrentSchema(Envelope):
    """The national level in force now, since when, the change that set it, why, and its sources."""

    system = fields.String(required=True, metadata={"example": "fr-vigipirate"})
    level = fields.Nested(LevelRefSchema, required=True)
    since = fields.Date(required=True, metadata={"description": "Local date the level took effect."})
    since_at = fields.String(
        allow_none=True, metadata={"description": "Instant with offset, when the minute is known."}
    )
    change_id = fields.String(required=True)
    direction = fields.String(required=True)
    summary = LocalText(allow_none=True)
    justification = fields.Nested(JustificationBriefSchema, allow_none=True)
    sources = fields.List(fields.Nested(SourceRefSchema), required=True)
    reviewed_through = fields.Date(
        required=True, metadata={"description": "Curators checked the record up to this date."}
    )


AREA_ARG = fields.String(
    validate=AREA,
    metadata={
        "description": "An area (ISO 3166-2): the level there, where regional changes exist (national changes apply "
        "everywhere; a regional change applies in the areas it names until the next change that covers them).",
        "example": "FR-67",
    },
)


class LevelAtArgs(QueryArgs):
    """Query string of GET /v1/systems/{system}/level."""

    at = DateOrDateTime(
        required=True,
        metadata={
            "description": "A local date (YYYY-MM-DD: the level at the end of that day in the system's time zone) or "
            "an instant (ISO 8601 date-time; with its offset, or else read as the system's local time).",
            "example": "2020-11-01",
        },
    )
    area = AREA_ARG


class SameDaySchema(BaseSchema):
    """A change that took effect on the local day asked about, when that day holds several."""

    change_id = fields.String(required=True)
    scope = fields.Dict(required=True, metadata={"description": "`type` and `areas` (or `sectors`), as on the change."})
    level = fields.Nested(LevelRefSchema, required=True, metadata={"description": "The level it set."})
    since_at = fields.String(allow_none=True, metadata={"description": "Instant it took effect, when known."})


SAME_DAY = {
    "description": "Every change that took effect on the local day of `at`, in recorded order, when that day holds "
    "more than one (else empty): a day with two changes shows both states, even when the hours are not known and the "
    "answer's level is the last of them."
}
ORDER_KNOWN = {
    "description": "False when `same_day` holds a change known only to the day: which of its levels held at a given "
    "hour of that day is then not known (each is read as in force from 00:00, so the answer gives the last recorded)."
}


class LevelAtSchema(Envelope):
    """The level in force at an instant, the change that set it, and how long it lasted."""

    system = fields.String(required=True, metadata={"example": "fr-vigipirate"})
    at = fields.String(
        required=True,
        metadata={
            "description": "What was asked: a date (the end of that local day), or the instant with its offset.",
            "example": "2020-11-01",
        },
    )
    area = fields.String(allow_none=True, metadata={"description": "The area asked about; null: national."})
    level = fields.Nested(LevelRefSchema, required=True)
    change_id = fields.String(required=True, metadata={"example": "fr-vigipirate-2020-10-29"})
    since = fields.Date(required=True, metadata={"description": "Local date the level took effect."})
    since_at = fields.String(allow_none=True, metadata={"description": "Instant it took effect, when known."})
    until = fields.Date(
        allow_none=True, metadata={"description": "Local date the next change took effect; null while in force."}
    )
    until_at = fields.String(allow_none=True, metadata={"description": "Instant of the next change, when known."})
    reviewed_through = fields.Date(
        required=True, metadata={"description": "Curators checked the record up to this date."}
    )
    provisional = fields.Boolean(
        required=True,
        metadata={
            "description": "True when `at` falls after `reviewed_through`: the answer is what was known, not checked."
        },
    )
    same_day = fields.List(fields.Nested(SameDaySchema), required=True, metadata=SAME_DAY)
    order_known = fields.Boolean(required=True, metadata=ORDER_KNOWN)


class TimelineArgs(QueryArgs, DateRangeArgs):
    """Query string of GET /v1/systems/{system}/timeline."""

    date_from = Day(
        data_key="from",
        metadata={
            "description": "First day of the range (YYYY-MM-DD, inclusive); default: the day the record starts.",
            "example": "2016-12-01",
        },
    )
    date_to = Day(
        data_key="to",
        metadata={
            "description": "Last day of the range (inclusive); default: today in the system's time zone.",
            "example": "2024-08-11",
        },
    )
    area = AREA_ARG
    format = fields.String(
        validate=validate.OneOf(FORMATS),
        metadata={"description": "`json`, `csv` (one row per period) or `ndjson`; wins over `Accept`."},
    )


class PeriodSchema(BaseSchema):
    """Days at one level: from `start` (inclusive) to `end` (exclusive), clipped to the range asked for."""

    start = fields.Date(required=True, metadata={"description": "First day (the change's date, or `from`)."})
    end = fields.Date(
        allow_none=True,
        metadata={
            "description": "The day after the last day: the next change's date, or the day after `to` when the range "
            "ends first; null while the level is still in force (no later change recorded)."
        },
    )
    start_at = fields.String(allow_none=True, metadata={"description": "Instant the change took effect, if known."})
    end_at = fields.String(allow_none=True, metadata={"description": "Instant the next change took effect, if known."})
    level = fields.Nested(LevelRefSchema, required=True)
    duration_days = fields.Integer(
        required=True,
        metadata={"description": "Days of the range in the period (to the end of the range while still in force)."},
    )
    change_id = fields.String(required=True, metadata={"example": "fr-vigipirate-2024-03-24"})


class LevelDaysSchema(BaseSchema):
    level = fields.Nested(LevelRefSchema, required=True)
    days = fields.Integer(required=True)
    share = fields.Float(required=True, metadata={"description": "days / total_days, rounded to 4 decimals."})


class TimelineSchema(Envelope):
    """Contiguous periods that tile the range, and the days spent at each level."""

    system = fields.String(required=True, metadata={"example": "fr-vigipirate"})
    area = fields.String(allow_none=True, metadata={"description": "The area asked about; null: national."})
    date_from = fields.Date(required=True, data_key="from", metadata={"description": "First day of the range."})
    date_to = fields.Date(required=True, data_key="to", metadata={"description": "Last day of the range."})
    total_days = fields.Integer(required=True, metadata={"description": "Days in the range, both ends included."})
    periods = fields.List(fields.Nested(PeriodSchema), required=True)
    summary = fields.List(
        fields.Nested(LevelDaysSchema),
        required=True,
        metadata={"description": "Days at each level over the range, in order of first appearance."},
    )
    reviewed_through = fields.Date(
        required=True, metadata={"description": "Days after it are counted from what was known, not checked."}
    )
