"""Every embed form in every language the embeds speak: labels, dates (CLDR), curated texts with English fallbacks."""

import datetime
from http import HTTPStatus
from pathlib import Path
from xml.etree import ElementTree

import pytest

from api.curation import seeds
from api.embed.labels import LABELS, LOCALES, card_labels, colon, format_date, format_moment, language_name
from schemas.base import LANGUAGES
from tests.embed.markup import Page

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LEVELS_SEEDS = Path(__file__).parents[1] / "data" / "levels"

# Written out by hand from CLDR's long date format, to catch a wrong locale or a lost label.
SINCE = {
    "en": "Since 1 May 2024",
    "fr": "Depuis le 1 mai 2024",
    "es": "Desde el 1 de mayo de 2024",
    "da": "Siden 1. maj 2024",
    "nb": "Siden 1. mai 2024",
    "sv": "Sedan 1 maj 2024",
    "nl": "Sinds 1 mei 2024",
}
AS_OF = {
    "en": "As of 30 June 2024",
    "fr": "À jour au 30 juin 2024",
    "es": "Actualizado al 30 de junio de 2024",
    "da": "Opdateret pr. 30. juni 2024",
    "nb": "Oppdatert per 30. juni 2024",
    "sv": "Uppdaterad per 30 juni 2024",
    "nl": "Bijgewerkt tot 30 juni 2024",
}
RANK = {
    "en": "Level 2 of 3",
    "fr": "Niveau 2 sur 3",
    "es": "Nivel 2 de 3",
    "da": "Niveau 2 af 3",
    "nb": "Nivå 2 av 3",
    "sv": "Nivå 2 av 3",
    "nl": "Niveau 2 van 3",
}
# What the fixture zz-alert holds (tests/data/seeds/systems/zz-alert.yaml): its name in fr, en and nl, the current
# level's name in fr and en, the current change's summary in en. Any other language falls back to English.
SYSTEM_NAME = {"fr": "Alerte de test", "en": "Test alert", "nl": "Testalarm"}
LEVEL_NAME = {"fr": "Élevé", "en": "Raised"}
SYSTEMS = {"zz-alert": (SYSTEM_NAME, LEVEL_NAME)}


def in_language(texts: dict, lang: str) -> dict:
    return {"text": texts[lang], "lang": lang} if lang in texts else {"text": texts["en"], "lang": "en"}


def test_every_language_has_every_label_and_a_locale():
    assert set(LABELS) == set(LANGUAGES) == set(LOCALES)
    for lang, labels in LABELS.items():
        assert labels.keys() == LABELS["en"].keys(), lang
        assert all(text.strip() for text in labels.values()), lang
        assert lang == "en" or labels["level"] != LABELS["en"]["level"], f"{lang} is not translated"


def test_dates_and_times_are_written_the_way_each_language_writes_them():
    day = datetime.date(2024, 3, 24)
    assert [format_date(day, lang) for lang in LANGUAGES] == [
        "24 March 2024",
        "24 mars 2024",
        "24 de marzo de 2024",
        "24. marts 2024",
        "24. mars 2024",
        "24 mars 2024",
        "24 maart 2024",
    ]
    assert format_moment(day, datetime.time(21, 30), "fr") == "24 mars 2024 à 21:30"
    assert format_moment(day, datetime.time(21, 30), "da") == "24. marts 2024 kl. 21.30"  # CLDR: Danish uses a dot
    assert format_moment(day, datetime.time(21, 30), "en") == "24 March 2024, 21:30"
    assert [language_name(lang) for lang in ("es", "nb", "nl")] == ["español", "norsk bokmål", "Nederlands"]


