from http import HTTPStatus

import pytest

from tests.helpers import assert_problem


def test_list_systems_gives_levels_of_every_scale(client):
    body = client.get("/v1/systems").get_json()
    assert body["total"] == 1
    system = body["items"][0]
    assert (system["id"], system["country"], system["time_zone"]) == ("zz-alert", "ZZ", "Europe/Paris")
    assert [level["code"] for level in system["levels"]] == ["low", "raised", "top", "old-low", "old-high"]
    assert [scale["id"] for scale in system["scales"]] == ["zz-alert-2016", "zz-alert-2014"]


def test_get_system_names_levels_in_both_languages(client):
    body = client.get("/v1/systems/zz-alert").get_json()
    top = next(level for level in body["levels"] if level["code"] == "top")
    assert top == {
        "code": "top",
        "rank": 3,
        "name": {"fr": "Maximal", "en": "Top", "text": "Top", "lang": "en"},
        "colour": "#c1121f",
        "severity": 1.0,
        "scale": "zz-alert-2016",
        "description": None,
    }


def test_dutch_names_are_given_where_the_system_has_them_and_left_out_elsewhere(client):
    body = client.get("/v1/systems/zz-alert").get_json()
    assert body["name"] == {"fr": "Alerte de test", "en": "Test alert", "nl": "Testalarm", "text": "Test alert",
                            "lang": "en"}  # fmt: skip
    names = {level["code"]: level["name"] for level in body["levels"]}
    assert names["low"] == {"fr": "Bas", "en": "Low", "nl": "Laag", "text": "Low", "lang": "en"}
    assert "nl" not in names["raised"]


def test_unknown_system_is_a_404_problem(client):
    body = assert_problem(client.get("/v1/systems/xx-nothing"), HTTPStatus.NOT_FOUND)
    assert "xx-nothing" in body["detail"]
    assert_problem(client.get("/v1/systems/xx-nothing/current"), HTTPStatus.NOT_FOUND)


def test_current_is_the_latest_national_change_not_a_regional_one(client):
    body = client.get("/v1/systems/zz-alert/current").get_json()
    assert body["level"]["code"] == "raised"
    assert body["since"] == "2024-05-01"
    assert body["change_id"] == "zz-alert-2024-05-01"
    assert body["direction"] == "lower"
    assert body["reviewed_through"] == "2024-06-30"
    assert [source["id"] for source in body["sources"]] == ["test-bulletin"]
    assert body["dataset_revision"] == 8


def test_current_ignores_changes_that_take_effect_in_the_future(app, client):
    from api.models import Change

    with app.app_context():
        Change.update(effective_date="2999-01-01").where(Change.id == "zz-alert-2024-05-01").execute()
    body = client.get("/v1/systems/zz-alert/current").get_json()
    assert body["change_id"] == "zz-alert-2024-03-24"
    assert body["justification"] == {
        "quote": "We raise the level.",
        "speaker": "Test Minister",
        "speaker_role": "Minister",
        "source_id": "test-newspaper",
    }


def test_current_of_a_system_without_changes_is_a_404_problem(app, client):
    from api.models import Change, ChangeArea, ChangeEvent, ChangeSource, Justification, Measure

    with app.app_context():
        for model in (ChangeArea, ChangeEvent, ChangeSource, Justification, Measure, Change):
            model.delete().execute()
    body = assert_problem(client.get("/v1/systems/zz-alert/current"), HTTPStatus.NOT_FOUND)
    assert "No change" in body["detail"]


def level_at(client, query: str) -> dict:
    response = client.get(f"/v1/systems/zz-alert/level?{query}")
    assert response.status_code == HTTPStatus.OK, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize(
    ("at", "change_id"),
    [
        ("2016-12-01", "zz-alert-2016-12-01"),
        ("2024-03-23", "zz-alert-2016-12-01"),
        ("2024-03-24", "zz-alert-2024-03-24"),  # a date: the end of that local day
        ("2024-03-24T00:00:00%2B01:00", "zz-alert-2024-03-24"),  # known to the day: in force from 00:00 local time
        ("2024-03-23T23:59:59%2B01:00", "zz-alert-2016-12-01"),
        ("2024-03-23T23:30:00Z", "zz-alert-2024-03-24"),  # 00:30 in Paris
        ("2024-03-23T23:59:59", "zz-alert-2016-12-01"),  # no offset: the system's local time
        ("2024-05-10", "zz-alert-2024-05-01"),  # the regional change of that day does not count nationally
        ("2030-01-01", "zz-alert-2024-05-01"),
    ],
)
def test_level_at_a_date_or_an_instant(client, at, change_id):
    assert level_at(client, f"at={at}")["change_id"] == change_id


def test_level_at_says_since_until_and_whether_it_was_reviewed(client):
    body = level_at(client, "at=2024-04-01&lang=fr")
    assert body == {
        "system": "zz-alert", "at": "2024-04-01", "area": None, "change_id": "zz-alert-2024-03-24",
        "level": {"code": "top", "rank": 3, "colour": "#c1121f", "severity": 1.0,
                  "name": {"fr": "Maximal", "en": "Top", "text": "Maximal", "lang": "fr"}},
        "since": "2024-03-24", "since_at": None, "until": "2024-05-01", "until_at": None,
        "reviewed_through": "2024-06-30", "provisional": False, "same_day": [], "order_known": True,
        "dataset_revision": 8, "lang": "fr",
    }  # fmt: skip
    later = level_at(client, "at=2024-07-01T12:00:00%2B02:00")
    assert (later["at"], later["until"], later["provisional"]) == ("2024-07-01T12:00:00+02:00", None, True)


