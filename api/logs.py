"""Structured logs: a request id on every exchange, and one JSON line per request (never a header's value).

The id comes from the client's or the proxy's X-Request-ID when it is a plain token, or is made here; it is echoed in
the response so that a client and an operator can name the same request. The line goes to the "api.access" logger;
gunicorn.conf.py sends it (and gunicorn's own messages) to stderr as JSON (LOGGING below).
"""

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

access_log = logging.getLogger("api.access")
REQUEST_ID = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")

# dictConfig for a deployment: every line on stderr as one JSON object.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        }
    },
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}


def init_app(app: Flask) -> None:
    logging.getLogger("api").setLevel(app.config["LOG_LEVEL"])
    app.before_request(start_request)
    app.after_request(log_request)


def start_request() -> None:
    g.started = time.perf_counter()
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def log_request(response: Response) -> Response:
    """One line per request; runs last, so it sees the status and size that are sent."""
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Request-ID"] = request_id
    if access_log.isEnabledFor(logging.INFO):
        duration_ms = round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 3)
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "query": request.query_string.decode("latin-1"),
                "status": response.status_code,
                "duration_ms": duration_ms,
                "bytes": response.content_length,
                "remote_addr": request.remote_addr,
                "cache": g.get("response_cache", ("bypass",))[0],
            },
        )
    return response
