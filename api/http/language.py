"""The language of an answer: `lang` wins over `Accept-Language`; English when neither says."""

from contextlib import contextmanager

from flask import g, has_request_context, request

from schemas.base import LANGUAGES, choose_language_with

DEFAULT_LANGUAGE = "en"


def response_language() -> str:
    """The language of the request being answered, one of schemas.base.LANGUAGES (chosen once per request)."""
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


choose_language_with(response_language)  # how LocalText fields pick a text when schemas dump an answer
