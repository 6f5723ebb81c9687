"""Deprecation of an operation, announced on every answer it gives: `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and
`Link`s to the versioning policy (docs/versioning.md) and to what replaces it; `deprecated: true` in the contract."""

import datetime
from dataclasses import dataclass

from flask import Response, current_app, request
from flask_smorest import Blueprint
from werkzeug.http import http_date


@dataclass(frozen=True)
class Deprecation:
    since: datetime.datetime  # when the operation was deprecated (UTC)
    sunset: datetime.datetime | None = None  # from when it may stop answering (UTC); None: not yet decided
    successor: str | None = None  # the operation to use instead (a path)

    def headers(self, policy: str) -> dict[str, str]:
        links = [f'<{policy}>; rel="deprecation"; type="text/markdown"']
        headers = {"Deprecation": f"@{int(self.since.timestamp())}"}
        if self.sunset is not None:
            headers["Sunset"] = http_date(self.sunset)
            links.append(f'<{policy}>; rel="sunset"; type="text/markdown"')
        if self.successor is not None:
            links.append(f'<{self.successor}>; rel="successor-version"')
        headers["Link"] = ", ".join(links)
        return headers


def deprecated(since: datetime.datetime, sunset: datetime.datetime | None = None, successor: str | None = None):
    """Decorator for a view (put it under the route and response decorators): its answers, errors included, carry
    the deprecation headers, and the contract marks the operation `deprecated`."""
    deprecation = Deprecation(since, sunset, successor)
    if sunset is not None and sunset <= since:
        raise ValueError("A sunset comes after the deprecation it follows.")

    def decorator(view):
        sunset_text = f"; it may stop answering from {http_date(sunset)}" if sunset else ""
        instead = f" Use `{successor}` instead." if successor else ""
        marked = Blueprint.doc(deprecated=True, description=f"**Deprecated**{sunset_text}.{instead}")(view)
        marked.deprecation = deprecation
        return marked

    return decorator


def announce(response: Response) -> Response:
    """After every request: the deprecation headers of a deprecated operation, the Link added to any already there."""
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    deprecation = getattr(view, "deprecation", None)
    if deprecation is not None:
        headers = deprecation.headers(current_app.config["VERSIONING_POLICY_URL"])
        links = [value for value in (response.headers.get("Link"), headers.pop("Link")) if value]
        response.headers.update(headers)
        response.headers["Link"] = ", ".join(links)
    return response