@pytest.mark.parametrize("system", sorted(SYSTEMS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_embed_form_speaks_the_language_and_marks_english_fallbacks(client, system, lang):
    names, levels = SYSTEMS[system]
    name, level = in_language(names, lang), in_language(levels, lang)
    labels = LABELS[lang]

    response = client.get(f"/embed/v1/{system}?lang={lang}")
    assert response.status_code == HTTPStatus.OK
    html = Page(response.get_data(as_text=True))
    assert html.tags("html")[0]["lang"] == lang
    assert html.tags("main")[0]["aria-label"] == f"{labels['level']}: {name['text']}"
    for text in (name["text"], level["text"], SINCE[lang], AS_OF[lang], RANK[lang], labels["details"]):
        assert text in html.text, (lang, text)
    fallbacks = [attrs for attrs in html.tags("span") if attrs.get("lang")]
    expected = [{"lang": "en"}] * ((name["lang"] != lang) + (level["lang"] != lang) + (lang != "en"))  # + summary
    assert fallbacks == expected

    body = client.get(f"/embed/v1/{system}.json?lang={lang}").get_json()
    assert body["lang"] == lang and body["labels"] == card_labels(lang)
    assert body["system_name"] == name and body["level_name"] == level
    assert body["why"] == {"text": "Lowered again.", "lang": "en"}
    assert (body["since_text"], body["as_of_text"], body["rank_text"]) == (SINCE[lang], AS_OF[lang], RANK[lang])
    assert body["change_url"].endswith(f"?lang={lang}") and body["embed_url"].endswith(f"?lang={lang}")

    badge = client.get(f"/embed/v1/{system}.svg?lang={lang}")
    assert badge.status_code == HTTPStatus.OK and badge.mimetype == "image/svg+xml"
    svg = ElementTree.fromstring(badge.data)
    title = f"{name['text']}{colon(lang)} {level['text']}"
    assert svg.get("aria-label") == title and svg.find("{http://www.w3.org/2000/svg}title").text == title
    assert svg.find("{http://www.w3.org/2000/svg}desc").text.startswith(SINCE[lang])

    atom = client.get(f"/v1/systems/{system}/changes.atom?lang={lang}")
    assert atom.status_code == HTTPStatus.OK
    feed = ElementTree.fromstring(atom.data)
    assert feed.get(XML_LANG) == lang
    assert feed.find(A + "title").text == labels["feed_title"].format(system=name["text"])
    entries = feed.findall(A + "entry")
    assert entries and all(e.find(A + "title").text.startswith(name["text"]) for e in entries)
    assert {link.get("hreflang") for e in entries for link in e.findall(A + "link[@type='text/html']")} == {lang}

    page = Page(client.get(f"/changes/{body['change_id']}?lang={lang}").get_data(as_text=True))
    assert page.tags("html")[0]["lang"] == lang
    assert labels["effective"].format(date=format_date(datetime.date(2024, 5, 1), lang)) in page.text
    assert labels["sources"] in page.text and labels["before"] in page.text


@pytest.mark.parametrize("asked", ["de", "xx", "", "<script>", "français", "e"])
def test_an_unsupported_language_falls_back_to_english_without_an_error(client, asked):
    for path in ("/embed/v1/zz-alert", "/embed/v1/zz-alert.json", "/embed/v1/zz-alert.svg", "/changes/zz-alert-2024-05-01",
                 "/v1/systems/zz-alert/changes.atom", "/embed/v1/zz-alert/shields.json", "/embed"):  # fmt: skip
        response = client.get(path, query_string={"lang": asked})
        assert response.status_code == HTTPStatus.OK, (path, response.get_data(as_text=True))
    html = Page(client.get("/embed/v1/zz-alert", query_string={"lang": asked}).get_data(as_text=True))
    assert html.tags("html")[0]["lang"] == "en" and SINCE["en"] in html.text
    assert client.get("/embed/v1/zz-alert.json", query_string={"lang": asked}).get_json()["lang"] == "en"


@pytest.mark.parametrize(("asked", "lang"), [("es-ES", "es"), ("NL", "nl"), ("no", "nb"), ("sv_SE", "sv")])
def test_a_language_tag_with_a_region_or_in_capitals_is_understood(client, asked, lang):
    body = client.get("/embed/v1/zz-alert.json", query_string={"lang": asked}).get_json()
    assert body["lang"] == lang and body["since_text"] == SINCE[lang]


def test_the_preview_links_every_language_by_its_own_name(client):
    html = Page(client.get("/embed?system=zz-alert&lang=sv").get_data(as_text=True))
    links = {attrs["lang"]: attrs["href"] for attrs in html.tags("a") if "lang" in attrs}
    assert links == {lang: f"?system=zz-alert&lang={lang}" for lang in LANGUAGES}
    assert "svenska" in html.text and "norsk bokmål" in html.text


def test_the_widget_knows_what_to_say_without_data_in_every_language(client):
    script = client.get("/embed/v1/widget.js").get_data(as_text=True)
    assert "__UNAVAILABLE__" not in script
    for lang in LANGUAGES:
        assert f'"{lang}": ' in script
    assert "Trusselniv\\u00e5et er ikke tilgjengelig akkurat n\\u00e5." in script


@pytest.fixture
def levels_client(empty_app):
    """The fixture systems of tests/data/levels: xa-alert (London, names in English only; a change known to the
    minute) and xb-alert (Tokyo, its name in fr, en and nl)."""
    with empty_app.app_context():
        seeds.load(LEVELS_SEEDS)
    return empty_app.test_client()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_other_fixture_systems_render_in_every_language(levels_client, lang):
    for system, names in (("xa-alert", {"en": "XA alert"}), ("xb-alert", {"fr": "Alerte XB", "en": "XB alert", "nl": "XB-alarm"})):  # fmt: skip
        name = in_language(names, lang)
        body = levels_client.get(f"/embed/v1/{system}.json?lang={lang}").get_json()
        assert body["lang"] == lang and body["system_name"] == name and body["level_name"]["lang"] == "en"
        assert body["as_of_text"] == LABELS[lang]["as_of"].format(date=format_date(datetime.date(2020, 12, 31), lang))
        html = Page(levels_client.get(f"/embed/v1/{system}?lang={lang}").get_data(as_text=True))
        assert html.tags("html")[0]["lang"] == lang and body["since_text"] in html.text
        assert levels_client.get(f"/embed/v1/{system}.svg?lang={lang}").status_code == HTTPStatus.OK
        feed = ElementTree.fromstring(levels_client.get(f"/v1/systems/{system}/changes.atom?lang={lang}").data)
        assert feed.get(XML_LANG) == lang


# xa-alert's change of 2020-06-10 took effect at 14:00 in London: the time of day, as each language writes it.
AT_TWO = {
    "en": "Since 10 June 2020, 14:00",
    "fr": "Depuis le 10 juin 2020 à 14:00",
    "es": "Desde el 10 de junio de 2020, a las 14:00",
    "da": "Siden 10. juni 2020 kl. 14.00",
    "nb": "Siden 10. juni 2020 kl. 14:00",
    "sv": "Sedan 10 juni 2020 kl. 14:00",
    "nl": "Sinds 10 juni 2020 om 14:00",
}


def test_a_change_known_to_the_minute_says_its_local_time_in_each_language(levels_client):
    from api.embed.card import display
    from api.models import Change

    with levels_client.application.app_context():
        change = Change.get_by_id("xa-alert-2020-06-10")
        assert {lang: display(change.system, change, lang).since_text for lang in LANGUAGES} == AT_TWO
