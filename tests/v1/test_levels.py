"""GET /v1/levels and /v1/levels/daily: the level in each system at one instant, and the daily panel, on three fictional
systems in different time zones (one ended, with sectoral changes)."""

import datetime
import json
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from playhouse.test_utils import count_queries

from api.curation import seeds
from api.models import Change, System
from tests.helpers import assert_problem

LEVELS_SEEDS = Path(__file__).parents[1] / "data" / "levels"


@pytest.fixture
def client(empty_app):
    """xa-alert (London: a change known to the minute, a regional change), xb-alert (Tokyo: a rescale) and xc-alert
    (New York: ended on 2010-07-01, with sectoral changes, one known to the minute)."""
    with empty_app.app_context():
        seeds.load(LEVELS_SEEDS)
    return empty_app.test_client()


@pytest.fixture
def app_and_client(empty_app, client):
    return empty_app, client


def levels(client, at: str, **params) -> dict:
    body = client.get("/v1/levels", query_string={"at": at, **params}).get_json()
    return {row["system"]: row for row in body["items"]}


def codes(client, at: str) -> dict:
    return {system: row["level"] and row["level"]["code"] for system, row in levels(client, at).items()}


def test_one_row_per_system_with_its_level_rank_name_and_severity(client):
    body = client.get("/v1/levels?at=2020-07-15").get_json()
    assert (body["at"], body["total"]) == ("2020-07-15", 3)
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
    assert codes(client, "2020-06-09T20:00:00Z") == {"xa-alert": "guarded", "xb-alert": "amber", "xc-alert": None}
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
            if rows[system.id]["status"] == "ended":
                assert rows[system.id]["level"] is None and system.ended_date is not None
                continue
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
    assert {row["system"]: row["status"] for row in body["items"]} == {
        "xa-alert": "unreviewed", "xb-alert": "unreviewed", "xc-alert": "ended"}  # fmt: skip


def test_a_system_whose_record_ended_says_ended_from_its_ended_date_in_its_time_zone(client):
    assert levels(client, "2010-06-30")["xc-alert"]["status"] == "in-force"
    assert codes(client, "2010-07-01T03:59:00Z")["xc-alert"] == "elevated"  # 23:59 on 30 June in New York
    for at in ("2010-07-01T04:00:00Z", "2010-07-01", "2024-01-01"):
        row = levels(client, at)["xc-alert"]
        assert (row["status"], row["level"], row["change_id"], row["since"]) == ("ended", None, None, None), at
        assert (row["ended_date"], row["record_starts"], row["sectoral"]) == ("2010-07-01", "2010-01-01", [])
    assert levels(client, "2020-07-15")["xa-alert"]["ended_date"] is None


def sectors(row: dict) -> list[tuple]:
    return [(part["sectors"], part["level"]["code"], part["change_id"]) for part in row["sectoral"]]


def test_sectoral_exceptions_in_force_are_listed_beside_the_national_level(client):
    assert sectors(levels(client, "2010-02-28")["xc-alert"]) == []
    assert sectors(levels(client, "2010-03-15T19:59:00-04:00")["xc-alert"]) == [
        (["aviation"], "high", "xc-alert-2010-03-01")]  # fmt: skip
    row = levels(client, "2010-03-20")["xc-alert"]
    assert (row["level"]["code"], row["regional"]) == ("elevated", [])
    assert sectors(row) == [(["aviation"], "high", "xc-alert-2010-03-01"), (["rail"], "high", "xc-alert-2010-03-15")]
    assert row["sectoral"][1]["since_at"] == "2010-03-15T20:00:00-04:00"
    assert sectors(levels(client, "2010-04-01")["xc-alert"]) == [(["aviation"], "high", "xc-alert-2010-03-01")]


def test_current_shows_the_sectoral_exceptions_and_the_end_of_an_ended_system(client):
    body = client.get("/v1/systems/xc-alert/current").get_json()
    assert (body["level"]["code"], body["change_id"], body["ended_date"]) == (
        "elevated",
        "xc-alert-2010-02-15",
        "2010-07-01",
    )
    assert (sectors(body), body["regional"]) == ([(["aviation"], "high", "xc-alert-2010-03-01")], [])
    current = client.get("/v1/systems/xa-alert/current").get_json()
    assert (current["ended_date"], current["sectoral"], current["regional"]) == (None, [], [])


LEVELS_CSV = (
    "at,system,country,system_name_fr,system_name_en,status,level,level_rank,level_name_fr,level_name_en,"
    "level_severity,since,since_at,change_id,record_starts,reviewed_through,ended_date,regional,sectoral,same_day,"
    "order_known\r\n"
    "2020-07-15,xa-alert,XA,,XA alert,in-force,guarded,2,,Guarded,0.5,2020-06-12,,xa-alert-2020-06-12,2020-01-01,"
    "2020-12-31,,XA-01:top,,,true\r\n"
    "2020-07-15,xb-alert,XB,Alerte XB,XB alert,in-force,amber,2,,Amber,0.6667,2020-06-10,,xb-alert-2020-06-10,"
    "2019-01-01,2020-12-31,,,,,true\r\n"
    "2020-07-15,xc-alert,XC,,XC alert,ended,,,,,,,,,2010-01-01,2010-07-01,2010-07-01,,,,true\r\n"
)


