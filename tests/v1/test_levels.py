"""GET /v1/levels: the level in each system at one instant, on two fictional systems in different time zones."""

import datetime
from http import HTTPStatus
from pathlib import Path

import pytest

from api.curation import seeds
from api.models import Change, System
from tests.helpers import assert_problem

LEVELS_SEEDS = Path(__file__).parents[1] / "data" / "levels"


@pytest.fixture
def client(empty_app):
    """xa-alert (London: a change known to the minute, a regional change) and xb-alert (Tokyo: a rescale)."""
    with empty_app.app_context():
        seeds.load(LEVELS_SEEDS)
    return empty_app.test_client()


def levels(client, at: str, **params) -> dict:
    body = client.get("/v1/levels", query_string={"at": at, **params}).get_json()
    return {row["system"]: row for row in body["items"]}


def codes(client, at: str) -> dict:
    return {system: row["level"] and row["level"]["code"] for system, row in levels(client, at).items()}


def test_one_row_per_system_with_its_level_rank_name_and_severity(client):
    body = client.get("/v1/levels?at=2020-07-15").get_json()
    assert (body["at"], body["total"]) == ("2020-07-15", 2)
    xa = body["items"][0]
    assert xa["system"] == "xa-alert" and xa["status"] == "in-force"
    assert xa["level"] == {"code": "guarded", "rank": 2, "name": {"fr": None, "en": "Guarded", "text": "Guarded", "lang": "en"},
                           "colour": "#e9c46a", "severity": 0.5}  # fmt: skip
    assert (xa["since"], xa["change_id"], xa["record_starts"]) == ("2020-06-12", "xa-alert-2020-06-12", "2020-01-01")
    assert body["items"][1]["name"] == {"fr": "Alerte XB", "en": "XB alert", "nl": "XB-alarm", "text": "XB alert",
                                        "lang": "en"}  # fmt: skip


def test_a_change_known_to_the_minute_is_in_force_from_that_minute(client):
    assert codes(client, "2020-06-10T13:59:00+01:00")["xa-alert"] == "guarded"
    assert codes(client, "2020-06-10T14:00:00+01:00")["xa-alert"] == "high"
    assert codes(client, "2020-06-10T13:30:00Z")["xa-alert"] == "high"  # 14:30 in London
    assert codes(client, "2020-06-10")["xa-alert"] == "high"  # a day means the end of that day


def test_a_change_known_to_the_day_is_in_force_from_midnight_in_its_own_time_zone(client):
    # 2020-06-09T20:00Z is already 10 June in Tokyo, still 9 June in London
    assert codes(client, "2020-06-09T20:00:00Z") == {"xa-alert": "guarded", "xb-alert": "amber"}
    assert codes(client, "2020-06-09T14:59:00Z")["xb-alert"] == "old-high"  # 23:59 in Tokyo


def test_before_a_system_record_starts_its_level_is_null_and_says_why(client):
    row = levels(client, "2019-06-01")["xa-alert"]
    assert row["status"] == "before-record"
    assert (row["level"], row["since"], row["change_id"], row["regional"]) == (None, None, None, [])
    assert row["record_starts"] == "2020-01-01"
    assert levels(client, "2019-06-01")["xb-alert"]["level"]["severity"] == 1.0


def test_after_the_reviewed_date_the_last_recorded_level_is_flagged_unreviewed(client):
    row = levels(client, "2021-01-01")["xa-alert"]
    assert (row["status"], row["level"]["code"], row["reviewed_through"]) == ("unreviewed", "high", "2020-12-31")
    assert levels(client, "2020-12-31")["xa-alert"]["status"] == "in-force"


def test_regional_exceptions_are_listed_until_a_national_change_replaces_them(client):
    row = levels(client, "2020-07-15")["xa-alert"]
    assert row["level"]["code"] == "guarded"
    assert [(r["areas"], r["level"]["code"], r["change_id"]) for r in row["regional"]] == [
        (["XA-01"], "top", "xa-alert-2020-07-01")
    ]
    after = levels(client, "2020-08-15")["xa-alert"]
    assert (after["level"]["code"], after["regional"]) == ("high", [])


