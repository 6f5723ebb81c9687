"""The Frictionless Data Package (datapackage.json, Data Package v1) that describes a release: every file with its
size and SHA-256, and every CSV column with its type and meaning; the licence and the sources at package level."""

from api.http.exports import CHANGE_COLUMNS, EVENT_COLUMNS, LEVEL_COLUMNS, SOURCE_COLUMNS

TITLE = "Threat Levels: a curated, cited database of national terror-alert levels"
AUTHOR = "Threat Levels API contributors"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
SOURCES = [
    {
        "title": "Official announcements, news agencies, newspapers and reference works, cited record by record: "
        "sources.csv lists them, and each change and event names its own (the `sources` column)",
    }
]
LIST = "; ids separated by `;`"


def level_fields(prefix: str, what: str) -> dict[str, tuple[str, str]]:
    return {
        prefix: ("string", f"The {what}'s code, stable within its system; empty for a system's first record."),
        f"{prefix}_rank": ("integer", f"The {what}'s rank within its scale (1 = lowest)."),
        f"{prefix}_name_fr": ("string", f"The {what}'s name in French."),
        f"{prefix}_name_en": ("string", f"The {what}'s name in English."),
        f"{prefix}_severity": ("number", f"The {what}'s normalised severity in [0, 1], comparable across systems."),
    }


# (Table Schema type, meaning) of every column of each CSV dump; tests/test_datapackage.py checks that they match the
# columns the dumps write.
FIELDS: dict[str, dict[str, tuple[str, str]]] = {
    "changes": {
        "id": ("string", "Stable id of the change: `<system>-<effective date>`."),
        "system": ("string", "Id of the alert system (see systems.csv)."),
        "country": ("string", "The system's country, ISO 3166-1 alpha-2."),
        "effective_date": ("date", "Local date (in the system's time zone) the new level took effect."),
        "effective_at": (
            "string",
            "Instant it took effect (ISO 8601 with offset) when known to the minute, else empty.",
        ),
        "decided_date": ("date", "Local date it was decided, when known."),
        "announced_date": ("date", "Local date it was announced, when known."),
        "announced_at": ("string", "Instant it was announced (ISO 8601 with offset), when known."),
        "direction": ("string", "`raise`, `lower`, `rescale` (a new scale) or `initial` (a system's first record)."),
        **level_fields("from_level", "level before"),
        **level_fields("to_level", "level after"),
        "scope": ("string", "`national`, `regional` or `sectoral`."),
        "areas": ("string", "Areas of a regional change, ISO 3166-2" + LIST + "; empty when national."),
        "announced_by": ("string", "Who announced it."),
        "announced_by_role": ("string", "Their office at the time."),
        "summary_fr": ("string", "Summary in French (a paraphrase, never a quotation)."),
        "summary_en": ("string", "Summary in English (a paraphrase, never a quotation)."),
        "triggers": ("string", "Events that triggered it (see events.csv)" + LIST + "."),
        "justifications": ("integer", "How many quoted or reported justifications it has (in changes.ndjson)."),
        "measures": ("integer", "How many measures came with it (in changes.ndjson)."),
        "sources": ("string", "Sources supporting it (see sources.csv)" + LIST + "."),
    },
    "events": {
        "id": ("string", "Stable id of the event: `<date>-<slug>`."),
        "kind": ("string", "What happened (attack, foiled plot, ...)."),
        "occurred_date": ("date", "Local date it happened."),
        "occurred_at": ("string", "Instant it happened (ISO 8601 with offset), when known."),
        "country": ("string", "Where, ISO 3166-1 alpha-2."),
        "place": ("string", "Where, as a place name."),
        "title_fr": ("string", "Title in French."),
        "title_en": ("string", "Title in English."),
        "summary_fr": ("string", "Summary in French."),
        "summary_en": ("string", "Summary in English."),
        "perpetrators": ("string", "Who claimed it or was blamed, `name (role)`" + LIST + "."),
        "casualty_reports": (
            "integer",
            "How many casualty reports (each with who reported it) it has, in events.ndjson.",
        ),
        "sources": ("string", "Sources supporting it (see sources.csv)" + LIST + "."),
    },
    "sources": {
        "id": ("string", "Stable id of the source."),
        "kind": ("string", "official, news agency, newspaper or reference work."),
        "publisher": ("string", "Who published it."),
        "title": ("string", "Its title, as published."),
        "author": ("string", "Its author, where known."),
        "language": ("string", "Its language (BCP 47)."),
        "published_date": ("date", "When it was published."),
        "url": ("string", "Its address; empty when unknown (never invented)."),
        "archive_url": ("string", "An archived copy's address, where one exists."),
        "local_copy": ("string", "The repository's copy of its text, where kept."),
        "reliability": ("string", "Notes on its reliability."),
    },
    "systems": {
        "system": ("string", "Id of the alert system."),
        "country": ("string", "The system's country, ISO 3166-1 alpha-2."),
        "system_name_fr": ("string", "The system's name in French."),
        "system_name_en": ("string", "The system's name in English."),
        "time_zone": ("string", "The IANA time zone its local dates are in."),
        "reviewed_through": ("date", "Date up to which curators checked the system's record."),
        "scale": ("string", "Id of the scale the level belongs to."),
        "scale_valid_from": ("date", "First day the scale was in force; empty when unknown."),
        "scale_valid_to": ("date", "Last day the scale was in force; empty while in force."),
        "level": ("string", "The level's code."),
        "rank": ("integer", "The level's rank within its scale (1 = lowest)."),
        "name_fr": ("string", "The level's name in French."),
        "name_en": ("string", "The level's name in English."),
        "colour": ("string", "The level's colour."),
        "severity": ("number", "The level's normalised severity in [0, 1], comparable across systems."),
    },
}
COLUMNS = {"changes": CHANGE_COLUMNS, "events": EVENT_COLUMNS, "sources": SOURCE_COLUMNS, "systems": LEVEL_COLUMNS}
PRIMARY_KEYS = {"changes": ["id"], "events": ["id"], "sources": ["id"], "systems": ["system", "scale", "level"]}
ROWS = {
    "changes": "one change of alert level",
    "events": "one triggering event",
    "sources": "one source",
    "systems": "one level, with its scale and system",
}