def test_levels_answer_as_csv_one_row_per_system_by_format_or_accept(client):
    for response in (client.get("/v1/levels?at=2020-07-15&format=csv"),
                     client.get("/v1/levels?at=2020-07-15", headers={"Accept": "text/csv"})):  # fmt: skip
        assert response.status_code == HTTPStatus.OK and response.mimetype == "text/csv"
        assert response.get_data(as_text=True) == LEVELS_CSV
    row = client.get("/v1/levels?at=2010-03-20&country=XC&format=csv").get_data(as_text=True).splitlines()[1]
    assert row.endswith(",aviation:high;rail:high,,true")


def test_levels_answer_as_ndjson_the_objects_of_the_json_items(client):
    items = client.get("/v1/levels?at=2010-03-20").get_json()["items"]
    lines = client.get("/v1/levels?at=2010-03-20&format=ndjson").get_data(as_text=True).splitlines()
    assert [json.loads(line) for line in lines] == items and items[0]["at"] == "2010-03-20"


def test_levels_in_a_format_not_offered_is_a_406_problem(client):
    assert_problem(client.get("/v1/levels", headers={"Accept": "application/xml"}), HTTPStatus.NOT_ACCEPTABLE)
    body = assert_problem(client.get("/v1/levels?format=xml"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "format"


# The daily panel


def daily(client, query: str) -> list[dict]:
    response = client.get(f"/v1/levels/daily?{query}&format=ndjson")
    assert response.status_code == HTTPStatus.OK, response.get_data(as_text=True)
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


DAILY_CSV = (
    "system,date,level,rank,scale,severity,status,change_id\r\n"
    "xa-alert,2019-12-31,,,,,before-record,\r\n"
    "xa-alert,2020-01-01,guarded,2,xa-alert-4,0.5,in-force,xa-alert-2020-01-01\r\n"
    "xc-alert,2019-12-31,,,,,ended,\r\n"
    "xc-alert,2020-01-01,,,,,ended,\r\n"
)


def test_the_panel_has_one_row_per_system_and_day_ordered_by_system_then_date(client):
    response = client.get("/v1/levels/daily?from=2019-12-31&to=2020-01-01&system=xc-alert,xa-alert&format=csv")
    assert (response.mimetype, response.get_data(as_text=True)) == ("text/csv", DAILY_CSV)
    rows = daily(client, "from=2020-06-08&to=2020-06-12")
    assert [(row["system"], row["date"][-2:]) for row in rows][:6] == [
        ("xa-alert", "08"), ("xa-alert", "09"), ("xa-alert", "10"), ("xa-alert", "11"), ("xa-alert", "12"),
        ("xb-alert", "08")]  # fmt: skip
    assert len(rows) == 15
    xb = {
        row["date"]: (row["level"], row["rank"], row["scale"], row["severity"])
        for row in rows
        if row["system"] == "xb-alert"
    }
    assert xb["2020-06-09"] == ("old-high", 2, "xb-old", 1.0) and xb["2020-06-10"] == ("amber", 2, "xb-new", 0.6667)


def test_the_panel_says_unreviewed_after_reviewed_through_and_ended_from_the_end(client):
    rows = {(row["system"], row["date"]): row for row in daily(client, "from=2010-06-30&to=2010-07-01&system=xc-alert")}
    assert rows["xc-alert", "2010-06-30"]["status"] == "in-force"
    assert (rows["xc-alert", "2010-07-01"]["status"], rows["xc-alert", "2010-07-01"]["level"]) == ("ended", None)
    last = daily(client, "from=2020-12-31&to=2021-01-01&system=xa-alert")
    assert [(row["status"], row["level"]) for row in last] == [("in-force", "high"), ("unreviewed", "high")]


def test_the_panel_agrees_with_levels_at_on_every_day_a_level_changed_and_the_day_before(client):
    with client.application.app_context():
        days = sorted({d for c in Change.select() for d in (c.effective_date, c.effective_date - datetime.timedelta(days=1))}
                      | {system.ended_date for system in System.select() if system.ended_date})  # fmt: skip
    panel = {(row["system"], row["date"]): row for row in daily(client, f"from={days[0]}&to={days[-1]}")}
    assert len(panel) == 3 * ((days[-1] - days[0]).days + 1)
    for day in days:
        for system, row in levels(client, day.isoformat()).items():
            assert panel[system, day.isoformat()] == {
                "system": system, "date": day.isoformat(), "status": row["status"], "change_id": row["change_id"],
                "level": row["level"] and row["level"]["code"], "rank": row["level"] and row["level"]["rank"],
                "severity": row["level"] and row["level"]["severity"],
                "scale": panel[system, day.isoformat()]["scale"]}, (system, day)  # fmt: skip


def test_the_panel_is_made_from_timelines_not_day_by_day(app_and_client):
    app, client = app_and_client
    counts = []
    for query in ("from=2021-01-01&to=2021-01-31", "from=2000-01-01&to=2040-12-31"):  # 31 days, then 14,976
        with app.app_context(), count_queries() as counter:
            assert client.get(f"/v1/levels/daily?{query}&format=csv").status_code == HTTPStatus.OK
        counts.append(counter.count)
    assert counts[0] == counts[1], "forty years cost the queries of a month: a few per system, none per day"


def link(response, rel: str) -> str | None:
    match = re.search(rf'<http://localhost([^>]+)>; rel="{rel}"', response.headers["Link"])
    return match and match.group(1)


def test_json_pages_follow_link_headers_without_skipping_or_repeating_a_row(client):
    whole = daily(client, "from=2010-06-25&to=2010-07-05&system=xa-alert,xc-alert")
    url, pages = "/v1/levels/daily?from=2010-06-25&to=2010-07-05&system=xa-alert,xc-alert&limit=4", []
    while url:
        response = client.get(url)
        body = response.get_json()
        assert body["total"] == 22
        pages.append(body["items"])
        url = link(response, "next")
    assert [row for page in pages for row in page] == whole and len(pages) == 6
    back = client.get(link(client.get(link(response, "prev")), "prev")).get_json()["items"]
    assert back == pages[-3]
    default = client.get("/v1/levels/daily?from=2010-06-25&to=2010-07-05")  # 50 rows a page, as other lists
    assert (len(default.get_json()["items"]), link(default, "next")) == (33, None)


def test_a_page_of_csv_follows_limit_and_cursor_as_other_lists_do(client):
    first = client.get("/v1/levels/daily?from=2010-06-25&to=2010-07-05&system=xc-alert&format=csv&limit=3")
    assert len(first.get_data(as_text=True).splitlines()) == 4
    second = client.get(link(first, "next")).get_data(as_text=True).splitlines()
    assert second[1].startswith("xc-alert,2010-06-28,")


def test_the_panel_answers_304_to_its_etag_and_keeps_one_answer_per_query(client):
    for query in ("from=2010-06-25&to=2010-07-05", "from=2010-06-25&to=2010-07-05&format=csv"):
        response = client.get(f"/v1/levels/daily?{query}")
        again = client.get(f"/v1/levels/daily?{query}", headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == HTTPStatus.NOT_MODIFIED
    xa = client.get("/v1/levels/daily?from=2020-06-25&to=2020-06-26&system=xa-alert").get_json()["items"]
    xc = client.get("/v1/levels/daily?from=2020-06-25&to=2020-06-26&system=xc-alert").get_json()["items"]
    assert {row["system"] for row in xa} == {"xa-alert"} and {row["system"] for row in xc} == {"xc-alert"}


@pytest.mark.parametrize(
    ("query", "parameter", "detail"),
    [
        ("to=2020-01-01", "from", "Missing data"),
        ("from=2020-01-01", "to", "Missing data"),
        ("from=2020-01-02&to=2020-01-01", "to", "reversed"),
        ("from=1960-01-01&to=2020-01-01", "to", "At most 20,000 days"),
        ("from=2020-01-01&to=2020-01-02&system=xa-alert,zz-alert", "system", "Known systems: xa-alert, xb-alert"),
        ("from=2020-01-01&to=2020-01-02&system=XA_ALERT", "system", "separated by commas"),
        ("from=2020-01-01&to=2020-01-02&system=xa-alert&system=xb-alert", "system", "more than once"),
        ("from=2020-01-01&to=2020-01-02&cursor=nope", "cursor", "Not a valid cursor"),
        ("from=2020-01-01&to=2020-01-02&limit=0", "limit", "less than or equal to 500"),
        ("from=2020-01-01&to=2020-01-02&area=XA-01", "area", "Allowed: cursor, format, from"),
    ],
)
def test_a_bad_panel_parameter_is_a_400_problem_naming_it(client, query, parameter, detail):
    body = assert_problem(client.get(f"/v1/levels/daily?{query}"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == parameter
    assert detail in body["errors"][0]["detail"]


def test_an_ended_system_checked_to_its_end_does_not_hold_back_the_index_reviewed_date(client):
    assert client.get("/v1").get_json()["reviewed_through"] == "2020-12-31"  # xc-alert: 2010-07-01, and ended


def test_whole_exports_are_the_pages_put_together_byte_for_byte(client):
    query = "/v1/levels/daily?from=2010-06-20&to=2020-06-15"  # every system, runs cut by statuses and changes
    for name in ("csv", "ndjson"):
        whole = client.get(f"{query}&format={name}").get_data(as_text=True)
        url, pages = f"{query}&format={name}&limit=500", []
        while url:
            response = client.get(url)
            lines = response.get_data(as_text=True).splitlines(keepends=True)
            pages.append("".join(lines[1:] if name == "csv" else lines))
            url = link(response, "next")
        header = whole.splitlines(keepends=True)[0] if name == "csv" else ""
        assert whole == header + "".join(pages)
        assert len(whole.splitlines()) == 3 * 3649 + (name == "csv")


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
