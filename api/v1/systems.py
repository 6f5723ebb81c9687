"""Systems: national alert schemes with their scales and levels, the level in force now or at any instant, and
timelines of the periods between changes."""

import datetime
import zoneinfo
from http import HTTPStatus

from api import examples
from api.errors import Problem
from api.http import clock
from api.http.exports import PERIOD_COLUMNS, csv_text, ndjson_text
from api.http.render import render
from api.inputs import system_or_404
from api.models import Change, System
from api.models.timeline import days_at_each_level, local_instant, periods, same_day_states
from api.spec import Blueprint, exports_doc
from schemas.base import QueryArgs
from schemas.systems import (
    CurrentSchema,
    LevelAtArgs,
    LevelAtSchema,
    PeriodSchema,
    SystemListArgs,
    SystemListSchema,
    SystemRecordSchema,
    TimelineArgs,
    TimelineSchema,
)

blp = Blueprint("systems", __name__, url_prefix="/v1", description="National alert schemes and their levels.")


@blp.route("/systems")
@blp.arguments(SystemListArgs, location="query")
@blp.response(200, SystemListSchema)
def list_systems(args):
    """List the alert systems (of one country, or all), with their scales and levels."""
    systems = list(System.listed(args.get("country")))
    return render(SystemListSchema(), {"items": systems, "total": len(systems)})


@blp.route("/systems/<string:system_id>")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, SystemRecordSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_system(args, system_id):
    """One alert system, with its scales and levels."""
    return render(SystemRecordSchema(), system_or_404(system_id))


@blp.route("/systems/<string:system_id>/current")
@blp.arguments(QueryArgs, location="query")
@blp.response(200, CurrentSchema, example=examples.CURRENT)
@blp.alt_response(404, response="NOT_FOUND")
def get_current(args, system_id):
    """The national level in force now, since when, the change that set it, why, and its sources."""
    system = system_or_404(system_id)
    change = Change.in_force_at(system, clock.now_for(system))
    if change is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No change is recorded yet for {system_id!r}.", "not-found")
    return render(CurrentSchema(), current_record(system, change))


@blp.route("/systems/<string:system_id>/level")
@blp.arguments(LevelAtArgs, location="query")
@blp.response(200, LevelAtSchema, example=examples.LEVEL_AT)
@blp.alt_response(404, response="NOT_FOUND", description="No such system, or `at` is before its record starts.")
def get_level_at(args, system_id):
    """The level in force at an instant or on a day, nationally or in an area (see the description for the rules)."""
    system = system_or_404(system_id)
    return render(LevelAtSchema(), level_at(system, args["at"], args.get("area")))


@blp.route("/systems/<string:system_id>/timeline")
@blp.arguments(TimelineArgs, location="query")
@blp.response(200, TimelineSchema, example=examples.TIMELINE)
@exports_doc(csv=examples.TIMELINE_CSV, ndjson=examples.TIMELINE_NDJSON, rows="one row per period")
@blp.alt_response(404, response="NOT_FOUND", description="No such system, or `from` is before its record starts.")
def get_timeline(args, system_id):
    """Contiguous periods between changes over a range of days, and the days spent at each level."""
    system = system_or_404(system_id)
    data = timeline_record(system, args.get("date_from"), args.get("date_to"), args.get("area"))
    exports = {"csv": lambda: csv_text(PERIOD_COLUMNS, [data["periods"]]),
               "ndjson": lambda: ndjson_text(PeriodSchema(), [data["periods"]])}  # fmt: skip
    return render(TimelineSchema(), data, exports=exports, streamed=False)


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
    }


def before_first_record(system: System, area: str | None, parameter: str) -> Problem:
    """404: the record does not reach back that far (or holds nothing yet)."""
    first = Change.first_date(system.id, area)
    where = f" in {area}" if area else ""
    if first is None:
        return Problem(HTTPStatus.NOT_FOUND, f"No change is recorded for {system.id!r}{where}.", "not-found")
    return Problem(
        HTTPStatus.NOT_FOUND,
        f"The data for {system.id}{where} starts on {first.isoformat()}: `{parameter}` is before it.",
        "before-first-record",
        data_starts=first.isoformat(),
    )


def level_at(system: System, at, area: str | None) -> dict:
    zone = zoneinfo.ZoneInfo(system.time_zone)
    when = local_instant(at, zone) if isinstance(at, datetime.datetime) else at
    change = Change.in_force_at(system, when, area)
    if change is None:
        raise before_first_record(system, area, "at")
    following = Change.following(change, zone, area)
    day = when.astimezone(zone).date() if isinstance(when, datetime.datetime) else when
    that_day = Change.on_day(system, day, area)
    return {
        "system": system.id,
        "at": when.isoformat(),
        "area": area,
        "level": change.to_level,
        "change_id": change.id,
        "since": change.effective_date,
        "since_at": change.effective_at,
        "until": following.effective_date if following else None,
        "until_at": following.effective_at if following else None,
        "reviewed_through": system.reviewed_through,
        "provisional": day > system.reviewed_through,
        **same_day_states(that_day),
    }



def timeline_record(system: System, date_from, date_to, area: str | None) -> dict:
    zone = zoneinfo.ZoneInfo(system.time_zone)
    first = Change.first_date(system.id, area)
    if first is None or (date_from or first) < first:
        raise before_first_record(system, area, "from")
    date_from = date_from or first
    date_to = date_to or clock.now_for(system).astimezone(zone).date()
    if date_to < date_from:
        raise Problem(HTTPStatus.BAD_REQUEST, "The range is reversed.", "invalid-parameter",
                      errors=[{"parameter": "to", "detail": f"Must be on or after {date_from} (from)."}])  # fmt: skip
    timeline = periods(Change.around(system.id, date_from, date_to, area), date_from, date_to, zone)
    total = (date_to - date_from).days + 1
    return {
        "system": system.id,
        "area": area,
        "date_from": date_from,
        "date_to": date_to,
        "total_days": total,
        "periods": timeline,
        "summary": [
            {"level": level, "days": days, "share": round(days / total, 4)}
            for level, days in days_at_each_level(timeline)
        ],
        "reviewed_through": system.reviewed_through,
    }
