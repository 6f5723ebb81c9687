"""HTTP benchmark: the app under gunicorn with the committed gunicorn.conf.py, against a bare Flask app served with the
same config in the same run, both loaded by wrk from another process on 127.0.0.1.

    .venv/bin/python -m bench.serving [--duration 10] [--connections 32] [--threads 2] [--workers N] [--worker-class sync]

The app runs with every production feature on: JSON request logs (to a file), Prometheus metrics (multiprocess),
rate limits (memory storage, with a limit too high to be reached), CORS, compression, the response cache. The data is
the curated seeds/, loaded into a scratch SQLite file (or the database given with --database-url). Each endpoint is
measured right after a run on the bare app, so the ratio compares two runs made seconds apart on a shared machine.
"""

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENDPOINTS = [
    # (label, path, send the ETag back?, target ratio to bare, p99 target in ms)
    ("GET /v1/systems/fr-vigipirate/current", "/v1/systems/fr-vigipirate/current", False, 0.8, 15.0),
    ("  same, If-None-Match (304)", "/v1/systems/fr-vigipirate/current", True, 0.8, None),
    ("GET /v1/changes?system=fr-vigipirate&limit=50", "/v1/changes?system=fr-vigipirate&limit=50", False, 0.7, None),
]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Result:
    rate: float
    p50_ms: float
    p99_ms: float
    errors: int
    cpu_us: float = 0.0  # CPU time the server's workers spent per request (user + system)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: installing Debian's package", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return shutil.which("wrk")
    sys.exit("wrk is missing: install it (Debian: apt-get install wrk)")


