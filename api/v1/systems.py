"""Systems: national alert schemes with their scales and levels, and the level in force now."""

import datetime
import zoneinfo
from http import HTTPStatus

from api.errors import Problem
from api.models import Change, Revision, System
from api.spec import Blueprint
from schemas.systems import CurrentSchema, SystemListArgs, SystemListSchema, SystemSchema

blp = Blueprint("systems", __name__, url_prefix="/v1", description="National alert schemes and their levels.")


def get_system_or_404(system_id: str) -> System:
    system = System.get_or_none(System.id == system_id)
    if system is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No system {system_id!r}; see /v1/systems.", "not-found")
    return system


@blp.route("/systems")
@blp.arguments(SystemListArgs, location="query", as_kwargs=True)
@blp.response(200, SystemListSchema)
def list_systems(country=None):
    """List the alert systems (of one country, or all), with their scales and levels."""
    systems = list(System.listed(country))
    return {"items": systems, "total": len(systems), "dataset_revision": Revision.dataset_revision()}


@blp.route("/systems/<string:system_id>")
@blp.response(200, SystemSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_system(system_id):
    """One alert system, with its scales and levels."""
    return get_system_or_404(system_id)


@blp.route("/systems/<string:system_id>/current")
@blp.response(200, CurrentSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_current(system_id):
    """The national level in force now, since when, the change that set it, why, and its sources."""
    system = get_system_or_404(system_id)
    today = datetime.datetime.now(zoneinfo.ZoneInfo(system.time_zone)).date()
    change = Change.current_national(system.id, on=today)
    if change is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No change is recorded yet for {system_id!r}.", "not-found")
    return current_record(system, change)


def current_record(system: System, change: Change) -> dict:
    justification = change.ordered_justifications.first()
    return {
        "system": system.id,
        "level": change.to_level,
        "since": change.effective_date,
        "since_at": change.effective_at,
        "change_id": change.id,
        "direction": change.direction,
        "summary": {"fr": change.summary_fr, "en": change.summary_en},
        "justification": justification,
        "sources": change.sources,
        "reviewed_through": system.reviewed_through,
        "dataset_revision": Revision.dataset_revision(),
    }