AT = ["2019-06-01", "2020-01-01", "2020-06-09T20:00:00Z", "2020-06-10T14:00:00+01:00", "2020-06-11", "2020-07-15",
      "2020-08-01T00:00:00+01:00", "2021-03-01"]  # fmt: skip


@pytest.mark.parametrize("at", AT)
def test_the_cross_system_view_agrees_with_each_system_level_at_the_instant(client, at):
    rows = levels(client, at)
    parsed = datetime.date.fromisoformat(at) if len(at) == 10 else datetime.datetime.fromisoformat(at)
    with client.application.app_context():
        for system in System.listed():
            change = Change.in_force_at(system, parsed)
            assert rows[system.id]["change_id"] == (change and change.id)
            assert rows[system.id]["level"] == (change and {"code": change.to_level.code, "rank": change.to_level.rank,
                "name": {"fr": change.to_level.name_fr, "en": change.to_level.name_en, "text": change.to_level.name_en,
                         "lang": "en"}, "colour": change.to_level.colour,
                "severity": change.to_level.severity})  # fmt: skip
            area = Change.in_force_at(system.id, parsed, "XA-01")
            if system.id == "xa-alert" and area and area.scope_type == "regional":
                assert rows[system.id]["regional"][0]["change_id"] == area.id


def test_country_filter_reads_either_case(client):
    assert list(levels(client, "2020-07-15", country="xb")) == ["xb-alert"]
    body = client.get("/v1/systems?country=XA").get_json()
    assert [system["id"] for system in body["items"]] == ["xa-alert"]
    assert client.get("/v1/systems?country=ZZ").get_json()["total"] == 0


@pytest.mark.parametrize(
    ("query", "parameter", "detail"),
    [
        ("at=2020-06-10T14:00", "at", "UTC offset"),
        ("at=yesterday", "at", "Give a date"),
        ("at=2020-02-30", "at", "Give a date"),
        ("country=GBR", "country", "ISO 3166-1"),
        ("colour=red", "colour", "Allowed: at, country"),
    ],
)
def test_a_bad_parameter_is_a_400_problem_naming_it(client, query, parameter, detail):
    body = assert_problem(client.get(f"/v1/levels?{query}"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == parameter
    assert detail in body["errors"][0]["detail"]


def test_without_at_the_answer_is_for_now(client):
    body = client.get("/v1/levels").get_json()
    at = datetime.datetime.fromisoformat(body["at"])
    assert abs(at - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=5)
    assert {row["status"] for row in body["items"]} == {"unreviewed"}


def test_a_day_with_two_changes_of_unknown_hours_shows_both_states(client):
    """An area raised and lowered again on one day, hours unknown: the answer for that day (its end, or any hour
    of it) gives the last level recorded, and lists both states with `order_known` false instead of hiding one."""
    row = levels(client, "2020-09-01")["xa-alert"]
    assert (row["level"]["code"], row["regional"], row["order_known"]) == ("high", [], False)
    assert [(s["change_id"], s["scope"]["areas"], s["level"]["code"]) for s in row["same_day"]] == [
        ("xa-alert-2020-09-01", ["XA-02"], "top"), ("xa-alert-2020-09-01-2", ["XA-02"], "high")]  # fmt: skip
    body = client.get("/v1/systems/xa-alert/level?at=2020-09-01T12:00:00%2B01:00&area=XA-02").get_json()
    assert (body["change_id"], body["order_known"]) == ("xa-alert-2020-09-01-2", False)
    assert [s["level"]["code"] for s in body["same_day"]] == ["top", "high"]


def test_a_day_with_one_change_lists_no_other_state(client):
    row = levels(client, "2020-06-10")["xa-alert"]
    assert (row["same_day"], row["order_known"]) == ([], True)
    body = client.get("/v1/systems/xa-alert/level?at=2020-06-10").get_json()
    assert (body["same_day"], body["order_known"]) == ([], True)
