"""Every system of the real dataset (seeds/), embedded in each of its languages, as Chromium renders it: the iframe
page in English, French and each language the system's own record is written in. It holds for any data: the systems
and their languages are read from seeds/, so a new system is covered without a new test."""

import pytest
import yaml

from api import create_app, db
from api.curation import seeds
from tests.browser.conftest import Watched
from tests.browser.servers import LiveServer
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SEEDS = ROOT / "seeds"
SYSTEMS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((SEEDS / "systems").glob("*.yaml"))}
CASES = [
    pytest.param(system_id, lang, id=f"{system_id}-{lang}")
    for system_id, record in SYSTEMS.items()
    for lang in dict.fromkeys(("en", "fr", *record["name"]))  # English, French, then the record's own languages
]


@pytest.fixture(scope="module")
def real_api(tmp_path_factory):
    """The API on an SQLite file holding the real dataset, served on 127.0.0.1."""
    url = f"sqlite:///{tmp_path_factory.mktemp('real') / 'api.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "SEEDS_DIR": str(SEEDS), "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.upgrade()
        seeds.load(SEEDS)
    server = LiveServer(app).start()
    app.config["PUBLIC_URL"] = server.origin
    yield server
    server.stop()


@pytest.mark.parametrize(("system_id", "lang"), CASES)
def test_each_real_system_renders_in_each_of_its_languages(browser, real_api, system_id, lang):
    context = browser.new_context(viewport={"width": 360, "height": 900})
    try:
        page = context.new_page()
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204))  # a top-level visit asks for one
        watched = Watched(page, {real_api.origin})
        response = page.goto(f"{real_api.origin}/embed/v1/{system_id}?lang={lang}&size=full")
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == lang
        name = page.locator(".tl-name")
        assert name.text_content().strip()
        shown_in = name.evaluate("e => (e.querySelector('[lang]') || e.closest('[lang]')).lang")
        assert shown_in in ("en", "fr", lang)  # the asked language, or the fallback, marked
        assert watched.errors == [] and watched.foreign_requests() == []
    finally:
        context.close()
