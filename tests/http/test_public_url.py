"""Absolute URLs come from PUBLIC_URL, never from the request's Host or X-Forwarded-* headers: a forged request
cannot poison an answer that is kept and served to everyone else."""

from http import HTTPStatus
from urllib.parse import quote

import pytest

from api import create_app
from api.config import ConfigError

PUBLIC = "https://levels.example.org"
FORGED = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "gopher", "X-Forwarded-Prefix": "/evil",
          "Forwarded": "host=evil.example;proto=gopher"}  # fmt: skip
# Every answer that carries an absolute URL: the preview's snippets, the iframe page, the widget JSON, oEmbed, both
# Atom feeds, a list's Link header, the dataset's citation.
URLS = [
    "/embed?system=zz-alert&lang=en",
    "/embed/v1/zz-alert?lang=fr",
    "/embed/v1/zz-alert.json?lang=en",
    f"/oembed?url={quote(PUBLIC + '/embed/v1/zz-alert', safe='')}&format=json",
    "/v1/changes.atom",
    "/v1/systems/zz-alert/changes.atom?lang=fr",
    "/v1/changes?limit=1",
    "/v1/dataset",
]


@pytest.fixture
def public_app(app):
    app.config["PUBLIC_URL"] = PUBLIC
    return app


def text(response) -> str:
    return response.get_data(as_text=True) + "\n".join(f"{name}: {value}" for name, value in response.headers)


@pytest.mark.parametrize("url", URLS)
def test_a_forged_host_never_enters_an_answer_or_a_kept_one(public_app, url):
    forger, visitor = public_app.test_client(), public_app.test_client()
    forged = forger.get(url, base_url="http://evil.example", headers=FORGED)
    assert forged.status_code == HTTPStatus.OK
    assert "evil" not in text(forged) and "gopher" not in text(forged)
    assert PUBLIC + "/" in text(forged)
    kept = visitor.get(url)  # the response cache's copy, made by the forged request
    assert kept.get_data() == forged.get_data() and kept.headers.get("Link") == forged.headers.get("Link")
    assert "evil" not in text(kept)


def test_the_configured_urls_are_those_given(public_app):
    client = public_app.test_client()
    widget = client.get("/embed/v1/zz-alert.json?lang=fr", base_url="http://evil.example").get_json()
    assert widget["change_url"] == f"{PUBLIC}/changes/zz-alert-2024-05-01?lang=fr"
    assert widget["embed_url"] == f"{PUBLIC}/embed/v1/zz-alert?lang=fr"
    preview = client.get("/embed?system=zz-alert", base_url="http://evil.example").get_data(as_text=True)
    assert f"{PUBLIC}/embed/v1/widget.js" in preview and "127.0.0.1" not in preview
    link = client.get("/v1/changes?limit=1", base_url="http://evil.example").headers["Link"]
    assert link.startswith(f"<{PUBLIC}/v1/changes?") and 'rel="next"' in link
    citation = client.get("/v1/dataset", base_url="http://evil.example").get_json()["citation"]
    assert citation.endswith(f" {PUBLIC}/v1/dataset")


def test_oembed_knows_only_urls_under_public_url(public_app):
    client = public_app.test_client()
    for page in ("http://localhost/embed/v1/zz-alert", "http://evil.example/embed/v1/zz-alert"):
        response = client.get(f"/oembed?url={quote(page, safe='')}&format=json", base_url="http://evil.example")
        assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_public_url_with_a_path_prefixes_every_url(public_app):
    public_app.config["PUBLIC_URL"] = PUBLIC + "/threat"
    client = public_app.test_client()
    widget = client.get("/embed/v1/zz-alert.json?lang=en").get_json()
    assert widget["embed_url"] == f"{PUBLIC}/threat/embed/v1/zz-alert?lang=en"
    page = quote(f"{PUBLIC}/threat/embed/v1/zz-alert", safe="")
    oembed = client.get(f"/oembed?url={page}&format=json").get_json()
    assert oembed["provider_url"] == f"{PUBLIC}/threat/"
    assert f'src="{PUBLIC}/threat/embed/v1/zz-alert?' in oembed["html"]


def test_public_url_is_read_from_the_environment_once_and_checked(monkeypatch, tmp_path):
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    monkeypatch.setenv("PUBLIC_URL", PUBLIC + "/")
    assert create_app({"DATABASE_URL": database}).config["PUBLIC_URL"] == PUBLIC
    monkeypatch.delenv("PUBLIC_URL")
    assert create_app({"DATABASE_URL": database}).config["PUBLIC_URL"] == "http://127.0.0.1:8000"  # make serve's
    for wrong in ("levels.example.org", "ftp://levels.example.org", "https://levels.example.org/?a=1"):
        monkeypatch.setenv("PUBLIC_URL", wrong)
        with pytest.raises(ConfigError):
            create_app({"DATABASE_URL": database})


def test_a_trusted_proxy_does_not_choose_the_host_either(app):
    behind = create_app({**app.config, "PUBLIC_URL": PUBLIC, "TRUSTED_PROXIES": 1})
    response = behind.test_client().get("/v1/changes?limit=1", headers=FORGED)
    assert response.status_code == HTTPStatus.OK
    assert response.headers["Link"].startswith(f"<{PUBLIC}/v1/changes?") and "evil" not in text(response)
