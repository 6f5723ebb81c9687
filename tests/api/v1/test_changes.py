import re
from http import HTTPStatus

import pytest
from playhouse.test_utils import count_queries

from tests.helpers import assert_problem


def next_link(response) -> str | None:
    match = re.search(r'<([^>]+)>; rel="next"', response.headers["Link"])
    return match and match.group(1)


def test_list_changes_newest_first_with_total(client):
    body = client.get("/v1/changes").get_json()
    assert [item["id"] for item in body["items"]] == [
        "zz-alert-2024-05-10",
        "zz-alert-2024-05-01",
        "zz-alert-2024-03-24",
        "zz-alert-2016-12-01",
    ]
    assert body["total"] == 4


def test_pages_follow_link_headers_without_skipping_or_repeating(client):
    seen, url = [], "/v1/changes?limit=1"
    while url:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert 'rel="first"' in response.headers["Link"]
        seen += [item["id"] for item in response.get_json()["items"]]
        url = next_link(response)
    assert seen == [item["id"] for item in client.get("/v1/changes").get_json()["items"]]


def test_a_change_added_mid_walk_is_neither_skipped_nor_repeated(app, client):
    from api.models import Change, Level

    first = client.get("/v1/changes?limit=2")
    with app.app_context():
        top = Level.get(code="top")
        Change.create(id="zz-alert-2030-01-01", system="zz-alert", to_level=top, from_level=top, direction="rescale",
                      scope_type="national", effective_date="2030-01-01", variants=[])  # fmt: skip
    rest = client.get(next_link(first)).get_json()["items"]
    ids = [item["id"] for item in first.get_json()["items"] + rest]
    assert ids == ["zz-alert-2024-05-10", "zz-alert-2024-05-01", "zz-alert-2024-03-24", "zz-alert-2016-12-01"]


def test_filter_by_system(client):
    assert client.get("/v1/changes?system=zz-alert").get_json()["total"] == 4
    assert client.get("/v1/changes?system=xx-other").get_json() == {"items": [], "total": 0, "dataset_revision": 8}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("colour=red", "colour"), ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"),
     ("system=Not%20A%20Slug", "system"), ("cursor=garbage", "cursor"), ("cursor=WyIyMDI0Il0", "cursor")],
)  # fmt: skip
def test_malformed_parameters_are_400_problems_naming_the_parameter(client, query, parameter):
    body = assert_problem(client.get(f"/v1/changes?{query}"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == parameter


def test_unknown_parameter_problem_lists_what_is_allowed(client):
    body = assert_problem(client.get("/v1/changes?colour=red"), HTTPStatus.BAD_REQUEST)
    assert body["errors"] == [{"parameter": "colour", "detail": "Unknown parameter. Allowed: cursor, limit, system."}]


def test_get_change_gives_the_full_record(client):
    body = client.get("/v1/changes/zz-alert-2024-03-24").get_json()
    assert body["system"] == "zz-alert"
    assert (body["from_level"]["code"], body["to_level"]["code"], body["direction"]) == ("raised", "top", "raise")
    assert body["scope"] == {"type": "national", "areas": []}
    assert (body["effective_date"], body["effective_at"]) == ("2024-03-24", None)
    assert (body["announced_date"], body["announced_at"]) == ("2024-03-24", "2024-03-24T20:30:00+01:00")
    assert [trigger["id"] for trigger in body["triggers"]] == ["2024-03-22-test-attack"]
    assert body["justifications"] == [
        {
            "id": "zz-alert-2024-03-24-minister",
            "quote": "We raise the level.",
            "language": "en",
            "original_language": None,
            "speaker": "Test Minister",
            "speaker_role": "Minister",
            "medium": "statement",
            "said_date": "2024-03-24",
            "source_id": "test-newspaper",
            "notes": None,
        }
    ]
    assert body["measures"][0]["quantity"] == 100
    assert [source["id"] for source in body["sources"]] == ["test-newspaper", "test-bulletin"]
    assert body["variants"][0]["value"] == "maximum alert"


def test_first_change_has_no_from_level_and_regional_scope_lists_areas(client):
    assert client.get("/v1/changes/zz-alert-2016-12-01").get_json()["from_level"] is None
    assert client.get("/v1/changes/zz-alert-2016-12-01").get_json()["direction"] == "initial"
    body = client.get("/v1/changes/zz-alert-2024-05-10").get_json()
    assert body["scope"] == {"type": "regional", "areas": ["ZZ-01"]}


def test_unknown_change_is_a_404_problem(client):
    body = assert_problem(client.get("/v1/changes/zz-alert-1999-01-01"), HTTPStatus.NOT_FOUND)
    assert body["type"].endswith("/not-found")


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(app, client):
    counts = []
    for limit in (1, 4):
        with app.app_context(), count_queries() as counter:
            assert len(client.get(f"/v1/changes?limit={limit}").get_json()["items"]) == limit
        counts.append(counter.count)
    assert counts[0] == counts[1], "related rows are read for the whole page at once, not per change"
