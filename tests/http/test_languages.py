"""The API's `lang`: English, French and the systems' own languages, each text falling back to English (else French)
and saying which language it is really in."""

from http import HTTPStatus

import pytest

from schemas.base import LANGUAGES
from tests.helpers import assert_problem


@pytest.mark.parametrize("lang", LANGUAGES)
def test_texts_are_in_the_language_asked_for_or_say_they_are_not(client, lang):
    response = client.get(f"/v1/systems/zz-alert?lang={lang}")
    body = response.get_json()
    assert body["lang"] == lang and response.headers["Content-Language"] == lang
    name = {"fr": "Alerte de test", "en": "Test alert", "nl": "Testalarm"}  # tests/data/seeds/systems/zz-alert.yaml
    shown = lang if lang in name else "en"
    assert (body["name"]["text"], body["name"]["lang"]) == (name[shown], shown)
    low = next(level for level in body["levels"] if level["code"] == "low")
    assert low["name"]["lang"] == (lang if lang in ("fr", "en", "nl") else "en")


def test_a_summary_the_record_lacks_in_the_language_is_in_english(client):
    change = client.get("/v1/changes/zz-alert-2024-03-24?lang=sv").get_json()
    assert change["summary"]["lang"] == "en" and change["summary"]["text"] == "Raised to the top level."


def test_accept_language_chooses_among_every_language(client):
    response = client.get("/v1/systems/zz-alert", headers={"Accept-Language": "da-DK,da;q=0.9,en;q=0.8"})
    assert response.headers["Content-Language"] == "da" and response.get_json()["name"]["lang"] == "en"


def test_an_unsupported_lang_in_the_api_is_a_problem_naming_the_languages(client):
    body = assert_problem(client.get("/v1/systems/zz-alert?lang=de"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "lang" and "nb" in body["errors"][0]["detail"]
