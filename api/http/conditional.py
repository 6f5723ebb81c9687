"""Conditional requests: the dataset state an answer is built from, ETag/304, Last-Modified and Cache-Control."""

import datetime
from http import HTTPStatus

from flask import Response, g, request

from api.http import clock
from api.models import Revision

MAX_AGE, STALE = 60, 300  # seconds a cache may keep an answer, then serve it stale while it asks again
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
                       "HTTP_RANGE")  # fmt: skip
VARY = ("Accept", "Accept-Language")


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
    if not response.is_streamed and response.status_code == HTTPStatus.OK:
        if response.get_etag() == (None, None):
            response.add_etag()
        if any(name in request.environ for name in CONDITIONAL_HEADERS):  # the hot path skips the parsing
            response.make_conditional(request)
    return response
