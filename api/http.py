"""HTTP behaviour every endpoint shares: format negotiation and rendering, ETag/304, Last-Modified, Cache-Control,
Vary, CORS, compression, Link headers and keyset cursors."""

import base64
import binascii
import datetime
import hashlib
import json
from collections.abc import Callable, Iterable
from http import HTTPStatus
from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, request, stream_with_context
from flask_compress import Compress
from flask_cors import CORS
from werkzeug.http import is_resource_modified
from werkzeug.middleware.proxy_fix import ProxyFix

from api import clock
from api.errors import Problem
from api.language import response_language

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv", "ndjson": "application/x-ndjson"}
MAX_AGE, STALE = 60, 300  # seconds a cache may keep an answer, then serve it stale while it asks again
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
                       "HTTP_RANGE")  # fmt: skip
VARY = ("Accept", "Accept-Language")
REVISION_HEADER = "Dataset-Revision"
RATE_LIMIT_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"]
EXPOSED_HEADERS = ["ETag", "Link", "Last-Modified", REVISION_HEADER, *RATE_LIMIT_HEADERS]

Export = Callable[[], Iterable[str]]


def init_app(app: Flask) -> None:
    app.json.ensure_ascii = False  # UTF-8 bodies: names and quotations stay readable
    # Any origin may read, errors included; the headers a widget or a script needs are exposed.
    CORS(
        app,
        resources={
            r"/v1*": {"origins": "*"},
            r"/openapi.json": {"origins": "*"},
            r"/embed/v1/*": {"origins": "*"},
            r"/oembed": {"origins": "*"},
        },
        send_wildcard=True,
        expose_headers=EXPOSED_HEADERS,
        methods=["GET", "HEAD", "OPTIONS"],
        max_age=86400,
    )
    # gzip or brotli when the client asks and the body is worth it (COMPRESS_MIN_SIZE). Registered before
    # conditional_get, so it runs after it: the ETag is that of the uncompressed body, and Flask-Compress turns it
    # into "<etag>:br" (or :gzip) for the compressed one and evaluates If-None-Match again, so 304s keep working.
    Compress(app)
    app.after_request(conditional_get)


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For/-Proto/-Host from TRUSTED_PROXIES proxies: the outermost WSGI layer, so that rate
    limits and logs everywhere see the client's address."""
    if hops := app.config["TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def dataset_state() -> tuple[int, datetime.datetime | None]:
    """(revision, when it was written), read once per request: what every answer is built from."""
    if "dataset_state" not in g:
        from api.models import Revision

        g.dataset_state = Revision.latest_state()
    return g.dataset_state


def negotiate(offered: Iterable[str]) -> str:
    """The format to answer in: `format=` wins, then `Accept`; a 406 problem when nothing offered fits."""
    offered = list(offered)
    asked = request.args.get("format")
    if asked:
        if asked not in offered:
            raise Problem(HTTPStatus.BAD_REQUEST, f"Not available as {asked}.", "invalid-parameter",
                          errors=[{"parameter": "format", "detail": f"Must be one of: {', '.join(offered)}."}])  # fmt: skip
        return asked
    if not request.headers.get("Accept"):
        return offered[0]
    best = request.accept_mimetypes.best_match([MEDIA_TYPES[name] for name in offered])
    if best is None:
        available = [MEDIA_TYPES[name] for name in offered]
        raise Problem(
            HTTPStatus.NOT_ACCEPTABLE,
            f"Available as {', '.join(available)}: ask for one of them in Accept, or use format=.",
            "not-acceptable",
            available=available,
        )
    return next(name for name, media_type in MEDIA_TYPES.items() if media_type == best)


def render(
    schema, data, *, exports: dict[str, Export] | None = None, streamed: bool = True, headers=None, status: int = 200
) -> Response:
    """The answer in the negotiated format: `schema` dumps `data` as JSON (with the dataset revision and language);
    `exports` make CSV or NDJSON text, streamed (constant memory, ETag from the revision and the request) unless
    `streamed` is False (small bodies, ETag from the bytes). A write's answer (`status`) is rendered the same way,
    after the write: its dataset revision is the one the write made."""
    exports = exports or {}
    name = negotiate(["json", *exports])
    revision, _ = dataset_state()
    if name == "json":
        body = schema.dump(data)
        body.update(dataset_revision=revision, lang=response_language())
        response = current_app.response_class(current_app.json.dumps(body) + "\n", mimetype=MEDIA_TYPES["json"])
        response.headers["Content-Language"] = response_language()
    elif streamed:
        response = streamed_response(exports[name], MEDIA_TYPES[name])
    else:
        response = current_app.response_class("".join(exports[name]()), mimetype=MEDIA_TYPES[name])
    if name == "ndjson":
        response.headers["Content-Language"] = response_language()
    response.headers[REVISION_HEADER] = str(revision)
    response.headers.update(headers or {})
    response.status_code = status
    return response


def streamed_response(export: Export, media_type: str) -> Response:
    """A body made while it is sent. Its ETag comes from what determines the bytes: the dataset revision, the
    request's path and query, the format and the language, so a match answers 304 without making the body."""
    revision, modified = dataset_state()
    key = json.dumps([revision, request.path, sorted(request.args.items(multi=True)), media_type, response_language()])
    etag = hashlib.sha256(key.encode()).hexdigest()[:40]
    if request.method in ("GET", "HEAD") and not is_resource_modified(request.environ, etag, last_modified=modified):
        response = current_app.response_class(status=HTTPStatus.NOT_MODIFIED)
    else:
        response = current_app.response_class(stream_with_context(iter(export())), mimetype=media_type)
    response.set_etag(etag)
    return response


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
    dataset revision that answered was written). An answer that read the clock (api/clock.py) claims neither to
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


def encode_cursor(direction: str, order: str, key: tuple) -> str:
    parts = [direction, order, *[part.isoformat() if hasattr(part, "isoformat") else part for part in key]]
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, order: str, types: tuple) -> tuple[str, tuple]:
    """(direction, key) of a cursor made for this `order`, each key part converted by `types`; else a 400 problem."""
    try:
        parts = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(parts, list) or len(parts) != len(types) + 2 or parts[0] not in ("next", "prev"):
            raise ValueError
        if parts[1] != order:
            raise Problem(HTTPStatus.BAD_REQUEST, "This cursor belongs to another sort order.", "invalid-parameter",
                          errors=[{"parameter": "cursor", "detail": f"Made for sort={parts[1]}, not {order}."}])  # fmt: skip
        return parts[0], tuple(kind(part) for kind, part in zip(types, parts[2:], strict=True))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError):
        raise Problem(
            HTTPStatus.BAD_REQUEST,
            "This cursor was not made by this API; follow the Link headers.",
            "invalid-parameter",
            errors=[{"parameter": "cursor", "detail": "Not a valid cursor."}],
        ) from None


def link_header(links: dict[str, dict]) -> str:
    """RFC 8288 Link header for the current path, one entry per relation with its query parameters."""
    entries = []
    for rel, params in links.items():
        query = urlencode({key: value for key, value in params.items() if value is not None})
        entries.append(f'<{request.base_url}{"?" + query if query else ""}>; rel="{rel}"')
    return ", ".join(entries)


def render_download(name: str, export: Export, filename: str) -> Response:
    """A file offered in one format only (a whole-dataset dump): streamed, with its name, or a 406 problem."""
    negotiate([name])
    response = streamed_response(export, MEDIA_TYPES[name])
    response.headers[REVISION_HEADER] = str(dataset_state()[0])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
