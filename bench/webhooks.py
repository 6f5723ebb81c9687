"""Webhooks, measured: the time from a committed write to its delivery (p50, p99) with 100 subscribers, and what the
outbox and a busy worker cost the writes. Not a test: run `.venv/bin/python -m bench.webhooks [DATABASE_URL]`
(default: a new SQLite file; a PostgreSQL URL gets a schema of its own, dropped afterwards). Prints figures.

The writes are curators' corrections (PATCH of a change's summary) through the app, on the small test seed set.
Three runs of WRITES writes each: outbox off (the write without its events: the code before webhooks), outbox on
with no worker, and outbox on with 100 subscribers served by a worker (a subprocess, as in production) delivering to
a receiver (another subprocess) meanwhile. The latency of a delivery is its arrival at the receiver less the instant
its write's answer came back (the commit is before it)."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg2

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from api import auth, create_app, db  # noqa: E402
from api.curation import seeds  # noqa: E402
from api.models import OutboxEvent, WebhookDelivery  # noqa: E402
from api.webhooks import outbox  # noqa: E402

SUBSCRIBERS = 100
WRITES = 60
CHANGE = "/v1/changes/zz-alert-2024-05-01"
RECEIVER = """
import sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
out = open(sys.argv[1], "a", buffering=1)
class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        out.write(f"{self.headers['webhook-id']} {time.time()}\\n")
        self.send_response(204); self.end_headers()
    def log_message(self, *args): pass
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""
SETTINGS = {"WEBHOOKS_ALLOW_PRIVATE_TARGETS": "1", "WEBHOOKS_POLL_INTERVAL": "0.1", "WEBHOOKS_BATCH": "100"}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def write_times(client, headers, count: int, label: str) -> tuple[list[float], dict[int, float]]:
    """Seconds per write, and when each write's answer came back, by the id of the event it recorded."""
    times, committed = [], {}
    for index in range(count):
        etag = client.get(CHANGE).headers["ETag"]
        body = {"summary": {"en": f"Lowered to Raised ({label} {index})."}}
        start = time.perf_counter()
        response = client.patch(CHANGE, json=body, headers={**headers, "If-Match": etag, "X-Change-Reason": "bench"})
        times.append(time.perf_counter() - start)
        now = time.time()
        assert response.status_code == 200, response.get_data(as_text=True)
        latest = OutboxEvent.select(OutboxEvent.id).order_by(OutboxEvent.id.desc()).first()
        if latest is not None:
            committed.setdefault(latest.id, now)
    return times, committed


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.1f} ms, p90 {percentile(times, 0.9) * 1000:.1f} ms"


def run(url: str) -> None:
    app = create_app({"DATABASE_URL": url, "SEEDS_DIR": str(ROOT / "tests/data/seeds"), "RATELIMIT_ENABLED": False,
                      "CACHE_REVISION_TTL": 0, "WEBHOOKS_ALLOW_PRIVATE_TARGETS": True})  # fmt: skip
    client = app.test_client()
    work = Path(tempfile.mkdtemp())
    arrivals = work / "arrivals.txt"
    receiver = subprocess.Popen([sys.executable, "-c", RECEIVER, str(arrivals)], stdout=subprocess.PIPE, text=True)
    port = int(receiver.stdout.readline())
    worker = None
    try:
        with app.app_context():
            db.upgrade()
            seeds.load(ROOT / "tests/data/seeds")
            admin = {"Authorization": f"Bearer {auth.create_token('bench-admin', 'admin')}"}
            editor = {"Authorization": f"Bearer {auth.create_token('bench-editor', 'editor')}"}
            write_times(client, editor, 5, "warm-up")
            watch = outbox.watch_change
            outbox.watch_change = lambda *args, **kwargs: None  # the writes as they were before the outbox
            try:
                off, _ = write_times(client, editor, WRITES, "off")
            finally:
                outbox.watch_change = watch
            on_idle, _ = write_times(client, editor, WRITES, "on")
            OutboxEvent.update(fanned_out=True).execute()  # those had no subscribers
            for _ in range(SUBSCRIBERS):
                body = {"url": f"http://127.0.0.1:{port}/hook", "events": ["change.updated"]}
                assert client.post("/v1/webhooks", json=body, headers=admin).status_code == 201
            env = {**os.environ, "DATABASE_URL": url, **SETTINGS}
            worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "api", "webhooks", "work"], cwd=ROOT,
                                      env=env, stderr=subprocess.DEVNULL)  # fmt: skip
            time.sleep(2)
            on_busy, committed = write_times(client, editor, WRITES, "busy")
            expected = WRITES * SUBSCRIBERS
            deadline = time.time() + 300
            while sum(1 for _ in arrivals.open()) < expected and time.time() < deadline:
                time.sleep(0.5)
            event_of = dict(WebhookDelivery.select(WebhookDelivery.id, WebhookDelivery.event).tuples())
        latencies = []
        for line in arrivals.read_text().splitlines():
            message_id, at = line.split()
            latencies.append(float(at) - committed[event_of[message_id]])
    finally:
        if worker:
            worker.terminate()
            worker.wait(30)
        receiver.terminate()
        db.close_all()
    print(f"database: {url.split('?')[0]}; {WRITES} writes per run; {SUBSCRIBERS} subscribers")
    print(f"writes, outbox off:                      {summary(off)}")
    print(f"writes, outbox on, no worker:            {summary(on_idle)}")
    print(f"writes, outbox on, worker delivering:    {summary(on_busy)}")
    slower = statistics.median(on_busy) / statistics.median(off) - 1
    print(f"  median write slower with webhooks on by {slower * 100:+.1f}%")
    print(f"deliveries: {len(latencies)} of {expected}; write committed -> delivered: p50 "
          f"{percentile(latencies, 0.5) * 1000:.0f} ms, p99 {percentile(latencies, 0.99) * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")  # fmt: skip
    print(json.dumps({"p50_ms": round(percentile(latencies, 0.5) * 1000), "p99_ms": round(percentile(latencies, 0.99) * 1000),
                      "write_slowdown": round(slower, 3)}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database_url", nargs="?", help="default: a new SQLite file; PostgreSQL: a schema of its own")
    url = parser.parse_args().database_url
    if url and url.startswith("postgres"):
        schema = f"bench_{uuid.uuid4().hex[:12]}"
        admin = psycopg2.connect(url)
        admin.autocommit = True
        admin.cursor().execute(f"CREATE SCHEMA {schema}")
        try:
            run(f"{url}?options=-csearch_path%3D{schema}")
        finally:
            admin.cursor().execute(f"DROP SCHEMA {schema} CASCADE")
            admin.close()
    else:
        run(url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")


if __name__ == "__main__":
    main()
