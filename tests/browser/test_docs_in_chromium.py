"""The /docs page in a real headless Chromium: every operation of the contract rendered, nothing from another origin,
no error under its strict CSP."""

import pytest

from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser


def test_docs_page_renders_every_operation_from_the_apps_own_assets(browser, api, artifacts):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        page = context.new_page()
        watched = Watched(page, {api.origin})
        page.goto(api.origin + "/docs")
        page.wait_for_selector(".opblock-summary-path", timeout=20_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert "/v1/systems/{system_id}/level" in [path.replace("\u200b", "") for path in paths]
        assert len(paths) >= 15
        assert page.locator(".info .title").inner_text().startswith("Threat Levels API")
        page.screenshot(path=str(artifacts / "docs.png"))
        assert watched.errors == []
        assert watched.foreign_requests() == []
    finally:
        context.close()
