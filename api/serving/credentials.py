"""Answers and credentials: whatever a request with credentials gets is private to it, so that no shared cache
(ours, nginx, Varnish, a CDN) hands it to someone else.

The response cache never keeps nor serves an answer to a request with `Authorization` (api/serving/cache.py); this
step tells every cache downstream the same: `Cache-Control: private, no-store` on every answer to such a request
(success, 304, problem). Anonymous answers are the same for every anonymous client, so they stay public and kept
(without `Vary: Authorization`, which would make Varnish pass them: deploy/varnish passes requests with credentials).
"""

from flask import Flask, Response, request

PRIVATE = "private, no-store"


def init_app(app: Flask) -> None:
    """Registered before api/http, so that it runs after conditional_get has set the public Cache-Control."""
    app.after_request(keep_private)


def keep_private(response: Response) -> Response:
    if "HTTP_AUTHORIZATION" in request.environ:
        response.headers["Cache-Control"] = PRIVATE
        response.headers.pop("Expires", None)
    return response
