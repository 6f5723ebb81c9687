"""An embed of the fixture system in each language, as Chromium renders it: the iframe page and the script widget."""

import pytest

from api.embed.labels import LABELS
from schemas.base import LANGUAGES
from tests.browser.test_embeds_in_chromium import assert_clean
from tests.embed.test_languages import LEVEL_NAME, RANK, SINCE, SYSTEM_NAME, in_language

pytestmark = pytest.mark.browser

FRAME = """<iframe src="{api}/embed/v1/zz-alert?lang={lang}&size=full" title="zz-alert" width="100%" height="260"
  data-threat-levels-frame id="frame"></iframe>
<div data-threat-levels="zz-alert" data-lang="{lang}" id="widget"></div>
<script src="{api}/embed/v1/widget.js" async></script>"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_embed_renders_in_each_language(open_page, api, artifacts, lang):
    watched = open_page(FRAME.format(api=api.origin, lang=lang))
    page = watched.page
    frame = page.frame_locator("#frame")
    widget = page.locator("#widget")
    widget.locator(".tl-name").wait_for()
    level, name = in_language(LEVEL_NAME, lang), in_language(SYSTEM_NAME, lang)
    assert frame.locator("html").get_attribute("lang") == lang
    assert widget.locator(".tl").get_attribute("lang") == lang
    for card in (frame.locator(".tl"), widget.locator(".tl")):
        assert card.locator(".tl-name").inner_text() == level["text"]
        assert card.locator(".tl-system").inner_text() == name["text"]
        assert card.locator(".tl-since").inner_text() == SINCE[lang]
        assert card.locator(".tl-rank").inner_text() == RANK[lang]
        assert card.locator(".tl-foot a").inner_text() == LABELS[lang]["details"]
        # A text the record lacks in this language is marked with the language it is in, for screen readers.
        computed = card.locator(".tl-name").evaluate("e => (e.querySelector('[lang]') || e.closest('[lang]')).lang")
        assert computed == level["lang"]
    page.locator("#frame").screenshot(path=artifacts / f"iframe-{lang}.png")
    assert_clean(watched)


def test_widget_with_an_unsupported_language_renders_in_english(open_page, api):
    watched = open_page(FRAME.format(api=api.origin, lang="tlh"))
    page = watched.page
    page.locator("#widget .tl-name").wait_for()
    assert page.locator("#widget .tl").get_attribute("lang") == "en"
    assert page.frame_locator("#frame").locator("html").get_attribute("lang") == "en"
    assert page.locator("#widget .tl-since").inner_text() == SINCE["en"]
    assert_clean(watched)
