"""Index changes by (system, effective_date, id): "latest change of a system" and "changes of a system between
two dates" become index range scans, fast at a million changes."""

from playhouse.migrate import SchemaMigrator


def up(migrator: SchemaMigrator, db) -> None:
    migrator.migrate(migrator.add_index("change", ("system_id", "effective_date", "id"), False))


def down(migrator: SchemaMigrator, db) -> None:
    migrator.migrate(migrator.drop_index("change", "change_system_id_effective_date_id"))
