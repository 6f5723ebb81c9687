"""oEmbed 1.0 for the embed page: a CMS given a link to it gets the iframe snippet."""

from http import HTTPStatus
from urllib.parse import parse_qsl, urlsplit

from flask import current_app
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from api.embed.card import current_display
from api.embed.snippets import FRAME_HEIGHTS, frame_tag
from api.errors import Problem
from api.http.public import base
from api.spec import Blueprint
from schemas.embed import EmbedArgs, OEmbedArgs, OEmbedSchema

blp = Blueprint("oembed", __name__, description="oEmbed 1.0 for the embed page.")
DEFAULT_WIDTH = 480


def embed_page_args(url: str) -> dict:
    """The system and options of one of our embed page URLs; a 404 problem for any other URL (as oEmbed says)."""
    unknown = Problem(HTTPStatus.NOT_FOUND, "Not the address of one of this API's embed pages.", "not-found")
    try:
        parts = urlsplit(url)
    except ValueError:  # a broken IPv6 host, say (http://[::1)
        raise unknown from None
    root = urlsplit(base())
    if (parts.scheme, parts.netloc) != (root.scheme, root.netloc) or not parts.path.startswith(root.path + "/"):
        raise unknown
    try:
        adapter = current_app.url_map.bind(root.netloc, url_scheme=root.scheme)
        endpoint, values = adapter.match(parts.path[len(root.path) :], method="GET")
        args = EmbedArgs().load(dict(parse_qsl(parts.query)))
    except (HTTPException, ValidationError):
        raise unknown from None
    if endpoint != "embed.show_embed":
        raise unknown
    return {**values, **args}


@blp.route("/oembed")
@blp.arguments(OEmbedArgs, location="query", as_kwargs=True)
@blp.response(200, OEmbedSchema)
@blp.alt_response(404, response="NOT_FOUND")
@blp.alt_response(501, response="NOT_IMPLEMENTED")
def get_oembed(url, format, maxwidth=None, maxheight=None):
    """oEmbed (`rich`) for the URL of an embed page; `format=xml` answers 501, as oEmbed allows."""
    if format != "json":
        raise Problem(HTTPStatus.NOT_IMPLEMENTED, "Only format=json is served.")
    args = embed_page_args(url)
    d = current_display(args["system_id"], args["lang"])
    width, height = min(maxwidth or DEFAULT_WIDTH, DEFAULT_WIDTH), min(maxheight or 10_000, FRAME_HEIGHTS[args["size"]])
    name = d.system_name.text or d.system
    html = frame_tag(base(), d.system, name, d.lang, args["size"], width=str(width), theme=args["theme"], height=height)
    return {"type": "rich", "version": "1.0", "title": d.title, "provider_name": d.labels["provider"],
            "provider_url": base() + "/", "cache_age": 86400, "html": html, "width": width, "height": height}  # fmt: skip
