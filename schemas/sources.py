"""Sources: the documents that support facts."""

from marshmallow import fields, validate

from schemas.base import LANGUAGE, SLUG, BaseSchema, Envelope, ListQueryArgs, Page

SOURCE_KINDS = ("official", "news-agency", "newspaper", "news-website", "reference-work")


class SourceInput(BaseSchema):
    """A source as curators write it (seed file or request body)."""

    id = fields.String(required=True, validate=SLUG, metadata={"example": "europe1-2024-03-25-urgence-attentat"})
    kind = fields.String(required=True, validate=validate.OneOf(SOURCE_KINDS))
    publisher = fields.String(allow_none=True, metadata={"description": "Null when the document does not name it."})
    title = fields.String(required=True, validate=validate.Length(min=1))
    author = fields.String(allow_none=True)
    language = fields.String(required=True, validate=LANGUAGE)
    published_date = fields.Date(allow_none=True)
    url = fields.Url(allow_none=True, metadata={"description": "Null unless the address was actually seen."})
    archive_url = fields.Url(allow_none=True)
    local_copy = fields.String(allow_none=True, metadata={"description": "Where the repository keeps the text that was read (a path from its root, under "
                                      "`seeds/texts/`): quotations and variants are checked against it."})
    reliability = fields.String(allow_none=True, metadata={"description": "Errors found in it, translation, etc."})


class SourceSchema(SourceInput):
    """A source as the API returns it."""


class SourceRefSchema(BaseSchema):
    """The short form of a source, embedded in other records."""

    id = fields.String(required=True)
    kind = fields.String(required=True)
    publisher = fields.String(allow_none=True)
    title = fields.String(required=True)
    language = fields.String(required=True)
    published_date = fields.Date(allow_none=True)
    url = fields.String(allow_none=True)


class SourceListArgs(ListQueryArgs):
    """Query string of GET /v1/sources: filters (combined with AND), pagination by id, format, language."""

    kind = fields.String(validate=validate.OneOf(SOURCE_KINDS), metadata={"description": "Only sources of this kind."})
    publisher = fields.String(
        validate=validate.Length(min=1, max=200),
        metadata={"description": "Only sources whose publisher contains this text (any case).", "example": "Europe 1"},
    )
    language = fields.String(
        validate=LANGUAGE, metadata={"description": "Only sources in this language (ISO 639-1).", "example": "fr"}
    )


class SourceListSchema(Page):
    items = fields.List(fields.Nested(SourceSchema), required=True)


class SourceRecordSchema(SourceSchema, Envelope):
    """One source, as `GET /v1/sources/{id}` answers it."""
