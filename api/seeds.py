"""The seed loader: read every file of seeds/, validate it all, then write it in one transaction, idempotently."""

import datetime
import zoneinfo
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError

from api.db import database, upgrade
from api.history import LevelKey, Step, continuity_errors, direction
from api.models import (
    Change,
    ChangeArea,
    ChangeEvent,
    ChangeSource,
    Event,
    EventSource,
    Justification,
    Level,
    Measure,
    Revision,
    Scale,
    Source,
    System,
)
from schemas.base import error_pointers, split_text
from schemas.changes import ChangeInput
from schemas.events import EventInput
from schemas.sources import SourceInput
from schemas.systems import SystemInput

# Written in this order, so that every reference points at a row already written.
KINDS = (("source", "sources", SourceInput), ("system", "systems", SystemInput), ("event", "events", EventInput),
         ("change", "changes", ChangeInput))  # fmt: skip
SCHEMAS = {kind: schema for kind, _, schema in KINDS}
MULTILINGUAL = ("fr", "en", "nl")  # systems, scales and levels may have Dutch text


class DatesAsText(yaml.SafeLoader):
    """YAML without implicit timestamps: a date stays text, so the schema (not the YAML parser) judges it."""


DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class SeedProblem:
    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = ": ".join(part for part in (self.file, self.record and f"record {self.record}") if part)
        field = f" field {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class SeedErrors(Exception):
    def __init__(self, problems: list[SeedProblem]):
        super().__init__(f"{len(problems)} problem(s) in seeds")
        self.problems = problems


@dataclass
class SeedRecord:
    kind: str
    file: str
    data: dict  # as loaded by the kind's schema

    @property
    def id(self) -> str:
        return self.data["id"]


def read_seeds(seeds_dir: Path) -> tuple[list[SeedRecord], list[SeedProblem]]:
    """Parse and validate each file on its own; every problem is collected, none stops the reading."""
    records, problems = [], []
    for kind, folder, schema_class in KINDS:
        for path in sorted((seeds_dir / folder).rglob("*.yaml")):
            name = str(path.relative_to(seeds_dir.parent))
            record, record_problems = read_file(path, name, kind, folder, schema_class())
            problems.extend(record_problems)
            if record is not None:
                records.append(record)
    return records, problems


def read_file(path: Path, name: str, kind: str, folder: str, schema: Schema):
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=DatesAsText)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        return None, [SeedProblem(name, None, None, f"malformed YAML{where}: {getattr(exc, 'problem', exc)}")]
    except UnicodeDecodeError as exc:
        return None, [SeedProblem(name, None, None, f"not UTF-8 text: {exc}")]
    if not isinstance(raw, dict):
        return None, [SeedProblem(name, None, None, "a seed file holds one record: a YAML mapping")]
    record_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    try:
        data = schema.load(raw)
    except ValidationError as exc:
        return None, [
            SeedProblem(name, record_id, pointer, message) for pointer, message in error_pointers(exc.messages)
        ]
    expected = expected_id(path, folder, data)
    if data["id"] != expected:
        return None, [SeedProblem(name, data["id"], "/id", f"must match the file name: expected {expected!r}")]
    return SeedRecord(kind, name, data), []


def expected_id(path: Path, folder: str, data: dict) -> str:
    if folder == "changes":
        return f"{path.parent.name}-{path.stem}"
    return path.stem


