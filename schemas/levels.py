"""The cross-system view: the level in force in each system at one instant, side by side on the normalised severity."""

from marshmallow import fields, validate

from schemas.base import SLUG, BaseSchema, CountryCode, DateOrInstant, Envelope, LocalText, QueryArgs
from schemas.systems import ORDER_KNOWN, SAME_DAY, LevelRefSchema, SameDaySchema

STATUSES = ("in-force", "before-record", "unreviewed")


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


class RegionalLevelSchema(BaseSchema):
    """A level in force in some areas only (a regional change), different from the national one."""

    areas = fields.List(fields.String(), required=True, metadata={"description": "ISO 3166-2 codes."})
    level = fields.Nested(LevelRefSchema, required=True)
    since = fields.Date(required=True)
    since_at = fields.String(allow_none=True)
    change_id = fields.String(required=True)


class SystemLevelSchema(BaseSchema):
    """One system's row: its national level at the instant asked, or null before its record starts."""

    system = fields.String(required=True, validate=validate.Regexp(SLUG.regex), metadata={"example": "gb-threat-level"})
    country = fields.String(required=True)
    name = LocalText(multilingual=True, required=True)
    status = fields.String(
        required=True,
        validate=validate.OneOf(STATUSES),
        metadata={
            "description": "`in-force`: the level in force, within the reviewed record. `before-record`: the instant "
            "is before the system's first recorded change; `level` is null. `unreviewed`: the instant is after "
            "`reviewed_through`; `level` is the last one recorded, which may since have changed."
        },
    )
    level = fields.Nested(LevelRefSchema, allow_none=True, required=True)
    since = fields.Date(allow_none=True, required=True, metadata={"description": "Local date the level took effect."})
    since_at = fields.String(
        allow_none=True, metadata={"description": "Instant with offset, when the minute is known."}
    )
    change_id = fields.String(allow_none=True, required=True)
    record_starts = fields.Date(allow_none=True, required=True, metadata={"description": "First recorded change."})
    reviewed_through = fields.Date(required=True)
    regional = fields.List(
        fields.Nested(RegionalLevelSchema),
        required=True,
        metadata={"description": "Areas at another level than the national one at that instant."},
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
