"""The database handle: bound from DATABASE_URL (PostgreSQL pooled per worker), one connection per request, schema
migrations, and a 503 problem whenever the database does not answer."""

import logging
from pathlib import Path
from urllib.parse import urlparse

from flask import Flask
from peewee import DatabaseProxy, InterfaceError, OperationalError, SqliteDatabase
from playhouse.db_url import connect, parse
from playhouse.migrations import Runner
from playhouse.pool import MaxConnectionsExceeded, PooledDatabase

database = DatabaseProxy()

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "normal"}
POOL_STALE_SECONDS = 300  # a pooled connection older than this is closed and replaced on its next check-out
UNAVAILABLE = (OperationalError, InterfaceError, MaxConnectionsExceeded)
log = logging.getLogger(__name__)


def open_database(
    url: str, pool_size: int = 4, pool_timeout: float = 10, connect_timeout: int = 5, busy_timeout: float = 5
):
    """A peewee Database for a URL (sqlite:///path or postgresql://...), not yet connected.

    A write waits at most `busy_timeout` seconds for a lock another writer holds, then fails (a 503, see
    `unavailable`): SQLite's busy_timeout, PostgreSQL's lock_timeout (added to the URL's libpq `options`).

    PostgreSQL is always pooled: each worker process keeps at most `pool_size` connections and a request waits at most
    `pool_timeout` seconds for one (never forever). Settings given in the URL's query string win over these.
    """
    scheme = urlparse(url).scheme
    if scheme.startswith("sqlite"):
        return connect(url, pragmas={**SQLITE_PRAGMAS, "busy_timeout": round(busy_timeout * 1000)})
    if scheme in ("postgres", "postgresql", "postgres+pool", "postgresql+pool"):
        url = "postgresql+pool" + url[len(scheme) :]
        settings = {
            "max_connections": pool_size,
            "timeout": pool_timeout,
            "stale_timeout": POOL_STALE_SECONDS,
            "connect_timeout": connect_timeout,
        }
        given = parse(url)
        lock_timeout = f"-c lock_timeout={round(busy_timeout * 1000)}"
        if "lock_timeout" not in given.get("options", ""):
            settings["options"] = f"{given['options']} {lock_timeout}" if "options" in given else lock_timeout
        return connect(url, **{key: value for key, value in settings.items() if key not in given or key == "options"})
    return connect(url)


def default_url(app: Flask) -> str:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(app.instance_path) / 'threat-levels.sqlite3'}"


def init_app(app: Flask) -> None:
    """Bind the proxy to the configured database and give the connection back after each request (a database that
    does not answer is a 503: api/errors.py)."""
    url = app.config.get("DATABASE_URL") or default_url(app)
    app.config["DATABASE_URL"] = url
    config = app.config
    pool = (config["DATABASE_POOL_SIZE"], config["DATABASE_POOL_TIMEOUT"])
    timeouts = {"connect_timeout": config["DATABASE_CONNECT_TIMEOUT"], "busy_timeout": config["DATABASE_BUSY_TIMEOUT"]}
    database.initialize(open_database(url, *pool, **timeouts))

    @app.teardown_appcontext
    def close_connection(exc):
        if not database.is_closed():
            database.close()  # pooled: back to the pool (or discarded when broken)


BUSY = "Another write holds the database; try again shortly."
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout runs out


def busy(exc: Exception) -> bool:
    """A lock held by another writer for longer than DATABASE_BUSY_TIMEOUT (SQLite's SQLITE_BUSY, "database is
    locked"; PostgreSQL's lock_not_available): the database answers, only not yet. peewee keeps the driver's exception
    as `orig`."""
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlite_errorname", None) == "SQLITE_BUSY" or getattr(orig, "pgcode", None) == LOCK_NOT_AVAILABLE


def close_all() -> None:
    """Close this process's connection and, for a pool, every idle one (tests, worker exit)."""
    if not database.is_closed():
        database.close()
    if isinstance(database.obj, PooledDatabase):
        database.obj.close_all()


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def migration_runner() -> Runner:
    return Runner(database.obj, directory=str(MIGRATIONS_DIR))


def upgrade(target: str | None = None) -> list[str]:
    """Apply pending migrations (up to `target`), returning the names applied."""
    with database.connection_context():
        return migration_runner().up(target)


def migration_state() -> tuple[list[str], list[str]]:
    """(applied, pending) migration names, in order."""
    with database.connection_context():
        status = migration_runner().status()
    return [m.name for m in status if m.applied], [m.name for m in status if not m.applied]


def pending_migrations() -> list[str]:
    return migration_state()[1]


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
