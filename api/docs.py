"""GET /docs: the OpenAPI document rendered by Swagger UI, every asset served by the app itself (no CDN).

The assets come from the `flask-swagger-ui` package, which ships Swagger UI's dist files (swagger-ui-bundle.js,
swagger-ui.css) inside its wheel, so pip installs them like any dependency; its own blueprint is not used, because
its page configures Swagger UI with an inline script, and ours allows none (strict Content-Security-Policy)."""

from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, Response, send_from_directory, url_for
from markupsafe import escape

bp = Blueprint("docs", __name__, static_folder="static/docs", static_url_path="/docs/static")
SWAGGER_UI = Path(flask_swagger_ui.__file__).parent / "dist"
ASSETS = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")
# Swagger UI sets element styles from script, hence 'unsafe-inline' for styles only; scripts, images, fonts and
# fetches come from this origin alone.
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")  # fmt: skip
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: API documentation</title>
<link rel="stylesheet" href="{css}"><link rel="icon" type="image/png" href="{icon}"></head>
<body><div id="swagger-ui"><p>The documentation needs JavaScript; the contract itself is <a href="/openapi.json">
/openapi.json</a>.</p></div>
<script src="{bundle}"></script><script src="{init}"></script></body></html>
"""


@bp.get("/docs")
def show_docs():
    """The API's documentation page."""
    html = PAGE.format(
        title=escape("Threat Levels API"),
        css=url_for("docs.asset", name="swagger-ui.css"),
        icon=url_for("docs.asset", name="favicon-32x32.png"),
        bundle=url_for("docs.asset", name="swagger-ui-bundle.js"),
        init=url_for("docs.static", filename="init.js"),
    )
    return Response(html, mimetype="text/html", headers={"Content-Security-Policy": POLICY,
                                                         "Cache-Control": "public, max-age=3600"})  # fmt: skip


@bp.get("/docs/swagger-ui/<any(" + ", ".join(f'"{name}"' for name in ASSETS) + "):name>")
def asset(name):
    """One of Swagger UI's files, as the installed package ships it."""
    return send_from_directory(SWAGGER_UI, name, max_age=86400)


@bp.get("/docs/versioning")
def show_versioning_policy():
    """The versioning policy (docs/versioning.md), where deprecated operations' `Link: rel="deprecation"` points."""
    return send_from_directory(Path(bp.root_path).parent / "docs", "versioning.md", mimetype="text/markdown")
