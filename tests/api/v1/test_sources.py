from http import HTTPStatus

from tests.helpers import assert_problem


def test_list_sources_by_id(client):
    body = client.get("/v1/sources").get_json()
    assert [item["id"] for item in body["items"]] == ["test-bulletin", "test-newspaper"]
    assert body["total"] == 2


def test_sources_page_by_cursor(client):
    first = client.get("/v1/sources?limit=1")
    assert [item["id"] for item in first.get_json()["items"]] == ["test-bulletin"]
    url = first.headers["Link"].split("<")[-1].split(">")[0]
    assert [item["id"] for item in client.get(url).get_json()["items"]] == ["test-newspaper"]


def test_get_source_leaves_an_unseen_address_empty(client):
    body = client.get("/v1/sources/test-bulletin").get_json()
    assert body["url"] is None
    assert body["publisher"] == "Test authority"


def test_unknown_source_is_a_404_problem(client):
    assert_problem(client.get("/v1/sources/nothing"), HTTPStatus.NOT_FOUND)
