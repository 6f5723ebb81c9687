"""HTTP behaviour every endpoint shares, wired in by init_app: CORS, compression, conditional GETs; proxies.

render.py holds the ways to answer, pagination.py keyset pages and Link headers, conditional.py ETag/304 and
Cache-Control, clock.py how long an answer about now holds, language.py the one way to choose a text."""

from flask import Flask
from flask_compress import Compress
from flask_cors import CORS
from werkzeug.middleware.proxy_fix import ProxyFix

from api.http.conditional import conditional_get, evaluate_conditions
from api.http.deprecation import announce
from api.http.render import REVISION_HEADER

RATE_LIMIT_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"]
EXPOSED_HEADERS = ["ETag", "Link", "Last-Modified", REVISION_HEADER, *RATE_LIMIT_HEADERS]


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
    # into "<etag>:br" (or :gzip) for the compressed one. The conditions are evaluated once, on the answer as sent
    # (evaluate_conditions, registered first so it runs last), with tags compared whatever their coding.
    app.config["COMPRESS_EVALUATE_CONDITIONAL_REQUEST"] = False
    app.after_request(evaluate_conditions)
    Compress(app)
    app.after_request(conditional_get)
    app.after_request(announce)  # deprecated operations say so, on every answer (docs/versioning.md)


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For/-Proto from TRUSTED_PROXIES proxies: the outermost WSGI layer, so that rate limits and
    logs everywhere see the client's address. Never X-Forwarded-Host: absolute URLs come from PUBLIC_URL."""
    if hops := app.config["TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
