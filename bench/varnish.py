"""HTTP benchmark of the cache tier: the hot endpoints through Varnish (the shipped deploy/varnish/default.vcl in
front of two app instances), against a bare Flask app served by gunicorn in the same run; then the time from a
committed write to its new answer through Varnish (the purge).

    .venv/bin/python -m bench.varnish [--duration 5] [--connections 32] [--threads 2] [--rounds 2] [--writes 30]

The instances run as in production (gunicorn.conf.py, one sync worker each, the response cache, rate limits too high
to be reached) on a scratch SQLite copy of seeds/, and purge Varnish after each write (CACHE_PURGE_URLS). Needs
Debian's varnish and varnish-modules (`make tier-packages`) and wrk.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from api.serving.cache_tier import PURGE_AGAIN_AFTER
from bench.serving import best, ensure_wrk, etag_and_size, prepare_database, start_server, wrk
from tests import tier

ENDPOINTS = [
    # (label, path, send the ETag back?)
    ("GET /v1/systems/fr-vigipirate/current", "/v1/systems/fr-vigipirate/current", False),
    ("  same, If-None-Match (304)", "/v1/systems/fr-vigipirate/current", True),
    ("GET /v1/changes?system=fr-vigipirate&limit=50", "/v1/changes?system=fr-vigipirate&limit=50", False),
    ("GET /embed/v1/fr-vigipirate (embed card)", "/embed/v1/fr-vigipirate", False),
]
TARGET = 10.0  # Varnish at least this many times the bare Flask app's req/s
SOURCE = "/v1/sources/{}"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (default 5)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--rounds", type=int, default=2, help="alternated runs of bare and Varnish; best of each kept")
    parser.add_argument("--writes", type=int, default=30, help="writes timed until seen through Varnish")
    parser.add_argument("--database-url", help="serve this database instead of a scratch SQLite copy of seeds/")
    args = parser.parse_args(argv)
    if problem := tier.varnish_problem():
        sys.exit(f"bench.varnish needs Varnish: {problem}")
    args.wrk = ensure_wrk()

    with tempfile.TemporaryDirectory(prefix="threat-levels-bench-varnish-") as scratch_name:
        scratch = Path(scratch_name)
        env = {key: value for key, value in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
        varnish_port = tier.free_port()
        env.update(DATABASE_URL=prepare_database(args, scratch), RATELIMIT_APPLICATION="1000000000 per minute",
                   CACHE_PURGE_URLS=f"http://127.0.0.1:{varnish_port}")  # fmt: skip
        token = editor_token(env)
        servers = [start_server("api:create_app()", env, scratch / f"app{n}.log", ["--workers", "1"]) for n in (1, 2)]
        bare, bare_port = start_server("bench.bare:app", env, scratch / "bare.log", [])
        varnish = tier.start_varnish(scratch / "varnish", [port for _, port in servers], port=varnish_port)
        try:
            throughput(args, varnish.url, bare_port)
            write_to_answer(args, varnish.url, f"http://127.0.0.1:{servers[0][1]}", token)
        finally:
            varnish.stop()
            for process in [bare, *(process for process, _ in servers)]:
                process.terminate()
                process.wait(timeout=60)


def editor_token(env: dict) -> str:
    created = subprocess.run([sys.executable, "-m", "flask", "--app", "api", "tokens", "create", "--name", "bench-editor",
                              "--role", "editor"], env=env, capture_output=True, text=True, check=True)  # fmt: skip
    return created.stdout.split()[-1]


def throughput(args, varnish: str, bare_port: int) -> None:
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration:g}s on 127.0.0.1, best of {args.rounds} "
          f"alternated runs; Varnish {tier_version()} (malloc 128 MB) in front of 2 app instances (1 sync worker "
          f"each); bare Flask: gunicorn, {os.cpu_count()} sync workers; {os.cpu_count()} CPUs; load average before: "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'':<46}{'through Varnish':>24}{'bare Flask, same bytes':>24}")
    print(f"{'endpoint':<46}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'ratio':>8}"
          f"  target")  # fmt: skip
    for label, path, conditional in ENDPOINTS:
        etag, size = etag_and_size(varnish + path)
        headers = {"If-None-Match": etag} if conditional else {}
        bare_url = f"http://127.0.0.1:{bare_port}/bytes/{0 if conditional else size}"
        wrk(varnish + path, args, headers, duration=1)
        wrk(bare_url, args, duration=1)
        runs = [(wrk(bare_url, args), wrk(varnish + path, args, headers)) for _ in range(args.rounds)]
        yardstick, measured = best([run[0] for run in runs]), best([run[1] for run in runs])
        ratio = measured.rate / yardstick.rate
        verdict = f">= {TARGET:g}x {'met' if ratio >= TARGET else 'MISSED'}"
        if measured.errors or yardstick.errors:
            verdict += f"; {measured.errors} errors (bare {yardstick.errors})"
        print(f"{label:<46}{measured.rate:>8.0f}{measured.p50_ms:>8.2f}{measured.p99_ms:>8.2f}{yardstick.rate:>8.0f}"
              f"{yardstick.p50_ms:>8.2f}{yardstick.p99_ms:>8.2f}{ratio:>7.1f}x  {verdict}")  # fmt: skip


def tier_version() -> str:
    output = subprocess.run(["varnishd", "-V"], capture_output=True, text=True).stderr
    return output.split("(", 1)[-1].split()[0] if "(" in output else "?"


def request(url: str, method: str = "GET", headers: dict | None = None, body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    call = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(call, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def write_to_answer(args, varnish: str, instance: str, token: str) -> None:
    """PATCH a source through an instance, then read it through Varnish until the new text shows: the time from the
    write's answer (sent after the commit) to the first new answer through Varnish."""
    source_id = json.loads(request(varnish + "/v1/sources?limit=1")[2])["items"][0]["id"]
    path = SOURCE.format(source_id)
    waits = []
    for n in range(args.writes):
        time.sleep(PURGE_AGAIN_AFTER + 0.2)  # the last write's second purge is over
        request(varnish + path)
        status, headers, _ = request(varnish + path)
        assert headers["X-Cache"] == "hit", "held by Varnish before the write"
        etag = request(instance + path)[1]["ETag"]
        text = f"Benchmark write {n} at {time.time():.6f}."
        auth = {"Authorization": f"Bearer {token}", "If-Match": etag, "Content-Type": "application/merge-patch+json"}
        status, _, body = request(instance + path, "PATCH", auth, {"reliability": text})
        assert status == 200, body
        written = time.perf_counter()
        while text.encode() not in request(varnish + path)[2]:
            if time.perf_counter() - written > 10:
                sys.exit(f"write {n} not seen through Varnish after 10 s")
        waits.append((time.perf_counter() - written) * 1000)
    waits.sort()
    p99 = waits[min(len(waits) - 1, round(0.99 * (len(waits) - 1)))]
    print(f"From a committed write (its answer) to the new answer through Varnish, {len(waits)} writes: "
          f"p50 {statistics.median(waits):.1f} ms, p99 {p99:.1f} ms, max {waits[-1]:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
