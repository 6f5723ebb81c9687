"""The embeds' typography and scripts, read once from api/static/embed: shared by the iframe page, the widget, the
preview and the change pages."""

import base64
import hashlib
import json
from pathlib import Path

from api.embed.card import Display
from api.embed.labels import LABELS

STATIC = Path(__file__).parent.parent / "static" / "embed"
CSS = (STATIC / "embed.css").read_text()
FRAME_SCRIPT = (STATIC / "frame.js").read_text()
UNAVAILABLE = {lang: texts["unavailable"] for lang, texts in LABELS.items()}  # what the widget says without data
WIDGET_SCRIPT = (
    (STATIC / "widget.js")
    .read_text()
    .replace('"__CSS__"', json.dumps(CSS))
    .replace('"__UNAVAILABLE__"', json.dumps(UNAVAILABLE))
)
WIDGET_INTEGRITY = "sha384-" + base64.b64encode(hashlib.sha384(WIDGET_SCRIPT.encode()).digest()).decode()
PREVIEW_CSS = (STATIC / "preview.css").read_text()


def level_rule(d: Display) -> str:
    """The level's colours as CSS variables; both are checked #rrggbb values (api.embed.card.safe_colour)."""
    return f".tl{{--level:{d.colour};--on-level:{d.text_colour}}}\n"
