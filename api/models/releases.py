"""Named releases: a dataset revision frozen with its files (CSV and NDJSON dumps, datapackage.json) and checksums."""

import datetime

from peewee import AutoField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField, prefetch

from api.models.base import BaseModel


class Release(BaseModel):
    """A name (e.g. `2026.12`) given to one dataset revision, whose files never change once frozen."""

    id = AutoField()
    name = CharField(max_length=32, unique=True)
    revision = IntegerField()
    revision_written_at = DateTimeField(null=True)
    reviewed_through = DateField(null=True)
    created_at = DateTimeField(default=lambda: datetime.datetime.now(datetime.UTC).replace(tzinfo=None))

    @classmethod
    def listed(cls) -> list["Release"]:
        """Every release, newest first, with its files' sizes and checksums (not their contents)."""
        return prefetch(cls.select().order_by(cls.created_at.desc(), cls.id.desc()), ReleaseFile.in_order())

    @classmethod
    def named(cls, name: str) -> "Release | None":
        return next(iter(prefetch(cls.select().where(cls.name == name), ReleaseFile.in_order())), None)


class ReleaseFile(BaseModel):
    """One file of a release, kept whole (a few hundred KiB) so that every instance serves the same bytes."""

    id = AutoField()
    release = ForeignKeyField(Release, backref="files", on_delete="CASCADE")
    name = CharField(max_length=64)
    media_type = CharField(max_length=64)
    bytes = IntegerField()
    sha256 = CharField(max_length=64)
    content = TextField()

    class Meta:
        indexes = ((("release", "name"), True),)

    @classmethod
    def in_order(cls):
        """Every file as frozen (dumps, then datapackage.json), without its content."""
        return cls.select(cls.id, cls.release, cls.name, cls.media_type, cls.bytes, cls.sha256).order_by(cls.id)

    @classmethod
    def of(cls, release_name: str, name: str) -> "ReleaseFile | None":
        return cls.select(cls, Release).join(Release).where((Release.name == release_name) & (cls.name == name)).first()