def resource(name: str, kind: str, fmt: str, size: int, sha256: str) -> dict:
    """A file of the release as a Data Resource: CSV ones tabular, with their Table Schema."""
    common = {"path": name, "encoding": "utf-8", "bytes": size, "hash": f"sha256:{sha256}", "licenses": [LICENCE]}
    if fmt == "ndjson":
        return {
            "name": f"{kind}-ndjson",
            "type": "file",  # not a table (nested objects): frictionless checks its size and checksum only
            "profile": "data-resource",
            "format": "ndjson",
            "mediatype": "application/x-ndjson",
            "description": f"The {kind} as NDJSON: one JSON object per line, nested as the API's `/v1/{kind}` items "
            "show them (texts in both languages, and for changes their quotations and measures).",
            **common,
        }
    fields = [
        {"name": column, "type": kind_, "description": meaning} for column, (kind_, meaning) in FIELDS[kind].items()
    ]
    return {
        "name": kind,
        "type": "table",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "description": f"The {kind} as CSV (RFC 4180, UTF-8, header row): {ROWS[kind]} per row.",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
        "schema": {"fields": fields, "primaryKey": PRIMARY_KEYS[kind], "missingValues": [""]},
        **common,
    }


def describe(release: str, revision: int, created: str, files: list[dict]) -> dict:
    """The datapackage.json of a release, from its files (each: name, kind, format, bytes, sha256)."""
    return {
        "profile": "data-package",
        "name": "threat-levels",
        "id": f"threat-levels-{release}",
        "title": TITLE,
        "description": f"Release {release} of the dataset, frozen at dataset revision {revision}.",
        "version": release,
        "created": created,
        "keywords": ["terrorism", "threat level", "alert level"],
        "contributors": [{"title": AUTHOR, "role": "author"}],
        "licenses": [LICENCE],
        "sources": SOURCES,
        "resources": [resource(f["name"], f["kind"], f["format"], f["bytes"], f["sha256"]) for f in files],
    }
