"""Copy-and-paste snippets for each embed form: shown on /embed and, with a placeholder origin, in the README."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from markupsafe import escape

from api.embed import labels

FRAME_HEIGHTS = {"full": 260, "compact": 130}  # a first guess; the page then tells its height by postMessage


@dataclass(frozen=True)
class Snippet:
    key: str
    title: str
    language: str
    code: str
    note: str


def frame_url(base: str, system: str, lang: str, size: str = "full", theme: str = "auto") -> str:
    return f"{base}/embed/v1/{system}?{urlencode({'lang': lang, 'theme': theme, 'size': size})}"


def frame_tag(
    base: str,
    system: str,
    system_name: str,
    lang: str,
    size: str,
    *,
    width: str = "100%",
    theme: str = "auto",
    height: int | None = None,
) -> str:
    """The iframe element; every attribute escaped (a system name is curated text)."""
    src = escape(frame_url(base, system, lang, size, theme))
    label = escape(labels.label(lang, "frame_title", system=system_name))
    return (
        f'<iframe src="{src}" title="{label}" width="{width}" height="{height or FRAME_HEIGHTS[size]}"'
        ' loading="lazy" referrerpolicy="no-referrer"'
        ' sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" data-threat-levels-frame></iframe>'
    )


def resize_listener() -> str:
    """For hosts that use the iframe without widget.js: size each frame to the height it reports."""
    return (
        'window.addEventListener("message", (event) => {\n'
        '  if (!event.data || event.data.type !== "threat-levels:resize") return;\n'
        '  for (const frame of document.querySelectorAll("iframe[data-threat-levels-frame]")) {\n'
        "    if (frame.contentWindow === event.source) frame.height = String(Math.min(event.data.height, 2000));\n"
        "  }\n"
        "});"
    )


def snippets(base: str, system: str, system_name: str, lang: str) -> list[Snippet]:
    """Every embed form of one system, as a host page would paste it."""
    svg = f"{base}/embed/v1/{system}.svg?lang={lang}"
    shields = f"{base}/embed/v1/{system}/shields.json?lang={lang}"
    feed = f"{base}/v1/systems/{system}/changes.atom?lang={lang}"
    alt = escape(labels.label(lang, "badge_alt", system=system_name))
    return [
        Snippet(
            "iframe",
            "Iframe (full)",
            "html",
            frame_tag(base, system, system_name, lang, "full"),
            "Self-contained page: no cookies, no request elsewhere. `theme=light|dark|auto`, `size=compact|full`.",
        ),
        Snippet(
            "iframe-compact",
            "Iframe (compact)",
            "html",
            frame_tag(base, system, system_name, lang, "compact"),
            "Level, since when and why only.",
        ),
        Snippet(
            "iframe-resize",
            "Iframe height, without the script widget",
            "js",
            resize_listener(),
            "Put it in one of your own scripts: the page posts `{type: 'threat-levels:resize', height}` to its parent."
            " widget.js does this for you.",
        ),
        Snippet(
            "widget",
            "Script widget",
            "html",
            f'<div data-threat-levels="{system}" data-lang="{lang}" data-theme="auto" data-size="full"></div>\n'
            f'<script src="{base}/embed/v1/widget.js" async></script>',
            f"Renders into every `data-threat-levels` element, in a Shadow DOM. Your CSP needs `script-src {base}` and"
            f" `connect-src {base}`; no inline style or eval. It refreshes with If-None-Match (at most once a minute)"
            " and keeps the last good value when we are unreachable; `ThreatLevels.refresh()` refreshes now.",
        ),
        Snippet(
            "svg",
            "SVG badge",
            "html",
            f'<a href="{escape(frame_url(base, system, lang))}"><img src="{svg}" alt="{alt}" height="20"></a>',
            "For places where scripts are not allowed; link it to the page so that every reader can read the level.",
        ),
        Snippet(
            "markdown",
            "Badge in Markdown",
            "markdown",
            f"[![{system_name}]({svg})]({frame_url(base, system, lang)})",
            "",
        ),
        Snippet(
            "shields",
            "shields.io endpoint badge",
            "markdown",
            f"![{system_name}](https://img.shields.io/endpoint?url={quote(shields, safe='')})",
            f"The endpoint JSON is {shields}; shields.io fetches it from its servers.",
        ),
        Snippet(
            "oembed",
            "oEmbed",
            "text",
            f"{base}/oembed?url={quote(frame_url(base, system, lang), safe='')}&format=json",
            "CMSs that speak oEmbed embed the iframe from a link to the page; the page also advertises it.",
        ),
        Snippet(
            "atom",
            "Atom feed of changes",
            "html",
            f'<link rel="alternate" type="application/atom+xml" title="{escape(system_name)}" href="{feed}">',
            f"Every change: {feed}; all systems: {base}/v1/changes.atom?lang={lang}.",
        ),
    ]