def cross_check(records: list[SeedRecord]) -> list[SeedProblem]:
    """What no single file can know: duplicate ids, references between records, continuity of each history."""
    problems = []
    ids_by_kind = {kind: Counter(r.id for r in records if r.kind == kind) for kind, _, _ in KINDS}
    nested_ids = Counter(
        item["id"]
        for r in records
        if r.kind == "change"
        for key in ("justifications", "measures")
        for item in r.data[key]
    )
    sources = set(ids_by_kind["source"])
    events = set(ids_by_kind["event"])
    systems = {r.id: r.data for r in records if r.kind == "system"}
    levels = {
        (system_id, level["code"]): LevelKey(level["code"], scale["id"], level["rank"])
        for system_id, system in systems.items()
        for scale in system["scales"]
        for level in scale["levels"]
    }

    def problem(record, field, message):
        problems.append(SeedProblem(record.file, record.id, field, message))

    def check_source(record, source_id, pointer):
        if source_id not in sources:
            problem(record, pointer, f"unknown source {source_id!r}")

    def check_sources(record, ids, pointer):
        for index, source_id in enumerate(ids):
            check_source(record, source_id, f"{pointer}/{index}")

    for record in records:
        if ids_by_kind[record.kind][record.id] > 1:
            problem(record, "/id", f"duplicate {record.kind} id {record.id!r}")
        data = record.data
        check_sources(record, data.get("source_ids", []), "/source_ids")
        for index, variant in enumerate(data.get("variants", [])):
            check_source(record, variant["source_id"], f"/variants/{index}/source_id")
        if record.kind == "system":
            for index, scale in enumerate(data["scales"]):
                check_sources(record, scale["source_ids"], f"/scales/{index}/source_ids")
        if record.kind == "event":
            for index, row in enumerate(data["perpetrators"]):
                check_sources(record, row["source_ids"], f"/perpetrators/{index}/source_ids")
            for index, row in enumerate(data["casualties"]):
                check_source(record, row["source_id"], f"/casualties/{index}/source_id")
        if record.kind == "change":
            check_change(record, data, systems, levels, events, nested_ids, problem, check_source)
    for system_id in systems:
        steps = [change_step(r.data) for r in records if r.kind == "change" and r.data["system"] == system_id]
        by_id = {r.id: r for r in records if r.kind == "change"}
        for change_id, field, message in continuity_errors(steps):
            problem(by_id[change_id], f"/{field}", message)
    return problems


def check_change(record, data, systems, levels, events, nested_ids, problem, check_source):
    system = systems.get(data["system"])
    if system is None:
        problem(record, "/system", f"unknown system {data['system']!r}")
        return
    for key in ("from_level", "to_level"):
        if data[key] is not None and (data["system"], data[key]) not in levels:
            problem(record, f"/{key}", f"unknown level {data[key]!r} in system {data['system']!r}")
    zone = zoneinfo.ZoneInfo(system["time_zone"])
    for key, date_key in (("effective_at", "effective_date"), ("announced_at", "announced_date")):
        if data.get(key) and data.get(date_key):
            local = datetime.datetime.fromisoformat(data[key]).astimezone(zone).date()
            if local != data[date_key]:
                problem(
                    record, f"/{key}", f"falls on {local} in {system['time_zone']}, not on {date_key} {data[date_key]}"
                )
    for index, event_id in enumerate(data["triggers"]):
        if event_id not in events:
            problem(record, f"/triggers/{index}", f"unknown event {event_id!r}")
    for key in ("justifications", "measures"):
        for index, item in enumerate(data[key]):
            if nested_ids[item["id"]] > 1:
                problem(record, f"/{key}/{index}/id", f"duplicate id {item['id']!r}")
    for index, item in enumerate(data["justifications"]):
        check_source(record, item["source_id"], f"/justifications/{index}/source_id")
    for index, item in enumerate(data["measures"]):
        for position, source_id in enumerate(item["source_ids"]):
            check_source(record, source_id, f"/measures/{index}/source_ids/{position}")


def change_step(data: dict) -> Step:
    areas = tuple(data["scope"].get("areas") or ()) if data["scope"]["type"] == "regional" else ()
    return Step(
        data["id"], data["effective_date"], data.get("effective_at"), data["from_level"], data["to_level"], areas
    )


def check(seeds_dir: Path) -> list[SeedRecord]:
    """Every record of seeds_dir, validated; raises SeedErrors listing every problem found."""
    records, problems = read_seeds(seeds_dir)
    if not problems:
        problems = cross_check(records)
    if problems:
        raise SeedErrors(problems)
    return records


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def written(self) -> int:
        return self.created + self.updated


def load(seeds_dir: Path, author: str = "seeds") -> LoadReport:
    """Validate everything, then upsert in one transaction, with one revision per record written."""
    records = check(seeds_dir)
    upgrade()
    report = LoadReport()
    with database.connection_context(), database.atomic():
        for record in records:
            schema = SCHEMAS[record.kind]()
            content = schema.dump(record.data)
            latest = Revision.latest_for(record.kind, record.id)
            if latest is not None and latest.content == content:
                report.unchanged += 1
                continue
            WRITERS[record.kind](record.data)
            Revision.create(
                record_kind=record.kind,
                record_id=record.id,
                action="create" if latest is None else "update",
                author=author,
                reason=f"seeds load of {record.file}",
                content=content,
            )
            report.created += latest is None
            report.updated += latest is not None
    return report


