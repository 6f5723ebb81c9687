"""Full text: one interface over SQLite FTS5 and PostgreSQL, the same matching on both, documents kept in step."""

from http import HTTPStatus

import pytest

from api.models import Change, Event, indexing
from schemas.search import fold, terms
from tests.helpers import assert_problem


def ids(client, q: str) -> list[str]:
    response = client.get("/v1/changes", query_string={"q": q})
    assert response.status_code == HTTPStatus.OK, response.get_data(as_text=True)
    return [item["id"] for item in response.get_json()["items"]]


def test_fold_ignores_case_accents_and_ligatures():
    assert fold("Élysée ŒUVRE Straße") == "elysee oeuvre strasse"


def test_terms_are_words_and_quoted_phrases():
    assert terms('Urgence "attentat  terroriste" l\'État') == [
        ["urgence"],
        ["attentat", "terroriste"],
        ["l"],
        ["etat"],
    ]
    assert terms('"" * -- ()') == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("maximal", ["zz-alert-2024-03-24"]),  # French summary
        ("TOP LEVEL", ["zz-alert-2024-03-24"]),  # English summary, any case
        ("releve", ["zz-alert-2024-03-24"]),  # accents do not matter ("Relevé")
        ("minist", ["zz-alert-2024-03-24"]),  # the start of a word: the speaker, "Test Minister"
        ("test attack", ["zz-alert-2024-03-24"]),  # the title of the triggering event
        ('"raise the level"', ["zz-alert-2024-03-24"]),  # a phrase of the quotation
        ('"the raise level"', []),  # ...as written, not in any order
        ("lowered", ["zz-alert-2024-05-01"]),
        ("raised", ["zz-alert-2024-05-10", "zz-alert-2024-03-24", "zz-alert-2016-12-01"]),
        ("raised region", ["zz-alert-2024-05-10"]),  # every word must appear
        ("nowhere", []),
    ],
)
def test_q_finds_changes_by_summary_quotation_speaker_and_event_title(client, q, expected):
    assert ids(client, q) == expected


@pytest.mark.parametrize("q", ['a"b', "NEAR(", "raised*", "AND OR NOT", "l'attentat", "-top", "😀 raised", "a:*|b"])
def test_q_with_search_syntax_is_read_as_words_never_an_error(client, q):
    assert client.get("/v1/changes", query_string={"q": q}).status_code == HTTPStatus.OK


@pytest.mark.parametrize("q", ["", "***", '""', "\\"])
def test_q_without_a_word_is_a_400_problem(client, q):
    body = assert_problem(client.get("/v1/changes", query_string={"q": q}), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "q"


def test_the_loader_reindexes_the_changes_of_an_event_whose_title_changed(app, client, tmp_path):
    import shutil

    from api.curation import seeds
    from tests.conftest import TEST_SEEDS

    target = tmp_path / "seeds"
    shutil.copytree(TEST_SEEDS, target)
    path = target / "events/2024-03-22-test-attack.yaml"
    path.write_text(path.read_text().replace("title: {en: Test attack}", "title: {en: Test bombing}"))
    with app.app_context():
        assert seeds.load(target).updated == 1
    assert ids(client, "bombing") == ["zz-alert-2024-03-24"]
    assert ids(client, "attack") == []


def test_reindex_change_follows_the_database(app, client):
    with app.app_context():
        Change.update(summary_en="Raised because of a heatwave.").where(Change.id == "zz-alert-2024-05-01").execute()
        indexing.reindex_change("zz-alert-2024-05-01")
        Event.update(title_en="Renamed").where(Event.id == "2024-03-22-test-attack").execute()
        indexing.reindex_event("2024-03-22-test-attack")
    assert ids(client, "heatwave") == ["zz-alert-2024-05-01"]
    assert ids(client, "renamed") == ["zz-alert-2024-03-24"]
    with app.app_context():
        indexing.reindex_change("zz-alert-2099-01-01")  # no such change: nothing to index, no error
        assert indexing.reindex_all() == 4
    assert ids(client, "heatwave") == ["zz-alert-2024-05-01"]


def test_writes_through_the_curation_api_keep_search_in_step(client, editor, admin):
    import json

    url = "/v1/changes/zz-alert-2024-05-01"
    etag = client.get(url).headers["ETag"]
    body = json.dumps({"summary": {"en": "Lowered after a review of the heatwave."}})
    headers = {**editor, "If-Match": etag}
    assert client.patch(url, data=body, content_type="application/merge-patch+json", headers=headers).status_code == 200
    assert ids(client, "heatwave") == ["zz-alert-2024-05-01"]
    etag = client.get("/v1/changes/zz-alert-2024-05-10").headers["ETag"]
    headers = {**admin, "If-Match": etag, "X-Change-Reason": "A test retraction."}
    assert client.delete("/v1/changes/zz-alert-2024-05-10", headers=headers).status_code == 204
    assert ids(client, "region") == []
