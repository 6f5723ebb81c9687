"""Sources: the documents every fact is cited from."""

from http import HTTPStatus

from api import curation
from api.auth import require
from api.inputs import if_match
from api.models import Revision, Source
from api.pages import LINK_HEADER, keyset_page
from api.spec import Blueprint
from api.v1.shared import CREATED_HEADERS, RECORD_HEADERS, no_content, retraction, shown, write_body
from schemas.sources import SourceInput, SourceListArgs, SourceListSchema, SourceSchema

blp = Blueprint("sources", __name__, url_prefix="/v1", description="Documents that support the facts.")


@blp.route("/sources")
@blp.arguments(SourceListArgs, location="query", as_kwargs=True)
@blp.response(200, SourceListSchema, headers=LINK_HEADER)
def list_sources(limit, cursor=None):
    """List sources by id; pages follow the `Link` header."""
    query = Source.select()
    page, headers = keyset_page(query, (Source.id,), descending=False, limit=limit, cursor=cursor, params={})
    return {"items": page, "total": query.count(), "dataset_revision": Revision.dataset_revision()}, headers


@blp.route("/sources", methods=["POST"])
@blp.writes(SourceInput, statuses=(400, 401, 403, 409, 413, 415, 422))
@blp.response(201, SourceSchema, headers=CREATED_HEADERS)
@require("editor")
def create_source():
    """Record a source (editor): the body is the source as in a seed file."""
    body, signature = write_body()
    revision = curation.create("source", body, signature)
    return shown("source", revision.record_id, HTTPStatus.CREATED)


@blp.route("/sources/<string:source_id>")
@blp.response(200, SourceSchema, headers=RECORD_HEADERS)
@blp.problems(404, 410)
def get_source(source_id):
    """One source, with notes on its reliability."""
    return shown("source", source_id)


@blp.route("/sources/<string:source_id>", methods=["PATCH"])
@blp.writes(SourceInput, patch=True, statuses=(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428))
@blp.response(200, SourceSchema, headers=RECORD_HEADERS)
@require("editor")
def update_source(source_id):
    """Correct a source (editor) with a JSON merge patch of its seed form; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    curation.update("source", source_id, body, etags, signature)
    return shown("source", source_id)


@blp.route("/sources/<string:source_id>", methods=["DELETE"])
@blp.writes(statuses=(401, 403, 404, 409, 410, 412, 422, 428))
@blp.response(204)
@require("admin")
def retract_source(source_id):
    """Retract a source (admin) no record cites; needs If-Match and X-Change-Reason."""
    etags, signature = retraction()
    curation.retract("source", source_id, etags, signature)
    return no_content()
