from http import HTTPStatus

import pytest

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


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", 1), ("country=ZZ", 1), ("country=FR", 0), ("kind=attack", 1), ("kind=threat", 0),
     ("from=2024-03-22&to=2024-03-22", 1), ("from=2024-03-23", 0), ("to=2024-03-21", 0)],
)  # fmt: skip
def test_list_events_filters_by_date_country_and_kind(client, query, expected):
    body = client.get(f"/v1/events?{query}").get_json()
    assert body["total"] == len(body["items"]) == expected


def test_list_events_gives_full_events_with_titles_in_the_asked_language(client):
    item = client.get("/v1/events", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_json()["items"][0]
    assert item["title"] == {"fr": None, "en": "Test attack", "text": "Test attack", "lang": "en"}  # no French title
    assert [source["id"] for source in item["sources"]] == ["test-newspaper"]


def test_events_as_csv(client):
    assert client.get("/v1/events?format=csv").get_data(as_text=True) == (
        "id,kind,occurred_date,occurred_at,country,place,title_fr,title_en,summary_fr,summary_en,perpetrators,"
        "casualty_reports,sources\r\n"
        "2024-03-22-test-attack,attack,2024-03-22,,ZZ,,,Test attack,,,Test group (claimed),1,test-newspaper\r\n"
    )


@pytest.mark.parametrize("query", ["kind=bombing", "from=2024-03-23&to=2024-03-22", "country=zz", "sort=date"])
def test_malformed_event_filters_are_400_problems(client, query):
    assert_problem(client.get(f"/v1/events?{query}"), HTTPStatus.BAD_REQUEST)
