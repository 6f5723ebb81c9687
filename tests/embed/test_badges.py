"""The SVG badge, the shields.io endpoint JSON and the display JSON the widget renders."""

from http import HTTPStatus
from xml.etree import ElementTree

from tests.helpers import assert_problem

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_badge_names_the_level_on_its_colour(client):
    response = client.get("/embed/v1/zz-alert.svg")
    assert response.status_code == HTTPStatus.OK
    assert response.mimetype == "image/svg+xml"
    svg = ElementTree.fromstring(response.data)
    assert svg.get("role") == "img" and svg.get("aria-label") == "Test alert: Raised"
    assert svg.find(f"{SVG}title").text == "Test alert: Raised"
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["Test alert", "Raised"]
    assert "#e9c46a" in [rect.get("fill") for rect in svg.iter(f"{SVG}rect")]
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_svg_badge_in_french(client):
    svg = ElementTree.fromstring(client.get("/embed/v1/zz-alert.svg?lang=fr").data)
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["Alerte de test", "Élevé"]


def test_shields_endpoint_json(client):
    response = client.get("/embed/v1/zz-alert/shields.json")
    assert response.get_json() == {"schemaVersion": 1, "label": "Test alert", "message": "Raised", "color": "e9c46a",
                                   "labelColor": "555555", "cacheSeconds": 300}  # fmt: skip


def test_display_json_is_what_the_widget_renders(client):
    response = client.get("/embed/v1/zz-alert.json?lang=fr", headers={"Origin": "https://newsroom.test"})
    body = response.get_json()
    assert body["level_name"] == {"text": "Élevé", "lang": "fr"}
    assert body["why"] == {"text": "Lowered again.", "lang": "en"}
    assert body["since_text"] == "Depuis le 1 mai 2024" and body["rank_text"] == "Niveau 2 sur 3"
    assert body["change_url"] == "http://localhost/changes/zz-alert-2024-05-01?lang=fr"
    assert body["colour"] == "#e9c46a" and body["text_colour"] == "#000000"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_widget_preflight_allows_if_none_match(client):
    response = client.options("/embed/v1/zz-alert.json", headers={
        "Origin": "https://newsroom.test", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match"})  # fmt: skip
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in response.headers["Access-Control-Allow-Headers"].lower()


def test_unknown_system_badges_are_404_problems(client):
    for url in ("/embed/v1/zz-nowhere.svg", "/embed/v1/zz-nowhere/shields.json", "/embed/v1/zz-nowhere.json"):
        assert_problem(client.get(url), HTTPStatus.NOT_FOUND)


def test_widget_script_needs_no_eval_and_sets_no_inline_style(client):
    response = client.get("/embed/v1/widget.js")
    assert response.mimetype == "text/javascript"
    script = response.get_data(as_text=True)
    for forbidden in ("eval(", "new Function", "innerHTML", "insertAdjacentHTML", "document.write", 'setAttribute("style"',
                      "cssText", "setTimeout(\"", "document.cookie", "localStorage"):  # fmt: skip
        assert forbidden not in script
    assert "__CSS__" not in script and ".tl-level{" in script
    assert response.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
