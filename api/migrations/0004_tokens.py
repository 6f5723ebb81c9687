"""Bearer tokens for curators: name, role, SHA-256 digest (never the token), created and revoked times.

Frozen here: it never imports the app's models.
"""

from peewee import *  # noqa: F403


def up(migrator, db):
    class Token(Model):
        name = CharField(max_length=64, unique=True)
        role = CharField(max_length=16)
        digest = CharField(max_length=64, unique=True)
        created_at = DateTimeField()
        revoked_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = "token"

    db.create_tables([Token])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("token"))
