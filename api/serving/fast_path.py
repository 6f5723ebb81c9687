"""The response cache's fast path: WSGI middleware that serves a kept answer before Flask builds a request (see
api/serving/cache.py)."""

import time

from flask import Flask

from api.db import UNAVAILABLE, database
from api.serving import limits, steps
from api.serving.cache import ResponseCache, cacheable, request_key, revalidate_if_asked


def init_app(app: Flask) -> None:
    if app.config["CACHE_ENABLED"]:
        app.wsgi_app = FastPath(app, app.wsgi_app)


class FastPath:
    """WSGI middleware: a kept answer, served before Flask builds a request (see the module's docstring)."""

    def __init__(self, app: Flask, wsgi_app):
        self.app = app
        self.wsgi_app = wsgi_app
        self.cache: ResponseCache = app.extensions["response_cache"]

    def __call__(self, environ: dict, start_response):
        answer = self.serve(environ, start_response) if cacheable(environ) else None
        return answer if answer is not None else self.wsgi_app(environ, start_response)

    def serve(self, environ: dict, start_response) -> list[bytes] | None:
        started = time.perf_counter()
        revalidate_if_asked(self.cache, environ)
        if not self.cache.fresh() and not self.look_at_revision():
            return None
        now = self.cache.clock()
        entry = self.cache.get(request_key(environ), now)
        if entry is None:
            return None
        if entry.unmodified_for(environ):
            headers = list(entry.headers_at(entry.not_modified_headers, now))
            status, body, result = "304 NOT MODIFIED", b"", "not-modified"
        else:
            quota = limits.spend(self.app, environ)  # 304s are not counted
            if quota is None:
                return None
            status, headers, body, result = "200 OK", [*entry.headers_at(entry.headers, now), *quota], entry.body, "hit"
        exchange = steps.begin(environ, started)
        exchange.route, exchange.cache = entry.route, result
        exchange.status, exchange.size = int(status[:3]), len(body) or None
        exchange.metrics = self.app.config["METRICS_ENABLED"]
        start_response(status, [*headers, *steps.headers(exchange)])
        steps.finish(exchange)
        return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]

    def look_at_revision(self) -> bool:
        """Refresh the revision outside Flask; False (leave it to Flask, which answers 503) when that fails."""
        try:
            with database.connection_context():
                self.cache.current_revision()
        except UNAVAILABLE:
            return False
        return True
