"""The outbox: each write of a change records its events (change.created, change.updated, change.retracted, and
level.changed when the level in force in its system moves) in the write's own transaction. No committed write lacks
its events; no event exists without its write.

A write records only what it alone knows (the type, the record, its revision, the level before it, and a retracted
change as it was served); the body is made by the worker when it first takes the event (`body`), usually within a
second, and kept: every delivery and retry of it carries the same bytes (what the signature covers and a receiver
deduplicates by). It holds the record as the API then serves it: a write made in between has its own event after.
Making the body in the write cost as much again as the write itself (bench/webhooks.py).
"""

import datetime
import json
from dataclasses import dataclass

from flask import has_request_context

from api.http import clock
from api.http.language import fixed_language
from api.models import Change, OutboxEvent, Revision, System
from api.models.current import current_record
from api.models.webhooks import utcnow
from schemas.changes import ChangeRecordSchema
from schemas.systems import CurrentSchema

BY_ACTION = {"create": "change.created", "update": "change.updated", "retract": "change.retracted"}
LANG = "en"  # the `text` members of payloads; `fr` and `en` are both there beside it


def level_now(system_id: str) -> tuple[System | None, Change | None]:
    """The system and the change whose level is in force there now (nationally)."""
    system = System.get_or_none(System.id == system_id)
    return system, system and Change.in_force_at(system, clock.now())


def served(schema, data, revision: int) -> dict:
    """`data` as the API's JSON answer shows it (in LANG, whatever the request being answered asked)."""
    if has_request_context():
        with fixed_language(LANG):
            body = schema.dump(data)
    else:
        body = schema.dump(data)
    return {**json.loads(json.dumps(body, default=str)), "dataset_revision": revision, "lang": LANG}


def change_record(change_id: str, revision: int) -> dict | None:
    change = Change.get_or_none(Change.id == change_id)
    return change and served(ChangeRecordSchema(), change, revision)


@dataclass
class Watch:
    """What a write of a change is compared with once written: the level in force before it, and (for a
    retraction) the record as it was served."""

    system_id: str
    level_before: str | None
    record_before: dict | None = None

    def record(self, revision: Revision, levels: bool = True) -> list[OutboxEvent]:
        """Record the write's events; call it after the revision is created, inside the same transaction. With
        `levels` False, level.changed is left to `record_levels` (a load of many changes: once for the whole)."""
        details = {"record": self.record_before} if revision.action == "retract" else None
        events = [add(BY_ACTION[revision.action], revision, self.system_id, None, details)]
        if levels:
            events += record_levels({self.system_id: self.level_before}, revision)
        return events


def record_levels(before: dict[str, str | None], revision: Revision) -> list[OutboxEvent]:
    """A level.changed event for each system whose level in force now differs from the one it had before."""
    events = []
    for system_id, level_before in before.items():
        _, change = level_now(system_id)
        level = change and change.to_level.code
        if level != level_before:
            events.append(add("level.changed", revision, system_id, level, {"previous_level": level_before}))
    return events


def watch_change(system_id: str, change_id: str | None = None) -> Watch:
    """Before writing a change of `system_id` (retracting `change_id`): what its events will be compared with."""
    _, change = level_now(system_id)
    before = change_record(change_id, Revision.latest_state()[0]) if change_id else None
    return Watch(system_id, change and change.to_level.code, before)


def add(type_: str, revision: Revision, system: str, level: str | None, details: dict | None) -> OutboxEvent:
    return OutboxEvent.create(type=type_, record_id=revision.record_id, system=system, level=level,
                              dataset_revision=revision.id, details=details, created_at=utcnow())  # fmt: skip


def body(event: OutboxEvent) -> str:
    """The body of an event's deliveries (Standard Webhooks: type, timestamp, data), made once."""
    details = event.details or {}
    revision = Revision.get_by_id(event.dataset_revision)
    now = Revision.latest_state()[0]  # the record as the API serves it now (the revision its envelope names)
    if event.type == "change.retracted":
        record = details.get("record")
    elif event.type == "level.changed":
        system, change = level_now(event.system)
        record = change and served(CurrentSchema(), current_record(system, change), now)
    else:
        record = change_record(event.record_id, now)
    data = {
        "dataset_revision": event.dataset_revision,
        "revision": {"id": revision.id, "action": revision.action, "record_kind": revision.record_kind,
                     "record_id": revision.record_id, "author": revision.author, "reason": revision.reason},
        "system": event.system,
        "record": record,
        **({"previous_level": details.get("previous_level")} if event.type == "level.changed" else {}),
    }  # fmt: skip
    timestamp = event.created_at.replace(tzinfo=datetime.UTC).isoformat().replace("+00:00", "Z")
    return json.dumps({"type": event.type, "timestamp": timestamp, "data": data}, ensure_ascii=False, sort_keys=True)
