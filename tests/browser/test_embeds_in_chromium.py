"""Every embed form in a real headless Chromium, on a host page of another origin under a strict CSP."""

import pytest

from api.embed.card import contrast

pytestmark = pytest.mark.browser

FRAMES = """<iframe src="{api}/embed/v1/zz-alert?theme={theme}&size=full" title="Test alert: alert level" width="100%"
  height="260" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" data-threat-levels-frame
  id="full"></iframe>
<iframe src="{api}/embed/v1/zz-alert?theme={theme}&size=compact&lang=fr" title="Alerte de test : niveau d’alerte"
  width="280" height="130" data-threat-levels-frame id="compact"></iframe>"""
WIDGETS = """<div data-threat-levels="zz-alert" data-theme="{theme}" id="full"></div>
<div data-threat-levels="zz-alert" data-lang="fr" data-size="compact" data-theme="{theme}" id="compact"></div>
<p class="tl-since" id="probe">A paragraph of the host page.</p>
<script src="{api}/embed/v1/widget.js" async></script>"""

# Colours of every visible text and its effective background, as the reader's screen shows them.
CONTRAST_PAIRS = """(root) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const background = (element) => {
    for (let e = element; e; e = e.parentElement || (e.getRootNode() && e.getRootNode().host)) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const pairs = [];
  const walk = (node) => {
    for (const child of node.children) {
      const own = [...child.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (own && child.getClientRects().length) pairs.push([child.tagName, rgb(getComputedStyle(child).color).slice(0, 3), background(child)]);
      walk(child);
    }
  };
  walk(root);
  return pairs;
}"""


def assert_clean(watched) -> None:
    assert watched.errors == [], watched.errors
    assert watched.foreign_requests() == []


def hex_colour(rgb: list[float]) -> str:
    return "#" + "".join(f"{round(channel):02x}" for channel in rgb)


def assert_aa_contrast(pairs) -> None:
    """WCAG 2 AA: at least 4.5:1 for every visible text, as rendered."""
    assert pairs
    for tag, colour, background in pairs:
        ratio = contrast(hex_colour(colour), hex_colour(background))
        assert ratio >= 4.5, (tag, colour, background, ratio)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_iframe_page_shows_the_level_and_sizes_itself(open_page, api, artifacts, scheme):
    watched = open_page(FRAMES.format(api=api.origin, theme="auto"), color_scheme=scheme)
    page = watched.page
    full, compact = page.frame_locator("#full"), page.frame_locator("#compact")
    assert full.locator(".tl-name").inner_text() == "Raised"
    assert full.locator(".tl-since").inner_text() == "Since 1 May 2024"
    assert compact.locator(".tl-name").inner_text() == "Élevé"
    page.wait_for_function("document.getElementById('full').height !== '260'")  # told by postMessage
    height = int(page.locator("#full").get_attribute("height"))
    card = full.locator(".tl").bounding_box()["height"]
    assert abs(height - card) <= 1
    assert compact.locator("html").evaluate("e => e.scrollWidth <= 280")  # readable at 280 px: no sideways scroll
    assert_aa_contrast(full.locator("body").evaluate(CONTRAST_PAIRS))
    assert_aa_contrast(compact.locator("body").evaluate(CONTRAST_PAIRS))
    page.locator("#full").screenshot(path=artifacts / f"iframe-full-{scheme}.png")
    page.locator("#compact").screenshot(path=artifacts / f"iframe-compact-{scheme}.png")
    assert_clean(watched)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_widget_renders_in_a_shadow_dom_under_the_host_csp(open_page, api, artifacts, scheme):
    watched = open_page(WIDGETS.format(api=api.origin, theme="auto"), color_scheme=scheme)
    page = watched.page
    page.locator("#compact .tl-name").wait_for()
    assert page.locator("#full .tl-name").inner_text() == "Raised"
    assert page.locator("#full .tl-since").inner_text() == "Since 1 May 2024"
    assert page.locator("#compact .tl-name").inner_text() == "Élevé"
    assert page.locator("#full .tl").get_attribute("data-state") == "fresh"
    styles = page.locator("#full .tl-name").evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).display]")
    assert styles != ["rgb(255, 0, 0)", "none"] and styles[1] != "none"  # the host's CSS stays out
    assert page.locator("#probe").evaluate("e => getComputedStyle(e).fontWeight") == "400"  # ours stays in
    assert_aa_contrast(page.locator("#full .tl").evaluate(f"e => ({CONTRAST_PAIRS})(e.getRootNode())"))
    page.locator("#full").screenshot(path=artifacts / f"widget-full-{scheme}.png")
    page.locator("#compact").screenshot(path=artifacts / f"widget-compact-{scheme}.png")
    assert_clean(watched)


