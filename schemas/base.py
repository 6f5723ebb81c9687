"""BaseSchema and the fields every resource shares: bilingual text, identifiers, offsets, variants."""

import datetime
import re

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

SLUG = validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", error="Must be lowercase letters, digits and single hyphens.")
COUNTRY = validate.Regexp(r"^[A-Z]{2}$", error="Must be an ISO 3166-1 alpha-2 code such as FR.")
AREA = validate.Regexp(r"^[A-Z]{2}-[A-Z0-9]{1,3}$", error="Must be an ISO 3166-2 code such as FR-67.")
LANGUAGE = validate.Regexp(r"^[a-z]{2}$", error="Must be an ISO 639-1 code such as fr.")


class BaseSchema(Schema):
    """Unknown fields are errors, everywhere: a typo in a seed file or a body never passes silently."""

    class Meta:
        unknown = RAISE


class TextSchema(BaseSchema):
    """Text in French and English; at least one of the two."""

    fr = fields.String(allow_none=True, validate=validate.Length(min=1), metadata={"description": "French text."})
    en = fields.String(allow_none=True, validate=validate.Length(min=1), metadata={"description": "English text."})

    @validates_schema
    def needs_a_language(self, data, **kwargs):
        if not data.get("fr") and not data.get("en"):
            raise ValidationError("Give the text in French (fr), English (en) or both.", "fr")


EXTRA_LANGUAGES = {"nl": "Dutch", "es": "Spanish", "da": "Danish", "nb": "Norwegian Bokmål", "sv": "Swedish"}


class MultilingualTextSchema(TextSchema):
    """Text in French and English, and in a system's own languages (Dutch, Spanish, Danish, Norwegian Bokmål,
    Swedish) where its authority publishes in them."""

    nl = fields.String(validate=validate.Length(min=1), metadata={"description": "Dutch text, where the source uses it."})
    es = fields.String(validate=validate.Length(min=1), metadata={"description": "Spanish text."})
    da = fields.String(validate=validate.Length(min=1), metadata={"description": "Danish text."})
    nb = fields.String(validate=validate.Length(min=1), metadata={"description": "Norwegian Bokmål text."})
    sv = fields.String(validate=validate.Length(min=1), metadata={"description": "Swedish text."})


class Bilingual(fields.Nested):
    """A {fr, en} text: loaded as a mapping; dumped from a mapping or from a model's `<name>_fr`/`<name>_en`."""

    SCHEMA = TextSchema
    OPTIONAL = ()  # languages dumped only when the record has text in them

    def __init__(self, **kwargs):
        super().__init__(self.SCHEMA, **kwargs)

    def get_value(self, obj, attr, accessor=None, default=fields.missing_):
        if isinstance(obj, dict):
            return obj.get(attr, default)
        return self.text_of(obj, attr)

    @classmethod
    def text_of(cls, obj, attr: str) -> dict | None:
        """A model's `<attr>_fr`, `<attr>_en` (and optional languages, when set) as one mapping; None if all empty."""
        text = {language: getattr(obj, f"{attr}_{language}", None) for language in ("fr", "en")}
        for language in cls.OPTIONAL:
            if (value := getattr(obj, f"{attr}_{language}", None)) is not None:
                text[language] = value
        return None if all(value is None for value in text.values()) else text


class Multilingual(Bilingual):
    """Bilingual text that may also be in a system's own languages: names and descriptions of systems, scales and
    levels."""

    SCHEMA = MultilingualTextSchema
    OPTIONAL = tuple(EXTRA_LANGUAGES)


def split_text(data: dict, name: str, languages: tuple[str, ...] = ("fr", "en")) -> dict:
    """{"name": {"fr": a, "en": b}} -> {"name_fr": a, "name_en": b}, for model columns."""
    text = data.get(name) or {}
    return {f"{name}_{language}": text.get(language) for language in languages}


class OffsetDateTime(fields.String):
    """An instant in ISO 8601 with a UTC offset (2024-03-24T20:30:00+01:00), kept as written."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parsed = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError("Not an ISO 8601 date-time.") from None
        if parsed.tzinfo is None or not re.search(r"(Z|[+-]\d\d:\d\d)$", text):
            raise ValidationError("Give the UTC offset, e.g. 2024-03-24T20:30:00+01:00.")
        return text


class DateOrInstant(fields.String):
    """A day (`2016-03-23`) or an instant with its UTC offset (`2016-03-22T08:00:00+01:00`, `...Z`)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parsed = datetime.date.fromisoformat(text) if len(text) == 10 else datetime.datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                "Give a date (2016-03-23) or a date-time with offset (2016-03-22T09:00:00+01:00)."
            ) from None
        if isinstance(parsed, datetime.datetime) and parsed.tzinfo is None:
            raise ValidationError("Give the UTC offset of the date-time, e.g. 2016-03-22T09:00:00+01:00.")
        day = parsed.date() if isinstance(parsed, datetime.datetime) else parsed
        if not EARLIEST <= day <= LATEST:
            raise ValidationError(f"Out of range: give a date between {EARLIEST} and {LATEST}.")
        return parsed

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.isoformat()


