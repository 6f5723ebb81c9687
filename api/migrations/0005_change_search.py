"""Full-text search documents for changes (`change_search`): FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL;
and an index on change (effective_date, id), the order of pages and exports of all changes.

The table is derived data, rebuilt from the rows it indexes: this migration creates it, then fills it with the
document builder of api.search (the one place that says what a change is found by), so an existing database is
searchable at once.
"""

from playhouse.migrate import SchemaMigrator

from api.models import indexing, search


def up(migrator: SchemaMigrator, db) -> None:
    migrator.migrate(migrator.add_index("change", ("effective_date", "id"), False))
    search.create_structure(db)
    indexing.reindex_all()


def down(migrator: SchemaMigrator, db) -> None:
    search.drop_structure(db)
    migrator.migrate(migrator.drop_index("change", "change_effective_date_id"))
