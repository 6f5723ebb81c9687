"""The seed loader: read every file of seeds/, validate it all, then write it in one transaction, idempotently;
and the way back, `dump`, which writes the database to seed files."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from marshmallow import Schema, ValidationError

from api.curation import canonical, checks
from api.curation.canonical import change_step
from api.curation.history import LevelKey, continuity_errors
from api.curation.kinds import KINDS, RECORDS
from api.db import database, upgrade, write_transaction
from api.models import Revision
from api.webhooks import outbox
from schemas.base import error_pointers


class DatesAsText(yaml.SafeLoader):
    """YAML without implicit timestamps: a date stays text, so the schema (not the YAML parser) judges it."""


DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SeedDumper(yaml.SafeDumper):
    """Writes seed files as curators do: lists indented under their key, short lists and mappings on one line, dates
    unquoted (they are read back as text), text with line breaks as a block."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def is_short(collection) -> bool:
    """A list of plain values, or a small mapping of them: written on one line, like `summary: {fr: ..., en: ...}`."""
    values = collection.values() if isinstance(collection, dict) else collection
    if any(isinstance(value, dict | list) and value for value in values):
        return False
    return isinstance(collection, list) or (len(collection) <= 4 and len(str(collection)) <= 100)


SeedDumper.yaml_implicit_resolvers = DatesAsText.yaml_implicit_resolvers
SeedDumper.add_representer(
    dict, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=is_short(data))
)
SeedDumper.add_representer(
    list, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=is_short(data))
)
SeedDumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None),
)


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
    for kind, folder, schema_class in ((k.name, k.folder, k.schema) for k in RECORDS):
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


class SeedCatalog:
    """The checks' view of the other records, when they are the seed files."""

    def __init__(self, records: list[SeedRecord]):
        self.ids = {kind: {r.id for r in records if r.kind == kind} for kind in (kind.name for kind in RECORDS)}
        self.systems = {r.id: r.data for r in records if r.kind == "system"}
        self.owners = defaultdict(list)
        for record in records:
            if record.kind == "change":
                for _, part_id in checks.part_ids(record.data):
                    self.owners[part_id].append(record.id)

    def existing(self, kind: str, ids: set[str]) -> set[str]:
        return ids & self.ids[kind]

    def system(self, system_id: str) -> checks.SystemFacts | None:
        data = self.systems.get(system_id)
        if data is None:
            return None
        levels = {level["code"]: LevelKey(level["code"], scale["id"], level["rank"])
                  for scale in data["scales"] for level in scale["levels"]}  # fmt: skip
        return checks.SystemFacts(data["time_zone"], levels)

    def part_owners(self, part_ids: set[str]) -> dict[str, list[str]]:
        return {part_id: self.owners[part_id] for part_id in part_ids if part_id in self.owners}


def cross_check(records: list[SeedRecord]) -> list[SeedProblem]:
    """What no single file can know: duplicate ids, references between records, continuity of each history."""
    problems = []
    catalog = SeedCatalog(records)
    ids_by_kind = {kind: Counter(r.id for r in records if r.kind == kind) for kind in (kind.name for kind in RECORDS)}
    for record in records:
        if ids_by_kind[record.kind][record.id] > 1:
            problems.append(SeedProblem(record.file, record.id, "/id", f"duplicate {record.kind} id {record.id!r}"))
        for pointer, message in checks.record_problems(record.kind, record.data, catalog):
            problems.append(SeedProblem(record.file, record.id, pointer, message))
    changes = {r.id: r for r in records if r.kind == "change"}
    for system_id in catalog.systems:
        steps = [change_step(r.data) for r in changes.values() if r.data["system"] == system_id]
        for change_id, field, message in continuity_errors(steps):
            record = changes[change_id]
            problems.append(SeedProblem(record.file, record.id, f"/{field}", message))
    return problems


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
    """Validate everything, then upsert in one transaction, with one revision per record written.

    A record is unchanged when its canonical form equals that of its latest revision: so a second load, or a load of
    what `dump` wrote, writes nothing.
    """
    records_ = check(seeds_dir)
    upgrade()
    report = LoadReport()
    levels_before = {}
    with database.connection_context(), write_transaction():
        for record in records_:
            content = canonical.canonical(record.kind, record.data)
            latest = Revision.latest_for(record.kind, record.id)
            live = latest is not None and latest.action != "retract"
            if live and canonical.normalized(record.kind, latest.content) == content:
                report.unchanged += 1
                continue
            watch = outbox.watch_change(record.data["system"]) if record.kind == "change" else None
            if watch:
                levels_before.setdefault(watch.system_id, watch.level_before)
            KINDS[record.kind].write(record.data)
            revision = Revision.create(
                record_kind=record.kind,
                record_id=record.id,
                action="update" if live else "create",
                author=author,
                reason=f"seeds load of {record.file}",
                content=content,
            )
            if watch:
                watch.record(revision, levels=False)  # the outbox, in the load's transaction
            report.created += not live
            report.updated += live
        if levels_before:
            outbox.record_levels(levels_before, revision)  # once per system, as the whole load leaves it
    return report


@dataclass
class DumpReport:
    written: int = 0
    removed: int = 0
    unchanged: int = 0


def seed_path(kind: str, content: dict) -> Path:
    """Where a record's file lives, relative to seeds/: the file name is its id (a change's, less its system)."""
    folder = KINDS[kind].folder
    if kind == "change":
        return Path(folder, content["system"], content["id"].removeprefix(content["system"] + "-") + ".yaml")
    return Path(folder, content["id"] + ".yaml")


def to_yaml(content: dict) -> str:
    return yaml.dump(content, Dumper=SeedDumper, sort_keys=False, allow_unicode=True, width=120)


def dump(seeds_dir: Path) -> DumpReport:
    """Write every live record to seeds_dir in the canonical seed form, one file per record, and remove the files of
    records that are no longer there (retracted). A file whose record is unchanged is left as it is, comments and
    layout included, so the diff shows only what was edited."""
    report = DumpReport()
    kept = set()
    with database.connection_context():
        latest = list(Revision.latest_of_each([kind.name for kind in RECORDS]))
    for revision in latest:
        content = canonical.normalized(revision.record_kind, revision.content) or revision.content
        path = seeds_dir / seed_path(revision.record_kind, content)
        kept.add(path)
        if path.exists() and read_content(path, seeds_dir, revision.record_kind) == content:
            report.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(content), encoding="utf-8")
        report.written += 1
    for kind in RECORDS:
        for path in sorted((seeds_dir / kind.folder).rglob("*.yaml")):
            if path not in kept:
                path.unlink()
                report.removed += 1
    return report


def read_content(path: Path, seeds_dir: Path, kind: str) -> dict | None:
    """A seed file's record in the canonical form, or None when the file is not a valid record."""
    folder = KINDS[kind].folder
    record, _ = read_file(path, str(path.relative_to(seeds_dir.parent)), kind, folder, KINDS[kind].schema())
    return None if record is None else canonical.canonical(kind, record.data)
