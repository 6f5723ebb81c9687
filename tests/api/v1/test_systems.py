from http import HTTPStatus

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
        "name": {"fr": "Maximal", "en": "Top"},
        "colour": "#c1121f",
        "severity": 1.0,
        "scale": "zz-alert-2016",
        "description": None,
    }


def test_dutch_names_are_given_where_the_system_has_them_and_left_out_elsewhere(client):
    body = client.get("/v1/systems/zz-alert").get_json()
    assert body["name"] == {"fr": "Alerte de test", "en": "Test alert", "nl": "Testalarm"}
    names = {level["code"]: level["name"] for level in body["levels"]}
    assert names["low"] == {"fr": "Bas", "en": "Low", "nl": "Laag"}
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
