"""The embeds' interface labels in every language they speak, translated by hand, and dates formatted per language
with Babel (CLDR): the one place that knows how the card, badge, widget, feeds and change pages say things."""

import datetime

from babel import Locale
from babel.dates import format_date as cldr_date
from babel.dates import format_time as cldr_time

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
        "title": "{system}: {level}",
        "details": "Details of this change",
        "source": "Source:",
        "effective": "Effective {date}",
        "before": "before:",
        "why": "Why",
        "sources": "Sources",
        "changes": "alert-level changes",
        "frame_title": "{name}: alert level",
        "badge_alt": "{name}: current alert level",
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
        "title": "{system} : {level}",  # French puts a space before a colon
        "details": "Détails de ce changement",
        "source": "Source :",
        "effective": "En vigueur le {date}",
        "before": "avant :",
        "why": "Justifications",
        "sources": "Sources",
        "changes": "changements de niveau",
        "frame_title": "{name} : niveau d’alerte",
        "badge_alt": "{name} : niveau d’alerte actuel",
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
        "title": "{system}: {level}",
        "details": "Detalles de este cambio",
        "source": "Fuente:",
        "effective": "En vigor desde el {date}",
        "before": "antes:",
        "why": "Por qué",
        "sources": "Fuentes",
        "changes": "cambios de nivel",
        "frame_title": "{name}: nivel de alerta",
        "badge_alt": "{name}: nivel de alerta actual",
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
        "title": "{system}: {level}",
        "details": "Detaljer om denne ændring",
        "source": "Kilde:",
        "effective": "Gældende fra {date}",
        "before": "før:",
        "why": "Begrundelse",
        "sources": "Kilder",
        "changes": "niveauændringer",
        "frame_title": "{name}: trusselsniveau",
        "badge_alt": "{name}: aktuelt trusselsniveau",
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
        "title": "{system}: {level}",
        "details": "Detaljer om denne endringen",
        "source": "Kilde:",
        "effective": "Gjeldende fra {date}",
        "before": "før:",
        "why": "Begrunnelse",
        "sources": "Kilder",
        "changes": "nivåendringer",
        "frame_title": "{name}: trusselnivå",
        "badge_alt": "{name}: gjeldende trusselnivå",
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
        "title": "{system}: {level}",
        "details": "Detaljer om denna ändring",
        "source": "Källa:",
        "effective": "Gäller från {date}",
        "before": "före:",
        "why": "Motivering",
        "sources": "Källor",
        "changes": "nivåändringar",
        "frame_title": "{name}: hotnivå",
        "badge_alt": "{name}: aktuell hotnivå",
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
        "title": "{system}: {level}",
        "details": "Details van deze wijziging",
        "source": "Bron:",
        "effective": "Van kracht vanaf {date}",
        "before": "daarvoor:",
        "why": "Waarom",
        "sources": "Bronnen",
        "changes": "niveauwijzigingen",
        "frame_title": "{name}: dreigingsniveau",
        "badge_alt": "{name}: huidig dreigingsniveau",
        "stale": "Bijwerken mislukt: het niveau van {time} wordt getoond.",
        "unavailable": "Het dreigingsniveau is op dit moment niet beschikbaar.",
        "provider": "Threat Levels API",
    },
}


def supported(lang: str | None) -> str:
    """`lang` when the embeds speak it, else English: an embed never fails over its language."""
    return lang if lang in LABELS else DEFAULT


def labels(lang: str) -> dict[str, str]:
    return LABELS[supported(lang)]


def format_date(day: datetime.date, lang: str) -> str:
    """The day as the language writes it in full (CLDR's long format): 1 May 2024, 1 mai 2024, 1. maj 2024."""
    return cldr_date(day, "long", locale=LOCALES[supported(lang)])


def format_moment(day: datetime.date, moment: datetime.time, lang: str) -> str:
    """A day and a local time of day: 1 May 2024, 21:30; 1. maj 2024 kl. 21.30."""
    time = cldr_time(moment, "short", locale=LOCALES[supported(lang)])
    return labels(lang)["at"].format(date=format_date(day, lang), time=time)


def language_name(lang: str) -> str:
    """The language's name in itself (CLDR): English, français, español, dansk, norsk bokmål, svenska, Nederlands."""
    return Locale.parse(LOCALES[supported(lang)]).language_name
