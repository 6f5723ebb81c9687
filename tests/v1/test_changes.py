import json
import re
from http import HTTPStatus

import pytest
from playhouse.test_utils import count_queries

from api.models import Change
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
    assert client.get("/v1/changes?system=xx-other").get_json() == {
        "items": [],
        "total": 0,
        "dataset_revision": 8,
        "lang": "en",
    }


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
    assert body["errors"] == [
        {
            "parameter": "colour",
            "detail": "Unknown parameter. Allowed: area, country, cursor, direction, event, format, from, lang, level, limit, q, sort, system, to.",
        }
    ]


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


def link(response, rel: str) -> str | None:
    match = re.search(rf'<([^>]+)>; rel="{rel}"', response.headers["Link"])
    return match and match.group(1)


def listed(client, query: str) -> list[str]:
    response = client.get(f"/v1/changes?{query}")
    assert response.status_code == HTTPStatus.OK, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=ZZ", ["2024-05-10", "2024-05-01", "2024-03-24", "2016-12-01"]),
        ("country=FR", []),
        ("level=top", ["2024-05-10", "2024-03-24"]),
        ("direction=lower", ["2024-05-01"]),
        ("from=2024-03-24&to=2024-05-01", ["2024-05-01", "2024-03-24"]),
        ("from=2024-05-02", ["2024-05-10"]),
        ("to=2016-12-01", ["2016-12-01"]),
        ("area=ZZ-01", ["2024-05-10", "2024-05-01", "2024-03-24", "2016-12-01"]),
        ("area=ZZ-02", ["2024-05-01", "2024-03-24", "2016-12-01"]),  # national changes apply there; not ZZ-01's
        ("area=FR-67", []),
        ("event=2024-03-22-test-attack", ["2024-03-24"]),
        ("level=top&direction=raise&q=region", ["2024-05-10"]),
        ("sort=effective_date", ["2016-12-01", "2024-03-24", "2024-05-01", "2024-05-10"]),
    ],
)
def test_filters_combine_and_sort_both_ways(client, query, expected):
    assert listed(client, query) == [f"zz-alert-{day}" for day in expected]
    assert client.get(f"/v1/changes?{query}").get_json()["total"] == len(expected)  # counted without the joins


def test_total_is_on_the_first_page_only(client):
    """Counting reads every match; a page past the first must cost what the first does (bench/scale.py)."""
    first = client.get("/v1/changes?limit=1&system=zz-alert")
    assert first.get_json()["total"] == 4
    later = client.get(link(first, "next"))
    assert "total" not in later.get_json()
    assert "total" not in client.get(link(later, "prev")).get_json()  # the first page again, through a cursor
    assert client.get(link(later, "first")).get_json()["total"] == 4


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("from=2024-05-02&to=2024-05-01", "to"), ("from=2024-13-01", "from"), ("to=yesterday", "to"),
     ("direction=up", "direction"), ("country=fr", "country"), ("area=67", "area"), ("sort=date", "sort"),
     ("lang=de", "lang"), ("format=xml", "format"), ("level=Top", "level"), ("q=" + "x" * 201, "q"),
     ("from=0999-12-31", "from")],
)  # fmt: skip
def test_malformed_filters_are_400_problems_naming_the_parameter(client, query, parameter):
    body = assert_problem(client.get(f"/v1/changes?{query}"), HTTPStatus.BAD_REQUEST)
    assert [error["parameter"] for error in body["errors"]] == [parameter]


def test_limit_goes_up_to_500(client):
    assert len(listed(client, "limit=500")) == 4


def test_prev_and_next_links_walk_both_ways_in_either_sort(client):
    for sort in ("-effective_date", "effective_date"):
        everything = listed(client, f"sort={sort}")
        forward, url = [], f"/v1/changes?sort={sort}&limit=1"
        while url:
            response = client.get(url)
            forward += [item["id"] for item in response.get_json()["items"]]
            last, url = response, link(response, "next")
        assert forward == everything
        backward, url = [item["id"] for item in last.get_json()["items"]], link(last, "prev")
        while url:
            response = client.get(url)
            backward = [item["id"] for item in response.get_json()["items"]] + backward
            assert link(response, "next") and link(response, "first")
            url = link(response, "prev")
        assert backward == everything


def test_the_first_page_has_no_prev_link(client):
    response = client.get("/v1/changes?limit=2")
    assert link(response, "prev") is None
    assert link(response, "first").endswith("/v1/changes?limit=2")


