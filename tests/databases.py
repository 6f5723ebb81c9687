"""Test databases migrated once per session: before each test, the working database becomes a copy of a migrated
(and, for `app`, seeded) template, so that set-up costs a file copy or one batch of statements instead of six
migrations and a seed load.

The app commits for real, as in production, so a test may read what it wrote through any connection, thread or
process: on SQLite the working file is replaced by a copy of a template file; on PostgreSQL the working schema is
restored from a template schema (every table emptied, refilled and its sequences set back).
"""

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg2

KINDS = ("empty", "seeded")  # migrated only; migrated with tests/data/seeds loaded


class SqliteCopies:
    """Template files built once; before each test the working file becomes a new copy of one."""

    def __init__(self, folder: Path, build: Callable[[str, str], None]):
        self.folder = folder
        self.build = build  # build(url, kind): migrate (and seed) the database at url
        self.templates: dict[str, Path] = {}
        self.working = folder / "test.sqlite3"
        self.url = f"sqlite:///{self.working}"

    def template(self, kind: str) -> Path:
        if kind not in self.templates:
            path = self.folder / f"{kind}.sqlite3"
            self.build(f"sqlite:///{path}", kind)
            assert not Path(f"{path}-wal").exists(), "the template's WAL must be checkpointed into the file"
            self.templates[kind] = path
        return self.templates[kind]

    def restore(self, kind: str) -> None:
        """Make the working file a new copy of the `kind` template. Renamed into place, so that a connection left
        open would keep the old file rather than read a half-copied one; the old WAL and index go with it."""
        copy = self.folder / "copy.sqlite3"
        shutil.copyfile(self.template(kind), copy)
        for leftover in (Path(f"{self.working}-wal"), Path(f"{self.working}-shm")):
            leftover.unlink(missing_ok=True)
        copy.replace(self.working)

    def close(self) -> None:
        pass


class PostgresqlCopies:
    """Template schemas built once; every test works in one schema restored from a template before it runs."""

    def __init__(self, server_url: str, build: Callable[[str, str], None]):
        self.server_url = server_url
        self.build = build
        self.prefix = f"test_{uuid.uuid4().hex[:12]}"
        self.admin = psycopg2.connect(server_url)
        self.admin.autocommit = True
        # A connection a test left inside a transaction would make the restore wait: fail loudly instead.
        self.execute("SET lock_timeout = '20s'")
        self.working = f"{self.prefix}_work"
        self.url = self.schema_url(self.working)
        self.restores: dict[str, str] = {}  # kind -> the SQL that restores the working schema from its template

    def execute(self, sql: str):
        with self.admin.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else None

    def schema_url(self, schema: str) -> str:
        return f"{self.server_url}?options=-csearch_path%3D{schema}"

    def restore_sql(self, kind: str) -> str:
        if kind not in self.restores:
            if not self.restores:  # the working schema, with the tables every template has
                self.execute(f"CREATE SCHEMA {self.working}")
                self.build(self.url, "empty")
            template = f"{self.prefix}_{kind}"
            self.execute(f"CREATE SCHEMA {template}")
            self.build(self.schema_url(template), kind)
            self.restores[kind] = self.copy_sql(template)
        return self.restores[kind]

    def copy_sql(self, template: str) -> str:
        """One batch: empty every table of the working schema, copy the template's rows in (referenced tables
        first), and set each sequence where the template's stands, so that ids come out as on a new database."""
        tables = [row[0] for row in self.execute(f"SELECT tablename FROM pg_tables WHERE schemaname = '{template}'")]
        references = self.execute(
            "SELECT child.relname, parent.relname FROM pg_constraint c "
            "JOIN pg_class child ON child.oid = c.conrelid JOIN pg_class parent ON parent.oid = c.confrelid "
            f"JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = '{template}'"
        )
        sequences = [
            row[0] for row in self.execute(f"SELECT sequencename FROM pg_sequences WHERE schemaname = '{template}'")
        ]
        ordered = referenced_first(tables, references)
        # DELETE, not TRUNCATE: on a few hundred rows it takes milliseconds where TRUNCATE, which makes new files
        # for every table and index, took a second.
        statements = [f"DELETE FROM {self.working}.{table}" for table in reversed(ordered)]
        statements += [f"INSERT INTO {self.working}.{table} SELECT * FROM {template}.{table}" for table in ordered]
        statements += [
            f"SELECT setval('{self.working}.{name}', last_value, is_called) FROM {template}.{name}"
            for name in sequences
        ]
        return ";\n".join(statements)

    def restore(self, kind: str) -> None:
        """Make the working schema hold what the `kind` template holds."""
        self.execute(self.restore_sql(kind))

    def close(self) -> None:
        for schema in (self.working, *(f"{self.prefix}_{kind}" for kind in self.restores)):
            self.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        self.admin.close()


def referenced_first(tables: list[str], references: list[tuple[str, str]]) -> list[str]:
    """The tables in an order where each comes after those its foreign keys refer to."""
    ordered: list[str] = []

    def visit(table: str, path: tuple[str, ...] = ()) -> None:
        if table in ordered or table in path:
            return
        for child, parent in references:
            if child == table and parent != table:
                visit(parent, (*path, table))
        ordered.append(table)

    for table in sorted(tables):
        visit(table)
    return ordered