def test_widget_revalidates_with_if_none_match_once_max_age_has_passed(open_page, api):
    watched = open_page(WIDGETS.format(api=api.origin, theme="light"), clock=True)
    page = watched.page
    answers = []
    page.on("response", lambda r: ".json" in r.url and answers.append(
        (r.url, r.status, r.request.header_value("if-none-match"), r.header_value("etag"))))  # fmt: skip
    page.locator("#compact .tl-name").wait_for()
    page.wait_for_function("() => true")
    etags = {url: etag for url, status, _, etag in answers if status == 200}
    assert len(etags) == 2  # one request per system and language, whatever the number of widgets
    answers.clear()
    page.clock.run_for("00:50")  # under the 60 s floor: nothing asked
    page.wait_for_timeout(100)
    assert answers == []
    page.clock.run_for("00:20")  # past max-age (60 s, plus up to 10 % of jitter): one revalidation each
    page.wait_for_function("() => true")
    waited = 0
    while len(answers) < len(etags) and waited < 10_000:  # a loaded machine may take more than a moment to answer
        page.wait_for_timeout(50)
        waited += 50
    page.wait_for_timeout(200)  # and no further request follows
    assert sorted(answers) == sorted((url, 304, etag, etag) for url, etag in etags.items())
    assert page.locator("#full .tl-name").inner_text() == "Raised"
    assert_clean(watched)


def test_widget_keeps_the_last_good_value_while_the_api_is_away(open_page, api, artifacts):
    watched = open_page(WIDGETS.format(api=api.origin, theme="light"))
    page = watched.page
    page.locator("#full .tl-name").wait_for()
    api.stop()
    try:
        page.evaluate("ThreatLevels.refresh()")
        assert page.locator("#full .tl").get_attribute("data-state") == "stale"
        assert page.locator("#full .tl-name").inner_text() == "Raised"
        assert "Could not refresh" in page.locator("#full .tl-stale").inner_text()
        assert "Mise à jour impossible" in page.locator("#compact .tl-stale").inner_text()
        page.locator("#full").screenshot(path=artifacts / "widget-full-stale.png")
    finally:
        api.start()
    page.evaluate("ThreatLevels.refresh()")
    assert page.locator("#full .tl").get_attribute("data-state") == "fresh"
    assert page.locator("#full .tl-stale").count() == 0
    outage = [e for e in watched.errors if "ERR_CONNECTION_REFUSED" in e]
    assert outage and len(outage) == len(watched.errors)  # the only errors are the refused requests
    assert watched.foreign_requests() == []


def test_svg_badge_loads_as_an_image(open_page, api, artifacts):
    body = f'<p><img src="{api.origin}/embed/v1/zz-alert.svg" alt="Test alert" id="en"></p>' \
           f'<p><img src="{api.origin}/embed/v1/zz-alert.svg?lang=fr" alt="Alerte de test" id="fr"></p>'  # fmt: skip
    watched = open_page(body)
    for badge in ("#en", "#fr"):
        assert watched.page.locator(badge).evaluate("img => img.complete && img.naturalWidth > 100")
    watched.page.locator("#fr").screenshot(path=artifacts / "badge-fr.png")
    assert_clean(watched)


def test_hostile_texts_stay_text_in_the_iframe_and_the_widget(open_page, api):
    body = f"""<iframe src="{api.origin}/embed/v1/zz-hostile" title="hostile" width="400" height="300" id="frame"></iframe>
    <div data-threat-levels="zz-hostile" id="widget"></div><script src="{api.origin}/embed/v1/widget.js"></script>"""
    watched = open_page(body)
    page = watched.page
    frame = page.frame_locator("#frame")
    assert "<script>window.pwned=1</script>" in frame.locator(".tl-why").inner_text()
    assert '"onmouseover=alert(1)' in frame.locator(".tl-name").inner_text()
    page.locator("#widget .tl-why").wait_for()
    assert "<img src=x onerror=window.pwned=1>" in page.locator("#widget .tl-why").inner_text()
    assert "]]> </svg>" in page.locator("#widget blockquote").inner_text()
    assert page.evaluate("window.pwned") is None
    assert frame.locator("html").evaluate("() => window.pwned") is None
    assert page.locator("#widget img").count() == 0
    assert_clean(watched)


def test_preview_page_shows_every_form_without_an_error(browser, api, artifacts):
    context = browser.new_context(viewport={"width": 900, "height": 2800})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{api.origin}/embed?system=zz-alert")
    page.locator("[data-threat-levels] .tl-name").first.wait_for()
    assert page.frame_locator("iframe").first.locator(".tl-name").inner_text() == "Raised"
    page.screenshot(path=artifacts / "preview.png")
    assert errors == []
    context.close()
