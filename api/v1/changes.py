"""Changes: every change of an alert level, filtered, searched and sorted, with its triggers, justifications and
sources; as JSON pages, or whole as CSV or NDJSON."""

from http import HTTPStatus

from api import examples
from api.auth import require, retraction, write_body
from api.curation import edits
from api.curation.revisions import CREATED_HEADERS, RECORD_HEADERS, shown, written
from api.http.exports import CHANGE_COLUMNS
from api.http.pagination import LINK_HEADER, Keyset, render_list
from api.http.render import no_content, render
from api.inputs import if_match
from api.models import Change
from api.spec import Blueprint, exports_doc
from schemas.base import QueryArgs
from schemas.changes import (
    ChangeInput,
    ChangeListArgs,
    ChangeListSchema,
    ChangeRecordSchema,
    ChangeSchema,
    JustificationInput,
    JustificationReadSchema,
    MeasureInput,
    MeasureReadSchema,
)

blp = Blueprint("changes", __name__, url_prefix="/v1", description="Changes of alert levels, with their sources.")


@blp.route("/changes")
@blp.arguments(ChangeListArgs, location="query")
@blp.response(200, ChangeListSchema, headers=LINK_HEADER, example=examples.CHANGE_LIST)
@exports_doc(csv=examples.CHANGES_CSV, ndjson=examples.CHANGES_NDJSON, rows="one row per change")
def list_changes(args):
    """List alert-level changes: filters, full text and sort; JSON pages follow `Link`; CSV and NDJSON are whole."""
    filters = ChangeListArgs.filters(args)
    walk = Keyset(Change.matching(**filters), (Change.effective_date, Change.id),
                  descending=args["sort"].startswith("-"), count=lambda: Change.count_matching(**filters))  # fmt: skip
    return render_list(walk, args, ChangeListSchema(), ChangeSchema(), CHANGE_COLUMNS, Change.load_related)


@blp.route("/changes", methods=["POST"])
@blp.writes(ChangeInput, statuses=(400, 401, 403, 409, 413, 415, 422))
@blp.response(201, ChangeRecordSchema, headers=CREATED_HEADERS)
@require("editor")
def create_change():
    """Record a new change (editor): the body is the change as in a seed file."""
    body, signature = write_body()
    revision = edits.create("change", body, signature)
    return written("change", revision.record_id, HTTPStatus.CREATED)


@blp.route("/changes/<string:change_id>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, ChangeRecordSchema, headers=RECORD_HEADERS, example=examples.CHANGE)
@blp.problems(404, 410)
def get_change(args, change_id):
    """One change, with its triggers, justifications, measures and sources."""
    change, _, headers = shown("change", change_id)
    return render(ChangeRecordSchema(), change, headers=headers)


@blp.route("/changes/<string:change_id>", methods=["PATCH"])
@blp.writes(ChangeInput, patch=True, statuses=(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428))
@blp.response(200, ChangeRecordSchema, headers=RECORD_HEADERS)
@require("editor")
def update_change(change_id):
    """Correct a change (editor) with a JSON merge patch of its seed form; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    edits.update("change", change_id, body, etags, signature)
    return written("change", change_id)


@blp.route("/changes/<string:change_id>", methods=["DELETE"])
@blp.writes(statuses=(401, 403, 404, 409, 410, 412, 422, 428))
@blp.response(204)
@require("admin")
def retract_change(change_id):
    """Retract a change (admin); needs If-Match and X-Change-Reason; its history stays."""
    etags, signature = retraction()
    edits.retract("change", change_id, etags, signature)
    return no_content()


@blp.route("/changes/<string:change_id>/justifications", methods=["POST"])
@blp.writes(JustificationInput, statuses=(400, 401, 403, 404, 409, 410, 413, 415, 422))
@blp.response(201, JustificationReadSchema, headers=CREATED_HEADERS)
@require("editor")
def create_justification(change_id):
    """Add a justification to a change (editor): a quotation, verbatim from its source."""
    body, signature = write_body()
    edits.create_part("justification", change_id, body, signature)
    return written("justification", body["id"], HTTPStatus.CREATED)


@blp.route("/changes/<string:change_id>/measures", methods=["POST"])
@blp.writes(MeasureInput, statuses=(400, 401, 403, 404, 409, 410, 413, 415, 422))
@blp.response(201, MeasureReadSchema, headers=CREATED_HEADERS)
@require("editor")
def create_measure(change_id):
    """Add a measure to a change (editor)."""
    body, signature = write_body()
    edits.create_part("measure", change_id, body, signature)
    return written("measure", body["id"], HTTPStatus.CREATED)
