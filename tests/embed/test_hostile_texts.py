"""Curated texts carrying `<script>`, `"onmouseover=`, `]]>` and `</svg>` come out as text in every embed form."""

from urllib.parse import quote
from xml.etree import ElementTree

from tests.embed.markup import PAYLOADS, Page

SUMMARY = (
    'Summary <script>window.pwned=1</script> "onmouseover=alert(1) x=" ]]> </svg> <img src=x onerror=window.pwned=1>'
)
QUOTE = 'Quote <script>window.pwned=1</script> "onmouseover=alert(1) x=" ]]> </svg>'
SOURCE = 'Source title <script>window.pwned=1</script> "onmouseover=alert(1) ]]> </svg>'
LEVEL = 'Alarm "onmouseover=alert(1) x=" ]]>'
SYSTEM = 'System <script>window.pwned=1</script> "onmouseover=alert(1) ]]> </svg>'


def assert_only_our_markup(page: Page, scripts: int = 0) -> None:
    assert len(page.tags("script")) == scripts
    assert not page.event_handlers()
    assert not page.tags("img") and not page.tags("svg")


def test_html_pages_render_hostile_texts_as_text(hostile_client):
    for url, scripts in (("/embed/v1/zz-hostile", 1), ("/changes/zz-hostile-2024-03-24", 0)):
        page = Page(hostile_client.get(url).get_data(as_text=True))
        assert_only_our_markup(page, scripts=scripts)
        for text in (SUMMARY, QUOTE, SOURCE, LEVEL, SYSTEM):
            assert text in page.text, url
        assert page.tags("title")  # the <title> survived a system name that closes tags


def test_french_page_and_fallbacks_render_hostile_texts_as_text(hostile_client):
    page = Page(hostile_client.get("/embed/v1/zz-hostile?lang=fr&size=compact").get_data(as_text=True))
    assert_only_our_markup(page, scripts=1)
    assert "Alarme <img src=x onerror=window.pwned=1>" in page.text


def test_svg_badge_renders_hostile_texts_as_text(hostile_client):
    svg = ElementTree.fromstring(hostile_client.get("/embed/v1/zz-hostile.svg").data)  # still well-formed XML
    names = [element.tag.split("}")[1] for element in svg.iter()]
    assert sorted(set(names)) == ["desc", "g", "rect", "svg", "text", "title"]
    assert [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")] == [SYSTEM, LEVEL]
    assert SUMMARY in svg.find("{http://www.w3.org/2000/svg}desc").text
    assert not [name for element in svg.iter() for name in element.attrib if name.startswith("on")]


def test_feed_renders_hostile_texts_as_text(hostile_client):
    root = ElementTree.fromstring(hostile_client.get("/v1/systems/zz-hostile/changes.atom").data)
    entry = root.find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}summary").text == SUMMARY
    assert entry.find("{http://www.w3.org/2005/Atom}title").text.startswith(SYSTEM)
    content = Page(entry.find("{http://www.w3.org/2005/Atom}content").text)  # HTML, as a feed reader reads it
    assert_only_our_markup(content)
    assert SUMMARY in content.text and QUOTE in content.text and SOURCE in content.text


def test_json_forms_carry_hostile_texts_verbatim_as_data(hostile_client):
    display = hostile_client.get("/embed/v1/zz-hostile.json").get_json()
    assert (display["why"]["text"], display["quote"]["text"]["text"]) == (SUMMARY, QUOTE)
    assert display["quote"]["source_title"] == SOURCE
    shields = hostile_client.get("/embed/v1/zz-hostile/shields.json").get_json()
    assert (shields["label"], shields["message"]) == (SYSTEM, LEVEL)


def test_oembed_html_escapes_hostile_names_in_attributes(hostile_client):
    url = quote("http://localhost/embed/v1/zz-hostile", safe="")
    body = hostile_client.get(f"/oembed?url={url}").get_json()
    page = Page(body["html"])
    assert [tag for tag, _ in page.elements] == ["iframe"] and not page.event_handlers()
    assert page.tags("iframe")[0]["title"] == f"{SYSTEM}: alert level"
    assert body["title"] == f"{SYSTEM}: {LEVEL}"


def test_preview_page_renders_hostile_snippets_as_text(hostile_client):
    page = Page(hostile_client.get("/embed?system=zz-hostile").get_data(as_text=True))
    assert len(page.tags("script")) == 1 and not page.event_handlers()
    assert all(frame["title"] == f"{SYSTEM}: alert level" for frame in page.tags("iframe"))
    assert all(payload in SUMMARY + QUOTE + SOURCE for payload in PAYLOADS)
