"""Systems in more languages, sector-specific changes, and systems whose record ends.

Text in Spanish, Danish, Norwegian Bokmål and Swedish for the names and descriptions of systems, scales and levels
(Spain's, Denmark's, Norway's and Sweden's authorities publish in them); `change.sectors` for changes that apply to a
sector only (the US colour code's aviation levels); `system.ended_date` for a system replaced by another scheme.
"""

from peewee import DateField, TextField
from playhouse.migrate import SchemaMigrator

LANGUAGES = ("es", "da", "nb", "sv")
TEXTS = {
    "system": ("name", "authority", "description"),
    "scale": ("name",),
    "level": ("name", "description"),
}


def up(migrator: SchemaMigrator, db) -> None:
    migrator.migrate(
        *[migrator.add_column(table, f"{text}_{language}", TextField(null=True))
          for table, texts in TEXTS.items() for text in texts for language in LANGUAGES],
        migrator.add_column("system", "ended_date", DateField(null=True)),
        migrator.add_column("change", "sectors", TextField(null=True)),
    )  # fmt: skip


def down(migrator: SchemaMigrator, db) -> None:
    migrator.migrate(
        *[migrator.drop_column(table, f"{text}_{language}")
          for table, texts in TEXTS.items() for text in texts for language in LANGUAGES],
        migrator.drop_column("system", "ended_date"),
        migrator.drop_column("change", "sectors"),
    )  # fmt: skip
