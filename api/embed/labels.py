"""The words of the embeds, change pages, feeds and snippets in every language they speak (English, French, and the
systems' own: Spanish, Danish, Norwegian Bokmål, Swedish, Dutch): one table of labels translated by hand, dates
formatted per language by Babel (CLDR), and the choice of a curated text in the reader's language."""

import datetime
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date as cldr_date
from babel.dates import format_time as cldr_time

from schemas.base import LANGUAGES, localized

DEFAULT = "en"
# CLDR locales: British English writes "1 May 2024", as this API always has; the others are the languages' own.
LOCALES = {"en": "en_GB", "fr": "fr", "es": "es", "da": "da", "nb": "nb", "sv": "sv", "nl": "nl"}

LABELS = {
    "en": {
        "level": "Terror alert level",
        "since": "Since {date}",
        "at": "{date}, {time}",
        "as_of": "As of {date}",
        "as_of_help": "Curators checked the record up to this date.",
        "rank": "Level {rank} of {count}",
        "details": "Details of this change",
        "source": "Source:",
        "effective": "Effective {date}",
        "before": "before:",
        "why": "Why",
        "sources": "Sources",
        "frame_title": "{system}: alert level",
        "badge_alt": "{system}: current alert level",
        "feed_title": "{system}: alert-level changes",
        "stale": "Could not refresh: showing the level as of {time}.",
        "unavailable": "The alert level is unavailable right now.",
        "provider": "Threat Levels API",
    },
    "fr": {
        "level": "Niveau d'alerte terroriste",
        "since": "Depuis le {date}",
        "at": "{date} à {time}",
        "as_of": "À jour au {date}",
        "as_of_help": "Les curateurs ont vérifié le dossier jusqu'à cette date.",
        "rank": "Niveau {rank} sur {count}",
        "details": "Détails de ce changement",
        "source": "Source :",
        "effective": "En vigueur le {date}",
        "before": "avant :",
        "why": "Justifications",
        "sources": "Sources",
        "frame_title": "{system} : niveau d’alerte",
        "badge_alt": "{system} : niveau d’alerte actuel",
        "feed_title": "{system} : changements de niveau",
        "stale": "Mise à jour impossible : niveau affiché tel qu'à {time}.",
        "unavailable": "Le niveau d'alerte est indisponible pour le moment.",
        "provider": "Threat Levels API",
    },
    "es": {
        "level": "Nivel de alerta terrorista",
        "since": "Desde el {date}",
        "at": "{date}, a las {time}",
        "as_of": "Actualizado al {date}",
        "as_of_help": "Los curadores revisaron el registro hasta esta fecha.",
        "rank": "Nivel {rank} de {count}",
        "details": "Detalles de este cambio",
        "source": "Fuente:",
        "effective": "En vigor desde el {date}",
        "before": "antes:",
        "why": "Por qué",
        "sources": "Fuentes",
        "frame_title": "{system}: nivel de alerta",
        "badge_alt": "{system}: nivel de alerta actual",
        "feed_title": "{system}: cambios de nivel",
        "stale": "No se pudo actualizar: se muestra el nivel de las {time}.",
        "unavailable": "El nivel de alerta no está disponible en este momento.",
        "provider": "Threat Levels API",
    },
    "da": {
        "level": "Terrortrusselsniveau",
        "since": "Siden {date}",
        "at": "{date} kl. {time}",
        "as_of": "Opdateret pr. {date}",
        "as_of_help": "Redaktørerne har gennemgået oplysningerne frem til denne dato.",
        "rank": "Niveau {rank} af {count}",
        "details": "Detaljer om denne ændring",
        "source": "Kilde:",
        "effective": "Gældende fra {date}",
        "before": "før:",
        "why": "Begrundelse",
        "sources": "Kilder",
        "frame_title": "{system}: trusselsniveau",
        "badge_alt": "{system}: aktuelt trusselsniveau",
        "feed_title": "{system}: niveauændringer",
        "stale": "Kunne ikke opdatere: viser niveauet fra kl. {time}.",
        "unavailable": "Trusselsniveauet er ikke tilgængeligt lige nu.",
        "provider": "Threat Levels API",
    },
    "nb": {
        "level": "Terrortrusselnivå",
        "since": "Siden {date}",
        "at": "{date} kl. {time}",
        "as_of": "Oppdatert per {date}",
        "as_of_help": "Redaktørene har gjennomgått opplysningene fram til denne datoen.",
        "rank": "Nivå {rank} av {count}",
        "details": "Detaljer om denne endringen",
        "source": "Kilde:",
        "effective": "Gjeldende fra {date}",
        "before": "før:",
        "why": "Begrunnelse",
        "sources": "Kilder",
        "frame_title": "{system}: trusselnivå",
        "badge_alt": "{system}: gjeldende trusselnivå",
        "feed_title": "{system}: nivåendringer",
        "stale": "Kunne ikke oppdatere: viser nivået fra kl. {time}.",
        "unavailable": "Trusselnivået er ikke tilgjengelig akkurat nå.",
        "provider": "Threat Levels API",
    },
    "sv": {
        "level": "Terrorhotnivå",
        "since": "Sedan {date}",
        "at": "{date} kl. {time}",
        "as_of": "Uppdaterad per {date}",
        "as_of_help": "Redaktörerna har granskat uppgifterna fram till detta datum.",
        "rank": "Nivå {rank} av {count}",
        "details": "Detaljer om denna ändring",
        "source": "Källa:",
        "effective": "Gäller från {date}",
        "before": "före:",
        "why": "Motivering",
        "sources": "Källor",
        "frame_title": "{system}: hotnivå",
        "badge_alt": "{system}: aktuell hotnivå",
        "feed_title": "{system}: nivåändringar",
        "stale": "Kunde inte uppdatera: visar nivån från kl. {time}.",
        "unavailable": "Hotnivån är inte tillgänglig just nu.",
        "provider": "Threat Levels API",
    },
    "nl": {
        "level": "Dreigingsniveau terrorisme",
        "since": "Sinds {date}",
        "at": "{date} om {time}",
        "as_of": "Bijgewerkt tot {date}",
        "as_of_help": "De redactie heeft de gegevens tot deze datum gecontroleerd.",
        "rank": "Niveau {rank} van {count}",
        "details": "Details van deze wijziging",
        "source": "Bron:",
        "effective": "Van kracht vanaf {date}",
        "before": "daarvoor:",
        "why": "Waarom",
        "sources": "Bronnen",
        "frame_title": "{system}: dreigingsniveau",
        "badge_alt": "{system}: huidig dreigingsniveau",
        "feed_title": "{system}: niveauwijzigingen",
        "stale": "Bijwerken mislukt: het niveau van {time} wordt getoond.",
        "unavailable": "Het dreigingsniveau is op dit moment niet beschikbaar.",
        "provider": "Threat Levels API",
    },
}


