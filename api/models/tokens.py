"""Bearer tokens of the curation API (only their digests are stored)."""

import datetime

from peewee import AutoField, CharField, DateTimeField

from api.models.base import BaseModel


class Token(BaseModel):
    """A curator's bearer token: only its SHA-256 digest is kept. Revoked tokens stay, so that no later token takes
    the name their revisions are signed with."""

    id = AutoField()
    name = CharField(max_length=64, unique=True)
    role = CharField(max_length=16)
    digest = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=lambda: datetime.datetime.now(datetime.UTC).replace(tzinfo=None))
    revoked_at = DateTimeField(null=True)

    @classmethod
    def listed(cls):
        return cls.select().order_by(cls.created_at, cls.id)

    @classmethod
    def active_with_digest(cls, digest: str):
        return cls.select().where((cls.digest == digest) & cls.revoked_at.is_null()).first()
