"""Fixtures for the browser tests: the API and a host site served for real, and Debian's headless Chromium."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from api import create_app, db
from api.curation import seeds
from tests.browser.servers import HostSite, LiveServer
from tests.conftest import HOSTILE_SEEDS, ROOT, TEST_SEEDS

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR") or ROOT / "tmp" / "artifacts")


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """The API on an SQLite file with the test seeds and the hostile system, served on 127.0.0.1."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'api.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "SEEDS_DIR": str(TEST_SEEDS)})
    with app.app_context():
        db.upgrade()
        seeds.load(TEST_SEEDS)
        seeds.load(HOSTILE_SEEDS)
    server = LiveServer(app).start()
    app.config["PUBLIC_URL"] = server.origin  # known once the system has chosen the port, before any request
    yield server
    server.stop()


@pytest.fixture(scope="module")
def host(api):
    """A newsroom's site on another origin (another port), under a strict CSP that allows the API's origin."""
    site = HostSite()
    site.policy = site.strict_policy(api.origin)
    server = LiveServer(site).start()
    server.site = site
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(request):
    """Headless Chromium (Debian's, never a downloaded build), driven by Playwright."""
    if request.config.chromium_problem:
        pytest.skip(f"Browser tests skipped: {request.config.chromium_problem}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=request.config.chromium, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Watched:
    """A page whose console errors, uncaught exceptions and requests are recorded."""

    def __init__(self, page, allowed_origins: set[str]):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.allowed_origins = allowed_origins
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda req: self.requests.append(req.url))

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if origin(url) not in self.allowed_origins]


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def open_page(browser, api, host):
    """open_page(html, color_scheme=, width=): a host page with `html` in its body, served by the host site."""
    contexts = []

    def open_page(body: str, *, color_scheme: str = "light", width: int = 720, clock: bool = False) -> Watched:
        context = browser.new_context(color_scheme=color_scheme, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page, {api.origin, host.origin})
        if clock:
            page.clock.install()
        path = f"/page-{len(host.site.pages)}.html"
        host.site.pages[path] = (HOST_PAGE.format(body=body, api=api.origin), "text/html")
        page.goto(host.origin + path)
        return watched

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="module", autouse=True)
def host_files(browser, host, api):
    """The host's own stylesheet (which tries to restyle everything) and its copy of the iframe resize listener."""
    from api.embed.snippets import resize_listener

    host.site.pages["/host.css"] = (HOST_CSS, "text/css")
    host.site.pages["/resize.js"] = (resize_listener(), "text/javascript")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A newsroom</title>
<link rel="stylesheet" href="/host.css"><script src="/resize.js"></script></head>
<body><h1>Front page</h1>{body}</body></html>"""
# A host stylesheet that would wreck the widget if styles crossed the Shadow DOM boundary.
HOST_CSS = """body { font-family: serif; background: #fafafa; }
p, span, time, a { color: rgb(255, 0, 0) !important; font-size: 40px; }
.tl-name { display: none; }
"""
