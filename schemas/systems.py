"""Systems (national alert schemes), their scales and levels, and the current level."""

import zoneinfo

from marshmallow import ValidationError, fields, validate, validates, validates_schema

from schemas.base import COUNTRY, SLUG, BaseSchema, Bilingual, CountryCode, Multilingual, source_ids
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
    name = Multilingual(required=True)
    colour = fields.String(required=True)
    severity = fields.Float(required=True)


class LevelSchema(LevelRefSchema):
    scale = fields.String(required=True, attribute="scale_id", metadata={"description": "Id of the level's scale."})
    description = Multilingual(allow_none=True)


class ScaleSchema(BaseSchema):
    id = fields.String(required=True)
    name = Multilingual(required=True)
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)
    source_ids = fields.List(fields.String(), required=True)


class SystemSchema(BaseSchema):
    """A system as the API returns it: its scales, and every level of every scale."""

    id = fields.String(required=True)
    country = fields.String(required=True)
    name = Multilingual(required=True)
    authority = Multilingual(required=True)
    time_zone = fields.String(required=True)
    reviewed_through = fields.Date(required=True)
    description = Multilingual(allow_none=True)
    source_ids = fields.List(fields.String(), required=True)
    scales = fields.List(fields.Nested(ScaleSchema), required=True, attribute="ordered_scales")
    levels = fields.List(fields.Nested(LevelSchema), required=True, attribute="ordered_levels")


class SystemListArgs(BaseSchema):
    """Query string of GET /v1/systems."""

    country = CountryCode(
        metadata={"description": "Only this country's systems (ISO 3166-1 alpha-2).", "example": "GB"}
    )


class SystemListSchema(BaseSchema):
    items = fields.List(fields.Nested(SystemSchema), required=True)
    total = fields.Integer(required=True)
    dataset_revision = fields.Integer(required=True)


class JustificationBriefSchema(BaseSchema):
    quote = fields.String(required=True)
    speaker = fields.String(required=True)
    speaker_role = fields.String(allow_none=True)
    source_id = fields.String(required=True)


class CurrentSchema(BaseSchema):
    """The national level in force now, since when, the change that set it, why, and its sources."""

    system = fields.String(required=True, metadata={"example": "fr-vigipirate"})
    level = fields.Nested(LevelRefSchema, required=True)
    since = fields.Date(required=True, metadata={"description": "Local date the level took effect."})
    since_at = fields.String(
        allow_none=True, metadata={"description": "Instant with offset, when the minute is known."}
    )
    change_id = fields.String(required=True)
    direction = fields.String(required=True)
    summary = Bilingual(allow_none=True)
    justification = fields.Nested(JustificationBriefSchema, allow_none=True)
    sources = fields.List(fields.Nested(SourceRefSchema), required=True)
    reviewed_through = fields.Date(
        required=True, metadata={"description": "Curators checked the record up to this date."}
    )
    dataset_revision = fields.Integer(required=True)
