"""Newsroom embeds: the iframe page, the script widget and its JSON, the SVG badge, shields.io JSON, a preview page."""

from http import HTTPStatus

from flask import Response, render_template

from api.embed.card import Display, current_display
from api.embed.labels import LABELS, language_name
from api.embed.snippets import frame_tag, snippets
from api.embed.style import CSS, FRAME_SCRIPT, PREVIEW_CSS, WIDGET_INTEGRITY, WIDGET_SCRIPT, level_rule
from api.errors import Problem
from api.http.public import base, public_request_url, public_url
from api.http.render import render_html
from api.inputs import system_or_404
from api.models import System
from api.serving.security import xml_text
from api.spec import Blueprint
from schemas.embed import BadgeArgs, DisplaySchema, EmbedArgs, PreviewArgs, ShieldsSchema

blp = Blueprint("embed", __name__, description="Embeds for newsrooms: iframe page, script widget, badges.")

CROSS_ORIGIN = {"Cross-Origin-Resource-Policy": "cross-origin"}  # hosts that isolate themselves may still load us
TEXT = {"type": "string"}


@blp.app_template_filter("xmltext")
def xmltext(text: str | None) -> str:
    return xml_text(text)


def urls(d: Display) -> dict:
    return {
        "change_url": public_url("change_pages.show_change", change_id=d.change_id, lang=d.lang),
        "embed_url": public_url("embed.show_embed", system_id=d.system, lang=d.lang),
    }


def display_record(d: Display) -> dict:
    return {**d.as_dict(), "rank_text": d.rank_text, **urls(d)}


def text_width(text: str) -> int:
    """Rough width at 11 px (the badge's `textLength` then fits the text to it exactly)."""
    narrow, wide = set("fijlrt .,:;'()|!-"), set("mwMW")
    return round(sum(3.6 if c in narrow else 9.5 if c in wide else 7.6 if c.isupper() else 6.5 for c in text)) + 12


@blp.route("/embed/v1/<string:system_id>")
@blp.arguments(EmbedArgs, location="query", as_kwargs=True)
@blp.response(200, TEXT, content_type="text/html", description="A self-contained page for an iframe.")
@blp.alt_response(404, response="NOT_FOUND")
def show_embed(system_id, lang, theme, size):
    """The current level as a page for an iframe: no external request, no cookie, strict CSP."""
    d = current_display(system_id, lang)
    oembed = public_url("oembed.get_oembed", url=public_request_url(), format="json")
    return render_html("embed/frame.html", CSS + level_rule(d), framed=True, scripts=(FRAME_SCRIPT,),
                         d=d, theme=theme, size=size, oembed_url=oembed, **urls(d))  # fmt: skip


@blp.route("/embed/v1/<string:system_id>.json")
@blp.arguments(BadgeArgs, location="query", as_kwargs=True)
@blp.response(200, DisplaySchema, headers={"Cross-Origin-Resource-Policy": {"schema": {"type": "string"}}})
@blp.alt_response(404, response="NOT_FOUND")
def get_display(system_id, lang):
    """The current level as the embeds show it, texts in one language: what the script widget renders."""
    return display_record(current_display(system_id, lang)), CROSS_ORIGIN


@blp.route("/embed/v1/<string:system_id>.svg")
@blp.arguments(BadgeArgs, location="query", as_kwargs=True)
@blp.response(200, TEXT, content_type="image/svg+xml", description="A 20 px high badge.")
@blp.alt_response(404, response="NOT_FOUND")
def show_badge(system_id, lang):
    """The current level as an SVG badge (level name on its colour), for places without scripts."""
    d = current_display(system_id, lang)
    label, value = text_width(d.system_name.text or d.system), text_width(d.level_name.text or d.level_code)
    body = render_template("embed/badge.svg", d=d, label_width=label, width=label + value)
    return Response(body, mimetype="image/svg+xml", headers=CROSS_ORIGIN)


@blp.route("/embed/v1/<string:system_id>/shields.json")
@blp.arguments(BadgeArgs, location="query", as_kwargs=True)
@blp.response(200, ShieldsSchema)
@blp.alt_response(404, response="NOT_FOUND")
def get_shields_badge(system_id, lang):
    """The current level as a shields.io endpoint badge."""
    d = current_display(system_id, lang)
    return {"schemaVersion": 1, "label": d.system_name.text or d.system, "message": d.level_name.text or d.level_code,
            "color": d.colour[1:], "labelColor": "555555", "cacheSeconds": 300}  # fmt: skip


@blp.route("/embed/v1/widget.js")
@blp.response(200, TEXT, content_type="text/javascript", description="The widget script.")
def get_widget_script():
    """The script widget: renders into every `[data-threat-levels]` element, in a Shadow DOM."""
    headers = {**CROSS_ORIGIN, "Cache-Control": "public, max-age=300, stale-while-revalidate=86400"}
    return Response(WIDGET_SCRIPT, mimetype="text/javascript", headers=headers)


@blp.route("/embed")
@blp.arguments(PreviewArgs, location="query", as_kwargs=True)
@blp.response(200, TEXT, content_type="text/html", description="Every embed form, with its snippet.")
@blp.alt_response(404, response="NOT_FOUND")
def show_preview(lang, system=None):
    """A page that previews every embed form of a system, each with its copy-and-paste snippet."""
    system_row = system_or_404(system) if system else System.listed().first()
    if system_row is None:
        raise Problem(HTTPStatus.NOT_FOUND, "No system is recorded yet; see /v1/systems.", "not-found")
    d = current_display(system_row.id, lang)
    own = {"script_src": "'self'", "connect_src": "'self'", "frame_src": "'self'", "img_src": "'self' data:"}
    return render_html("embed/preview.html", CSS + PREVIEW_CSS, framed=False, policy=own, d=d, base=base(),
                         systems=System.listed(), integrity=WIDGET_INTEGRITY, frame_tag=frame_tag,
                         languages=[(code, language_name(code)) for code in LABELS],
                         snippets=snippets(base(), d.system, d.system_name.text or d.system, lang))  # fmt: skip
