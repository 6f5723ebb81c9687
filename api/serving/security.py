"""Security headers on every response; only embed pages may be framed, and their CSP allows hashed inline code only."""

import base64
import hashlib
import re

from flask import Flask, Response

# JSON, SVG, feeds and problems load nothing and may not be framed.
NOTHING = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# An HTML page that did not set its own policy (a docs page, say) keeps what it loads, but may not be framed either.
NOT_FRAMED = "frame-ancestors 'none'"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def init_app(app: Flask) -> None:
    app.after_request(secure_headers)


def secure_headers(response: Response) -> Response:
    """nosniff and no referrer everywhere; a CSP where the view set none; X-Frame-Options unless framing is allowed."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if "Content-Security-Policy" not in response.headers:
        response.headers["Content-Security-Policy"] = NOT_FRAMED if response.mimetype == "text/html" else NOTHING
    if "frame-ancestors *" not in response.headers["Content-Security-Policy"]:
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def source_hash(text: str) -> str:
    """A CSP hash source for an inline <style> or <script> whose content is exactly `text`."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def page_policy(styles: tuple[str, ...] = (), scripts: tuple[str, ...] = (), framed: bool = False, **extra) -> str:
    """A strict CSP for one of our HTML pages: nothing but the hashed inline blocks (and `extra` directives)."""
    directives = {
        "default-src": "'none'",
        "style-src": " ".join(source_hash(text) for text in styles) or None,
        "script-src": " ".join(source_hash(text) for text in scripts) or None,
        "img-src": "'self'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "*" if framed else "'none'",
        **{name.replace("_", "-"): value for name, value in extra.items()},
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items() if value)


def xml_text(text: str | None) -> str:
    """Text that XML 1.0 can carry: characters it cannot carry at all become U+FFFD (escaping is the serializer's)."""
    return NOT_XML.sub("\ufffd", text or "")
