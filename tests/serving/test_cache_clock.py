"""Answers that read the clock ("now", "today") end when they stop being right: at the system's local midnight, or
at a change known to the minute, even when no write moves the dataset revision; and HTTP caches are never told to
keep them longer. The app's clock (CLOCK) is set by the test; the database and HTTP are real."""

import datetime
import logging
import re
import zoneinfo
from http import HTTPStatus

import pytest

from api import db
from tests.serving.test_cache import rebuilt

PARIS = zoneinfo.ZoneInfo("Europe/Paris")  # zz-alert's time zone
CLOCKED = [
    ("/v1/systems/zz-alert/current", lambda r: r.get_json()["change_id"]),
    ("/v1/systems/zz-alert/timeline", lambda r: r.get_json()["periods"][-1]["change_id"]),
    ("/v1/levels", lambda r: r.get_json()["items"][0]["change_id"]),
    ("/embed/v1/zz-alert.json", lambda r: r.get_json()["change_id"]),
    ("/embed/v1/zz-alert.svg", lambda r: re.search(r"<title>(.*?)</title>", r.get_data(as_text=True))[1]),
    ("/embed/v1/zz-alert/shields.json", lambda r: r.get_json()["message"]),
    ("/embed/v1/zz-alert", lambda r: re.search(r"<title>(.*?)</title>", r.get_data(as_text=True))[1]),
]


class Clock:
    """The app's clock, moved by the test: seconds since the epoch, as time.time gives them."""

    def __init__(self, moment: datetime.datetime):
        self.moment = moment

    def __call__(self) -> float:
        return self.moment.timestamp()


@pytest.fixture
def today() -> datetime.date:
    """A day whose whole is after the real now, so that the revisions the fixtures write are older than the clock."""
    return datetime.datetime.now(PARIS).date() + datetime.timedelta(days=1)


@pytest.fixture
def clock(today) -> Clock:
    return Clock(datetime.datetime.combine(today, datetime.time(12), PARIS))


@pytest.fixture
def clocked(app, clock, editor):
    """A client of the app on the test seeds, whose clock the test moves."""
    yield rebuilt(app, CLOCK=clock, CACHE_REVISION_TTL=0).test_client()
    db.close_all()


@pytest.fixture
def results(caplog):
    caplog.set_level(logging.INFO, logger="api.access")
    return lambda: [record.cache for record in caplog.records if record.name == "api.access"]


def record_change(client, editor, day: datetime.date, at: datetime.datetime | None = None) -> str:
    """Record, in advance, zz-alert's change from raised to low on `day` (at the instant `at` when known)."""
    body = {
        "id": f"zz-alert-{day.isoformat()}",
        "system": "zz-alert",
        "from_level": "raised",
        "to_level": "low",
        "scope": {"type": "national"},
        "effective_date": day.isoformat(),
        "effective_at": at and at.isoformat(),
        "summary": {"en": "Lowered to Low."},
        "source_ids": ["test-bulletin"],
    }
    response = client.post("/v1/changes", json=body, headers={**editor, "X-Change-Reason": "Announced in advance."})
    assert response.status_code == HTTPStatus.CREATED, response.get_json()
    return body["id"]


def seconds(cache_control: str, directive: str) -> int | None:
    found = re.search(rf"{directive}=(\d+)", cache_control)
    return found and int(found[1])


@pytest.mark.parametrize(("url", "shown"), CLOCKED)
def test_an_answer_kept_before_midnight_is_not_served_after_it(clocked, editor, clock, today, results, url, shown):
    record_change(clocked, editor, today + datetime.timedelta(days=1))
    clock.moment = datetime.datetime.combine(today, datetime.time(23, 59, 30), PARIS)
    before = clocked.get(url)
    assert before.headers["Cache-Control"] == "public, max-age=30"
    assert clocked.get(url).data == before.data
    clock.moment += datetime.timedelta(seconds=30)  # local midnight: the change recorded for "tomorrow" is in force
    after = clocked.get(url)
    assert after.status_code == HTTPStatus.OK
    assert shown(after) != shown(before)
    assert results()[-3:] == ["miss", "hit", "miss"]


def test_the_current_level_moves_at_the_instant_of_a_change_known_to_the_minute(clocked, editor, clock, today):
    change_id = record_change(clocked, editor, today, datetime.datetime.combine(today, datetime.time(18), PARIS))
    url = "/v1/systems/zz-alert/current"
    assert clocked.get(url).get_json()["change_id"] == "zz-alert-2024-05-01"
    clock.moment = datetime.datetime.combine(today, datetime.time(17, 59), PARIS)
    assert clocked.get(url).headers["Cache-Control"] == "public, max-age=60"
    clock.moment = datetime.datetime.combine(today, datetime.time(18), PARIS)
    assert clocked.get(url).get_json()["change_id"] == change_id
    assert clocked.get("/embed/v1/zz-alert.json").get_json()["change_id"] == change_id


@pytest.mark.parametrize("url", [url for url, _ in CLOCKED])
def test_caches_are_never_told_to_keep_an_answer_past_midnight(clocked, clock, today, url):
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(0), PARIS)
    clock.moment = midnight - datetime.timedelta(minutes=30)
    assert clocked.get(url).headers["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
    for left in (300, 45, 1):
        clock.moment = midnight - datetime.timedelta(seconds=left)
        response = clocked.get(url)  # a kept answer: its Cache-Control is cut as the end nears
        sent = response.headers["Cache-Control"]
        assert seconds(sent, "max-age") + (seconds(sent, "stale-while-revalidate") or 0) == left, sent
        etag = response.headers["ETag"]
        not_modified = clocked.get(url, headers={"If-None-Match": etag})
        assert not_modified.status_code == HTTPStatus.NOT_MODIFIED
        assert not_modified.headers["Cache-Control"] == sent


def test_last_modified_is_never_before_the_answer_started_to_hold(clocked, editor, clock, today):
    record_change(clocked, editor, today + datetime.timedelta(days=1))
    url = "/v1/systems/zz-alert/current"
    clock.moment = datetime.datetime.combine(today, datetime.time(23), PARIS)
    before = clocked.get(url)
    clock.moment += datetime.timedelta(hours=2)
    after = clocked.get(url, headers={"If-Modified-Since": before.headers["Last-Modified"]})
    assert after.status_code == HTTPStatus.OK
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(0), PARIS)
    assert after.last_modified == midnight


def test_an_answer_that_does_not_read_the_clock_is_kept_across_midnight(clocked, clock, today, results):
    url = "/v1/systems/zz-alert/level?at=2024-05-02"
    clocked.get(url)
    clock.moment += datetime.timedelta(days=3)
    response = clocked.get(url)
    assert response.headers["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
    assert results()[-2:] == ["miss", "hit"]
