"""Many instances on one PostgreSQL, served by gunicorn with the committed gunicorn.conf.py, over real HTTP: a write
through one is read through the other within the staleness bound; with Redis, a rate limit holds across both;
metrics add up across workers; every log line is JSON; SIGTERM stops an instance cleanly."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

import psycopg2
import pytest
import redis

from api import create_app, db
from api.curation import seeds
from tests.conftest import POSTGRES_URL, ROOT, TEST_SEEDS

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")
STALENESS_BOUND = 1.0  # CACHE_REVISION_TTL given to the instances, seconds
CURRENT = "/v1/systems/zz-alert/current"
NEW_CHANGE = """\
id: zz-alert-2024-06-01
system: zz-alert
from_level: raised
to_level: top
scope: {type: national}
effective_date: 2024-06-01
summary: {en: Raised again (a test write).}
source_ids: [test-bulletin]
"""


def redis_unreachable() -> str | None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        return str(exc)
    return None


@pytest.fixture(scope="module")
def shared_services(request):
    if request.config.postgres_problem:
        pytest.skip(f"PostgreSQL unreachable: {request.config.postgres_problem}")
    if problem := redis_unreachable():
        if os.environ.get("CI"):
            pytest.fail(f"CI requires Redis at {REDIS_URL}: {problem}")
        pytest.skip(f"Redis unreachable at {REDIS_URL}: {problem}")


@dataclass
class Instance:
    """One gunicorn server, on a port the kernel chose, logging to a file."""

    process: subprocess.Popen
    port: int
    log: Path
    env: dict = field(repr=False)

    def get(self, path: str, headers: dict | None = None):
        """(status, headers, body) of a real HTTP request; error statuses are answers too."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def log_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.strip()]


def start(tmp_path: Path, name: str, env: dict, workers: int = 1) -> Instance:
    listener = socket.create_server(("127.0.0.1", 0))  # bound here, handed over: no race for the port
    port = listener.getsockname()[1]
    log = tmp_path / f"{name}.log"
    full_env = {**os.environ, **env, "WEB_CONCURRENCY": str(workers)}
    full_env.pop("PROMETHEUS_MULTIPROC_DIR", None)  # gunicorn.conf.py makes one per server
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"fd://{listener.fileno()}",
             "api:create_app()"],
            cwd=ROOT, env=full_env, pass_fds=(listener.fileno(),), stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip
    listener.close()
    instance = Instance(process, port, log, full_env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{name} exited early:\n{log.read_text()}"
        try:
            if instance.get("/readyz")[0] == HTTPStatus.OK:
                return instance
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{name} did not become ready:\n{log.read_text()}")


def stop(instance: Instance) -> int:
    instance.process.send_signal(signal.SIGTERM)
    return instance.process.wait(timeout=60)


@pytest.fixture(scope="module")
def cluster(shared_services, tmp_path_factory):
    """Two instances (A with two workers) on one PostgreSQL schema, sharing rate limits in Redis."""
    tmp_path = tmp_path_factory.mktemp("cluster")
    seeds_dir = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, seeds_dir)
    schema = f"test_{uuid.uuid4().hex[:12]}"  # a schema of its own on the test PostgreSQL
    run_sql(f"CREATE SCHEMA {schema}")
    schema_url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    app = create_app({"DATABASE_URL": schema_url, "SEEDS_DIR": str(seeds_dir)})
    with app.app_context():
        seeds.load(seeds_dir)
    db.close_all()
    env = {
        "DATABASE_URL": schema_url,
        "SEEDS_DIR": str(seeds_dir),
        "CACHE_REVISION_TTL": str(STALENESS_BOUND),
        "RATELIMIT_STORAGE_URI": REDIS_URL,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # this run's counts only
        "RATELIMIT_APPLICATION": "25 per hour",
        "TRUSTED_PROXIES": "1",  # each test is its own client, by X-Forwarded-For
    }
    a = start(tmp_path, "a", env, workers=2)
    b = start(tmp_path, "b", env)
    try:
        yield a, b, seeds_dir
        assert [stop(a), stop(b)] == [0, 0], "SIGTERM stops each instance cleanly"
    finally:
        for instance in (a, b):
            if instance.process.poll() is None:
                instance.process.kill()
        run_sql(f"DROP SCHEMA {schema} CASCADE")