CARD_LABELS = ("level", "since", "as_of", "as_of_help", "rank", "details", "source", "effective", "stale",
               "unavailable", "provider")  # fmt: skip  # those the widget's JSON carries (api/embed/card.py)


def supported(lang: str | None) -> str:
    """`lang` when the embeds speak it, else English: an embed never fails over its language."""
    return lang if lang in LABELS else DEFAULT


def card_labels(lang: str) -> dict:
    return {key: LABELS[supported(lang)][key] for key in CARD_LABELS}


def label(lang: str, key: str, **values) -> str:
    return LABELS[supported(lang)][key].format(**values)


def colon(lang: str) -> str:
    return " :" if lang == "fr" else ":"  # French puts a space before a colon


@dataclass(frozen=True)
class Text:
    """A curated text in the language asked for, or in English (else French): its `lang` then says which."""

    text: str | None
    lang: str


def pick(obj, attr: str, lang: str) -> Text:
    """The `lang` text of a curated attribute (`<attr>_<lang>`), else its English, else its French text: only what
    the data holds, never a translation of ours (the rule of every answer's `text` members: schemas.base.localized)."""
    chosen = localized({code: getattr(obj, f"{attr}_{code}", None) or None for code in LANGUAGES}, lang)
    return Text(None, lang) if chosen is None else Text(chosen["text"], chosen["lang"])


def format_date(day: datetime.date, lang: str) -> str:
    """The day as the language writes it in full (CLDR's long format): 1 May 2024, 1 mai 2024, 1. maj 2024."""
    return cldr_date(day, "long", locale=LOCALES[supported(lang)])


def format_moment(day: datetime.date, moment: datetime.time, lang: str) -> str:
    """A day and a local time of day: 1 May 2024, 21:30; 1. maj 2024 kl. 21.30."""
    time = cldr_time(moment, "short", locale=LOCALES[supported(lang)])
    return label(lang, "at", date=format_date(day, lang), time=time)


def language_name(lang: str) -> str:
    """The language's name in itself (CLDR): English, français, español, dansk, norsk bokmål, svenska, Nederlands."""
    return Locale.parse(LOCALES[supported(lang)]).language_name
