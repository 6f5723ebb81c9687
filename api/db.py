"""The database handle: bound from DATABASE_URL, one connection per request, schema migrations."""

from pathlib import Path

from flask import Flask
from peewee import DatabaseProxy, SqliteDatabase
from playhouse.db_url import connect
from playhouse.migrations import Runner

database = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal", "busy_timeout": 5000}


def open_database(url: str):
    """A peewee Database for a URL (sqlite:///path or postgresql://...), not yet connected."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("sqlite"):
        return connect(url, pragmas=SQLITE_PRAGMAS)
    return connect(url)


def default_url(app: Flask) -> str:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'threat-levels.sqlite3'}"


def init_app(app: Flask) -> None:
    """Bind the proxy to the configured database and close the connection after each request."""
    url = app.config.get("DATABASE_URL") or default_url(app)
    app.config["DATABASE_URL"] = url
    database.initialize(open_database(url))

    @app.teardown_appcontext
    def close_connection(exc):
        if not database.is_closed():
            database.close()


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def migration_runner() -> Runner:
    return Runner(database.obj, directory=str(MIGRATIONS_DIR))


def upgrade(target: str | None = None) -> list[str]:
    """Apply pending migrations (up to `target`), returning the names applied."""
    with database.connection_context():
        return migration_runner().up(target)


def pending_migrations() -> list[str]:
    with database.connection_context():
        return [m.name for m in migration_runner().status() if not m.applied]


def write_transaction():
    """A transaction for a write that reads first: on SQLite it takes the write lock at BEGIN (BEGIN IMMEDIATE), so
    that what it reads cannot change before it writes; on PostgreSQL the rows it depends on are locked with
    `lock_rows` (SELECT ... FOR UPDATE) inside it."""
    return database.atomic("IMMEDIATE") if is_sqlite() else database.atomic()


def lock_rows(model, ids, strength: str = "FOR UPDATE") -> list:
    """The rows of `model` with these ids, locked until the transaction ends on PostgreSQL (`FOR KEY SHARE` for rows
    a write refers to, so that nobody deletes them meanwhile). On SQLite, BEGIN IMMEDIATE already holds the lock."""
    query = model.select().where(model.id.in_(list(ids)))
    return list(query if is_sqlite() else query.for_update(strength))