def test_a_cursor_of_another_sort_order_is_a_400_problem(client):
    cursor = link(client.get("/v1/changes?limit=1"), "next").split("cursor=")[1]
    body = assert_problem(client.get(f"/v1/changes?sort=effective_date&cursor={cursor}"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "cursor"


CSV_HEADER = (
    "id,system,country,effective_date,effective_at,decided_date,announced_date,announced_at,direction,"
    "from_level,from_level_rank,from_level_name_fr,from_level_name_en,from_level_severity,"
    "to_level,to_level_rank,to_level_name_fr,to_level_name_en,to_level_severity,scope,areas,announced_by,"
    "announced_by_role,summary_fr,summary_en,triggers,justifications,measures,sources\r\n"
)


def test_csv_is_one_row_per_change_with_a_header_and_rfc_4180_quoting(client):
    response = client.get("/v1/changes?sort=effective_date", headers={"Accept": "text/csv"})
    assert response.status_code == HTTPStatus.OK
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.get_data(as_text=True) == CSV_HEADER + (
        "zz-alert-2016-12-01,zz-alert,ZZ,2016-12-01,,,,,initial,,,,,,raised,2,Élevé,Raised,0.667,national,,,,,"
        "The three-level scale starts at Raised.,,0,0,test-bulletin\r\n"
        "zz-alert-2024-03-24,zz-alert,ZZ,2024-03-24,,,2024-03-24,2024-03-24T20:30:00+01:00,raise,raised,2,Élevé,"
        "Raised,0.667,top,3,Maximal,Top,1.0,national,,Test Minister,Minister,Relevé au niveau maximal.,"
        "Raised to the top level.,2024-03-22-test-attack,1,1,test-newspaper;test-bulletin\r\n"
        "zz-alert-2024-05-01,zz-alert,ZZ,2024-05-01,,,,,lower,top,3,Maximal,Top,1.0,raised,2,Élevé,Raised,0.667,"
        "national,,,,,Lowered again.,,0,0,test-bulletin\r\n"
        "zz-alert-2024-05-10,zz-alert,ZZ,2024-05-10,,,,,raise,raised,2,Élevé,Raised,0.667,top,3,Maximal,Top,1.0,"
        "regional,ZZ-01,,,,One region raised.,,0,0,test-bulletin\r\n"
    )


def test_csv_quotes_commas_quotes_and_line_breaks(app, client):
    with app.app_context():
        Change.update(summary_en='He said "no",\nthen yes.').where(Change.id == "zz-alert-2024-05-01").execute()
    text = client.get("/v1/changes?format=csv&level=raised&direction=lower").get_data(as_text=True)
    assert text.endswith(',"He said ""no"",\nthen yes.",,0,0,test-bulletin\r\n')


def test_ndjson_is_one_change_per_line_as_in_json(client):
    response = client.get("/v1/changes?format=ndjson&lang=fr")
    assert response.headers["Content-Type"] == "application/x-ndjson"
    assert response.headers["Content-Language"] == "fr"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert lines == client.get("/v1/changes?lang=fr").get_json()["items"]


def test_exports_are_whole_unless_limit_is_given(client):
    assert client.get("/v1/changes?format=csv").get_data(as_text=True).count("\r\n") == 5
    paged = client.get("/v1/changes?format=csv&limit=2")
    assert paged.get_data(as_text=True).count("\r\n") == 3
    rest = client.get(link(paged, "next").replace("format=csv&", "") + "&format=csv")
    assert [line.split(",")[0] for line in rest.get_data(as_text=True).splitlines()[1:]] == [
        "zz-alert-2024-03-24",
        "zz-alert-2016-12-01",
    ]


def test_exports_answer_304_to_their_etag_without_making_the_body(client):
    response = client.get("/v1/changes?format=csv")
    assert response.is_streamed
    again = client.get("/v1/changes?format=csv", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert client.get("/v1/changes?format=ndjson").headers["ETag"] != response.headers["ETag"]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [("text/csv", "text/csv"), ("application/x-ndjson", "application/x-ndjson"), ("*/*", "application/json"),
     ("text/html,application/xhtml+xml,*/*;q=0.8", "application/json"), ("text/csv;q=0.5, application/json", "application/json")],
)  # fmt: skip
def test_accept_chooses_the_format(client, accept, media_type):
    assert client.get("/v1/changes", headers={"Accept": accept}).mimetype == media_type


def test_an_unsupported_accept_is_a_406_problem_listing_what_is_offered(client):
    body = assert_problem(client.get("/v1/changes", headers={"Accept": "application/xml"}), HTTPStatus.NOT_ACCEPTABLE)
    assert body["available"] == ["application/json", "text/csv", "application/x-ndjson"]
    assert_problem(client.get("/v1/changes/zz-alert-2024-03-24", headers={"Accept": "text/csv"}), 406)


def test_format_wins_over_accept(client):
    assert client.get("/v1/changes?format=csv", headers={"Accept": "application/json"}).mimetype == "text/csv"


def test_get_change_carries_the_dataset_revision_and_language(client):
    body = client.get("/v1/changes/zz-alert-2024-03-24?lang=fr").get_json()
    assert (body["dataset_revision"], body["lang"]) == (8, "fr")
    assert body["summary"] == {"fr": "Relevé au niveau maximal.", "en": "Raised to the top level.",
                               "text": "Relevé au niveau maximal.", "lang": "fr"}  # fmt: skip
    assert body["to_level"]["name"]["text"] == "Maximal"
