"""Structured logs: a request id on every exchange, and one JSON line per request (never a header's value).

The id comes from the client's or the proxy's X-Request-ID when it is a plain token, or is made here; it is echoed in
the response so that a client and an operator can name the same request. The line goes to the "api.access" logger;
gunicorn.conf.py sends it (and gunicorn's own messages) to stderr as JSON (LOGGING below).
"""

import logging
import re
import time
import uuid

from flask import Flask

access_log = logging.getLogger("api.access")
REQUEST_ID = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")
# Secrets a client may put in a query string (where they do not belong): the values of parameters named like one, and
# anything shaped like one of our tokens (api/auth.py TOKEN_PREFIX) wherever it stands. Never written to a log.
SECRET_PARAMETER = re.compile(r"(^|[&;])([^=&;]*(?:token|key|secret|passw|auth|signature|session)[^=&;]*=)[^&;]*", re.I)
TOKEN_SHAPED = re.compile(r"tla_[A-Za-z0-9_%-]+")
REDACTED = "[redacted]"

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


def request_id(given: str | None) -> str:
    """The client's (or proxy's) X-Request-ID when it is a plain token, else a new one."""
    return given if given and REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def redacted(query: str) -> str:
    """The query string with the values of secrets replaced by [redacted]."""
    if not query:
        return query
    return TOKEN_SHAPED.sub(REDACTED, SECRET_PARAMETER.sub(rf"\1\2{REDACTED}", query))


def write(environ: dict, rid: str, status: int, size: int | None, started: float, cache: str) -> None:
    """The line itself, written by api/serving/steps.py on both paths."""
    if access_log.isEnabledFor(logging.INFO):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")  # WSGI's str, as sent
        fields = {
            "request_id": rid,
            "method": method,
            "path": path,
            "query": redacted(environ.get("QUERY_STRING", "")),
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "bytes": size,
            "remote_addr": environ.get("REMOTE_ADDR"),
            "cache": cache,
        }
        # makeRecord + handle is what info() does, less the walk up the stack for the caller's file and line, which
        # an access line does not need (bench/: that walk was a third of the line's cost).
        record = access_log.makeRecord(access_log.name, logging.INFO, "", 0, "%s %s %s", (method, path, status), None,
                                       extra=fields)  # fmt: skip
        access_log.handle(record)
