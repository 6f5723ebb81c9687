"""The database layer under stress: a pool that never makes a request wait forever, and outages that become 503
problems and heal by themselves. PostgreSQL only (SQLite is a file: it has no pool and cannot go away)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from urllib.parse import urlsplit, urlunsplit

import pytest

from api import create_app, db
from api.curation import seeds
from tests.conftest import TEST_SEEDS
from tests.helpers import assert_problem
from tests.proxy import CuttableProxy

pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
CURRENT = "/v1/systems/zz-alert/current"


def make_app(database_url, **config):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "CACHE_REVISION_TTL": 0, **config})
    with app.app_context():
        db.upgrade()
        seeds.load(TEST_SEEDS)
    return app


@pytest.fixture
def closing():
    yield
    db.close_all()


def test_more_requests_than_the_pool_holds_all_get_a_connection(database_url, closing):
    app = make_app(database_url, DATABASE_POOL_SIZE=2, DATABASE_POOL_TIMEOUT=30, CACHE_ENABLED=False)

    def get(_):
        return app.test_client().get(CURRENT).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(get, n) for n in range(24)]
        statuses = [future.result(timeout=120) for future in futures]  # a leak would block here, not pass
    assert statuses == [HTTPStatus.OK] * 24
    assert len(db.database.obj._in_use) == 0, "every connection went back to the pool"
    assert len(db.database.obj._connections) <= 2


def test_a_request_that_finds_the_pool_empty_waits_a_bounded_time_then_gets_a_503(database_url, closing):
    app = make_app(database_url, DATABASE_POOL_SIZE=1, DATABASE_POOL_TIMEOUT=0.5, CACHE_ENABLED=False)
    held, release = threading.Event(), threading.Event()

    def hold_the_only_connection():
        db.database.connect()
        held.set()
        release.wait(30)
        db.database.close()

    holder = threading.Thread(target=hold_the_only_connection)
    holder.start()
    try:
        assert held.wait(10)
        response = app.test_client().get(CURRENT)
        assert_problem(response, HTTPStatus.SERVICE_UNAVAILABLE)
        assert response.headers["Retry-After"] == "5"
    finally:
        release.set()
        holder.join(10)
    assert app.test_client().get(CURRENT).status_code == HTTPStatus.OK


def proxied(url: str, port: int) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host))


def test_when_the_database_goes_away_requests_get_503_and_service_comes_back_by_itself(database_url, closing):
    make_app(database_url)  # schema and data, through a direct connection
    target = urlsplit(database_url)
    proxy = CuttableProxy((target.hostname, target.port or 5432))
    try:
        app = make_app(proxied(database_url, proxy.port), DATABASE_CONNECT_TIMEOUT=2)
        client = app.test_client()
        assert client.get(CURRENT).status_code == HTTPStatus.OK

        proxy.cut()
        for url in (CURRENT, "/v1/changes"):  # a pooled connection that died, then a new one that cannot open
            response = client.get(url)
            body = assert_problem(response, HTTPStatus.SERVICE_UNAVAILABLE)
            assert response.headers["Retry-After"] == "5"
            assert body["type"].endswith("/unavailable") and "5432" not in str(body)
        assert_problem(client.get("/readyz"), HTTPStatus.SERVICE_UNAVAILABLE)
        assert client.get("/healthz").status_code == HTTPStatus.OK

        proxy.restore()
        deadline = time.monotonic() + 30
        while (status := client.get(CURRENT).status_code) != HTTPStatus.OK and time.monotonic() < deadline:
            time.sleep(0.2)
        assert status == HTTPStatus.OK
        assert client.get("/readyz").status_code == HTTPStatus.OK
    finally:
        proxy.close()
