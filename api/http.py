"""HTTP behaviour every endpoint shares: ETag/304, Cache-Control, CORS, compression, Link headers and keyset cursors."""

import base64
import binascii
import json
from http import HTTPStatus
from urllib.parse import urlencode

from flask import Flask, Response, request
from flask_compress import Compress
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from api.errors import Problem

CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE",
                       "HTTP_RANGE")  # fmt: skip


def init_app(app: Flask) -> None:
    # Any origin may read; the headers a widget needs are exposed.
    CORS(
        app,
        resources={
            r"/v1*": {"origins": "*"},
            r"/openapi.json": {"origins": "*"},
            r"/embed/v1/*": {"origins": "*"},
            r"/oembed": {"origins": "*"},
        },
        send_wildcard=True,
        expose_headers=["ETag", "Link"],
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


def conditional_get(response: Response) -> Response:
    """Strong ETag from the body of every successful GET; If-None-Match then answers 304 with no body."""
    if request.method in ("GET", "HEAD") and response.status_code == HTTPStatus.OK and not response.direct_passthrough:
        response.add_etag()  # unless the view set one
        response.headers.setdefault("Cache-Control", CACHE_CONTROL)
        if any(name in request.environ for name in CONDITIONAL_HEADERS):  # the hot path skips the parsing
            response.make_conditional(request)
    return response


def encode_cursor(key: tuple) -> str:
    text = json.dumps([part.isoformat() if hasattr(part, "isoformat") else part for part in key])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, types: tuple) -> tuple:
    """The key a cursor stands for, each part converted by `types`; a 400 problem for anything else."""
    try:
        parts = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(parts, list) or len(parts) != len(types):
            raise ValueError
        return tuple(kind(part) for kind, part in zip(types, parts, strict=True))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
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