class CountryCode(fields.String):
    """An ISO 3166-1 alpha-2 code, read in either case (`gb` is `GB`)."""

    def __init__(self, **kwargs):
        super().__init__(validate=COUNTRY, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).upper()


class VariantSchema(BaseSchema):
    """What one source said where it differs from the curated fact (a misspelling, a mistranslation, a figure)."""

    field = fields.String(required=True, metadata={"description": "What the variant is about, e.g. `speaker`."})
    value = fields.String(required=True, metadata={"description": "What the source says, verbatim."})
    source_id = fields.String(required=True, validate=SLUG)
    note = fields.String(allow_none=True, metadata={"description": "How it differs from the curated value."})


def source_ids(**kwargs) -> fields.List:
    return fields.List(fields.String(validate=SLUG), **kwargs)


LANGUAGES = ("en", "fr", "es", "da", "nb", "sv", "nl")  # English, French, and the systems' own official languages
FALLBACK = ("en", "fr")  # a text missing in the language asked for: English, else French
FORMATS = ("json", "csv", "ndjson")
EARLIEST, LATEST = datetime.date(1000, 1, 1), datetime.date(9998, 12, 31)
INT_MAX = 2**31 - 1  # the largest integer a column holds (PostgreSQL `integer`)


class QueryArgs(BaseSchema):
    """Parameters every operation accepts: the language of names and summaries."""

    lang = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={
            "description": "Language of names and summaries (`text` members, `Content-Language`): `en`, `fr`, "
            "`es`, `da`, `nb`, `sv` or `nl`. Wins over `Accept-Language`; without either, `en`. A text the record "
            "lacks in that language is given in English (else French), and its `lang` says so.",
            "example": "fr",
        },
    )


class ListQueryArgs(QueryArgs):
    """Pagination and formats shared by every list: a page size, an opaque cursor from a `Link` header, a format."""

    limit = fields.Integer(
        validate=validate.Range(min=1, max=500),
        metadata={
            "description": "Items per page (1-500). JSON pages default to 50; CSV and NDJSON exports are whole "
            "(every matching record, streamed) unless `limit` is given.",
            "example": 50,
        },
    )
    cursor = fields.String(
        validate=validate.Length(max=1000),
        metadata={"description": "Opaque position from a `Link` header (`next` or `prev`); made by this API only."},
    )
    format = fields.String(
        validate=validate.OneOf(FORMATS),
        metadata={"description": "`json`, `csv` or `ndjson`; wins over the `Accept` header.", "example": "csv"},
    )

    @classmethod
    def filters(cls, args: dict) -> dict:
        """The filters among loaded arguments: every parameter a list declares beyond those of every list (language,
        page size, cursor, format) and its sort order. A filter declared in a list's args reaches its model's
        `matching` with no other edit in the view."""
        return {name: value for name, value in args.items() if name not in NOT_FILTERS}



class Day(fields.Date):
    """A calendar date (YYYY-MM-DD) between the years 1000 and 9998, with a message that says the form."""

    default_error_messages = {"invalid": "Not a valid date: give YYYY-MM-DD, e.g. 2020-11-01."}

    def _deserialize(self, value, attr, data, **kwargs):
        day = super()._deserialize(value, attr, data, **kwargs)
        if not EARLIEST <= day <= LATEST:
            raise ValidationError(f"Out of range: give a date between {EARLIEST} and {LATEST}.")
        return day


NOT_FILTERS = {*ListQueryArgs._declared_fields, "sort"}


