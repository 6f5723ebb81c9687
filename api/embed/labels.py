"""The words of the embeds, change pages, feeds and snippets, in English and French: one table of labels, dates in
words, and the choice of a curated text in the reader's language."""

import datetime
from dataclasses import dataclass

from schemas.base import localized

LANGUAGES = ("en", "fr")
MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
LABELS = {
    "en": {
        "level": "Terror alert level",
        "since": "Since {date}",
        "as_of": "As of {date}",
        "as_of_help": "Curators checked the record up to this date.",
        "rank": "Level {rank} of {count}",
        "details": "Details of this change",
        "source": "Source:",
        "effective": "Effective {date}",
        "stale": "Could not refresh: showing the level as of {time}.",
        "unavailable": "The alert level is unavailable right now.",
        "provider": "Threat Levels API",
        "frame_title": "{system}: alert level",
        "badge_alt": "{system}: current alert level",
        "feed_title": "{system}: alert-level changes",
    },
    "fr": {
        "level": "Niveau d'alerte terroriste",
        "since": "Depuis le {date}",
        "as_of": "À jour au {date}",
        "as_of_help": "Les curateurs ont vérifié le dossier jusqu'à cette date.",
        "rank": "Niveau {rank} sur {count}",
        "details": "Détails de ce changement",
        "source": "Source :",
        "effective": "En vigueur le {date}",
        "stale": "Mise à jour impossible : niveau affiché tel qu'à {time}.",
        "unavailable": "Le niveau d'alerte est indisponible pour le moment.",
        "provider": "Threat Levels API",
        "frame_title": "{system} : niveau d’alerte",
        "badge_alt": "{system} : niveau d’alerte actuel",
        "feed_title": "{system} : changements de niveau",
    },
}


CARD_LABELS = ("level", "since", "as_of", "as_of_help", "rank", "details", "source", "effective", "stale",
               "unavailable", "provider")  # fmt: skip  # those the widget's JSON carries (api/embed/card.py)


def card_labels(lang: str) -> dict:
    return {key: LABELS[lang][key] for key in CARD_LABELS}


def label(lang: str, key: str, **values) -> str:
    return LABELS[lang][key].format(**values)


def colon(lang: str) -> str:
    return " :" if lang == "fr" else ":"  # French puts a space before a colon


@dataclass(frozen=True)
class Text:
    """A curated text in the language asked for, or in the other one (its `lang` then says which)."""

    text: str | None
    lang: str


def pick(obj, attr: str, lang: str) -> Text:
    """The `lang` text of a bilingual attribute, falling back to the other language (the rule of every answer's
    `text` members: schemas.base.localized)."""
    chosen = localized({code: getattr(obj, f"{attr}_{code}", None) or None for code in LANGUAGES}, lang)
    return Text(None, lang) if chosen is None else Text(chosen["text"], chosen["lang"])


def format_date(day: datetime.date, lang: str) -> str:
    """24 March 2024, 1er décembre 2016: two languages only, so no locale library (see README, Development)."""
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {MONTHS['fr'][day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"
