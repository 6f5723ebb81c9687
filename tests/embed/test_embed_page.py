"""The iframe page: the level, since when, why, as of when, a link to the change; small, bilingual, themed."""

from http import HTTPStatus

import pytest

from api.embed.card import contrast, text_colour_on
from tests.embed.markup import Page
from tests.helpers import assert_problem


def page(client, url: str) -> Page:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    return Page(response.get_data(as_text=True))


def test_embed_page_shows_the_current_level_since_when_why_and_as_of(client):
    html = page(client, "/embed/v1/zz-alert")
    assert "Raised" in html.text and "Level 2 of 3" in html.text
    assert "Since 1 May 2024" in html.text
    assert "Lowered again." in html.text
    assert "As of 30 June 2024" in html.text
    assert [a["href"] for a in html.tags("a")] == ["http://localhost/changes/zz-alert-2024-05-01?lang=en"]
    assert html.tags("html")[0]["lang"] == "en"
    assert html.tags("main")[0]["aria-label"] == "Terror alert level: Test alert"


def test_embed_page_speaks_french_and_marks_english_fallbacks(client):
    html = page(client, "/embed/v1/zz-alert?lang=fr")
    assert "Élevé" in html.text and "Depuis le 1 mai 2024" in html.text and "À jour au 30 juin 2024" in html.text
    assert {"lang": "en"} in html.tags("span")  # the summary exists in English only
    assert html.tags("html")[0]["lang"] == "fr"


def test_full_size_quotes_the_justification_and_its_source(client, app):
    from api.db import database

    with app.app_context():  # make the top level current: its change has a quotation
        database.execute_sql("""DELETE FROM "change" WHERE id IN ('zz-alert-2024-05-01', 'zz-alert-2024-05-10')""")
    full = page(client, "/embed/v1/zz-alert")
    assert "“We raise the level.”" in full.text and "Test Minister, Minister" in full.text
    assert "Test newspaper report" in full.text
    assert {"href": "https://news.test/report", "target": "_blank", "rel": "noopener noreferrer"} in full.tags("a")
    compact = page(client, "/embed/v1/zz-alert?size=compact")
    assert "We raise the level." not in compact.text and "Top" in compact.text


def test_theme_is_an_attribute_the_stylesheet_reads(client):
    for theme in ("light", "dark", "auto"):
        html = page(client, f"/embed/v1/zz-alert?theme={theme}&size=compact")
        assert html.tags("main")[0]["data-theme"] == theme
        assert html.tags("main")[0]["data-size"] == "compact"


def test_embed_page_is_self_contained_and_under_10_kb(client):
    response = client.get("/embed/v1/zz-alert?lang=fr")
    assert len(response.data) < 10 * 1024
    html = Page(response.get_data(as_text=True))
    loaded = [attrs for _, attrs in html.elements if "src" in attrs] + html.tags("link")
    assert all(attrs.get("rel") == "alternate" for attrs in loaded)  # the oEmbed discovery link loads nothing
    assert "Set-Cookie" not in response.headers


def test_embed_page_answers_304_to_its_etag(client):
    first = client.get("/embed/v1/zz-alert")
    again = client.get("/embed/v1/zz-alert", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def test_bad_option_is_a_400_problem_naming_it(client):
    body = assert_problem(client.get("/embed/v1/zz-alert?theme=pink"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "theme"
    body = assert_problem(client.get("/embed/v1/zz-alert?colour=red"), HTTPStatus.BAD_REQUEST)
    assert "lang, size, theme" in body["errors"][0]["detail"]


def test_unknown_system_is_a_404_problem(client):
    assert_problem(client.get("/embed/v1/zz-nowhere"), HTTPStatus.NOT_FOUND)


@pytest.mark.parametrize("colour", ["#2a9d8f", "#e9c46a", "#c1121f", "#777777", "#000000", "#ffffff", "#595959"])
def test_text_on_any_level_colour_passes_wcag_aa(colour):
    assert contrast(text_colour_on(colour), colour) >= 4.5
