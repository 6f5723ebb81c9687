"""Prometheus metrics: requests, durations and response-cache results, correct across gunicorn workers.

Under gunicorn, PROMETHEUS_MULTIPROC_DIR is set (gunicorn.conf.py makes and empties one on start): each worker writes
its counts to files there and /metrics adds up the files of every worker, living or gone, whichever worker answers.
Without it (tests, `flask run`), the process's own registry answers.
"""

import os
import time

from flask import Flask, Response, g, request
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
CACHE = Counter("response_cache_lookups_total", "Response-cache lookups, by result.", ["result"])


def init_app(app: Flask) -> None:
    if app.config["METRICS_ENABLED"]:
        app.after_request(count_request)


def count_request(response: Response) -> Response:
    route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
    REQUESTS.labels(request.method, route, str(response.status_code)).inc()
    DURATION.labels(route).observe(time.perf_counter() - g.get("started", time.perf_counter()))
    result = g.get("response_cache", ("bypass",))[0]
    if result != "bypass":
        CACHE.labels(result).inc()
    return response


def exposition() -> tuple[bytes, str]:
    """The metrics text of every worker (multiprocess mode) or of this process."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST
