"""Dutch (`nl`) text for the names and descriptions of systems, scales and levels: the Netherlands' and Belgium's
authorities publish their levels in Dutch."""

from peewee import TextField
from playhouse.migrate import SchemaMigrator

COLUMNS = {
    "system": ("name_nl", "authority_nl", "description_nl"),
    "scale": ("name_nl",),
    "level": ("name_nl", "description_nl"),
}


def up(migrator: SchemaMigrator, db) -> None:
    migrator.migrate(*[
        migrator.add_column(table, column, TextField(null=True)) for table, columns in COLUMNS.items() for column in columns
    ])  # fmt: skip


def down(migrator: SchemaMigrator, db) -> None:
    migrator.migrate(*[migrator.drop_column(table, column) for table, columns in COLUMNS.items() for column in columns])
