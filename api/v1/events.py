"""Events: what triggered a change, with casualty figures as each source reported them."""

from http import HTTPStatus

from api import curation
from api.auth import require
from api.inputs import if_match
from api.spec import Blueprint
from api.v1.shared import CREATED_HEADERS, RECORD_HEADERS, no_content, retraction, shown, write_body
from schemas.events import EventInput, EventSchema

blp = Blueprint("events", __name__, url_prefix="/v1", description="Events that triggered changes.")


@blp.route("/events", methods=["POST"])
@blp.writes(EventInput, statuses=(400, 401, 403, 409, 413, 415, 422))
@blp.response(201, EventSchema, headers=CREATED_HEADERS)
@require("editor")
def create_event():
    """Record an event (editor): the body is the event as in a seed file."""
    body, signature = write_body()
    revision = curation.create("event", body, signature)
    return shown("event", revision.record_id, HTTPStatus.CREATED)


@blp.route("/events/<string:event_id>")
@blp.response(200, EventSchema, headers=RECORD_HEADERS)
@blp.problems(404, 410)
def get_event(event_id):
    """One event, with its perpetrators, casualty reports and sources."""
    return shown("event", event_id)


@blp.route("/events/<string:event_id>", methods=["PATCH"])
@blp.writes(EventInput, patch=True, statuses=(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428))
@blp.response(200, EventSchema, headers=RECORD_HEADERS)
@require("editor")
def update_event(event_id):
    """Correct an event (editor) with a JSON merge patch of its seed form; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    curation.update("event", event_id, body, etags, signature)
    return shown("event", event_id)


@blp.route("/events/<string:event_id>", methods=["DELETE"])
@blp.writes(statuses=(401, 403, 404, 409, 410, 412, 422, 428))
@blp.response(204)
@require("admin")
def retract_event(event_id):
    """Retract an event (admin) no change refers to; needs If-Match and X-Change-Reason."""
    etags, signature = retraction()
    curation.retract("event", event_id, etags, signature)
    return no_content()
