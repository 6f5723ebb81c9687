"""Rate limits (memory storage here; tests/serving/test_instances.py shows Redis holding the limit across instances)."""

from http import HTTPStatus

import pytest

from api import create_app
from tests.conftest import ContractClient
from tests.helpers import assert_problem

URL = "/v1/systems/zz-alert/current"


def rebuilt(app, **config):
    """The same app and database, with other settings (rate limits are set up when the app is made)."""
    other = create_app({**{key: app.config[key] for key in ("TESTING", "DATABASE_URL", "SEEDS_DIR")}, **config})
    other.test_client_class = ContractClient
    return other


def test_over_the_limit_is_a_429_problem_with_retry_after_and_rate_limit_headers(app):
    client = rebuilt(app, RATELIMIT_APPLICATION="3 per hour").test_client()
    remaining = [client.get(URL).headers["X-RateLimit-Remaining"] for _ in range(3)]
    assert remaining == ["2", "1", "0"]
    response = client.get(URL)
    body = assert_problem(response, HTTPStatus.TOO_MANY_REQUESTS)
    assert body["type"].endswith("/rate-limited") and "3 per 1 hour" in body["detail"]
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    assert response.headers["X-RateLimit-Limit"] == "3"
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert int(response.headers["X-RateLimit-Reset"]) > 0


def test_answers_other_than_429_carry_no_retry_after(app):
    response = rebuilt(app, RATELIMIT_APPLICATION="3 per hour").test_client().get(URL)
    assert response.status_code == HTTPStatus.OK
    assert "Retry-After" not in response.headers


@pytest.mark.parametrize("cache_enabled", [True, False])
def test_304_answers_do_not_count(app, cache_enabled):
    client = rebuilt(app, RATELIMIT_APPLICATION="2 per hour", CACHE_ENABLED=cache_enabled).test_client()
    etag = client.get(URL).headers["ETag"]
    for _ in range(5):
        assert client.get(URL, headers={"If-None-Match": etag}).status_code == HTTPStatus.NOT_MODIFIED
    assert client.get(URL).status_code == HTTPStatus.OK
    assert client.get(URL).status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_health_checks_and_metrics_do_not_count(app):
    client = rebuilt(app, RATELIMIT_APPLICATION="1 per hour").test_client()
    for _ in range(3):
        for url in ("/healthz", "/readyz", "/metrics"):
            response = client.get(url)
            assert response.status_code == HTTPStatus.OK
            assert "X-RateLimit-Remaining" not in response.headers
    assert client.get(URL).status_code == HTTPStatus.OK
    assert client.get(URL).status_code == HTTPStatus.TOO_MANY_REQUESTS
