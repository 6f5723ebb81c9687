"""Events: what triggered a change, with casualty figures as each source reported them."""

from http import HTTPStatus

from api import examples
from api.auth import require, retraction, write_body
from api.curation import edits
from api.curation.revisions import CREATED_HEADERS, RECORD_HEADERS, shown, written
from api.http.exports import EVENT_COLUMNS
from api.http.pagination import LINK_HEADER, Keyset, render_list
from api.http.render import no_content, render
from api.inputs import if_match
from api.models import Event
from api.spec import Blueprint, exports_doc
from schemas.base import QueryArgs
from schemas.events import EventInput, EventListArgs, EventListSchema, EventRecordSchema, EventSchema

blp = Blueprint("events", __name__, url_prefix="/v1", description="Events that triggered changes.")


@blp.route("/events")
@blp.arguments(EventListArgs, location="query")
@blp.response(200, EventListSchema, headers=LINK_HEADER, example=examples.EVENT_LIST)
@exports_doc(csv=examples.EVENTS_CSV, ndjson=examples.EVENTS_NDJSON, rows="one row per event")
def list_events(args):
    """List events by date: filters by date range, country and kind; CSV and NDJSON too."""
    query = Event.matching(**EventListArgs.filters(args))
    walk = Keyset(query, (Event.occurred_date, Event.id), descending=args["sort"].startswith("-"))
    return render_list(walk, args, EventListSchema(), EventSchema(), EVENT_COLUMNS, Event.load_related)


@blp.route("/events", methods=["POST"])
@blp.writes(EventInput, statuses=(400, 401, 403, 409, 413, 415, 422))
@blp.response(201, EventRecordSchema, headers=CREATED_HEADERS)
@require("editor")
def create_event():
    """Record an event (editor): the body is the event as in a seed file."""
    body, signature = write_body()
    revision = edits.create("event", body, signature)
    return written("event", revision.record_id, HTTPStatus.CREATED)


@blp.route("/events/<string:event_id>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, EventRecordSchema, headers=RECORD_HEADERS, example=examples.EVENT)
@blp.problems(404, 410)
def get_event(args, event_id):
    """One event, with its perpetrators, casualty reports and sources."""
    event, _, headers = shown("event", event_id)
    return render(EventRecordSchema(), event, headers=headers)


@blp.route("/events/<string:event_id>", methods=["PATCH"])
@blp.writes(EventInput, patch=True, statuses=(400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428))
@blp.response(200, EventRecordSchema, headers=RECORD_HEADERS)
@require("editor")
def update_event(event_id):
    """Correct an event (editor) with a JSON merge patch of its seed form; needs If-Match."""
    etags = if_match()
    body, signature = write_body(patch=True)
    edits.update("event", event_id, body, etags, signature)
    return written("event", event_id)


@blp.route("/events/<string:event_id>", methods=["DELETE"])
@blp.writes(statuses=(401, 403, 404, 409, 410, 412, 422, 428))
@blp.response(204)
@require("admin")
def retract_event(event_id):
    """Retract an event (admin) no change refers to; needs If-Match and X-Change-Reason."""
    etags, signature = retraction()
    edits.retract("event", event_id, etags, signature)
    return no_content()