def upsert(model, key: dict, values: dict):
    row = model.get_or_none(**key)
    if row is None:
        return model.create(**key, **values)
    model.update(**values).where(*[getattr(model, name) == value for name, value in key.items()]).execute()
    return model.get(**key)


def write_source(data: dict) -> None:
    values = {key: value for key, value in data.items() if key != "id"}
    upsert(Source, {"id": data["id"]}, values)


def write_system(data: dict) -> None:
    values = {
        "country": data["country"],
        "time_zone": data["time_zone"],
        "reviewed_through": data["reviewed_through"],
        "source_ids": data["source_ids"],
        **split_text(data, "name", MULTILINGUAL),
        **split_text(data, "authority", MULTILINGUAL),
        **split_text(data, "description", MULTILINGUAL),
    }
    upsert(System, {"id": data["id"]}, values)
    for scale in data["scales"]:
        upsert(
            Scale,
            {"id": scale["id"]},
            {
                "system": data["id"],
                "valid_from": scale.get("valid_from"),
                "valid_to": scale.get("valid_to"),
                "source_ids": scale["source_ids"],
                **split_text(scale, "name", MULTILINGUAL),
            },
        )
        for level in scale["levels"]:
            values = {
                "scale": scale["id"],
                "rank": level["rank"],
                "colour": level["colour"],
                "severity": level["severity"],
                **split_text(level, "name", MULTILINGUAL),
                **split_text(level, "description", MULTILINGUAL),
            }
            upsert(Level, {"system": data["id"], "code": level["code"]}, values)


def write_event(data: dict) -> None:
    values = {
        "kind": data["kind"],
        "country": data.get("country"),
        "place": data.get("place"),
        "occurred_date": data["occurred_date"],
        "occurred_at": data.get("occurred_at"),
        "perpetrators": data["perpetrators"],
        "casualties": EventInput().dump(data)["casualties"],
        "variants": data["variants"],
        **split_text(data, "title"),
        **split_text(data, "summary"),
    }
    upsert(Event, {"id": data["id"]}, values)
    EventSource.delete().where(EventSource.event == data["id"]).execute()
    for position, source_id in enumerate(data["source_ids"]):
        EventSource.create(event=data["id"], source=source_id, position=position)


def write_change(data: dict) -> None:
    system = data["system"]
    levels = {level.code: level for level in Level.select(Level, Scale).join(Scale).where(Level.system == system)}

    def key(code):
        return None if code is None else LevelKey(code, levels[code].scale_id, levels[code].rank)

    from_level = levels[data["from_level"]] if data["from_level"] else None
    values = {
        "system": system,
        "from_level": from_level,
        "to_level": levels[data["to_level"]],
        "direction": direction(key(data["from_level"]), key(data["to_level"])),
        "scope_type": data["scope"]["type"],
        "decided_date": data.get("decided_date"),
        "announced_date": data.get("announced_date"),
        "announced_at": data.get("announced_at"),
        "effective_date": data["effective_date"],
        "effective_at": data.get("effective_at"),
        "announced_by": data.get("announced_by"),
        "variants": data["variants"],
        "notes": data.get("notes"),
        **split_text(data, "summary"),
    }
    upsert(Change, {"id": data["id"]}, values)
    for model in (ChangeArea, ChangeEvent, ChangeSource, Justification, Measure):
        model.delete().where(model.change == data["id"]).execute()
    for area in data["scope"].get("areas", []):
        ChangeArea.create(change=data["id"], area=area)
    for position, event_id in enumerate(data["triggers"]):
        ChangeEvent.create(change=data["id"], event=event_id, position=position)
    for position, source_id in enumerate(data["source_ids"]):
        ChangeSource.create(change=data["id"], source=source_id, position=position)
    for position, item in enumerate(data["justifications"]):
        values = {k: v for k, v in item.items() if k != "source_id"}
        Justification.create(change=data["id"], position=position, source=item["source_id"], **values)
    for position, item in enumerate(data["measures"]):
        values = {k: v for k, v in item.items() if k != "description"}
        Measure.create(change=data["id"], position=position, **values, **split_text(item, "description"))


WRITERS = {"source": write_source, "system": write_system, "event": write_event, "change": write_change}
