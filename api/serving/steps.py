"""The per-request steps every answer takes, whether Flask builds it or the response cache's fast path serves a kept
one (api/serving/fast_path.py): a request id, one access-log line, the metrics. One list serves both paths, so a step
added here is taken on both (tests/serving/test_parity.py compares a kept answer with a fresh one).

The rate limit is counted on both paths too, by Flask-Limiter's own limits and storage: through its hooks in Flask,
through `limits.spend` on the fast path (which leaves a client over its limit to Flask-Limiter's 429).
"""

import time
from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request

from api.serving import logs, metrics


@dataclass
class Exchange:
    """One request and its answer, as the steps see it on either path."""

    environ: dict
    started: float
    request_id: str
    route: str = "(unmatched)"
    status: int = 0
    size: int | None = None
    cache: str = "bypass"  # what the response cache did: hit, not-modified, miss or bypass
    metrics: bool = False


def begin(environ: dict, started: float | None = None) -> Exchange:
    """The exchange of a request as it arrives: its start and its id (the client's, or a new one)."""
    started = time.perf_counter() if started is None else started
    return Exchange(environ, started, logs.request_id(environ.get("HTTP_X_REQUEST_ID")))


def request_id_header(exchange: Exchange) -> list[tuple[str, str]]:
    return [("X-Request-ID", exchange.request_id)]


def write_log_line(exchange: Exchange) -> None:
    logs.write(exchange.environ, exchange.request_id, exchange.status, exchange.size, exchange.started, exchange.cache)


def count_in_metrics(exchange: Exchange) -> None:
    if exchange.metrics:
        metrics.count(exchange.environ["REQUEST_METHOD"], exchange.route, exchange.status, exchange.started,
                      exchange.cache)  # fmt: skip


HEADERS = (request_id_header,)  # each gives headers that belong to this exchange only: never kept with an answer
AFTER = (write_log_line, count_in_metrics)  # each runs once the answer is final


def headers(exchange: Exchange) -> list[tuple[str, str]]:
    return [pair for step in HEADERS for pair in step(exchange)]


def finish(exchange: Exchange) -> None:
    for step in AFTER:
        step(exchange)


def init_app(app: Flask) -> None:
    """The Flask path: the exchange begins before every other hook and finishes after every other (registered
    first, the after_request hook runs last, so it sees the status and size that are sent)."""
    app.before_request(begin_request)
    app.after_request(finish_request)


def begin_request() -> None:
    g.exchange = begin(request.environ)


def finish_request(response: Response) -> Response:
    exchange = g.get("exchange") or begin(request.environ)
    for name, value in headers(exchange):
        response.headers[name] = value
    exchange.route = request.url_rule.rule if request.url_rule is not None else "(unmatched)"
    exchange.status, exchange.size = response.status_code, response.content_length
    exchange.cache = g.get("response_cache", ("bypass",))[0]
    exchange.metrics = current_app.config["METRICS_ENABLED"]
    finish(exchange)
    return response
