"""Property tests (Hypothesis): timeline periods tile any range exactly, and the level in force at any day or instant
is the one the timeline gives; for the pure rules on random histories, and for the API on the test seeds."""

import datetime
import zoneinfo
from dataclasses import dataclass
from http import HTTPStatus

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.models.timeline import in_force, periods

ZONE = zoneinfo.ZoneInfo("Europe/Paris")
START = datetime.date(2020, 3, 20)  # the weeks around a change of summer time
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class FakeChange:
    id: str
    effective_date: datetime.date
    effective_at: str | None

    @property
    def to_level(self):
        return self  # a level per change: enough to tell periods apart


@st.composite
def histories(draw) -> list[FakeChange]:
    changes = []
    for number in range(draw(st.integers(1, 8))):
        day = START + ONE_DAY * draw(st.integers(0, 30))
        minute = draw(st.none() | st.integers(0, 24 * 60 - 1))
        at = None
        if minute is not None:
            local = datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60), ZONE)
            at = local.isoformat()
        changes.append(FakeChange(f"c{number}", day, at))
    return changes


def boundaries(period) -> tuple[datetime.datetime, datetime.datetime | None]:
    """The instants a period runs between: its changes' instants when known, else local midnight of its days."""
    start = period.start_at or datetime.datetime.combine(period.start, datetime.time(0), ZONE).isoformat()
    end = period.end_at or (period.end and datetime.datetime.combine(period.end, datetime.time(0), ZONE).isoformat())
    return datetime.datetime.fromisoformat(start), end and datetime.datetime.fromisoformat(end)


@given(histories(), st.integers(0, 40), st.integers(0, 40))
@settings(max_examples=300, deadline=None)
def test_periods_tile_any_range_exactly(history, offset, length):
    first = min(change.effective_date for change in history)
    date_from = first + ONE_DAY * offset
    date_to = date_from + ONE_DAY * length
    timeline = periods(history, date_from, date_to, ZONE)
    assert timeline[0].start == date_from
    for before, after in zip(timeline, timeline[1:], strict=False):
        assert before.end == after.start
    assert timeline[-1].end in (None, date_to + ONE_DAY)
    assert all(period.duration_days >= 0 for period in timeline)
    assert sum(period.duration_days for period in timeline) == (date_to - date_from).days + 1
    for day in (date_from + ONE_DAY * n for n in range(length + 1)):
        holding = [p for p in timeline if p.start <= day and (p.end is None or day < p.end)]
        assert [p.change for p in holding] == [in_force(history, day, ZONE)]


@given(histories(), st.integers(-24 * 60, 45 * 24 * 60))
@settings(max_examples=300, deadline=None)
def test_the_change_in_force_at_any_instant_is_the_timelines(history, minutes):
    first = min(change.effective_date for change in history)
    timeline = periods(history, first, START + ONE_DAY * 40, ZONE)
    at = datetime.datetime.combine(first, datetime.time(0), ZONE) + datetime.timedelta(minutes=minutes)
    holding = [
        p.change for p in timeline if boundaries(p)[0] <= at and (boundaries(p)[1] is None or at < boundaries(p)[1])
    ]
    assert holding == ([in_force(history, at, ZONE)] if in_force(history, at, ZONE) else [])


instants = st.datetimes(
    min_value=datetime.datetime(2016, 11, 29), max_value=datetime.datetime(2025, 1, 1), timezones=st.sampled_from(
        [datetime.UTC, ZONE, zoneinfo.ZoneInfo("Asia/Tokyo"), zoneinfo.ZoneInfo("America/Los_Angeles")])
)  # fmt: skip


@given(at=instants)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_level_at_agrees_with_the_timeline_for_any_instant(timed_client, at):
    client, timeline = timed_client
    response = client.get("/v1/systems/zz-alert/level", query_string={"at": at.isoformat()})
    holding = [p for p in timeline if boundaries(p)[0] <= at and (boundaries(p)[1] is None or at < boundaries(p)[1])]
    if not holding:
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert at < datetime.datetime(2016, 12, 1, tzinfo=ZONE)
        return
    assert response.status_code == HTTPStatus.OK
    assert response.get_json()["change_id"] == holding[0].change_id


@given(day=st.dates(min_value=datetime.date(2016, 12, 1), max_value=datetime.date(2025, 1, 1)))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_level_on_any_day_agrees_with_the_timeline(timed_client, day):
    client, timeline = timed_client
    body = client.get(f"/v1/systems/zz-alert/level?at={day}").get_json()
    holding = [p for p in timeline if p.start <= day and (p.end is None or day < p.end)]
    assert [p.change_id for p in holding] == [body["change_id"]]


@dataclass
class ServedPeriod:
    change_id: str
    start: datetime.date
    end: datetime.date | None
    start_at: str | None
    end_at: str | None


@pytest.fixture
def timed_client(app, client):
    """The test seeds with one change known to the minute, and the timeline the API serves for them."""
    from api.models import Change

    with app.app_context():
        Change.update(effective_at="2024-05-01T12:00:00+02:00").where(Change.id == "zz-alert-2024-05-01").execute()
    body = client.get("/v1/systems/zz-alert/timeline?from=2016-12-01&to=2025-01-01").get_json()
    served = [
        ServedPeriod(p["change_id"], datetime.date.fromisoformat(p["start"]), p["end"] and datetime.date.fromisoformat(p["end"]),
                     p["start_at"], p["end_at"])
        for p in body["periods"]
    ]  # fmt: skip
    return client, served
