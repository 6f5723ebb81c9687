"""Every response says nosniff and no referrer; only embed pages may be framed, under a strict CSP with hashes."""

import base64
import hashlib
from http import HTTPStatus

from tests.embed.markup import Page

EMBED_PAGES = ["/embed/v1/zz-alert", "/embed/v1/zz-alert?size=compact&theme=dark&lang=fr"]
NOT_FRAMED = ["/v1/systems", "/embed/v1/zz-alert.json", "/embed/v1/zz-alert.svg", "/v1/changes.atom", "/embed",
              "/changes/zz-alert-2024-03-24", "/embed/v1/widget.js", "/no/such/path"]  # fmt: skip


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


def digest(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_every_response_says_nosniff_and_no_referrer(client):
    for url in EMBED_PAGES + NOT_FRAMED:
        response = client.get(url)
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Referrer-Policy"] == "no-referrer", url
        assert "Set-Cookie" not in response.headers, url


def test_nothing_but_embed_pages_may_be_framed(client):
    for url in NOT_FRAMED:
        response = client.get(url)
        assert directives(response)["frame-ancestors"] == "'none'", url
        assert response.headers["X-Frame-Options"] == "DENY", url


def test_embed_pages_may_be_framed_anywhere_under_a_strict_policy(client):
    for url in EMBED_PAGES:
        response = client.get(url)
        policy = directives(response)
        assert response.status_code == HTTPStatus.OK
        assert policy["frame-ancestors"] == "*"
        assert "X-Frame-Options" not in response.headers
        assert policy["default-src"] == "'none'"
        assert policy["base-uri"] == "'none'"
        for directive in ("script-src", "style-src"):
            assert all(source.startswith("'sha256-") for source in policy[directive].split()), policy[directive]


def test_inline_style_and_script_are_allowed_by_their_hashes_only(client):
    for url in EMBED_PAGES + ["/changes/zz-alert-2024-03-24", "/embed"]:
        response = client.get(url)
        policy = directives(response)
        html = response.get_data(as_text=True)
        styles = html.split("<style>")[1:]
        assert len(styles) == 1
        assert digest(styles[0].split("</style>")[0]) == policy["style-src"], url
        for script in html.split("<script>")[1:]:
            assert digest(script.split("</script>")[0]) in policy["script-src"].split(), url
        assert not Page(html).event_handlers()
        assert "unsafe" not in response.headers["Content-Security-Policy"]
