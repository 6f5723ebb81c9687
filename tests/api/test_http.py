import gzip
from http import HTTPStatus

import brotli
import pytest

from tests.helpers import assert_problem

ENDPOINTS = ["/v1", "/v1/systems", "/v1/systems/zz-alert", "/v1/systems/zz-alert/current", "/v1/changes",
             "/v1/changes/zz-alert-2024-03-24", "/v1/events/2024-03-22-test-attack", "/v1/sources",
             "/v1/sources/test-bulletin"]  # fmt: skip


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_get_answers_304_when_etag_matches(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response.headers["ETag"]
    assert "max-age" in response.headers["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.data == b""


@pytest.mark.parametrize("url", ENDPOINTS)
def test_any_origin_may_read(client, url):
    response = client.get(url, headers={"Origin": "https://newsroom.test"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_unknown_path_is_a_404_problem(client):
    assert_problem(client.get("/v2/anything"), HTTPStatus.NOT_FOUND)


def test_wrong_method_is_a_405_problem_with_allow(client):
    response = client.delete("/v1/changes")
    assert_problem(response, HTTPStatus.METHOD_NOT_ALLOWED)
    assert "GET" in response.headers["Allow"]


def test_head_works_where_get_does(client):
    response = client.head("/v1/systems/zz-alert/current")
    assert response.status_code == HTTPStatus.OK
    assert response.data == b""


def test_an_unexpected_failure_is_a_500_problem_without_a_trace(app, client):
    from api.db import database

    with app.app_context():  # corrupt a row behind the API's back
        database.execute_sql("""UPDATE "change" SET announced_by = '{not json'""")
    body = assert_problem(client.get("/v1/changes/zz-alert-2024-03-24"), HTTPStatus.INTERNAL_SERVER_ERROR)
    assert "not json" not in str(body)


@pytest.mark.parametrize("coding, decompress", [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_large_bodies_are_compressed_when_the_client_asks(client, coding, decompress):
    plain = client.get("/v1/systems/zz-alert")
    packed = client.get("/v1/systems/zz-alert", headers={"Accept-Encoding": f"{coding}, identity;q=0.5"})
    assert packed.headers["Content-Encoding"] == coding
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data)


def test_small_bodies_are_sent_as_they_are(client):
    response = client.get("/healthz", headers={"Accept-Encoding": "br, gzip"})
    assert "Content-Encoding" not in response.headers


@pytest.mark.parametrize("cache_enabled", [True, False])
@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_the_etag_of_a_compressed_answer_gets_a_304(app, coding, cache_enabled):
    app.config["CACHE_ENABLED"] = cache_enabled  # read per request: off means every answer is built
    client = app.test_client()
    headers = {"Accept-Encoding": coding}
    etag = client.get("/v1/changes", headers=headers).headers["ETag"]
    for tag in (etag, f"W/{etag}"):
        again = client.get("/v1/changes", headers={**headers, "If-None-Match": tag})
        assert again.status_code == HTTPStatus.NOT_MODIFIED
        assert again.headers["ETag"] == etag
