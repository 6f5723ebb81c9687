import json
from http import HTTPStatus

import pytest

from tests.helpers import assert_problem


def test_list_sources_by_id(client):
    body = client.get("/v1/sources").get_json()
    assert [item["id"] for item in body["items"]] == ["test-bulletin", "test-newspaper"]
    assert body["total"] == 2


def test_sources_page_by_cursor(client):
    first = client.get("/v1/sources?limit=1")
    assert [item["id"] for item in first.get_json()["items"]] == ["test-bulletin"]
    url = first.headers["Link"].split("<")[-1].split(">")[0]
    assert first.get_json()["total"] == 2
    later = client.get(url).get_json()
    assert [item["id"] for item in later["items"]] == ["test-newspaper"]
    assert "total" not in later  # counted on the first page only


def test_get_source_leaves_an_unseen_address_empty(client):
    body = client.get("/v1/sources/test-bulletin").get_json()
    assert body["url"] is None
    assert body["publisher"] == "Test authority"


def test_unknown_source_is_a_404_problem(client):
    assert_problem(client.get("/v1/sources/nothing"), HTTPStatus.NOT_FOUND)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("kind=official", ["test-bulletin"]), ("kind=newspaper", ["test-newspaper"]), ("publisher=AUTHORITY", ["test-bulletin"]),
     ("language=en", ["test-bulletin", "test-newspaper"]), ("language=fr", []), ("kind=official&language=fr", [])],
)  # fmt: skip
def test_list_sources_filters_by_kind_publisher_and_language(client, query, expected):
    assert [item["id"] for item in client.get(f"/v1/sources?{query}").get_json()["items"]] == expected


def test_sources_as_ndjson(client):
    lines = client.get("/v1/sources?format=ndjson").get_data(as_text=True).splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["test-bulletin", "test-newspaper"]


@pytest.mark.parametrize("query", ["kind=blog", "language=english", "publisher="])
def test_malformed_source_filters_are_400_problems(client, query):
    assert_problem(client.get(f"/v1/sources?{query}"), HTTPStatus.BAD_REQUEST)
