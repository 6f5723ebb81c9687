"""Sources: the documents that support facts."""

from peewee import CharField, DateField, TextField, fn

from api.models.base import BaseModel


class Source(BaseModel):
    id = CharField(primary_key=True, max_length=128)
    kind = CharField(max_length=32, index=True)
    publisher = TextField(null=True)
    title = TextField()
    author = TextField(null=True)
    language = CharField(max_length=8)
    published_date = DateField(null=True)
    url = TextField(null=True)
    archive_url = TextField(null=True)
    local_copy = TextField(null=True)
    reliability = TextField(null=True)

    @classmethod
    def listed(cls):
        return cls.select().order_by(cls.id)

    @classmethod
    def matching(cls, kind: str | None = None, publisher: str | None = None, language: str | None = None):
        """Sources of a kind, in a language, whose publisher contains `publisher` (any case)."""
        query = cls.select()
        if kind is not None:
            query = query.where(cls.kind == kind)
        if language is not None:
            query = query.where(cls.language == language)
        if publisher is not None:
            query = query.where(fn.LOWER(cls.publisher).contains(publisher.lower()))
        return query
