"""oEmbed 1.0: a `rich` answer for our embed page URLs, 404 for any other URL, 501 for XML."""

from http import HTTPStatus
from urllib.parse import quote

from tests.embed.markup import Page
from tests.helpers import assert_problem

PAGE = "http://localhost/embed/v1/zz-alert"


def oembed(client, url: str, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return client.get(f"/oembed?url={quote(url, safe='')}" + (f"&{query}" if query else ""))


def test_oembed_gives_the_iframe_of_an_embed_page(client):
    body = oembed(client, PAGE + "?lang=fr&size=compact&theme=dark", format="json").get_json()
    assert body["type"] == "rich" and body["version"] == "1.0"
    assert body["title"] == "Alerte de test : Élevé"
    assert body["provider_url"] == "http://localhost/"
    frame = Page(body["html"]).tags("iframe")
    assert len(frame) == 1 and len(Page(body["html"]).elements) == 1
    assert frame[0]["src"] == "http://localhost/embed/v1/zz-alert?lang=fr&theme=dark&size=compact"
    assert frame[0]["title"] == "Alerte de test : niveau d’alerte"
    assert (body["width"], body["height"]) == (480, 130)


def test_oembed_respects_maxwidth_and_maxheight(client):
    body = oembed(client, PAGE, maxwidth=300, maxheight=100).get_json()
    assert (body["width"], body["height"]) == (300, 100)
    assert Page(body["html"]).tags("iframe")[0]["width"] == "300"


def test_oembed_of_a_foreign_url_is_a_404_problem(client):
    for url in ("https://elsewhere.test/embed/v1/zz-alert", "http://localhost/v1/systems/zz-alert",
                "http://localhost/embed/v1/zz-alert.svg", PAGE + "?theme=pink", "http://localhost/embed/v1/zz-nowhere",
                "not a url"):  # fmt: skip
        assert_problem(oembed(client, url), HTTPStatus.NOT_FOUND)


def test_oembed_in_xml_is_not_implemented(client):
    assert_problem(oembed(client, PAGE, format="xml"), HTTPStatus.NOT_IMPLEMENTED)


def test_oembed_without_url_or_with_a_bad_format_is_a_400_problem(client):
    body = assert_problem(client.get("/oembed"), HTTPStatus.BAD_REQUEST)
    assert body["errors"][0]["parameter"] == "url"
    assert_problem(oembed(client, PAGE, format="yaml"), HTTPStatus.BAD_REQUEST)
    assert_problem(oembed(client, PAGE, maxwidth=0), HTTPStatus.BAD_REQUEST)


def test_embed_page_advertises_its_oembed(client):
    html = Page(client.get("/embed/v1/zz-alert").get_data(as_text=True))
    link = next(attrs for attrs in html.tags("link") if attrs.get("type") == "application/json+oembed")
    assert client.get(link["href"]).get_json()["type"] == "rich"
