"""The cross-system view: the level in force in each system at one instant, comparable by normalised severity; and
the daily panel, one row per system and day."""

import datetime
from http import HTTPStatus

from flask import current_app, request

from api import examples
from api.errors import Problem
from api.http import clock
from api.http.exports import DAY_COLUMNS, SYSTEM_LEVEL_COLUMNS, csv_runs, csv_text, ndjson_runs, ndjson_text
from api.http.pagination import LINK_HEADER, decode_cursor, encode_cursor, link_header
from api.http.render import negotiate, render
from api.models import Change, System
from api.models.exceptions import exceptions_at
from api.models.panel import Panel, status_on
from api.models.timeline import same_day_states
from api.spec import Blueprint, exports_doc
from schemas.base import Multilingual
from schemas.levels import DailyArgs, DailyListSchema, DayRowSchema, LevelsArgs, LevelsSchema, SystemLevelSchema

blp = Blueprint("levels", __name__, url_prefix="/v1", description="The level in each system at one instant, or daily.")
PANEL_ORDER = "system,date"


@blp.route("/levels")
@blp.arguments(LevelsArgs, location="query")
@blp.response(200, LevelsSchema, example=examples.LEVELS)
@exports_doc(csv=examples.LEVELS_CSV, ndjson=examples.LEVELS_NDJSON, rows="one row per system")
def list_levels(args):
    """The level in force in each system at an instant (a day, a date-time with offset, or now)."""
    systems = list(System.listed(args.get("country")))
    at = args.get("at") or now_for_all(systems)
    items = [{"at": at.isoformat(), **system_level(system, at)} for system in systems]
    exports = {"csv": lambda: csv_text(SYSTEM_LEVEL_COLUMNS, [items]),
               "ndjson": lambda: ndjson_text(SystemLevelSchema(), [items])}  # fmt: skip
    data = {"at": at.isoformat(), "items": items, "total": len(items)}
    return render(LevelsSchema(), data, exports=exports, streamed=False)


@blp.route("/levels/daily")
@blp.arguments(DailyArgs, location="query")
@blp.response(200, DailyListSchema, headers=LINK_HEADER, example=examples.DAILY)
@exports_doc(csv=examples.DAILY_CSV, ndjson=examples.DAILY_NDJSON, rows="one row per system and day")
def list_daily_levels(args):
    """A daily panel: each system's national level at the end of each local day of a range (JSON pages, CSV, NDJSON)."""
    panel = Panel(systems_named(args.get("system")), args["date_from"], args["date_to"])
    return render_panel(panel, args)


def now_for_all(systems: list[System]) -> datetime.datetime:
    """Now (to the second), for an answer about all these systems: it holds until the first of them moves on."""
    moment = clock.now().replace(microsecond=0)
    for system in systems:
        clock.hold_for(system, moment)
    return moment


def system_level(system: System, at: datetime.date | datetime.datetime) -> dict:
    """One system's row: its national level at `at`, why it may be missing, stale or over, and its regional and
    sectoral exceptions."""
    day = at.astimezone(system.zone).date() if isinstance(at, datetime.datetime) else at
    status = status_on(system, day, None)
    change = None if status == "ended" else Change.in_force_at(system, at)
    status = status_on(system, day, change)
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
        "ended_date": system.ended_date,
        **exceptions_at(system, at, change),
        **same_day_states(Change.on_day(system, day, every_scope=True)),
    }


def systems_named(ids: list[str] | None) -> list[System]:
    """The systems `system=` names (all without it); a 400 problem naming any unknown id."""
    systems = list(System.listed())
    if ids is None:
        return systems
    known = {system.id for system in systems}
    unknown = [system_id for system_id in ids if system_id not in known]
    if unknown:
        raise Problem(HTTPStatus.BAD_REQUEST, f"Unknown system(s): {', '.join(unknown)}.", "invalid-parameter",
                      errors=[{"parameter": "system", "detail": f"Known systems: {', '.join(sorted(known))}."}])  # fmt: skip
    return [system for system in systems if system.id in ids]


def render_panel(panel: Panel, args: dict):
    """The panel in the negotiated format, as lists are (api/http/pagination.py `render_list`): a JSON page with
    `Link` headers; CSV or NDJSON whole and streamed (from `cursor` on), or the page `limit` asks for."""
    limit, cursor = args.get("limit"), args.get("cursor")
    name = negotiate(["json", "csv", "ndjson"])
    paged = name == "json" or limit is not None
    start, stop = span(panel, cursor, (limit or current_app.config["PAGE_SIZE_DEFAULT"]) if paged else panel.total)
    if paged:
        rows = panel.rows(start, stop)
        exports = {"csv": lambda: csv_text(DAY_COLUMNS, [rows]), "ndjson": lambda: ndjson_text(DayRowSchema(), [rows])}
        headers = {"Link": panel_links(panel, rows, start, stop, limit)}
    else:  # whole, streamed: each run of days at one level is made once
        rows, headers = [], {}
        exports = {"csv": lambda: csv_runs(DAY_COLUMNS, "date", panel.runs(start, stop)),
                   "ndjson": lambda: ndjson_runs(DayRowSchema(), "date", panel.runs(start, stop))}  # fmt: skip
    return render(DailyListSchema(), {"items": rows, "total": panel.total}, exports=exports, headers=headers)


def span(panel: Panel, cursor: str | None, limit: int) -> tuple[int, int]:
    """(start, stop) positions of the rows a cursor and a limit ask for: after a `next` cursor's key, before a `prev`
    one's."""
    if cursor is None:
        return 0, min(limit, panel.total)
    direction, key = decode_cursor(cursor, PANEL_ORDER, (str, datetime.date.fromisoformat))
    if direction == "next":
        start = panel.position(key, after=True)
        return start, min(start + limit, panel.total)
    stop = panel.position(key, after=False)
    return max(stop - limit, 0), stop


def panel_links(panel: Panel, rows: list, start: int, stop: int, limit: int | None) -> str:
    limit = limit or current_app.config["PAGE_SIZE_DEFAULT"]
    params = {name: value for name, value in request.args.items() if name not in ("cursor", "limit")}
    links = {"first": {**params, "limit": limit}}
    if rows and start > 0:
        links["prev"] = {**params, "limit": limit, "cursor": encode_cursor("prev", PANEL_ORDER, rows[0].key)}
    if rows and stop < panel.total:
        links["next"] = {**params, "limit": limit, "cursor": encode_cursor("next", PANEL_ORDER, rows[-1].key)}
    return link_header(links)
