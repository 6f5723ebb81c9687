"""Events: what triggered a change, with casualty figures as each source reported them."""

from http import HTTPStatus

from api.errors import Problem
from api.models import Event
from api.spec import Blueprint
from schemas.events import EventSchema

blp = Blueprint("events", __name__, url_prefix="/v1", description="Events that triggered changes.")


@blp.route("/events/<string:event_id>")
@blp.response(200, EventSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_event(event_id):
    """One event, with its perpetrators, casualty reports and sources."""
    event = Event.get_or_none(Event.id == event_id)
    if event is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No event {event_id!r}.", "not-found")
    return event
