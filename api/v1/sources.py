"""Sources: the documents every fact is cited from."""

from http import HTTPStatus

from api import examples
from api.auth import require, retraction, write_body
from api.curation import edits
from api.curation.revisions import CREATED_HEADERS, RECORD_HEADERS, shown, written
from api.http.exports import SOURCE_COLUMNS
from api.http.pagination import LINK_HEADER, Keyset, render_list
from api.http.render import no_content, render
from api.inputs import if_match
from api.models import Source
from api.spec import Blueprint, exports_doc
from schemas.base import QueryArgs
from schemas.sources import SourceInput, SourceListArgs, SourceListSchema, SourceRecordSchema, SourceSchema

blp = Blueprint("sources", __name__, url_prefix="/v1", description="Documents that support the facts.")


@blp.route("/sources")
@blp.arguments(SourceListArgs, location="query")
@blp.response(200, SourceListSchema, headers=LINK_HEADER, example=examples.SOURCE_LIST)
@exports_doc(csv=examples.SOURCES_CSV, ndjson=examples.SOURCES_NDJSON, rows="one row per source")
def list_sources(args):
    """List sources by id: filters by kind, publisher and language; CSV and NDJSON too."""
    query = Source.matching(**SourceListArgs.filters(args))
    walk = Keyset(query, (Source.id,), descending=False)
    return render_list(walk, args, SourceListSchema(), SourceSchema(), SOURCE_COLUMNS)


@blp.route("/sources", methods=["POST"])
@blp.writes(SourceInput, statuses=(400, 401, 403, 409, 413, 415, 422))
@blp.response(201, SourceRecordSchema, headers=CREATED_HEADERS)
@require("editor")
def create_source():
    """Record a source (editor): the body is the source as in a seed file."""
    body, signature = write_body()
    revision = edits.create("source", body, signature)
    return written("source", revision.record_id, HTTPStatus.CREATED)


@blp.route("/sources/<string:source_id>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, SourceRecordSchema, headers=RECORD_HEADERS, example=examples.SOURCE)
@blp.problems(404, 410)
def get_source(args, source_id):
    """One source, with notes on its reliability."""
    source, _, headers = shown("source", source_id)
    return render(SourceRecordSchema(), source, headers=headers)


@blp.route("/sources/<string:source_id>", methods=["PATCH"])
@blp.writes(SourceInput, patch=True, statuses=(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428))
@blp.response(200, SourceRecordSchema, headers=RECORD_HEADERS)
@require("editor")
def update_source(source_id):
    """Correct a source (editor) with a JSON merge patch of its seed form; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    edits.update("source", source_id, body, etags, signature)
    return written("source", source_id)


@blp.route("/sources/<string:source_id>", methods=["DELETE"])
@blp.writes(statuses=(401, 403, 404, 409, 410, 412, 422, 428))
@blp.response(204)
@require("admin")
def retract_source(source_id):
    """Retract a source (admin) no record cites; needs If-Match and X-Change-Reason."""
    etags, signature = retraction()
    edits.retract("source", source_id, etags, signature)
    return no_content()
