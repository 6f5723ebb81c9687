"""Absolute URLs: always under the configured PUBLIC_URL, never from the request's Host or X-Forwarded-* headers.

Answers are kept (api/serving/cache.py, and any cache in front) under a key that holds no Host: an absolute URL built
from the request's host would let one forged request poison every later visitor's copy. So the scheme, host and path
prefix of every absolute URL come from one setting, read once at app creation.
"""

from urllib.parse import urlsplit

from flask import current_app, request, url_for
from werkzeug.sansio.utils import get_current_url


def base() -> str:
    """The public base URL, without a trailing slash (`https://levels.example.org`)."""
    return current_app.config["PUBLIC_URL"]


def public_url(endpoint: str, **values) -> str:
    """`url_for(endpoint, **values)`, absolute under PUBLIC_URL."""
    path = url_for(endpoint, **values)
    return base() + path[len(request.script_root) :]


def public_request_url(query: bool = True) -> str:
    """The URL of this request (its path and, unless `query` is False, its query string) under PUBLIC_URL."""
    parts = urlsplit(base())
    return get_current_url(
        parts.scheme, parts.netloc, parts.path or "/", request.path, request.query_string if query else None
    )
