"""gunicorn settings for `make serve` and production; any value can be overridden on the command line or in
GUNICORN_CMD_ARGS (e.g. GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000"). The README's configuration table lists the rest."""

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

# Metrics from every worker go to files in one folder, named before prometheus_client is imported. One folder per
# server: made here when not given (and removed on exit), emptied on start (see on_starting).
MADE_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if MADE_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="threat-levels-metrics-")

from gunicorn.glogging import Logger  # noqa: E402

from api.serving.logs import LOGGING  # noqa: E402  (after the variable above: this imports the app's package

# bind: gunicorn's own default, 127.0.0.1:8000, or 0.0.0.0:$PORT when PORT is set; --bind to choose.
# One sync worker per core: a request is short CPU work (most are answered from the response cache). Run behind a
# buffering reverse proxy (nginx, a load balancer): a sync worker is busy for as long as a slow client takes.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count())
worker_class = "sync"
timeout = 30  # a worker silent this long (stuck) is killed and replaced
graceful_timeout = 20  # on SIGTERM, workers finish the requests they have for up to this long, then stop
keepalive = 5
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # heartbeat files off the disk
limit_request_line = 8190
limit_request_fields = 100
# One JSON line per request is written by the app (api/serving/logs.py: with the request id, which gunicorn does not know);
# gunicorn's own messages are JSON lines too, on stderr.
accesslog = None
errorlog = "-"
logconfig_dict = LOGGING


class AppWritesAccessLines(Logger):
    """gunicorn's logger less its access line, which the app writes. With logconfig_dict set, gunicorn would otherwise
    work out every field of an access line on each request, then drop it (bench/ measured the cost)."""

    def access(self, resp, req, environ, request_time):
        pass


logger_class = AppWritesAccessLines
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "threat-levels-api"
control_socket_disable = True  # gunicorn 27's control socket sits at one path per user: instances would collide


def on_starting(server):
    """Empty the metrics folder: counts left by a previous server would otherwise be added to ours."""
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def on_exit(server):
    if MADE_METRICS_DIR:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


def child_exit(server, worker):
    """A worker is gone: drop its live gauges (its counters stay, so totals never go down)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def worker_exit(server, worker):
    """Give pooled database connections back to PostgreSQL before the process ends."""
    from api import db

    db.close_all()
