"""Justifications and measures on their own: read, corrected or retracted by id; versioned with their change."""

from api.auth import require, retraction, write_body
from api.curation import edits
from api.curation.revisions import RECORD_HEADERS, shown, written
from api.http.render import no_content, render
from api.inputs import if_match
from api.spec import Blueprint
from schemas.base import QueryArgs
from schemas.changes import JustificationInput, JustificationReadSchema, MeasureInput, MeasureReadSchema

blp = Blueprint("parts", __name__, url_prefix="/v1", description="Justifications and measures of changes.")
WRITE_ERRORS = (400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428)
RETRACT_ERRORS = (401, 403, 404, 409, 410, 412, 422, 428)


@blp.route("/justifications/<string:justification_id>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, JustificationReadSchema, headers=RECORD_HEADERS)
@blp.problems(404, 410)
def get_justification(args, justification_id):
    """One justification, with its change; its ETag is its change's version."""
    justification, _, headers = shown("justification", justification_id)
    return render(JustificationReadSchema(), justification, headers=headers)


@blp.route("/justifications/<string:justification_id>", methods=["PATCH"])
@blp.writes(JustificationInput, patch=True, statuses=WRITE_ERRORS)
@blp.response(200, JustificationReadSchema, headers=RECORD_HEADERS)
@require("editor")
def update_justification(justification_id):
    """Correct a justification (editor) with a JSON merge patch; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    edits.update_part("justification", justification_id, body, etags, signature)
    return written("justification", justification_id)


@blp.route("/justifications/<string:justification_id>", methods=["DELETE"])
@blp.writes(statuses=RETRACT_ERRORS)
@blp.response(204)
@require("admin")
def retract_justification(justification_id):
    """Retract a justification (admin); needs If-Match and X-Change-Reason."""
    etags, signature = retraction()
    edits.retract_part("justification", justification_id, etags, signature)
    return no_content()


@blp.route("/measures/<string:measure_id>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, MeasureReadSchema, headers=RECORD_HEADERS)
@blp.problems(404, 410)
def get_measure(args, measure_id):
    """One measure, with its change; its ETag is its change's version."""
    measure, _, headers = shown("measure", measure_id)
    return render(MeasureReadSchema(), measure, headers=headers)


@blp.route("/measures/<string:measure_id>", methods=["PATCH"])
@blp.writes(MeasureInput, patch=True, statuses=WRITE_ERRORS)
@blp.response(200, MeasureReadSchema, headers=RECORD_HEADERS)
@require("editor")
def update_measure(measure_id):
    """Correct a measure (editor) with a JSON merge patch; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    edits.update_part("measure", measure_id, body, etags, signature)
    return written("measure", measure_id)


@blp.route("/measures/<string:measure_id>", methods=["DELETE"])
@blp.writes(statuses=RETRACT_ERRORS)
@blp.response(204)
@require("admin")
def retract_measure(measure_id):
    """Retract a measure (admin); needs If-Match and X-Change-Reason."""
    etags, signature = retraction()
    edits.retract_part("measure", measure_id, etags, signature)
    return no_content()
