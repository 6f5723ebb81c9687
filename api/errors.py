"""RFC 9457 problem details: the Problem exception, and handlers that turn every error into problem+json."""

import json
import logging
from http import HTTPStatus

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from api import db
from schemas.base import error_pointers

PROBLEM_TYPES = "tag:threat-levels-api,2026:problems/"  # stable identifiers, documented in openapi.yaml (Problem)
MEDIA_TYPE = "application/problem+json"
log = logging.getLogger(__name__)


class Problem(Exception):
    """An error the client can act on; `kind` names our own problem types (None: plain HTTP, about:blank)."""

    def __init__(self, status: int, detail: str | None = None, kind: str | None = None, **members):
        super().__init__(detail)
        self.status = HTTPStatus(status)
        self.detail = detail
        self.kind = kind
        self.members = members
        self.headers = members.pop("headers", {})

    def body(self) -> dict:
        body = {
            "type": PROBLEM_TYPES + self.kind if self.kind else "about:blank",
            "title": TITLES.get(self.kind, self.status.phrase),
            "status": self.status.value,
        }
        if self.detail:
            body["detail"] = self.detail
        body["instance"] = request.path
        body.update(self.members)
        return body

    def to_response(self) -> Response:
        response = Response(json.dumps(self.body(), ensure_ascii=False), self.status.value, mimetype=MEDIA_TYPE)
        response.headers.update(self.headers)
        return response


TITLES = {
    "invalid-parameter": "Invalid query parameter",
    "malformed-body": "The request body is not JSON",
    "validation-failed": "The request body is not valid",
    "not-found": "No such record",
    "retracted": "The record was retracted",
    "unauthorized": "A valid bearer token is required",
    "forbidden": "The token's role does not allow this",
    "precondition-required": "If-Match is required",
    "precondition-failed": "The record changed since it was read",
    "edit-conflict": "The write conflicts with the data",
    "unavailable": "The database is unavailable",
    "not-ready": "Not ready to serve",
    "rate-limited": "Too many requests",
}


def invalid_parameters(messages: dict, allowed: list[str]) -> Problem:
    """A 400 for query-string errors, one entry per parameter, saying which parameters exist."""
    errors = [
        {"parameter": pointer.strip("/").split("/")[0], "detail": message}
        for pointer, message in error_pointers(messages)
    ]
    for error in errors:
        if error["detail"] == "Unknown field.":
            error["detail"] = f"Unknown parameter. Allowed: {', '.join(allowed) or 'none'}."
    names = ", ".join(sorted({error["parameter"] for error in errors}))
    return Problem(HTTPStatus.BAD_REQUEST, f"Bad query parameter(s): {names}.", "invalid-parameter", errors=errors)


def from_http_exception(exc: HTTPException) -> Response:
    """Plain HTTP errors (404 for unknown paths, 405, ...) as problem+json, keeping headers such as Allow."""
    response = exc.get_response()
    problem = Problem(exc.code, exc.description if exc.code != HTTPStatus.NOT_FOUND else None)
    response.set_data(json.dumps(problem.body(), ensure_ascii=False))
    response.mimetype = MEDIA_TYPE
    return response


def unexpected(exc: Exception) -> Response:
    """Anything else: log the traceback, say nothing of it to the client."""
    if isinstance(exc, HTTPException):
        return from_http_exception(exc)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return Problem(HTTPStatus.INTERNAL_SERVER_ERROR, "The server failed to answer; the error was logged.").to_response()


def init_app(app: Flask) -> None:
    app.register_error_handler(Problem, lambda problem: problem.to_response())
    app.register_error_handler(HTTPException, from_http_exception)
    app.register_error_handler(Exception, unexpected)
    for error in db.UNAVAILABLE:
        app.register_error_handler(error, unavailable)


def unavailable(exc: Exception) -> Response:
    """A 503 problem with Retry-After; the reason goes to the log, never to the client."""
    log.warning("database unavailable: %s: %s", type(exc).__name__, (str(exc).strip().splitlines() or [""])[0])
    retry_after = str(current_app.config["DATABASE_RETRY_AFTER"])
    detail = db.BUSY if db.busy(exc) else "The database does not answer; try again shortly."
    problem = Problem(HTTPStatus.SERVICE_UNAVAILABLE, detail, "unavailable", headers={"Retry-After": retry_after})
    return problem.to_response()
