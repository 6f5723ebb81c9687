from http import HTTPStatus

from tests.helpers import assert_problem


def test_get_event_keeps_each_sources_casualty_figure(client):
    body = client.get("/v1/events/2024-03-22-test-attack").get_json()
    assert body["casualties"] == [
        {"killed": 10, "killed_qualifier": "at-least", "as_of": "2024-03-23", "source_id": "test-newspaper"}
    ]
    assert body["perpetrators"][0]["role"] == "claimed"
    assert [source["id"] for source in body["sources"]] == ["test-newspaper"]


def test_unknown_event_is_a_404_problem(client):
    assert_problem(client.get("/v1/events/nothing"), HTTPStatus.NOT_FOUND)
