"""The cross-system view: the level in force in each system at one instant, comparable by normalised severity."""

import datetime

from api.http import clock
from api.http.render import render
from api.models import Change, System
from api.models.timeline import same_day_states
from api.spec import Blueprint
from schemas.base import Multilingual
from schemas.levels import LevelsArgs, LevelsSchema

blp = Blueprint("levels", __name__, url_prefix="/v1", description="The level in each system at one instant.")


@blp.route("/levels")
@blp.arguments(LevelsArgs, location="query")
@blp.response(200, LevelsSchema)
def list_levels(args):
    """The level in force in each system at an instant (a day, a date-time with offset, or now)."""
    systems = list(System.listed(args.get("country")))
    at = args.get("at") or now_for_all(systems)
    items = [system_level(system, at) for system in systems]
    return render(LevelsSchema(), {"at": at.isoformat(), "items": items, "total": len(items)})


def now_for_all(systems: list[System]) -> datetime.datetime:
    """Now (to the second), for an answer about all these systems: it holds until the first of them moves on."""
    moment = clock.now().replace(microsecond=0)
    for system in systems:
        clock.hold_for(system, moment)
    return moment


def system_level(system: System, at: datetime.date | datetime.datetime) -> dict:
    """One system's row: its national level at `at`, why it may be missing or stale, and its regional exceptions."""
    change = Change.in_force_at(system, at)
    day = at.astimezone(system.zone).date() if isinstance(at, datetime.datetime) else at
    status = "before-record" if change is None else "unreviewed" if day > system.reviewed_through else "in-force"
    return {
        "system": system.id,
        "country": system.country,
        "name": Multilingual.text_of(system, "name"),
        "status": status,
        "level": change and change.to_level,
        "since": change and change.effective_date,
        "since_at": change and change.effective_at,
        "change_id": change and change.id,
        "record_starts": Change.first_date(system.id),
        "reviewed_through": system.reviewed_through,
        "regional": [
            {
                "areas": areas,
                "level": c.to_level,
                "since": c.effective_date,
                "since_at": c.effective_at,
                "change_id": c.id,
            }
            for c, areas in Change.regional_in_force_at(system, at, change)
        ],
        **same_day_states(Change.on_day(system, day, every_scope=True)),
    }
