"""The cross-system view: the level in force in each system at one instant, side by side on the normalised severity."""

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.base import (
    FORMATS,
    SLUG,
    BaseSchema,
    CountryCode,
    DateOrInstant,
    DateRangeArgs,
    Day,
    Envelope,
    ListQueryArgs,
    LocalText,
    QueryArgs,
)
from schemas.systems import (
    ORDER_KNOWN,
    SAME_DAY,
    LevelRefSchema,
    RegionalLevelSchema,
    SameDaySchema,
    SectoralLevelSchema,
)

STATUSES = ("in-force", "before-record", "unreviewed", "ended")
STATUS_DESCRIPTION = (
    "`in-force`: the level in force, within the reviewed record. `before-record`: before the system's first recorded "
    "change; `level` is null. `unreviewed`: after `reviewed_through`; `level` is the last one recorded, which may "
    "since have changed. `ended`: on or after the system's `ended_date` (in its time zone), when the system no longer "
    "applied (replaced by another scheme); `level` and `change_id` are null."
)


class LevelsArgs(QueryArgs):
    """Query string of GET /v1/levels."""

    at = DateOrInstant(
        metadata={
            "description": "A day (the level at the end of that day in each system's time zone) or an instant with its "
            "UTC offset. Default: now.",
            "example": "2016-03-23",
        }
    )
    country = CountryCode(metadata={"description": "Only this country's systems (ISO 3166-1 alpha-2)."})
    format = fields.String(
        validate=validate.OneOf(FORMATS),
        metadata={"description": "`json`, `csv` (one row per system) or `ndjson`; wins over `Accept`."},
    )


class SystemLevelSchema(BaseSchema):
    """One system's row: its national level at the instant asked, or null before its record starts."""

    at = fields.String(
        required=True, metadata={"description": "The day or instant asked about (the answer's `at`, on every row)."}
    )
    system = fields.String(required=True, validate=validate.Regexp(SLUG.regex), metadata={"example": "gb-threat-level"})
    country = fields.String(required=True)
    name = LocalText(multilingual=True, required=True)
    status = fields.String(
        required=True,
        validate=validate.OneOf(STATUSES),
        metadata={"description": STATUS_DESCRIPTION},
    )
    level = fields.Nested(LevelRefSchema, allow_none=True, required=True)
    since = fields.Date(allow_none=True, required=True, metadata={"description": "Local date the level took effect."})
    since_at = fields.String(
        allow_none=True, metadata={"description": "Instant with offset, when the minute is known."}
    )
    change_id = fields.String(allow_none=True, required=True)
    record_starts = fields.Date(allow_none=True, required=True, metadata={"description": "First recorded change."})
    reviewed_through = fields.Date(required=True)
    ended_date = fields.Date(
        allow_none=True,
        required=True,
        metadata={"description": "The first local date on which the system no longer applied; null while in force."},
    )
    regional = fields.List(
        fields.Nested(RegionalLevelSchema),
        required=True,
        metadata={"description": "Areas at another level than the national one at that instant."},
    )
    sectoral = fields.List(
        fields.Nested(SectoralLevelSchema),
        required=True,
        metadata={"description": "Sectors (e.g. aviation) at another level than the national one at that instant."},
    )
    same_day = fields.List(fields.Nested(SameDaySchema), required=True, metadata=SAME_DAY)
    order_known = fields.Boolean(required=True, metadata=ORDER_KNOWN)


class LevelsSchema(Envelope):
    """The level in each system at one instant."""

    at = fields.String(
        required=True,
        metadata={
            "description": "The day or instant asked about. Without `at` in the request, the instant this answer was "
            "made (to the second): the same answer, with the same `at`, is served until the level could next change "
            "in one of the systems (its local midnight, or a change known to the minute)."
        },
    )
    items = fields.List(fields.Nested(SystemLevelSchema), required=True)
    total = fields.Integer(required=True)


DAILY_MAX_DAYS = 20_000  # about 54 years a request: every system's whole record, at most 20,000 rows per system


class SystemIds(fields.String):
    """System ids separated by commas (`fr-vigipirate,gb-threat-level`), read as a sorted list without repeats."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        ids = [part.strip() for part in text.split(",")]
        wrong = [part for part in ids if not SLUG.regex.match(part)]
        if wrong:
            raise ValidationError(
                f"Give system ids separated by commas, e.g. fr-vigipirate,gb-threat-level (not {wrong[0]!r})."
            )
        return sorted(set(ids))


class DailyArgs(ListQueryArgs, DateRangeArgs):
    """Query string of GET /v1/levels/daily."""

    date_from = Day(
        data_key="from",
        required=True,
        metadata={"description": "First day of the panel (YYYY-MM-DD, inclusive).", "example": "2016-03-20"},
    )
    date_to = Day(
        data_key="to",
        required=True,
        metadata={
            "description": f"Last day of the panel (inclusive); at most {DAILY_MAX_DAYS:,} days from `from` "
            "(both included). Days after a system's `reviewed_through` are `unreviewed`.",
            "example": "2016-03-26",
        },
    )
    system = SystemIds(
        metadata={
            "description": "Only these systems: ids separated by commas (not a repeated parameter). Default: all.",
            "example": "be-ocam,fr-vigipirate",
        }
    )

    @validates_schema
    def range_is_bounded(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to"):
            days = (data["date_to"] - data["date_from"]).days + 1
            if days > DAILY_MAX_DAYS:
                raise ValidationError(
                    f"At most {DAILY_MAX_DAYS:,} days from `from` (got {days:,}): split the range.", "to"
                )


class DayRowSchema(BaseSchema):
    """One system on one day: its national level at the end of that local day, flat as in the CSV."""

    system = fields.String(required=True, metadata={"example": "fr-vigipirate"})
    date = fields.Date(required=True, metadata={"description": "A local date, in the system's time zone."})
    level = fields.String(
        allow_none=True, required=True, metadata={"description": "Level code; null unless `in-force` or `unreviewed`."}
    )
    rank = fields.Integer(
        allow_none=True, required=True, metadata={"description": "Rank within its scale (1 = lowest)."}
    )
    scale = fields.String(allow_none=True, required=True, metadata={"description": "Id of the level's scale."})
    severity = fields.Float(
        allow_none=True,
        required=True,
        metadata={"description": "rank / number of levels of its scale, 4 decimals (see the level's `severity`)."},
    )
    status = fields.String(
        required=True, validate=validate.OneOf(STATUSES), metadata={"description": STATUS_DESCRIPTION}
    )
    change_id = fields.String(
        allow_none=True, required=True, metadata={"description": "The national change that set the level."}
    )


class DailyListSchema(Envelope):
    """A page of the daily panel: rows ordered by system id, then date."""

    items = fields.List(fields.Nested(DayRowSchema), required=True)
    total = fields.Integer(
        required=True, metadata={"description": "Rows of the whole panel: systems x days (cheap: on every page)."}
    )
