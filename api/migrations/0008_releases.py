"""Named releases of the dataset: each a frozen revision with its files (dumps and datapackage.json) and checksums.

Frozen here: it never imports the app's models.
"""

from peewee import *  # noqa: F403


def up(migrator, db):
    class Release(Model):
        name = CharField(max_length=32, unique=True)
        revision = IntegerField()
        revision_written_at = DateTimeField(null=True)
        reviewed_through = DateField(null=True)
        created_at = DateTimeField()

        class Meta:
            database = db
            table_name = "release"

    class ReleaseFile(Model):
        release = ForeignKeyField(Release, backref="files", on_delete="CASCADE")
        name = CharField(max_length=64)
        media_type = CharField(max_length=64)
        bytes = IntegerField()
        sha256 = CharField(max_length=64)
        content = TextField()

        class Meta:
            database = db
            table_name = "release_file"
            indexes = ((("release", "name"), True),)

    db.create_tables([Release, ReleaseFile])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("release_file"), migrator.drop_table("release"))
