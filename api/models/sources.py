"""Sources: the documents that support facts."""

from peewee import CharField, DateField, TextField, fn

from api.models.base import BaseModel, filtered


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
    def matching(cls, publisher: str | None = None, **equal):
        """Sources whose publisher contains `publisher` (any case), and whose other columns (kind, language) equal
        the filters given."""
        conditions = cls.equal_to(**equal)
        if publisher is not None:
            conditions.append(fn.LOWER(cls.publisher).contains(publisher.lower()))
        return filtered(cls.select(), conditions)