def start_server(app: str, env: dict, log: Path, options: list[str]) -> tuple[subprocess.Popen, int]:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"fd://{listener.fileno()}", *options, app]  # fmt: skip
    with log.open("w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=env, pass_fds=(listener.fileno(),), stderr=stderr)
    listener.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process, port
        except urllib.error.HTTPError:
            return process, port  # it answers (a 404 for the bare app)
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{app} did not start; see {log}")


def wrk(url: str, args, headers: dict | None = None, duration: float | None = None, master: int = 0) -> Result:
    """Load `url`; with `master`, also the CPU time its workers spent per request."""
    cpu_before = cpu_seconds_of_workers(master) if master else 0
    command = [args.wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{duration or args.duration}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    cpu = cpu_seconds_of_workers(master) - cpu_before if master else 0
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    for counts in re.findall(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        errors += int(counts[0]) + int(counts[3])  # read/write errors are the server closing after each answer
    return Result(rate, percentile(output, "50"), percentile(output, "99"), errors, cpu / requests * 1e6)


def best(results: list[Result]) -> Result:
    """The run with the highest rate, with the lowest CPU time per request seen: on a machine shared with other
    work, interference only ever lowers the one and raises the other."""
    top = max(results, key=lambda result: result.rate)
    return Result(top.rate, top.p50_ms, top.p99_ms, sum(r.errors for r in results), min(r.cpu_us for r in results))


def percentile(output: str, which: str) -> float:
    value, unit = re.search(rf"^\s+{which}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
    return float(value) * UNITS[unit]


def workers_of(master: int) -> list[str]:
    return Path(f"/proc/{master}/task/{master}/children").read_text().split()


def rss_mb_of_workers(master: int) -> list[float]:
    sizes = []
    for pid in workers_of(master):
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def cpu_seconds_of_workers(master: int) -> float:
    ticks = 0
    for pid in workers_of(master):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def etag_and_size(url: str) -> tuple[str, int]:
    with urllib.request.urlopen(url) as response:
        return response.headers["ETag"], len(response.read())


def prepare_database(args, scratch: Path) -> str:
    if args.database_url:
        return args.database_url
    url = f"sqlite:///{scratch / 'curated.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "flask", "--app", "api", "seeds", "load"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return url


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--worker-class", default=None, help="e.g. gthread (default: gunicorn.conf.py's, sync)")
    parser.add_argument("--worker-threads", type=int, default=None, help="threads per worker, for gthread")
    parser.add_argument("--rounds", type=int, default=3, help="alternated runs of bare and app; best of each kept")
    parser.add_argument("--database-url", help="serve this database instead of a scratch SQLite copy of seeds/")
    args = parser.parse_args(argv)
    args.wrk = ensure_wrk()
    options = []
    if args.workers:
        options += ["--workers", str(args.workers)]
    if args.worker_class:
        options += ["--worker-class", args.worker_class]
    if args.worker_threads:
        options += ["--threads", str(args.worker_threads)]

    with tempfile.TemporaryDirectory(prefix="threat-levels-bench-") as scratch_name:
        scratch = Path(scratch_name)
        env = {key: value for key, value in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
        env.update(DATABASE_URL=prepare_database(args, scratch), RATELIMIT_APPLICATION="1000000000 per minute")
        app, app_port = start_server("api:create_app()", env, scratch / "app.log", options)
        bare, bare_port = start_server("bench.bare:app", env, scratch / "bare.log", options)
        try:
            report(args, app, app_port, bare, bare_port, scratch)
        finally:
            for process in (app, bare):
                process.terminate()
                process.wait(timeout=60)


def report(args, app, app_port: int, bare, bare_port: int, scratch: Path) -> None:
    base = f"http://127.0.0.1:{app_port}"
    workers = len(workers_of(app.pid))
    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration:g}s on 127.0.0.1, best of {args.rounds} "
          f"alternated runs; gunicorn {workers} "
          f"{args.worker_class or 'sync'} workers each for the app and the bare Flask app; {os.cpu_count()} CPUs; "
          f"load average before: {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'':<46}{'app':>22}{'bare Flask, same bytes':>24}")
    print(f"{'endpoint':<46}{'req/s':>7}{'p50 ms':>8}{'p99 ms':>8}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'ratio':>7}"
          f"{'CPU µs/req':>12}{'bare':>6}{'ratio':>7}  target (on req/s)")  # fmt: skip
    for label, path, conditional, target, p99_target in ENDPOINTS:
        etag, size = etag_and_size(base + path)
        headers = {"If-None-Match": etag} if conditional else {}
        bare_url = f"http://127.0.0.1:{bare_port}/bytes/{0 if conditional else size}"  # the same bytes on the wire
        wrk(base + path, args, headers, duration=2)  # warm: fill every worker's cache
        wrk(bare_url, args, duration=2)
        runs = [(wrk(bare_url, args, master=bare.pid), wrk(base + path, args, headers, master=app.pid))
                for _ in range(args.rounds)]  # fmt: skip
        yardstick, measured = best([run[0] for run in runs]), best([run[1] for run in runs])
        ratio = measured.rate / yardstick.rate
        verdict = f">= {target}x {'met' if ratio >= target else 'MISSED'}"
        if p99_target:
            verdict += f"; p99 < {p99_target:g} ms {'met' if measured.p99_ms < p99_target else 'MISSED'}"
        if measured.errors or yardstick.errors:
            verdict += f"; {measured.errors} errors (bare {yardstick.errors})"
        cpu_ratio = yardstick.cpu_us / measured.cpu_us
        print(f"{label:<46}{measured.rate:>7.0f}{measured.p50_ms:>8.2f}{measured.p99_ms:>8.2f}{yardstick.rate:>8.0f}"
              f"{yardstick.p50_ms:>8.2f}{yardstick.p99_ms:>8.2f}{ratio:>6.2f}x{measured.cpu_us:>12.0f}"
              f"{yardstick.cpu_us:>6.0f}{cpu_ratio:>6.2f}x  {verdict}")  # fmt: skip
    sizes = rss_mb_of_workers(app.pid)
    bare_sizes = rss_mb_of_workers(bare.pid)
    verdict = "met" if max(sizes) < 100 else "MISSED"
    print(f"RSS per worker after the run: app {', '.join(f'{size:.1f}' for size in sizes)} MB (< 100 MB {verdict}); "
          f"bare {', '.join(f'{size:.1f}' for size in bare_sizes)} MB")  # fmt: skip
    lines = sum(1 for _ in (scratch / "app.log").open())
    print(f"The app wrote {lines} JSON log lines. Ratios: app / bare for req/s, bare / app for CPU time per request "
          f"(what req/s would show on a machine with no other load).")  # fmt: skip


if __name__ == "__main__":
    main()