def run_sql(statement: str) -> None:
    admin = psycopg2.connect(POSTGRES_URL)
    admin.autocommit = True
    admin.cursor().execute(statement)
    admin.close()


def as_client(address: str) -> dict:
    return {"X-Forwarded-For": address}


def test_a_write_through_one_instance_is_read_through_the_other_within_the_staleness_bound(cluster):
    a, b, seeds_dir = cluster
    me = as_client("192.0.2.1")
    status, _, body = b.get(CURRENT, me)
    assert (status, json.loads(body)["change_id"]) == (HTTPStatus.OK, "zz-alert-2024-05-01")
    assert b.get(CURRENT, me)[2] == body  # and kept in B's cache

    (seeds_dir / "changes/zz-alert/2024-06-01.yaml").write_text(NEW_CHANGE)
    loaded = subprocess.run([sys.executable, "-m", "flask", "--app", "api", "seeds", "load"], env=a.env, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    written = time.monotonic()

    deadline = written + STALENESS_BOUND + 10  # the bound, plus room for a machine shared with other test runs
    while json.loads(b.get(CURRENT, me)[2])["change_id"] != "zz-alert-2024-06-01":
        assert time.monotonic() < deadline, "B never saw the write"
        time.sleep(0.05)
    print(f"B saw the write {time.monotonic() - written:.2f} s after it was committed")


def test_with_redis_the_rate_limit_holds_across_both_instances(cluster):
    a, b, _ = cluster
    me = as_client("192.0.2.2")
    answers = [(instance.get("/v1/sources", me)) for instance in (a, b) * 13]  # 26 requests, the limit is 25
    statuses = [status for status, _, _ in answers]
    assert statuses == [HTTPStatus.OK] * 25 + [HTTPStatus.TOO_MANY_REQUESTS]
    assert [int(headers["X-RateLimit-Remaining"]) for _, headers, _ in answers[:25]] == list(range(24, -1, -1))
    for instance in (a, b):
        status, headers, body = instance.get("/v1/sources", me)
        assert status == HTTPStatus.TOO_MANY_REQUESTS
        assert headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["type"].endswith("/rate-limited")
        assert int(headers["Retry-After"]) > 0 and headers["X-RateLimit-Limit"] == "25"
    assert a.get("/healthz", me)[0] == HTTPStatus.OK, "health checks are not limited"
    assert b.get("/v1/sources", as_client("192.0.2.3"))[0] == HTTPStatus.OK, "another client has its own budget"


def test_metrics_add_up_across_workers(cluster):
    a, _, _ = cluster
    me = as_client("192.0.2.4")
    with ThreadPoolExecutor(max_workers=4) as pool:  # concurrent, so that both workers answer
        statuses = list(pool.map(lambda _: a.get("/v1/sources/test-bulletin", me)[0], range(12)))
        scrapes = list(pool.map(lambda _: a.get("/metrics")[2].decode(), range(8)))
    assert statuses == [HTTPStatus.OK] * 12
    line = 'http_requests_total{method="GET",route="/v1/sources/<string:source_id>",status="200"} 12.0'
    assert all(line in scrape for scrape in scrapes), "every worker reports the total of all workers"
    workers = {entry["process"] for entry in a.log_lines() if entry.get("path") == "/v1/sources/test-bulletin"}
    print(f"the 12 requests were answered by {len(workers)} worker(s)")


def test_every_log_line_is_json_and_each_request_has_one_line_with_its_id(cluster):
    a, _, _ = cluster
    a.get("/v1", {"X-Request-ID": "trace-me-42", "Authorization": "Bearer do-not-log-me"})
    lines = a.log_lines()  # json.loads of every line: fails on any line that is not JSON
    mine = [line for line in lines if line.get("request_id") == "trace-me-42"]
    assert len(mine) == 1 and mine[0]["status"] == HTTPStatus.OK and mine[0]["path"] == "/v1"
    assert "do-not-log-me" not in a.log.read_text()
    assert any(line["logger"] == "gunicorn.error" for line in lines)
