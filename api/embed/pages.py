"""A page about one change, for readers who follow an embed's link or a feed entry: what, when, why, and sources."""

from http import HTTPStatus

from api.embed.card import display
from api.embed.labels import format_date, label, pick
from api.embed.style import CSS, level_rule
from api.errors import Problem
from api.http.render import render_html
from api.models import Change
from api.spec import Blueprint
from schemas.embed import BadgeArgs

blp = Blueprint("change_pages", __name__, description="Pages for readers.")
NO_FAVICON = {"img_src": "data:"}  # the page's icon is `data:,`, so that browsers ask for no /favicon.ico
CHANGE_CSS = """.tl-record{max-width:720px;margin:0 auto;border:0}
.tl-record h1{font-size:1.4em;margin:.3em 0}.tl-record h2{font-size:1.05em;margin:1.1em 0 .3em}
.tl-record ul{padding-left:1.2em}.tl-record li{margin:.3em 0}.tl-record .tl-why{display:block}
"""


@blp.route("/changes/<string:change_id>")
@blp.arguments(BadgeArgs, location="query", as_kwargs=True)
@blp.response(200, {"type": "string"}, content_type="text/html", description="A page for readers.")
@blp.alt_response(404, response="NOT_FOUND")
def show_change(change_id, lang):
    """One change as a page for readers, with its quotations and sources; the JSON is /v1/changes/{id}."""
    change = Change.with_levels().where(Change.id == change_id).first()
    if change is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No change {change_id!r}.", "not-found")
    d = display(change.system, change, lang)
    return render_html("embed/change.html", CSS + CHANGE_CSS + level_rule(d), framed=False, policy=NO_FAVICON, d=d, change=change,
                         pick=pick, format_date=format_date, label=label, theme="auto")  # fmt: skip
