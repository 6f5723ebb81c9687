"""The daily panel: one row per system and day with the national level at the end of that local day, made from the
periods of each system's timeline (api/models/timeline.py), never read day by day from the database.

The panel is a grid: systems in id order, each with every day of the range, so a row's position is
(system's index) x (days in the range) + (days since the range's first day). A page is a slice of the grid, and a
keyset cursor (system, date) finds its place in it by arithmetic, not by reading what came before.
"""

import bisect
import dataclasses
import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from api.models.changes import Change
from api.models.systems import System
from api.models.timeline import ONE_DAY, periods


def status_on(system: System, day: datetime.date, change) -> str:
    """What a system's row says of a local day, given the national change in force at its end (or None):
    `ended` from its `ended_date`, `before-record` before its first change, `unreviewed` after `reviewed_through`,
    else `in-force`. One rule for GET /v1/levels and the daily panel."""
    if system.ended_date is not None and day >= system.ended_date:
        return "ended"
    if change is None:
        return "before-record"
    return "unreviewed" if day > system.reviewed_through else "in-force"


@dataclass(frozen=True, slots=True)
class Day:
    """One row of the panel: a system's national level at the end of one local day (null when there is none)."""

    system: str
    date: datetime.date
    level: str | None
    rank: int | None
    scale: str | None
    severity: float | None
    status: str
    change_id: str | None

    @property
    def key(self) -> tuple[str, datetime.date]:
        return self.system, self.date


@dataclass(frozen=True, slots=True)
class Run:
    """Days of one system whose rows differ only by their date, from `start` to `stop` (exclusive): what a period
    of its timeline gives (split where the status changes), so that a row is made once per run, not once per day."""

    first: Day
    stop: datetime.date

    @property
    def dates(self) -> Iterator[datetime.date]:
        day = self.first.date
        while day < self.stop:
            yield day
            day += ONE_DAY

    def days(self) -> Iterator[Day]:
        for day in self.dates:
            yield dataclasses.replace(self.first, date=day)


def system_runs(system: System, date_from: datetime.date, date_to: datetime.date) -> list[Run]:
    """The runs of one system from `date_from` to `date_to` (both inclusive): each period of its national timeline
    gives its days the level of its change; days before the first period are before its record. A run is cut where
    the status changes: the day after `reviewed_through`, and `ended_date`."""
    stop = date_to + ONE_DAY
    cuts = sorted({day for day in (system.reviewed_through + ONE_DAY, system.ended_date) if day})
    runs = []

    def add(start: datetime.date, end: datetime.date, change) -> None:
        for left, right in zip([start, *cuts], [*cuts, end], strict=True):
            left, right = max(left, start), min(right, end)
            if left < right:
                status = status_on(system, left, change)
                level = change.to_level if change is not None and status != "ended" else None
                first = Day(system.id, left, level and level.code, level and level.rank, level and level.scale_id,
                            level and level.severity, status, change.id if level else None)  # fmt: skip
                runs.append(Run(first, right))

    day = date_from
    for period in periods(Change.around(system.id, date_from, date_to), date_from, date_to, system.zone):
        add(day, period.start, None)
        day = max(period.end or stop, period.start)
        add(period.start, day, period.change)
    add(day, stop, None)
    return runs


class Panel:
    """The rows of `systems` (sorted by id) over `date_from` to `date_to`, addressed by position in the grid."""

    def __init__(self, systems: list[System], date_from: datetime.date, date_to: datetime.date):
        self.systems = sorted(systems, key=lambda system: system.id)
        self.ids = [system.id for system in self.systems]
        self.date_from, self.date_to = date_from, date_to
        self.days = (date_to - date_from).days + 1

    @property
    def total(self) -> int:
        return len(self.systems) * self.days

    def position(self, key: tuple[str, datetime.date], *, after: bool) -> int:
        """Where the first row past `key` (after=True) or the first row at or past it (after=False) is: a key
        outside the grid (a system since removed, a date outside the range) falls where it would sort."""
        system_id, day = key
        index = bisect.bisect_left(self.ids, system_id)
        if index == len(self.ids) or self.ids[index] != system_id:
            return index * self.days
        offset = (day - self.date_from).days + (1 if after else 0)
        return index * self.days + min(max(offset, 0), self.days)

    def runs(self, start: int, stop: int) -> Iterator[list[Run]]:
        """The rows from position `start` to `stop` (exclusive), as runs, one list per system."""
        for index, system in enumerate(self.systems):
            first, last = max(start - index * self.days, 0), min(stop - index * self.days, self.days)
            if first < last:
                yield system_runs(
                    system,
                    self.date_from + datetime.timedelta(days=first),
                    self.date_from + datetime.timedelta(days=last - 1),
                )

    def rows(self, start: int, stop: int) -> list[Day]:
        """The rows from position `start` to `stop` (exclusive): a page."""
        return [day for runs in self.runs(start, stop) for run in runs for day in run.days()]
