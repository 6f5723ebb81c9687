"""Embeds: the query strings of the embed forms, the display JSON the widget renders, shields.io and oEmbed."""

from marshmallow import fields, validate

from schemas.base import LANGUAGES, SLUG, BaseSchema

ALIASES = {"no": "nb"}  # Norwegian without a written standard: Bokmål, which PST publishes in


class EmbedLanguage(fields.String):
    """The language of an embed: one of LANGUAGES (a BCP 47 tag's primary subtag, in any case: `es-ES`, `NL`), and
    English for any other value, since an embed pasted into a page with a wrong `lang` must still show the level
    rather than an error."""

    def _deserialize(self, value, attr, data, **kwargs):
        primary = super()._deserialize(value, attr, data, **kwargs).split("-")[0].split("_")[0].lower()
        lang = ALIASES.get(primary, primary)
        return lang if lang in LANGUAGES else "en"


LANG = EmbedLanguage(
    load_default="en",
    metadata={
        "description": "Language of the texts: "
        + ", ".join(f"`{code}`" for code in LANGUAGES)
        + " (a region such as `es-ES` is ignored; `no` is `nb`). Any other value gives English, never an error. A "
        "text the record lacks in that language is in English (else French), and says so with its `lang`.",
        "example": "es",
    },
)


class BadgeArgs(BaseSchema):
    """Query string of the SVG badge, the shields.io JSON and the display JSON."""

    lang = LANG


class EmbedArgs(BadgeArgs):
    """Query string of the iframe page."""

    theme = fields.String(
        load_default="auto",
        validate=validate.OneOf(("auto", "light", "dark")),
        metadata={"description": "`auto` follows the reader's `prefers-color-scheme`."},
    )
    size = fields.String(
        load_default="full",
        validate=validate.OneOf(("compact", "full")),
        metadata={"description": "`compact`: level, since when, why. `full` adds a quotation and its source."},
    )


class PreviewArgs(BadgeArgs):
    """Query string of the preview page."""

    system = fields.String(validate=SLUG, metadata={"description": "The system to preview (default: the first)."})


class FeedArgs(BadgeArgs):
    """Query string of the Atom feeds."""


class LocalisedTextSchema(BaseSchema):
    text = fields.String(required=True, allow_none=True)
    lang = fields.String(
        required=True, metadata={"description": "Language of `text`: English (else French) when it is missing."}
    )


class QuoteSchema(BaseSchema):
    text = fields.Nested(LocalisedTextSchema, required=True, metadata={"description": "Verbatim from its source."})
    speaker = fields.String(required=True)
    speaker_role = fields.String(required=True, allow_none=True)
    source_title = fields.String(required=True)
    source_publisher = fields.String(required=True, allow_none=True)
    source_url = fields.String(required=True, allow_none=True)


class DisplaySchema(BaseSchema):
    """The current level as the embeds show it, with every text already in the language asked for."""

    system = fields.String(required=True, metadata={"example": "fr-vigipirate"})
    lang = fields.String(required=True)
    system_name = fields.Nested(LocalisedTextSchema, required=True)
    level_code = fields.String(required=True)
    level_name = fields.Nested(LocalisedTextSchema, required=True)
    level_rank = fields.Integer(required=True)
    level_count = fields.Integer(required=True, metadata={"description": "Number of levels of the level's scale."})
    rank_text = fields.String(required=True)
    colour = fields.String(required=True, metadata={"example": "#c1121f"})
    text_colour = fields.String(required=True, metadata={"description": "Black or white: at least 4.5:1 on `colour`."})
    since = fields.Date(required=True)
    since_text = fields.String(required=True)
    why = fields.Nested(LocalisedTextSchema, required=True, metadata={"description": "The change's summary."})
    quote = fields.Nested(QuoteSchema, required=True, allow_none=True)
    as_of = fields.Date(required=True, metadata={"description": "Curators checked the record up to this date."})
    as_of_text = fields.String(required=True)
    change_id = fields.String(required=True)
    change_url = fields.String(required=True, metadata={"description": "A page about the change, for readers."})
    embed_url = fields.String(required=True, metadata={"description": "The iframe page for this system."})
    labels = fields.Dict(keys=fields.String(), values=fields.String(), required=True)


class ShieldsSchema(BaseSchema):
    """A shields.io endpoint badge (https://shields.io/badges/endpoint-badge)."""

    schemaVersion = fields.Integer(required=True, metadata={"example": 1})
    label = fields.String(required=True)
    message = fields.String(required=True)
    color = fields.String(required=True, metadata={"description": "Hex without `#`."})
    labelColor = fields.String(required=True)
    cacheSeconds = fields.Integer(required=True)


class OEmbedArgs(BaseSchema):
    """Query string of GET /oembed (oEmbed 1.0)."""

    url = fields.String(required=True, metadata={"description": "An embed page URL of this API."})
    format = fields.String(
        load_default="json",
        validate=validate.OneOf(("json", "xml")),
        metadata={"description": "`json`; `xml` answers 501, as oEmbed allows."},
    )
    maxwidth = fields.Integer(validate=validate.Range(min=1))
    maxheight = fields.Integer(validate=validate.Range(min=1))


class OEmbedSchema(BaseSchema):
    """An oEmbed 1.0 `rich` response."""

    type = fields.String(required=True, metadata={"example": "rich"})
    version = fields.String(required=True, metadata={"example": "1.0"})
    title = fields.String(required=True)
    provider_name = fields.String(required=True)
    provider_url = fields.String(required=True)
    cache_age = fields.Integer(required=True)
    html = fields.String(required=True, metadata={"description": "An iframe snippet, its attributes escaped."})
    width = fields.Integer(required=True)
    height = fields.Integer(required=True)
