"""The outbox: each write of a change records its events (change.created, change.updated, change.retracted, and
level.changed when the level in force in its system moves) in the write's own transaction, with the body every
delivery of them carries. No committed write lacks its events; no event exists without its write.

The body is made once, here: the record as `GET /v1/changes/{id}` (or `/current`, for level.changed) serves it at
the revision the write made, in English texts beside both languages, so that every retry of a delivery carries the
same bytes (what the signature covers and what a receiver deduplicates).
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
        moment = utcnow()
        record = self.record_before if revision.action == "retract" else change_record(revision.record_id, revision.id)
        events = [add(BY_ACTION[revision.action], revision, record, self.system_id, None, moment)]
        if levels:
            events += record_levels({self.system_id: self.level_before}, revision)
        return events


def record_levels(before: dict[str, str | None], revision: Revision) -> list[OutboxEvent]:
    """A level.changed event for each system whose level in force now differs from the one it had before."""
    events = []
    for system_id, level_before in before.items():
        system, change = level_now(system_id)
        level = change and change.to_level.code
        if level != level_before:
            current = change and served(CurrentSchema(), current_record(system, change), revision.id)
            events.append(add("level.changed", revision, current, system_id, level, utcnow(),
                              previous_level=level_before))  # fmt: skip
    return events


def watch_change(system_id: str, change_id: str | None = None) -> Watch:
    """Before writing a change of `system_id` (retracting `change_id`): what its events will be compared with."""
    _, change = level_now(system_id)
    before = change_record(change_id, Revision.latest_state()[0]) if change_id else None
    return Watch(system_id, change and change.to_level.code, before)


def add(type_: str, revision: Revision, record: dict | None, system: str, level: str | None,
        moment: datetime.datetime, **extra) -> OutboxEvent:  # fmt: skip
    """One event, with its body: the Standard Webhooks envelope (type, timestamp, data)."""
    data = {
        "dataset_revision": revision.id,
        "revision": {"id": revision.id, "action": revision.action, "record_kind": revision.record_kind,
                     "record_id": revision.record_id, "author": revision.author, "reason": revision.reason},
        "system": system,
        "record": record,
        **extra,
    }  # fmt: skip
    timestamp = moment.replace(tzinfo=datetime.UTC).isoformat().replace("+00:00", "Z")
    body = json.dumps({"type": type_, "timestamp": timestamp, "data": data}, ensure_ascii=False, sort_keys=True)
    return OutboxEvent.create(type=type_, record_id=revision.record_id, system=system, level=level,
                              dataset_revision=revision.id, payload=body, created_at=moment)  # fmt: skip
