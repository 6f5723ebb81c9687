"""Fixtures: the app on a real database (SQLite always, PostgreSQL when reachable), a client whose every response is
validated against the committed openapi.yaml, and the small test seed set in tests/data/seeds.

Set-up is paid once: the databases are migrated (and seeded) once per session and each test gets a copy (see
tests/databases.py), and one app per backend serves every test, put back as it was made before each one. A test that
changes the schema or the app's routes is marked `own_app` and gets a new app on a new database."""

import gzip
import io
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import brotli
import psycopg2
import pytest
from flask.testing import FlaskClient
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.templating.paths.finders import APICallPathFinder
from openapi_core.templating.paths.iterators import TemplatePathsIterator
from werkzeug import Request

from api import auth, create_app, db
from api.curation import seeds
from tests import databases, tier

ROOT = Path(__file__).parent.parent
TEST_SEEDS = Path(__file__).parent / "data" / "seeds"
HOSTILE_SEEDS = Path(__file__).parent / "data" / "hostile-seeds"  # curated texts that try to escape their context
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
UNDOCUMENTED = {"/openapi.json"}  # the contract itself
UNDOCUMENTED_PREFIXES = ("/docs",)  # the page that renders it, and its assets


def as_text(body) -> str:
    """SVG, script, Atom and HTML bodies, documented as strings."""
    return body.decode() if isinstance(body, bytes) else body


class SpecificPathsIterator(TemplatePathsIterator):
    """Among templates with as many variables, the one with more literal text wins, as in Flask's router:
    /embed/v1/zz-alert.svg is `/embed/v1/{system_id}.svg`, not `/embed/v1/{system_id}` (openapi-core keeps the
    document's order, and `{system_id}` matches dots)."""

    def __call__(self, name, spec, base_url=None):
        paths = list(super().__call__(name, spec, base_url=base_url))
        yield from sorted(paths, key=lambda path: (len(path[1].variables), -len(path[1].pattern)))


class SpecificPathFinder(APICallPathFinder):
    paths_iterator = SpecificPathsIterator("paths")


CONTRACT = OpenAPI.from_file_path(
    str(ROOT / "openapi.yaml"),
    config=Config(
        extra_media_type_deserializers={
            "application/problem+json": json.loads,
            **dict.fromkeys(
                (
                    "image/svg+xml",
                    "text/javascript",
                    "application/atom+xml",
                    "text/html",
                    "text/csv",
                    "application/x-ndjson",
                ),
                as_text,  # text, so at least UTF-8
            ),
        },
        path_finder_cls=SpecificPathFinder,
    ),
)


def postgres_unreachable() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can."""
    try:
        psycopg2.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg2.OperationalError as exc:
        return str(exc).strip().splitlines()[0]
    return None


def chromium_problem() -> tuple[str | None, str | None]:
    """(path, None) when Debian's chromium runs here, else (None, why not)."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if path is None:
        return None, "no `chromium` on PATH (Debian: apt-get install chromium; `make test` does it as root)"
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"{path} does not run: {exc}"
    return path, None if version.stdout.strip() else f"{path} --version printed nothing"


def pytest_configure(config):
    config.postgres_problem = postgres_unreachable()
    if config.postgres_problem and os.environ.get("CI"):
        raise pytest.UsageError(
            f"CI requires the PostgreSQL leg, but {POSTGRES_URL} is unreachable: {config.postgres_problem}"
        )
    config.chromium, config.chromium_problem = chromium_problem()
    if config.chromium_problem and os.environ.get("CI"):
        raise pytest.UsageError(f"CI requires the browser tests, but {config.chromium_problem}")
    config.tier_problem = tier.varnish_problem() or tier.nginx_problem()
    if config.tier_problem and os.environ.get("CI"):
        raise pytest.UsageError(f"CI requires the cache tier tests, but {config.tier_problem}")


def pytest_report_header(config):
    lines = [f"PostgreSQL leg: {POSTGRES_URL}"]
    if config.postgres_problem:
        lines = [f"PostgreSQL leg SKIPPED: {POSTGRES_URL} unreachable ({config.postgres_problem})"]
    if config.tier_problem:
        lines.append(f"Cache tier tests (Varnish, nginx) SKIPPED: {config.tier_problem}")
    if config.chromium_problem:
        return [*lines, f"Browser tests SKIPPED: {config.chromium_problem}"]
    return [*lines, f"Browser tests: {config.chromium}"]


