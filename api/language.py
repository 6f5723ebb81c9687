"""The language of an answer: `lang` wins over `Accept-Language`; English when neither says."""

from contextlib import contextmanager

from flask import g, has_request_context, request

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "en"


def response_language() -> str:
    """`fr` or `en` for the request being answered (chosen once per request)."""
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if "lang" not in g:
        asked = request.args.get("lang")
        g.lang = asked if asked in LANGUAGES else request.accept_languages.best_match(LANGUAGES, DEFAULT_LANGUAGE)
    return g.lang


def use_language(lang: str) -> None:
    """Answer in `lang` whatever the request asks, for the rest of this request."""
    g.lang = lang


@contextmanager
def fixed_language(lang: str):
    """Answer in `lang` whatever the request asks, inside this block: whole-dataset dumps are the same bytes for
    everyone, so that their checksums hold."""
    before = g.get("lang")
    g.lang = lang
    try:
        yield
    finally:
        g.lang = before
        if before is None:
            g.pop("lang")


def localize(texts: dict) -> dict | None:
    """The texts ({fr, en}, maybe nl) with `text` and `lang`: the text in the answer's language, or in the other of
    French and English when it is missing; None when there is neither."""
    if texts.get("fr") is None and texts.get("en") is None:
        return None
    lang = response_language()
    chosen = lang if texts.get(lang) is not None else next(other for other in LANGUAGES if other != lang)
    return {**texts, "text": texts[chosen], "lang": chosen}
