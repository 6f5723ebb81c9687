"""The response cache: built once per dataset revision, 304 without a body, orthogonal to everything else."""

import datetime
import logging
from http import HTTPStatus

import pytest
from flask.testing import FlaskClient
from playhouse.test_utils import count_queries
from werkzeug.http import http_date, parse_date

from api import create_app, db
from api.models import Change, Revision
from api.serving.cache import Entry, ResponseCache
from tests.conftest import ContractClient

URL = "/v1/systems/zz-alert/current"


@pytest.fixture
def results(caplog):
    """The cache's verdict on each request, as the access log records it."""
    caplog.set_level(logging.INFO, logger="api.access")
    return lambda: [record.cache for record in caplog.records if record.name == "api.access"]


def rebuilt(app, **config):
    other = create_app({**{key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SEEDS_DIR")}, **config})
    other.test_client_class = ContractClient
    return other


def test_a_second_get_is_served_from_the_cache_with_one_revision_query(app, client, results):
    first = client.get(URL)
    with app.app_context(), count_queries() as counter:
        second = client.get(URL)
    assert second.data == first.data and second.headers["ETag"] == first.headers["ETag"]
    assert counter.count == 1, "only the revision check"
    assert results() == ["miss", "hit"]


def test_within_the_staleness_bound_a_hit_costs_no_query(app):
    client = rebuilt(app, CACHE_REVISION_TTL=1).test_client()
    client.get(URL)
    with app.app_context(), count_queries() as counter:
        assert client.get(URL).status_code == HTTPStatus.OK
    assert counter.count == 0


def test_if_none_match_is_answered_304_from_the_cache_without_a_body(client, results):
    etag = client.get(URL).headers["ETag"]
    response = client.get(URL, headers={"If-None-Match": f'"other", W/{etag}'})
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.data == b""
    assert response.headers["ETag"] == etag and "max-age" in response.headers["Cache-Control"]
    assert results() == ["miss", "not-modified"]


def test_if_modified_since_is_answered_304_from_the_cache(client, results):
    modified = client.get(URL).headers["Last-Modified"]
    response = client.get(URL, headers={"If-Modified-Since": modified})
    assert response.status_code == HTTPStatus.NOT_MODIFIED and response.data == b""
    assert response.headers["Last-Modified"] == modified and "max-age" in response.headers["Cache-Control"]
    earlier = http_date(parse_date(modified) - datetime.timedelta(seconds=1))
    assert client.get(URL, headers={"If-Modified-Since": earlier}).status_code == HTTPStatus.OK
    assert client.get(URL, headers={"If-Modified-Since": "not a date"}).status_code == HTTPStatus.OK
    assert results() == ["miss", "not-modified", "hit", "hit"]


def test_if_none_match_wins_over_if_modified_since(client, results):
    first = client.get(URL)
    both = {"If-Modified-Since": first.headers["Last-Modified"]}
    assert client.get(URL, headers={**both, "If-None-Match": '"other"'}).status_code == HTTPStatus.OK
    long_ago = "Thu, 01 Jan 1970 00:00:00 GMT"
    matching = {"If-None-Match": first.headers["ETag"], "If-Modified-Since": long_ago}
    assert client.get(URL, headers=matching).status_code == HTTPStatus.NOT_MODIFIED
    assert results() == ["miss", "hit", "not-modified"]


def test_a_304_from_the_cache_carries_the_cors_headers_a_browser_needs(client):
    origin = {"Origin": "https://newsroom.test"}
    etag = client.get(URL, headers=origin).headers["ETag"]
    response = client.get(URL, headers={**origin, "If-None-Match": etag})
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_a_write_moves_the_revision_and_the_next_answer_shows_it(app, client):
    first = client.get(URL)
    before = first.get_json()
    with app.app_context():
        Change.update(summary_en="Corrected summary.").where(Change.id == before["change_id"]).execute()
        Revision.create(record_kind="change", record_id=before["change_id"], action="update", author="test")
    after = client.get(URL)
    assert after.get_json()["summary"]["en"] == "Corrected summary."
    assert after.get_json()["dataset_revision"] == before["dataset_revision"] + 1
    assert after.headers["ETag"] != first.headers["ETag"]
    assert client.get(URL, headers={"If-None-Match": first.headers["ETag"]}).status_code == HTTPStatus.OK


def test_each_variant_of_the_request_headers_is_kept_apart(client):
    plain = client.get(URL)
    brotli = client.get(URL, headers={"Accept-Encoding": "br"})
    assert brotli.headers["Content-Encoding"] == "br" and "Content-Encoding" not in plain.headers
    assert client.get(URL).data == plain.data
    assert client.get(URL, headers={"Accept-Encoding": "br"}).data == brotli.data


def test_answers_to_requests_with_credentials_are_never_kept_nor_served_from_the_cache(client, results):
    client.get(URL)
    client.get(URL, headers={"Authorization": "Bearer anything"})
    client.get(URL, headers={"Authorization": "Bearer anything"})
    assert results() == ["miss", "bypass", "bypass"]


def test_per_request_headers_are_made_anew_for_each_cached_answer(client):
    first = client.get(URL, headers={"X-Request-ID": "one", "Origin": "https://newsroom.test"})
    second = client.get(URL, headers={"X-Request-ID": "two", "Origin": "https://newsroom.test"})
    assert (first.headers["X-Request-ID"], second.headers["X-Request-ID"]) == ("one", "two")
    assert second.headers["Access-Control-Allow-Origin"] == "*"
    assert second.headers.getlist("Access-Control-Allow-Origin") == ["*"], "added once, not kept and added again"
    assert int(second.headers["X-RateLimit-Remaining"]) == int(first.headers["X-RateLimit-Remaining"]) - 1


@pytest.mark.own_app  # adds routes
def test_answers_that_vary_on_other_headers_or_forbid_storing_are_not_kept(empty_app, results):
    @empty_app.get("/test/varies")
    def varies():
        return "by cookie", {"Vary": "Cookie"}

    @empty_app.get("/test/no-store")
    def no_store():
        return "secret", {"Cache-Control": "no-store"}

    client = FlaskClient(empty_app)  # test-only routes: outside the contract
    for url in ("/test/varies", "/test/varies", "/test/no-store", "/test/no-store"):
        assert client.get(url).status_code == HTTPStatus.OK
    assert results() == ["miss"] * 4


def test_errors_and_head_requests_are_not_kept_but_head_is_served_from_a_kept_get(client, results):
    client.get("/v1/systems/nothing")
    client.get("/v1/systems/nothing")
    client.head(URL)
    client.get(URL)
    head = client.head(URL)
    assert head.status_code == HTTPStatus.OK and head.data == b""
    assert results() == ["miss", "miss", "miss", "miss", "hit"]


def test_the_cache_keeps_at_most_its_size_dropping_the_least_recently_used():
    cache = ResponseCache(fingerprint=lambda: 1, revision_ttl=1, max_bytes=8000)
    cache.current_revision()
    entry = Entry(b"x" * 900, (), None, "/a")
    for n in range(8):
        assert cache.put(("a", n), entry, 1)
    cache.get(("a", 0), 0)  # used: kept
    cache.put(("a", 8), entry, 1)
    assert ("a", 0) in cache.entries and ("a", 1) not in cache.entries
    assert cache.bytes <= 8000
    assert not cache.put(("big",), Entry(b"x" * 1001, (), None, "/a"), 1), "no entry above an eighth of the size"


def test_an_answer_built_while_the_revision_moved_is_not_kept():
    revisions = iter([1, 2])
    cache = ResponseCache(fingerprint=lambda: next(revisions), revision_ttl=0, max_bytes=8000)
    built_at = cache.current_revision()
    cache.current_revision()  # a write landed while the answer was being built
    assert not cache.put(("a",), Entry(b"old", (), None, "/a"), built_at)


def test_the_revision_is_looked_at_again_only_after_the_staleness_bound(monkeypatch):
    now = [100.0]
    monkeypatch.setattr("api.serving.cache.time.monotonic", lambda: now[0])
    looks = []
    cache = ResponseCache(fingerprint=lambda: looks.append(1) or len(looks), revision_ttl=1, max_bytes=8000)
    cache.current_revision()
    now[0] += 0.9
    cache.current_revision()
    assert len(looks) == 1
    now[0] += 0.2
    cache.current_revision()
    assert len(looks) == 2
    cache.expire_revision()
    cache.current_revision()
    assert len(looks) == 3


def test_the_staleness_bound_cannot_be_set_above_one_second(app):
    with pytest.raises(ValueError, match="CACHE_REVISION_TTL"):
        rebuilt(app, CACHE_REVISION_TTL=5)
    db.close_all()
