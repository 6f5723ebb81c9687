"""Answers and credentials: whatever a request with credentials gets is private to it, and an answer that a
credential could change says so, so that no shared cache (ours, nginx, Varnish, a CDN) hands it to someone else.

The response cache never keeps nor serves an answer to a request with `Authorization` (api/serving/cache.py); this
step tells every cache downstream the same: `Cache-Control: private, no-store` on every answer to such a request
(success, 304, problem), and `Vary: Authorization` on the anonymous answers of views that read credentials (a
record's revisions, which an admin sees more of), so that a cache never gives the public answer for the admin's.
"""

from flask import Flask, Response, g, request

PRIVATE = "private, no-store"


def init_app(app: Flask) -> None:
    """Registered before api/http, so that it runs after conditional_get has set the public Cache-Control."""
    app.after_request(keep_private)


def reads_credentials() -> None:
    """Called by a view whose answer a credential can change, whether or not this request presents one."""
    g.reads_credentials = True


def keep_private(response: Response) -> Response:
    if "HTTP_AUTHORIZATION" in request.environ:
        response.headers["Cache-Control"] = PRIVATE
        response.headers.pop("Expires", None)
    elif g.get("reads_credentials"):
        response.vary.add("Authorization")
    return response
