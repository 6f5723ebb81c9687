"""CSV and NDJSON: one row (or line) per record, made chunk by chunk while the body is sent.

CSV follows RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, a quote or a line break,
UTF-8 without a byte-order mark. Columns are flat: a level is its code (with its rank and names beside it), a list of
ids is joined with `;`, both languages get a column each, and an empty cell is a null. Regional and sectoral exceptions
are `where:level` pairs joined with `;` (`FR-67:urgence-attentat`, `aviation:high`).

A text cell that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) is made
inert as OWASP's CSV injection guidance says: prefixed with a single quote, which spreadsheets show as text. Numbers,
dates and instants are never prefixed (a spreadsheet reads them as values), and JSON and NDJSON keep the exact text.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator

Columns = dict[str, Callable[[object], object]]
LIST_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """`text` as a spreadsheet shows it without running it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return inert(LIST_SEPARATOR.join(str(item) for item in value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str):
        return inert(value)
    return str(value)


def csv_text(columns: Columns, chunks: Iterable[list]) -> Iterator[str]:
    """The header row, then one row per record, one piece of text per chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for rows in chunks:
        for row in rows:
            writer.writerow([cell(value(row)) for value in columns.values()])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():  # the header of an empty result
        yield buffer.getvalue()


def ndjson_text(schema, chunks: Iterable[list]) -> Iterator[str]:
    """One JSON object per line (the same objects as the JSON `items`), one piece of text per chunk."""
    for rows in chunks:
        yield "".join(
            json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n" for item in schema.dump(rows, many=True)
        )


def csv_runs(columns: Columns, varying: str, chunks: Iterable[list]) -> Iterator[str]:
    """CSV as `csv_text` makes it, of runs of rows that differ only by the date in column `varying` (each run has
    `first`, a row, and `dates`): the other cells of a run are made and quoted once, then written beside each date."""
    names = list(columns)
    at = names.index(varying)
    yield row_text(names) + "\r\n"
    for runs in chunks:
        parts = []
        for run in runs:
            cells = [cell(value(run.first)) for value in columns.values()]
            before = row_text(cells[:at]) + "," if at else ""
            after = "," + row_text(cells[at + 1 :]) + "\r\n" if at + 1 < len(cells) else "\r\n"
            parts.extend(f"{before}{day.isoformat()}{after}" for day in run.dates)
        yield "".join(parts)


def ndjson_runs(schema, varying: str, chunks: Iterable[list]) -> Iterator[str]:
    """NDJSON as `ndjson_text` makes it, of runs of rows that differ only by the date in field `varying`: each run's
    object is dumped once, around a marker that each date then replaces."""
    marker = "\x00date\x00"
    encoded_marker = json.dumps(marker)[1:-1]
    for runs in chunks:
        parts = []
        for run in runs:
            line = json.dumps({**schema.dump(run.first), varying: marker}, ensure_ascii=False, sort_keys=True)
            before, after = line.split(encoded_marker)
            parts.extend(f"{before}{day.isoformat()}{after}\n" for day in run.dates)
        yield "".join(parts)


def row_text(cells: list[str]) -> str:
    """Cells as one CSV line (quoted where RFC 4180 needs it), without its line end."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def level_columns(prefix: str, level: Callable) -> Columns:
    def part(read):
        return lambda row: None if level(row) is None else read(level(row))

    return {
        prefix: part(lambda lv: lv.code),
        f"{prefix}_rank": part(lambda lv: lv.rank),
        f"{prefix}_name_fr": part(lambda lv: lv.name_fr),
        f"{prefix}_name_en": part(lambda lv: lv.name_en),
        f"{prefix}_severity": part(lambda lv: lv.severity),
    }


def person(key: str) -> Callable:
    return lambda change: (change.announced_by or {}).get(key)


CHANGE_COLUMNS: Columns = {
    "id": lambda c: c.id,
    "system": lambda c: c.system_id,
    "country": lambda c: c.system.country,
    "effective_date": lambda c: c.effective_date,
    "effective_at": lambda c: c.effective_at,
    "decided_date": lambda c: c.decided_date,
    "announced_date": lambda c: c.announced_date,
    "announced_at": lambda c: c.announced_at,
    "direction": lambda c: c.direction,
    **level_columns("from_level", lambda c: c.from_level),
    **level_columns("to_level", lambda c: c.to_level),
    "scope": lambda c: c.scope_type,
    "areas": lambda c: c.areas,
    "announced_by": person("name"),
    "announced_by_role": person("role"),
    "summary_fr": lambda c: c.summary_fr,
    "summary_en": lambda c: c.summary_en,
    "triggers": lambda c: [event.id for event in c.triggers],
    "justifications": lambda c: len(c.ordered_justifications),
    "measures": lambda c: len(c.ordered_measures),
    "sources": lambda c: [source.id for source in c.sources],
}

EVENT_COLUMNS: Columns = {
    "id": lambda e: e.id,
    "kind": lambda e: e.kind,
    "occurred_date": lambda e: e.occurred_date,
    "occurred_at": lambda e: e.occurred_at,
    "country": lambda e: e.country,
    "place": lambda e: e.place,
    "title_fr": lambda e: e.title_fr,
    "title_en": lambda e: e.title_en,
    "summary_fr": lambda e: e.summary_fr,
    "summary_en": lambda e: e.summary_en,
    "perpetrators": lambda e: [f"{row['name']} ({row['role']})" for row in e.perpetrators],
    "casualty_reports": lambda e: len(e.casualties),
    "sources": lambda e: [source.id for source in e.sources],
}

SOURCE_COLUMNS: Columns = {
    name: (lambda field: lambda s: getattr(s, field))(name)
    for name in ("id", "kind", "publisher", "title", "author", "language", "published_date", "url", "archive_url",
                 "local_copy", "reliability")
}  # fmt: skip

LEVEL_COLUMNS: Columns = {
    "system": lambda lv: lv.system.id,
    "country": lambda lv: lv.system.country,
    "system_name_fr": lambda lv: lv.system.name_fr,
    "system_name_en": lambda lv: lv.system.name_en,
    "time_zone": lambda lv: lv.system.time_zone,
    "reviewed_through": lambda lv: lv.system.reviewed_through,
    "scale": lambda lv: lv.scale.id,
    "scale_valid_from": lambda lv: lv.scale.valid_from,
    "scale_valid_to": lambda lv: lv.scale.valid_to,
    "level": lambda lv: lv.code,
    "rank": lambda lv: lv.rank,
    "name_fr": lambda lv: lv.name_fr,
    "name_en": lambda lv: lv.name_en,
    "colour": lambda lv: lv.colour,
    "severity": lambda lv: lv.severity,
}

PERIOD_COLUMNS: Columns = {
    "start": lambda p: p.start,
    "end": lambda p: p.end,
    "start_at": lambda p: p.start_at,
    "end_at": lambda p: p.end_at,
    "duration_days": lambda p: p.duration_days,
    **level_columns("level", lambda p: p.change.to_level),
    "change_id": lambda p: p.change.id,
}


SYSTEM_LEVEL_COLUMNS: Columns = {
    "at": lambda row: row["at"],
    "system": lambda row: row["system"],
    "country": lambda row: row["country"],
    "system_name_fr": lambda row: row["name"]["fr"],
    "system_name_en": lambda row: row["name"]["en"],
    "status": lambda row: row["status"],
    **level_columns("level", lambda row: row["level"]),
    "since": lambda row: row["since"],
    "since_at": lambda row: row["since_at"],
    "change_id": lambda row: row["change_id"],
    "record_starts": lambda row: row["record_starts"],
    "reviewed_through": lambda row: row["reviewed_through"],
    "ended_date": lambda row: row["ended_date"],
    "regional": lambda row: [f"{area}:{part['level'].code}" for part in row["regional"] for area in part["areas"]],
    "sectoral": lambda row: [
        f"{sector}:{part['level'].code}" for part in row["sectoral"] for sector in part["sectors"]
    ],
    "same_day": lambda row: [part["change_id"] for part in row["same_day"]],
    "order_known": lambda row: row["order_known"],
}

DAY_COLUMNS: Columns = {
    name: (lambda field: lambda day: getattr(day, field))(name)
    for name in ("system", "date", "level", "rank", "scale", "severity", "status", "change_id")
}
