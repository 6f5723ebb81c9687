"""The app's wall clock, and how long an answer that read it stays right.

A view that reads "now" or "today" says from when until when its answer holds (`holds`; for a system, `now_for`
does it: from its last local midnight, or a change that took effect since, until its next local midnight, or the next
change that takes effect before it). The response cache drops the kept answer at that instant, and neither
`Cache-Control` nor `Last-Modified` ever claims more (api/http/conditional.py `conditional_get`, api/serving/cache.py). The clock is
CLOCK in the config (time.time), so that tests can move it.
"""

import datetime

from flask import current_app, g

from api.models import Change, System


def now() -> datetime.datetime:
    """Now by the app's clock, aware, in UTC."""
    return datetime.datetime.fromtimestamp(current_app.config["CLOCK"](), datetime.UTC)


def holds(since: datetime.datetime, until: datetime.datetime) -> None:
    """Say that the answer being built is right from `since` until `until` only; several calls narrow it."""
    if "holds" in g:
        since, until = max(g.holds[0], since), min(g.holds[1], until)
    g.holds = (since, until)


def holding() -> tuple[datetime.datetime, datetime.datetime] | None:
    """(since, until) of the answer being built, or None when it does not depend on the clock."""
    return g.get("holds")


def local_day(moment: datetime.datetime, zone) -> tuple[datetime.datetime, datetime.datetime]:
    """The local midnights before and after `moment` in `zone` (a day may last 23 or 25 hours)."""
    day = moment.astimezone(zone).date()
    start = datetime.datetime.combine(day, datetime.time.min, zone)
    return start, datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, zone)


def hold_for(system: System, moment: datetime.datetime) -> None:
    """Say that the answer is what `system` was at `moment`: it holds until the next local midnight or the next of the
    day's changes known to the minute (changes known only to the day take effect at midnight)."""
    start, end = local_day(moment, system.zone)
    instants = Change.instants_on(system, start.date())
    holds(max([start, *(i for i in instants if i <= moment)]), min([end, *(i for i in instants if i > moment)]))


def now_for(system: System) -> datetime.datetime:
    """Now, for an answer about `system` (see `hold_for`)."""
    moment = now()
    hold_for(system, moment)
    return moment
