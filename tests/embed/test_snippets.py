"""docs/embeds.md shows the same copy-and-paste snippets as /embed, and none needs an inline style or script."""

import re

from api.embed.snippets import snippets
from tests.conftest import ROOT
from tests.embed.markup import Page

DOC_SNIPPETS = snippets("https://threat-levels.example", "fr-vigipirate", "Plan Vigipirate", "fr")


def test_the_embeds_guide_shows_every_snippet_as_generated():
    guide = (ROOT / "docs" / "embeds.md").read_text()
    for snippet in DOC_SNIPPETS:
        assert f"```{snippet.language}\n{snippet.code}\n```" in guide, f"docs/embeds.md lacks the {snippet.key} snippet"


def test_snippets_need_no_inline_style_no_inline_handler_and_no_http():
    for snippet in DOC_SNIPPETS:
        if snippet.language == "html":
            page = Page(snippet.code)
            assert not page.event_handlers() and all("style" not in attrs for _, attrs in page.elements)
            assert all(not attrs.get("src", "https:").startswith("http:") for _, attrs in page.elements)
        assert not re.search(r"http://", snippet.code)


def test_preview_page_shows_every_snippet_for_its_own_origin(client):
    page = Page(client.get("/embed?system=zz-alert&lang=fr").get_data(as_text=True))
    for snippet in snippets("http://localhost", "zz-alert", "Alerte de test", "fr"):
        assert snippet.code in page.text
    assert len(page.tags("iframe")) == 4 and len(page.tags("img")) == 1
