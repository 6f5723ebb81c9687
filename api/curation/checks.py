"""What no single record can check alone: references to other records, ids of parts, instants against the system's
time zone, continuity of each history. The seed loader asks these of the files, the API's writes of the database:
one set of rules, two catalogs."""

import datetime
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Protocol

from api.curation.history import LevelKey, Step, continuity_errors


@dataclass(frozen=True)
class Reference:
    pointer: str
    kind: str
    id: str


@dataclass(frozen=True)
class SystemFacts:
    time_zone: str
    levels: dict[str, LevelKey]


class Catalog(Protocol):
    """What the checks need to know about the other records."""

    def existing(self, kind: str, ids: set[str]) -> set[str]:
        """Which of these ids name a record of this kind."""

    def system(self, system_id: str) -> SystemFacts | None: ...

    def part_owners(self, part_ids: set[str]) -> dict[str, list[str]]:
        """For each part id (justification or measure), the ids of the changes that hold it, one per occurrence."""


def references(kind: str, data: dict) -> list[Reference]:
    """Every reference a record (as loaded) makes to another record, with the JSON pointer where it makes it."""
    refs = [Reference(f"/source_ids/{i}", "source", s) for i, s in enumerate(data.get("source_ids", []))]
    refs += [Reference(f"/variants/{i}/source_id", "source", v["source_id"]) for i, v in enumerate(data.get("variants", []))]  # fmt: skip
    if kind == "system":
        for index, scale in enumerate(data["scales"]):
            refs += [Reference(f"/scales/{index}/source_ids/{i}", "source", s) for i, s in enumerate(scale["source_ids"])]  # fmt: skip
    if kind == "event":
        for index, row in enumerate(data["perpetrators"]):
            refs += [Reference(f"/perpetrators/{index}/source_ids/{i}", "source", s) for i, s in enumerate(row["source_ids"])]  # fmt: skip
        refs += [Reference(f"/casualties/{i}/source_id", "source", row["source_id"]) for i, row in enumerate(data["casualties"])]  # fmt: skip
    if kind == "change":
        refs.append(Reference("/system", "system", data["system"]))
        refs += [Reference(f"/triggers/{i}", "event", event_id) for i, event_id in enumerate(data["triggers"])]
        for index, item in enumerate(data["justifications"]):
            refs.append(Reference(f"/justifications/{index}/source_id", "source", item["source_id"]))
        for index, item in enumerate(data["measures"]):
            refs += [Reference(f"/measures/{index}/source_ids/{i}", "source", s) for i, s in enumerate(item["source_ids"])]  # fmt: skip
    return refs


def part_ids(data: dict) -> list[tuple[str, str]]:
    """(pointer, id) of each justification and measure of a change; the two share one space of ids."""
    return [(f"/{key}/{index}/id", item["id"]) for key in ("justifications", "measures") for index, item in enumerate(data[key])]  # fmt: skip


def record_problems(kind: str, data: dict, catalog: Catalog) -> list[tuple[str, str]]:
    """(pointer, message) for each reference to a missing record or level, each duplicated part id, and each instant
    that falls on another local date than the one it goes with."""
    refs = references(kind, data)
    wanted = defaultdict(set)
    for ref in refs:
        wanted[ref.kind].add(ref.id)
    known = {ref_kind: catalog.existing(ref_kind, ids) for ref_kind, ids in wanted.items()}
    problems = [(ref.pointer, f"unknown {ref.kind} {ref.id!r}") for ref in refs if ref.id not in known[ref.kind]]
    if kind == "change":
        system = catalog.system(data["system"]) if data["system"] in known["system"] else None
        if system is not None:
            problems += level_and_date_problems(data, system)
        problems += duplicate_part_problems(data, catalog)
    return sorted(problems, key=lambda problem: pointer_order(data, problem[0]))


def pointer_order(data: dict, pointer: str) -> tuple:
    """Document order of a pointer's first key (then the pointer), so problems read top to bottom."""
    keys = list(data)
    first = pointer.strip("/").split("/")[0]
    return (keys.index(first) if first in keys else len(keys), pointer)


def level_and_date_problems(data: dict, system: SystemFacts) -> list[tuple[str, str]]:
    problems = []
    for key in ("from_level", "to_level"):
        if data[key] is not None and data[key] not in system.levels:
            problems.append((f"/{key}", f"unknown level {data[key]!r} in system {data['system']!r}"))
    zone = zoneinfo.ZoneInfo(system.time_zone)
    for key, date_key in (("effective_at", "effective_date"), ("announced_at", "announced_date")):
        if data.get(key) and data.get(date_key):
            local = datetime.datetime.fromisoformat(data[key]).astimezone(zone).date()
            if local != data[date_key]:
                problems.append(
                    (f"/{key}", f"falls on {local} in {system.time_zone}, not on {date_key} {data[date_key]}")
                )
    return problems


def duplicate_part_problems(data: dict, catalog: Catalog) -> list[tuple[str, str]]:
    pairs = part_ids(data)
    own = Counter(part_id for _, part_id in pairs)
    owners = catalog.part_owners(set(own))
    problems = []
    for pointer, part_id in pairs:
        others = sorted({owner for owner in owners.get(part_id, []) if owner != data["id"]})
        if own[part_id] > 1 or others:
            where = f" (also in {', '.join(others)})" if others else ""
            problems.append((pointer, f"duplicate id {part_id!r}{where}"))
    return problems


def new_breaks(before: list[Step], after: list[Step]) -> list[tuple[str, str, str]]:
    """The breaks of continuity a write would add to a system's history: (change id, field, message) found in the
    history after the write and not before it. A history that already had a break is not made a reason to refuse
    every later write to that system."""
    existing = set(continuity_errors(before))
    return [error for error in continuity_errors(after) if error not in existing]
