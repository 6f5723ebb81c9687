"""The ways to answer: format negotiation, and JSON, CSV and NDJSON rendering (whole or streamed)."""

import hashlib
import json
from collections.abc import Callable, Iterable
from http import HTTPStatus

from flask import Response, current_app, render_template, request, stream_with_context
from markupsafe import Markup
from werkzeug.http import is_resource_modified

from api.errors import Problem
from api.http.conditional import dataset_state, representation_etag
from api.http.language import response_language
from api.serving.security import page_policy

MEDIA_TYPES = {"json": "application/json", "csv": "text/csv", "ndjson": "application/x-ndjson"}
REVISION_HEADER = "Dataset-Revision"

Export = Callable[[], Iterable[str]]


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
    headers = dict(headers or {})
    version = headers.pop("ETag", None)  # a record's version (api/curation/revisions.py): the ETag adds the bytes
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
    response.headers.update(headers)
    if version is not None and not response.is_streamed:
        response.set_etag(representation_etag(version.strip('"'), response.get_data()))
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


def render_download(name: str, export: Export, filename: str) -> Response:
    """A file offered in one format only (a whole-dataset dump): streamed, with its name, or a 406 problem."""
    negotiate([name])
    response = streamed_response(export, MEDIA_TYPES[name])
    response.headers[REVISION_HEADER] = str(dataset_state()[0])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def no_content() -> Response:
    """The answer to a write that leaves nothing to show (a retraction)."""
    return Response(status=HTTPStatus.NO_CONTENT)


def render_html(template: str, style: str, *, framed: bool, scripts=(), policy=None, **context) -> Response:
    """An HTML page whose only inline style and scripts are allowed by their hashes (`policy`: more directives)."""
    body = render_template(template, style=Markup(style), script=Markup("".join(scripts)), **context)
    csp = page_policy(styles=(style,), scripts=scripts, framed=framed, **(policy or {}))
    return Response(body, mimetype="text/html", headers={"Content-Security-Policy": csp})
