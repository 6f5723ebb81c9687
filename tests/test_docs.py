"""/docs: Swagger UI on the app's own assets, under a strict CSP (the browser test renders it in Chromium)."""

import re
from http import HTTPStatus


def test_docs_page_loads_only_the_apps_own_assets(client):
    response = client.get("/docs")
    assert response.status_code == HTTPStatus.OK
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    html = response.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(asset.startswith("/") for asset in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == HTTPStatus.OK, asset
    assert "<script>" not in html  # no inline script


def test_unknown_docs_asset_is_a_404_problem(client):
    assert client.get("/docs/swagger-ui/evil.js").status_code == HTTPStatus.NOT_FOUND
