"""Changes: every change of an alert level, newest first, each with its triggers, justifications and sources."""

from http import HTTPStatus

from api import curation
from api.auth import require
from api.inputs import if_match
from api.models import Change, Revision
from api.pages import LINK_HEADER, keyset_page
from api.spec import Blueprint
from api.v1.shared import CREATED_HEADERS, RECORD_HEADERS, no_content, retraction, shown, write_body
from schemas.changes import (
    ChangeInput,
    ChangeListArgs,
    ChangeListSchema,
    ChangeSchema,
    JustificationInput,
    JustificationRecordSchema,
    MeasureInput,
    MeasureRecordSchema,
)

blp = Blueprint("changes", __name__, url_prefix="/v1", description="Changes of alert levels, with their sources.")


@blp.route("/changes")
@blp.arguments(ChangeListArgs, location="query", as_kwargs=True)
@blp.response(200, ChangeListSchema, headers=LINK_HEADER)
def list_changes(limit, cursor=None, **filters):
    """List alert-level changes, newest first; pages follow the `Link` header."""
    query = Change.matching(**filters)
    keys = (Change.effective_date, Change.id)
    page, headers = keyset_page(query, keys, descending=True, limit=limit, cursor=cursor, params=filters)
    items = Change.load_related(page)
    return {"items": items, "total": query.count(), "dataset_revision": Revision.dataset_revision()}, headers


@blp.route("/changes", methods=["POST"])
@blp.writes(ChangeInput, statuses=(400, 401, 403, 409, 413, 415, 422))
@blp.response(201, ChangeSchema, headers=CREATED_HEADERS)
@require("editor")
def create_change():
    """Record a new change (editor): the body is the change as in a seed file."""
    body, signature = write_body()
    revision = curation.create("change", body, signature)
    return shown("change", revision.record_id, HTTPStatus.CREATED)


@blp.route("/changes/<string:change_id>")
@blp.response(200, ChangeSchema, headers=RECORD_HEADERS)
@blp.problems(404, 410)
def get_change(change_id):
    """One change, with its triggers, justifications, measures and sources."""
    return shown("change", change_id)


@blp.route("/changes/<string:change_id>", methods=["PATCH"])
@blp.writes(ChangeInput, patch=True, statuses=(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428))
@blp.response(200, ChangeSchema, headers=RECORD_HEADERS)
@require("editor")
def update_change(change_id):
    """Correct a change (editor) with a JSON merge patch of its seed form; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    curation.update("change", change_id, body, etags, signature)
    return shown("change", change_id)


@blp.route("/changes/<string:change_id>", methods=["DELETE"])
@blp.writes(statuses=(401, 403, 404, 409, 410, 412, 422, 428))
@blp.response(204)
@require("admin")
def retract_change(change_id):
    """Retract a change (admin); needs If-Match and X-Change-Reason; its history stays."""
    etags, signature = retraction()
    curation.retract("change", change_id, etags, signature)
    return no_content()


@blp.route("/changes/<string:change_id>/justifications", methods=["POST"])
@blp.writes(JustificationInput, statuses=(400, 401, 403, 404, 409, 410, 413, 415, 422))
@blp.response(201, JustificationRecordSchema, headers=CREATED_HEADERS)
@require("editor")
def create_justification(change_id):
    """Add a justification to a change (editor): a quotation, verbatim from its source."""
    body, signature = write_body()
    curation.create_part("justification", change_id, body, signature)
    return shown("justification", body["id"], HTTPStatus.CREATED)


@blp.route("/changes/<string:change_id>/measures", methods=["POST"])
@blp.writes(MeasureInput, statuses=(400, 401, 403, 404, 409, 410, 413, 415, 422))
@blp.response(201, MeasureRecordSchema, headers=CREATED_HEADERS)
@require("editor")
def create_measure(change_id):
    """Add a measure to a change (editor)."""
    body, signature = write_body()
    curation.create_part("measure", change_id, body, signature)
    return shown("measure", body["id"], HTTPStatus.CREATED)
