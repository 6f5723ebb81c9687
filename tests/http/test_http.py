import gzip
from http import HTTPStatus

import brotli
import pytest

from tests.helpers import assert_problem

ENDPOINTS = ["/v1", "/v1/systems", "/v1/systems/zz-alert", "/v1/systems/zz-alert/current",
             "/v1/systems/zz-alert/level?at=2024-04-01", "/v1/systems/zz-alert/timeline?from=2024-01-01&to=2024-06-30",
             "/v1/changes", "/v1/changes?format=csv", "/v1/changes?format=ndjson", "/v1/changes/zz-alert-2024-03-24",
             "/v1/events", "/v1/events/2024-03-22-test-attack", "/v1/sources", "/v1/sources/test-bulletin"]  # fmt: skip


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


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_get_says_what_it_was_built_from_and_what_varies_and_head_works(client, url):
    response = client.get(url)
    assert response.headers["Dataset-Revision"] == "8"
    assert response.headers["Last-Modified"]
    assert set(response.headers["Vary"].split(", ")) >= {"Accept", "Accept-Language"}
    if response.mimetype == "application/json":
        assert response.get_json()["dataset_revision"] == 8
        assert response.headers["Content-Language"] == response.get_json()["lang"] == "en"
    head = client.head(url)
    assert (head.status_code, head.data) == (HTTPStatus.OK, b"")
    assert head.headers["ETag"] == response.headers["ETag"]


def test_if_modified_since_the_last_revision_answers_304(app, client):
    app.config["CACHE_ENABLED"] = False  # the response cache answers If-None-Match only (a 200 is allowed here)
    modified = client.get("/v1/changes").headers["Last-Modified"]
    assert client.get("/v1/changes", headers={"If-Modified-Since": modified}).status_code == HTTPStatus.NOT_MODIFIED


@pytest.mark.parametrize(
    ("headers", "query", "lang"),
    [({}, "", "en"), ({"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"}, "", "fr"), ({"Accept-Language": "de"}, "", "en"),
     ({"Accept-Language": "fr"}, "?lang=en", "en"), ({}, "?lang=fr", "fr")],
)  # fmt: skip
def test_lang_and_accept_language_choose_the_language_and_the_answer_says_which(client, headers, query, lang):
    response = client.get(f"/v1/systems/zz-alert{query}", headers=headers)
    assert response.headers["Content-Language"] == response.get_json()["lang"] == lang
    assert response.get_json()["name"]["text"] == {"fr": "Alerte de test", "en": "Test alert"}[lang]


@pytest.mark.parametrize(
    "url",
    ["/v1?colour=red", "/v1/systems?page=2", "/v1/changes/zz-alert-2024-03-24?format=csv", "/v1/sources/x?y=1",
     "/v1/systems/zz-alert/current?at=2020-01-01"],
)  # fmt: skip
def test_every_operation_refuses_unknown_parameters(client, url):
    assert assert_problem(client.get(url), HTTPStatus.BAD_REQUEST)["errors"][0]["detail"].startswith("Unknown")


@pytest.mark.parametrize("url", ["/v1/changes?limit=0", "/v1/nothing", "/v1/changes/nothing", "/v1/changes?limit=1",
                                 "/v1/changes?format=csv"])  # fmt: skip
def test_cors_headers_are_on_errors_too_and_expose_what_scripts_need(client, url):
    response = client.get(url, headers={"Origin": "https://newsroom.test"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    exposed = set(response.headers["Access-Control-Expose-Headers"].split(", "))
    assert exposed >= {"ETag", "Link", "Dataset-Revision", "Last-Modified", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                       "X-RateLimit-Reset", "Retry-After"}  # fmt: skip


def test_a_preflight_from_any_origin_is_allowed(client):
    response = client.options("/v1/changes", headers={"Origin": "https://newsroom.test",
                                                      "Access-Control-Request-Method": "GET"})  # fmt: skip
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]


def test_a_parameter_given_twice_is_a_400_problem(client):
    body = assert_problem(client.get("/v1/changes?system=zz-alert&system=xx-other"), HTTPStatus.BAD_REQUEST)
    assert body["errors"] == [{"parameter": "system", "detail": "Given more than once: give it once."}]