class DateRangeArgs(BaseSchema):
    """`from` and `to`: an inclusive range of local dates, never reversed."""

    date_from = Day(
        data_key="from", metadata={"description": "On or after this date (YYYY-MM-DD).", "example": "2020-01-01"}
    )
    date_to = Day(
        data_key="to", metadata={"description": "On or before this date (YYYY-MM-DD).", "example": "2024-12-31"}
    )

    @validates_schema
    def range_is_not_reversed(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(f"Must be on or after from ({data['date_from']}): the range is reversed.", "to")


class DateOrDateTime(fields.String):
    """A local date (the end of that day) or an instant (ISO 8601; without an offset, the system's local time)."""

    message = "Give a date (2020-11-01) or a date-time (2020-11-01T12:00:00+01:00)."

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parsed = (
                datetime.date.fromisoformat(text)
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)
                else datetime.datetime.fromisoformat(text)
            )
        except ValueError:
            raise ValidationError(self.message) from None
        if isinstance(parsed, datetime.datetime) and (
            "T" not in text.upper() or not EARLIEST <= parsed.date() <= LATEST
        ):
            raise ValidationError(self.message + f" Dates between {EARLIEST} and {LATEST}.")
        if not isinstance(parsed, datetime.datetime) and not EARLIEST <= parsed <= LATEST:
            raise ValidationError(f"Out of range: give a date between {EARLIEST} and {LATEST}.")
        return parsed


class LocalTextSchema(BaseSchema):
    """Text in French and English (a system's own languages too for some names), and the one chosen by `lang` /
    `Accept-Language` (English, else French, when it is missing)."""

    fr = fields.String(allow_none=True, metadata={"description": "French text."})
    en = fields.String(allow_none=True, metadata={"description": "English text."})
    nl = fields.String(metadata={"description": "Dutch text, where the source uses it (names of some systems)."})
    es = fields.String(metadata={"description": "Spanish text (names of some systems)."})
    da = fields.String(metadata={"description": "Danish text (names of some systems)."})
    nb = fields.String(metadata={"description": "Norwegian Bokmål text (names of some systems)."})
    sv = fields.String(metadata={"description": "Swedish text (names of some systems)."})
    text = fields.String(
        required=True, metadata={"description": "The text in the answer's language, else in English, else in French."}
    )
    lang = fields.String(
        required=True, validate=validate.OneOf(LANGUAGES), metadata={"description": "The language of `text`."}
    )


class LocalText(fields.Nested):
    """A text as the API returns it: {fr, en} (and `nl` where `multilingual` and set), with `text` and `lang`
    chosen for this answer."""

    def __init__(self, multilingual: bool = False, **kwargs):
        self.source = Multilingual if multilingual else Bilingual
        super().__init__(LocalTextSchema, **kwargs)

    def get_value(self, obj, attr, accessor=None, default=fields.missing_):
        texts = obj.get(attr, default) if isinstance(obj, dict) else self.source.text_of(obj, attr)
        return localized(texts, answer_language()) if isinstance(texts, dict) else texts


def answer_language() -> str:
    """The language of the answer being dumped. The application chooses it per request and says how once, at import
    (api/http/language.py `response_language`), through `choose_language_with`: schemas know no request."""
    return LANGUAGE_CHOOSER[0]()


LANGUAGE_CHOOSER = [lambda: "en"]


def choose_language_with(chooser) -> None:
    LANGUAGE_CHOOSER[0] = chooser


def localized(texts: dict, lang: str) -> dict | None:
    """The texts ({fr, en}, maybe nl, es, ...) with `text` and `lang`: the text in `lang`, else in English, else in
    French; None when there is neither English nor French."""
    if texts.get("fr") is None and texts.get("en") is None:
        return None
    chosen = next(code for code in (lang, *FALLBACK) if texts.get(code) is not None)
    return {**texts, "text": texts[chosen], "lang": chosen}


class Envelope(BaseSchema):
    """Members of every top-level JSON object: what answered it, and in which language."""

    dataset_revision = fields.Integer(
        required=True,
        metadata={"description": "The dataset revision this answer was built from: cite it.", "example": 64},
    )
    lang = fields.String(
        required=True,
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "Language chosen for `text` members (also in `Content-Language`).", "example": "en"},
    )


class Page(Envelope):
    """A page of a keyset walk (`items` in each list schema)."""

    total = fields.Integer(
        metadata={
            "description": "How many records match. On the first page only (a request without `cursor`): counting "
            "reads every match, in time that grows with them, while any later page costs what the first does. "
            "`first` in the `Link` header leads back to it."
        }
    )


def error_pointers(messages, prefix: str = "") -> list[tuple[str, str]]:
    """Flatten marshmallow's nested error messages into (JSON pointer, message) pairs, in document order."""
    if isinstance(messages, dict):
        pairs = []
        for key, value in messages.items():
            pairs.extend(error_pointers(value, f"{prefix}/{key}"))
        return pairs
    if isinstance(messages, list) and all(isinstance(item, str) for item in messages):
        return [(prefix or "/", message) for message in messages]
    if isinstance(messages, list):
        return [pair for item in messages for pair in error_pointers(item, prefix)]
    return [(prefix or "/", str(messages))]
