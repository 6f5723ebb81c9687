"""Conditional requests: the dataset state an answer is built from, ETag/304, Last-Modified and Cache-Control."""

import datetime
import hashlib
from http import HTTPStatus

from flask import Response, g, request
from werkzeug.http import parse_etags

from api.errors import Problem
from api.http import clock
from api.models import Revision

MAX_AGE, STALE = 60, 300  # seconds a cache may keep an answer, then serve it stale while it asks again
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
                       "HTTP_RANGE")  # fmt: skip
VARY = ("Accept", "Accept-Language")
# Flask-Compress names a compressed body's ETag "<etag>:<coding>": the same representation in another content coding.
CODINGS = (":br", ":gzip", ":deflate", ":zstd")


def identity_tag(tag: str | None) -> str:
    """An entity tag (unquoted) less its content coding: what every coding of one representation shares. An empty
    tag (`If-None-Match: ""`, which werkzeug reads as None) names no representation."""
    if not tag:
        return "\x00"  # matches no entity tag the app makes
    for coding in CODINGS:
        if tag.endswith(coding):
            return tag[: -len(coding)]
    return tag


def version_of(tag: str) -> str:
    """The record version a record's ETag names (`rev-12` of `rev-12.3f9a...:gzip`): what If-Match on a write checks,
    so that neither the content coding, the language nor an unrelated write (the body's dataset_revision) refuses it."""
    return identity_tag(tag).split(".", 1)[0]


def representation_etag(version: str, body: bytes) -> str:
    """A record's ETag (unquoted): its version, then a digest of the bytes, so that it changes whenever they do (the
    body carries the dataset revision and the language)."""
    return f"{version}.{hashlib.sha256(body).hexdigest()[:16]}"


def dataset_state() -> tuple[int, datetime.datetime | None]:
    """(revision, when it was written), read once per request: what every answer is built from."""
    if "dataset_state" not in g:
        g.dataset_state = Revision.latest_state()
    return g.dataset_state


def cache_control(seconds_left: float = MAX_AGE + STALE) -> str:
    """Cache-Control for an answer that stays right for `seconds_left` more seconds: caches may keep it MAX_AGE
    seconds, then serve it stale for STALE more, and neither ever past `seconds_left`."""
    left = max(int(seconds_left), 0)
    max_age = min(MAX_AGE, left)
    stale = min(STALE, left - max_age)
    return f"public, max-age={max_age}" + (f", stale-while-revalidate={stale}" if stale else "")


CACHE_CONTROL = cache_control()


def conditional_get(response: Response) -> Response:
    """Every GET: a strong ETag from the body (streamed bodies bring their own) and If-None-Match /
    If-Modified-Since answered with 304, and Cache-Control; for the API (/v1) also Vary and Last-Modified (when the
    dataset revision that answered was written). An answer that read the clock (api/http/clock.py) claims neither to
    have held before it started to, nor to hold after it stops."""
    if request.method not in ("GET", "HEAD"):
        return response
    api = request.path.startswith("/v1")
    if api:
        response.vary.update(VARY)
    if response.status_code not in (HTTPStatus.OK, HTTPStatus.NOT_MODIFIED) or response.direct_passthrough:
        return response
    holds = clock.holding()
    if holds is None:
        response.headers.setdefault("Cache-Control", CACHE_CONTROL)
    else:
        response.headers["Cache-Control"] = cache_control((holds[1] - clock.now()).total_seconds())
    if api and response.last_modified is None and (modified := dataset_state()[1]) is not None:
        response.last_modified = modified if holds is None else max(modified, holds[0])
    if not response.is_streamed and response.status_code == HTTPStatus.OK and response.get_etag() == (None, None):
        response.add_etag()
    return response


def evaluate_conditions(response: Response) -> Response:
    """If-Match, If-None-Match, If-Modified-Since and Range on a GET's answer as sent (after compression), comparing
    entity tags whatever their content coding. A failed If-Match is a 412 problem, on every URL, cached or not (the
    response cache leaves requests with If-Match to this step)."""
    environ = request.environ
    if request.method not in ("GET", "HEAD") or response.status_code != HTTPStatus.OK:
        return response
    if not any(name in environ for name in CONDITIONAL_HEADERS):  # the hot path skips the parsing
        return response
    etag, weak = response.get_etag()
    if "HTTP_IF_MATCH" in environ:
        asked = parse_etags(environ["HTTP_IF_MATCH"])
        strong = {identity_tag(tag) for tag in asked.as_set()}  # If-Match compares strongly: weak tags never match
        if not asked.star_tag and (etag is None or weak or identity_tag(etag) not in strong):
            return precondition_failed(etag, weak).to_response()
    if response.is_streamed:  # streamed answers evaluated If-None-Match before making their body
        return response
    conditions = {key: value for key, value in environ.items() if key != "HTTP_IF_MATCH"}
    if "HTTP_IF_NONE_MATCH" in environ and etag is not None:
        asked = parse_etags(environ["HTTP_IF_NONE_MATCH"])
        held = asked.star_tag or identity_tag(etag) in {identity_tag(tag) for tag in asked.as_set(include_weak=True)}
        conditions["HTTP_IF_NONE_MATCH"] = response.headers["ETag"] if held else '"-"'
    response.make_conditional(conditions)
    return response


def precondition_failed(etag: str | None, weak: bool) -> Problem:
    current = None if etag is None else ('W/"%s"' if weak else '"%s"') % etag
    detail = "If-Match names none of this answer's entity tags" + (f"; it is now {current}." if current else ".")
    return Problem(HTTPStatus.PRECONDITION_FAILED, detail, "precondition-failed", current_etag=current)