def pytest_terminal_summary(terminalreporter, config):
    if config.postgres_problem:
        terminalreporter.write_sep("!", f"PostgreSQL leg skipped: {config.postgres_problem}", yellow=True)
    if config.tier_problem:
        terminalreporter.write_sep("!", f"Cache tier tests skipped: {config.tier_problem}", yellow=True)
    if config.chromium_problem:
        terminalreporter.write_sep("!", f"Browser tests skipped: {config.chromium_problem}", yellow=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    """Each test that uses a database runs on SQLite, and on PostgreSQL when it is reachable."""
    if request.param == "postgresql" and request.config.postgres_problem:
        pytest.skip(f"PostgreSQL unreachable at {POSTGRES_URL}: {request.config.postgres_problem}")
    return request.param


@pytest.fixture
def database_url(backend, tmp_path):
    """A new, empty database: an SQLite file, or a PostgreSQL schema of its own dropped after the test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(POSTGRES_URL)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        admin.cursor().execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


def app_on(database_url: str):
    # The revision is looked at on every request (no staleness): tests write and read back at once. Absolute URLs
    # are under the test client's own address.
    app = create_app(
        {"TESTING": True, "DATABASE_URL": database_url, "SEEDS_DIR": str(TEST_SEEDS), "CACHE_REVISION_TTL": 0,
         "PUBLIC_URL": "http://localhost"}  # fmt: skip
    )
    app.test_client_class = ContractClient
    return app


def build_database(url: str, kind: str) -> None:
    """Migrate the database at url, and load the test seeds into it for the `seeded` kind."""
    app = app_on(url)
    with app.app_context():
        db.upgrade()
        if kind == "seeded":
            seeds.load(TEST_SEEDS)
    db.close_all()


@pytest.fixture(scope="session")
def database_copies(tmp_path_factory):
    """Per backend, the databases migrated (and seeded) once, and the working database each test gets a copy in."""
    copies = {}

    def get(backend: str):
        if backend not in copies:
            if backend == "sqlite":
                copies[backend] = databases.SqliteCopies(tmp_path_factory.mktemp("databases"), build_database)
            else:
                copies[backend] = databases.PostgresqlCopies(POSTGRES_URL, build_database)
        return copies[backend]

    yield get
    for copy in copies.values():
        copy.close()


class SharedApp:
    """The app on a backend's working database, made once per session (create_app costs more than most tests) and
    put back as it was made before each test: its settings, its response cache, its rate-limit counts, and the
    database handle, which an app the test made itself may have taken."""

    def __init__(self, url: str):
        self.app = app_on(url)
        self.database = db.database.obj
        self.config = dict(self.app.config)

    def ready(self):
        db.database.initialize(self.database)
        self.app.config.clear()
        self.app.config.update(self.config)
        cache = self.app.extensions["response_cache"]
        # Forget every kept answer and revision: the fast path holds this object, so it is emptied, not replaced.
        cache.__init__(cache.fingerprint, cache.revision_ttl, cache.max_bytes, cache.clock)
        self.app.extensions["rate_limiter"].reset()
        return self.app

    def release(self) -> None:
        db.close_all()  # the handle of the last app made, perhaps by the test
        db.database.initialize(self.database)
        db.close_all()


@pytest.fixture(scope="session")
def shared_apps(database_copies):
    apps = {}

    def get(backend: str) -> SharedApp:
        if backend not in apps:
            apps[backend] = SharedApp(database_copies(backend).url)
        return apps[backend]

    return get


def app_with(request, backend: str, kind: str):
    """The app on a database of its own holding the `kind` template: the session's app on a new copy, or, for a
    test marked own_app, a new app on a new database migrated (and seeded) now."""
    if request.node.get_closest_marker("own_app"):
        url = request.getfixturevalue("database_url")
        build_database(url, kind)
        yield app_on(url)
        db.close_all()
        return
    request.getfixturevalue("database_copies")(backend).restore(kind)
    shared = request.getfixturevalue("shared_apps")(backend)
    yield shared.ready()
    shared.release()


def decoded(response):
    """The response as the contract describes it: with its content coding (gzip, br) undone."""
    decode = DECODERS.get(response.headers.get("Content-Encoding", ""))
    if decode is None:
        return response
    return response.__class__(
        decode(response.get_data()), response.status_code, response.headers, request=response.request
    )


DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress}


class ContractClient(FlaskClient):
    """A test client that checks every response against openapi.yaml (those of documented operations)."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.request.method not in ("OPTIONS", "HEAD") and response.status_code != 304:  # HEAD mirrors GET
            assert_matches_contract(response)
        return response


def assert_matches_contract(response) -> None:
    # The app has read the request body; what is checked here is the response, so the request goes without it.
    request = Request({**response.request.environ, "wsgi.input": io.BytesIO(), "CONTENT_LENGTH": "0"})
    try:
        CONTRACT.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(decoded(response)))
    except (PathNotFound, OperationNotFound):
        path = response.request.path
        undocumented_ok = (
            response.status_code in (404, 405) or path in UNDOCUMENTED or path.startswith(UNDOCUMENTED_PREFIXES)
        )
        assert undocumented_ok, f"undocumented route answered {response.status_code}"


@pytest.fixture
def empty_app(request, backend):
    """The app on a migrated, empty database of its own."""
    yield from app_with(request, backend, "empty")


@pytest.fixture
def app(request, backend):
    """The app with tests/data/seeds loaded, on a database of its own."""
    yield from app_with(request, backend, "seeded")


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def hostile_client(app):
    """A client on the test seeds plus the zz-hostile system, whose texts carry markup and XML breakers."""
    with app.app_context():
        seeds.load(HOSTILE_SEEDS)
    return app.test_client()


@pytest.fixture
def tokens(app) -> dict[str, str]:
    """A curator's token per role, named test-editor and test-admin."""
    with app.app_context():
        return {role: auth.create_token(f"test-{role}", role) for role in auth.ROLES}


@pytest.fixture
def editor(tokens) -> dict:
    return {"Authorization": f"Bearer {tokens['editor']}"}


@pytest.fixture
def admin(tokens) -> dict:
    return {"Authorization": f"Bearer {tokens['admin']}"}