def test_level_at_in_an_area_counts_its_regional_changes(client):
    assert level_at(client, "at=2024-05-10&area=ZZ-01")["level"]["code"] == "top"
    assert level_at(client, "at=2024-05-10&area=ZZ-02")["level"]["code"] == "raised"
    assert level_at(client, "at=2024-05-09&area=ZZ-01")["until"] == "2024-05-10"


def test_level_at_a_minute_known_change_starts_at_its_instant(app, client):
    from api.models import Change

    with app.app_context():
        Change.update(effective_at="2024-05-01T12:00:00+02:00").where(Change.id == "zz-alert-2024-05-01").execute()
    assert level_at(client, "at=2024-05-01T11:59:59%2B02:00")["change_id"] == "zz-alert-2024-03-24"
    assert level_at(client, "at=2024-05-01T10:00:00Z")["change_id"] == "zz-alert-2024-05-01"
    assert level_at(client, "at=2024-05-01")["change_id"] == "zz-alert-2024-05-01"
    assert level_at(client, "at=2024-04-01")["until_at"] == "2024-05-01T12:00:00+02:00"


def test_level_before_the_first_record_is_a_404_saying_when_the_data_starts(client):
    body = assert_problem(client.get("/v1/systems/zz-alert/level?at=2016-11-30"), HTTPStatus.NOT_FOUND)
    assert body["type"].endswith("/before-first-record")
    assert body["data_starts"] == "2016-12-01"
    assert "starts on 2016-12-01" in body["detail"]


@pytest.mark.parametrize("at", ["", "yesterday", "2024-02-30", "2024-03-24T25:00", "2024-03-24 12:00", "0999-01-01",
                                "9999-12-31T23:59:59-12:00", "20240324"])  # fmt: skip
def test_a_malformed_at_is_a_400_problem(client, at):
    body = assert_problem(client.get(f"/v1/systems/zz-alert/level?at={at}"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "at"


def test_at_is_required(client):
    body = assert_problem(client.get("/v1/systems/zz-alert/level"), HTTPStatus.BAD_REQUEST)
    assert body["errors"] == [{"parameter": "at", "detail": "Missing data for required field."}]


def timeline(client, query: str) -> dict:
    response = client.get(f"/v1/systems/zz-alert/timeline?{query}")
    assert response.status_code == HTTPStatus.OK, response.get_data(as_text=True)
    return response.get_json()


def test_timeline_periods_tile_the_range_and_sum_the_days(client):
    body = timeline(client, "from=2024-01-01&to=2024-06-30")
    assert [
        (p["start"], p["end"], p["level"]["code"], p["duration_days"], p["change_id"]) for p in body["periods"]
    ] == [
        ("2024-01-01", "2024-03-24", "raised", 83, "zz-alert-2016-12-01"),
        ("2024-03-24", "2024-05-01", "top", 38, "zz-alert-2024-03-24"),
        ("2024-05-01", None, "raised", 61, "zz-alert-2024-05-01"),
    ]
    assert body["total_days"] == 182
    assert [(row["level"]["code"], row["days"], row["share"]) for row in body["summary"]] == [
        ("raised", 144, 0.7912),
        ("top", 38, 0.2088),
    ]


def test_timeline_clips_a_period_that_goes_on_after_the_range(client):
    body = timeline(client, "from=2024-03-01&to=2024-04-30")
    assert [(p["start"], p["end"]) for p in body["periods"]] == [
        ("2024-03-01", "2024-03-24"),
        ("2024-03-24", "2024-05-01"),
    ]
    assert timeline(client, "from=2024-03-01&to=2024-04-29")["periods"][-1]["end"] == "2024-04-30"


def test_timeline_defaults_from_the_first_record_to_today(client):
    body = timeline(client, "")
    assert body["from"] == "2016-12-01"
    assert body["periods"][-1]["end"] is None
    assert sum(p["duration_days"] for p in body["periods"]) == body["total_days"]


def test_timeline_of_an_area_includes_its_regional_changes(client):
    body = timeline(client, "from=2024-05-01&to=2024-05-31&area=ZZ-01")
    assert [p["change_id"] for p in body["periods"]] == ["zz-alert-2024-05-01", "zz-alert-2024-05-10"]


def test_timeline_as_csv_is_one_row_per_period(client):
    response = client.get("/v1/systems/zz-alert/timeline?from=2024-01-01&to=2024-06-30&format=csv")
    assert response.get_data(as_text=True) == (
        "start,end,start_at,end_at,duration_days,level,level_rank,level_name_fr,level_name_en,level_severity,change_id\r\n"
        "2024-01-01,2024-03-24,,,83,raised,2,Élevé,Raised,0.667,zz-alert-2016-12-01\r\n"
        "2024-03-24,2024-05-01,,,38,top,3,Maximal,Top,1.0,zz-alert-2024-03-24\r\n"
        "2024-05-01,,,,61,raised,2,Élevé,Raised,0.667,zz-alert-2024-05-01\r\n"
    )


def test_timeline_before_the_first_record_is_a_404_and_a_reversed_range_a_400(client):
    body = assert_problem(client.get("/v1/systems/zz-alert/timeline?from=2010-01-01"), HTTPStatus.NOT_FOUND)
    assert body["data_starts"] == "2016-12-01"
    body = assert_problem(client.get("/v1/systems/zz-alert/timeline?from=2024-02-01&to=2024-01-01"), 400)
    assert body["errors"][0]["parameter"] == "to"
    body = assert_problem(client.get("/v1/systems/zz-alert/timeline?to=2016-01-01"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "to"
