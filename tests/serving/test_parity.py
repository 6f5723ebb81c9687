"""A kept answer is the fresh answer: for every family of cached routes, the answer the response cache serves (its
fast path, api/serving/fast_path.py) has the status, headers and body of the one Flask built, apart from what belongs
to one exchange (Date, X-Request-ID, the rate-limit counters). A per-request step added on one path only fails here."""

import logging
from http import HTTPStatus
from urllib.parse import quote

import pytest

PER_EXCHANGE = {"date", "x-request-id", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"}
CHANGE = "zz-alert-2024-05-10"
FAMILIES = {
    "current": "/v1/systems/zz-alert/current",
    "level": "/v1/systems/zz-alert/level?at=2024-05-02",
    "levels": "/v1/levels?at=2024-05-02",
    "timeline": "/v1/systems/zz-alert/timeline?from=2024-01-01&to=2024-06-30",
    "systems": "/v1/systems",
    "system": "/v1/systems/zz-alert",
    "changes": "/v1/changes",
    "change": f"/v1/changes/{CHANGE}",
    "events": "/v1/events",
    "sources": "/v1/sources",
    "source": "/v1/sources/test-bulletin",
    "embed": "/embed/v1/zz-alert?lang=fr",
    "badge": "/embed/v1/zz-alert.svg",
    "widget": "/embed/v1/widget.js",
    "widget JSON": "/embed/v1/zz-alert.json",
    "shields": "/embed/v1/zz-alert/shields.json",
    "oEmbed": "/oembed?url=" + quote("http://localhost/embed/v1/zz-alert", safe="") + "&format=json",
    "change page": f"/changes/{CHANGE}",
    "feed": "/v1/changes.atom",
    "system feed": "/v1/systems/zz-alert/changes.atom",
    "dataset": "/v1/dataset",
    "index": "/v1",
}


@pytest.fixture
def results(caplog):
    caplog.set_level(logging.INFO, logger="api.access")
    return lambda: [record.cache for record in caplog.records if record.name == "api.access"]


def exchange_free(response) -> list[tuple[str, str]]:
    return sorted((name, value) for name, value in response.headers.items() if name.lower() not in PER_EXCHANGE)


@pytest.mark.parametrize("url", FAMILIES.values(), ids=FAMILIES.keys())
@pytest.mark.parametrize("encoding", ["identity", "br"])
def test_a_kept_answer_equals_the_fresh_one(client, results, url, encoding):
    headers = {"Accept-Encoding": encoding, "Origin": "https://newsroom.test"}
    fresh = client.get(url, headers=headers)
    kept = client.get(url, headers=headers)
    assert results() == ["miss", "hit"], "the second answer was served from the cache"
    assert fresh.status_code == kept.status_code == HTTPStatus.OK
    assert exchange_free(kept) == exchange_free(fresh)
    assert kept.get_data() == fresh.get_data()
    for name in ("X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining"):
        assert (name in kept.headers) == (name in fresh.headers), name
    assert kept.headers["X-Request-ID"] != fresh.headers["X-Request-ID"]
