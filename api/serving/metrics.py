"""Prometheus metrics: requests, durations and response-cache results, correct across gunicorn workers.

Under gunicorn, PROMETHEUS_MULTIPROC_DIR is set (gunicorn.conf.py makes and empties one on start): each worker writes
its counts to files there and /metrics adds up the files of every worker, living or gone, whichever worker answers.
Without it (tests, `flask run`), the process's own registry answers.
"""

import functools
import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter("http_requests_total", "HTTP requests answered, by method, route and status.",
                   ["method", "route", "status"])  # fmt: skip
DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from the first to the last hook of a request, by route (the WSGI server adds its own).",
    ["route"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}  # any other is counted as OTHER
CACHE = Counter("response_cache_lookups_total", "Response-cache lookups, by result.", ["result"])


def count(method: str, route: str, status: int, started: float, cache: str) -> None:
    """One request, counted by api/serving/steps.py on both paths."""
    requests, duration, lookups = series(method if method in METHODS else "OTHER", route, status, cache)
    requests.inc()
    duration.observe(time.perf_counter() - started)
    if lookups is not None:
        lookups.inc()


@functools.cache
def series(method: str, route: str, status: int, cache: str):
    """The labelled series a request updates, found once per combination (labels() checks its arguments each time);
    routes are the app's URL rules and statuses a few dozen, so there are few combinations."""
    lookups = CACHE.labels(cache) if cache != "bypass" else None
    return REQUESTS.labels(method, route, str(status)), DURATION.labels(route), lookups


def exposition() -> tuple[bytes, str]:
    """The metrics text of every worker (multiprocess mode) or of this process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST
