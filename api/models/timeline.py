"""Point in time and timelines, as pure rules over a system's changes (anything with `id`, `effective_date` and
`effective_at`).

- A change known to the minute (`effective_at`) is in force from that instant; a change known only to the day is in
  force from 00:00 local time (the system's time zone) of its `effective_date`.
- Changes are ordered by the instant they took effect, then id (as Change.in_force_at reads them).
- A date asks about the end of that local day: the level in force on 2020-11-01 is the one set by the last change
  that took effect on or before that day.
- A timeline is a view by days: each day belongs to the change in force at its end. The period of a change runs from
  its effective_date (inclusive) to the next change's (exclusive); a change replaced the same day has a period of
  zero days. Periods are clipped to the range asked for, so that they tile it exactly.
"""

import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass

ONE_DAY = datetime.timedelta(days=1)


def start_instant(change, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """When a change took effect: its `effective_at`, or 00:00 local time of its `effective_date`."""
    if change.effective_at:
        return datetime.datetime.fromisoformat(change.effective_at)
    return datetime.datetime.combine(change.effective_date, datetime.time(0), zone)


def order_known(changes) -> bool:
    """Whether the order of several changes of one local day is known: only when each took effect at a known minute.
    A change known only to the day is read as in force from 00:00, so of two such changes the later-recorded one is
    the answer for the whole day, and the other held at some unknown time of it."""
    return len(changes) < 2 or all(change.effective_at for change in changes)


def same_day_states(changes: list) -> dict:
    """`same_day` and `order_known` of an answer about one instant, from the changes of its local day in order: the
    states a day with several changes went through, so that none is hidden when their hours are not known."""
    several = len(changes) > 1
    return {
        "same_day": [{"change_id": c.id, "scope": c.scope, "level": c.to_level, "since_at": c.effective_at}
                     for c in changes] if several else [],
        "order_known": order_known(changes),
    }  # fmt: skip


def history_order(changes, zone: zoneinfo.ZoneInfo) -> list:
    return sorted(changes, key=lambda c: (start_instant(c, zone), c.id))


def local_instant(at: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    """An instant from a date-time: with its offset as given, or else read as local time in `zone`."""
    return at if at.tzinfo is not None else at.replace(tzinfo=zone)


def in_force(changes, at: datetime.date | datetime.datetime, zone: zoneinfo.ZoneInfo):
    """The change in force at an instant (an aware date-time) or at the end of a local day (a date); None before
    the first one."""
    ordered = history_order(changes, zone)
    if isinstance(at, datetime.datetime):
        began = [c for c in ordered if start_instant(c, zone) <= at]
    else:
        began = [c for c in ordered if c.effective_date <= at]
    return began[-1] if began else None


@dataclass
class Period:
    """Part of a timeline: the days from `start` (inclusive) to `end` (exclusive; None while still in force)."""

    change: object
    start: datetime.date
    end: datetime.date | None
    start_at: str | None
    end_at: str | None
    duration_days: int

    @property
    def level(self):
        return self.change.to_level

    @property
    def change_id(self) -> str:
        return self.change.id


def periods(changes, date_from: datetime.date, date_to: datetime.date, zone: zoneinfo.ZoneInfo) -> list[Period]:
    """The periods of the changes that cover the days from `date_from` to `date_to` (both inclusive), in order,
    clipped so that they tile the range: the first starts on `date_from`, each starts where the one before ends, the
    last ends the day after `date_to` or is still in force (`end` None)."""
    ordered = history_order(changes, zone)
    stop = date_to + ONE_DAY
    result = []
    for change, following in zip(ordered, [*ordered[1:], None], strict=True):
        end = following.effective_date if following else None
        same_day = end == change.effective_date
        covers = change.effective_date < stop and (end is None or end > date_from)
        if not covers and not (same_day and date_from <= change.effective_date <= date_to):
            continue
        start = max(change.effective_date, date_from)
        clipped_end = end if end is None or end <= stop else stop
        result.append(
            Period(
                change=change,
                start=start,
                end=clipped_end,
                start_at=change.effective_at if start == change.effective_date else None,
                end_at=following.effective_at if following and clipped_end == end else None,
                duration_days=((clipped_end or stop) - start).days,
            )
        )
    return result


def days_at_each_level(timeline: list[Period]) -> list[tuple[object, int]]:
    """(level, days) for each level of the timeline, in order of first appearance."""
    days, levels = Counter(), {}
    for period in timeline:
        level = period.change.to_level
        levels.setdefault(level.id, level)
        days[level.id] += period.duration_days
    return [(level, days[level_id]) for level_id, level in levels.items()]
