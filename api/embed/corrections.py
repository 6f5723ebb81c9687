"""What the feed says about a change's history: when it took effect, when its record last changed, what a correction
changed and why, and which changes were retracted (with the curator's reason), from the revisions."""

import datetime
from dataclasses import dataclass

from peewee import fn

from api.embed.labels import label
from api.models import Change, Revision

TOMBSTONE_LIMIT = 50
SHOWN_VALUES = (str, int, float, bool, type(None))  # fields whose old and new values a correction states


@dataclass(frozen=True)
class Correction:
    at: datetime.datetime  # UTC, naive
    fields: list[tuple[str, object, object]]  # (field, before, after)
    reason: str | None


@dataclass(frozen=True)
class Tombstone:
    change_id: str
    at: datetime.datetime  # UTC, naive
    reason: str | None


def took_effect(change: Change) -> datetime.datetime:
    """When a change took effect: its instant, or 00:00 local time of its day when only the day is known (the
    convention every point-in-time answer follows)."""
    if change.effective_at:
        return datetime.datetime.fromisoformat(change.effective_at)
    return datetime.datetime.combine(change.effective_date, datetime.time.min, change.system.zone)


def corrections(change_ids: list[str]) -> dict[str, Correction]:
    """The latest correction of each change that has one: a revision that changed the record after it was (last)
    created, with the fields it changed and the curator's reason. A seeds load that changes nothing writes no
    revision, so reloading leaves these as they are."""
    by_change: dict[str, list[Revision]] = {}
    for revision in Revision.select().where((Revision.record_kind == "change") & Revision.record_id.in_(change_ids)).order_by(Revision.id):  # fmt: skip
        by_change.setdefault(revision.record_id, []).append(revision)
    found = {}
    for change_id, revisions in by_change.items():
        latest = revisions[-1]
        if latest.action != "update" or len(revisions) < 2:
            continue
        before, after = revisions[-2].content or {}, latest.content or {}
        fields = [(name, before.get(name), after.get(name)) for name in sorted(set(before) | set(after))
                  if before.get(name) != after.get(name)]  # fmt: skip
        found[change_id] = Correction(latest.created_at, fields, latest.reason)
    return found


def tombstones(system_id: str | None) -> list[Tombstone]:
    """Changes retracted and not re-created, newest first: (of one system, when given)."""
    latest = Revision.select(fn.MAX(Revision.id)).where(Revision.record_kind == "change").group_by(Revision.record_id)
    query = Revision.select().where(Revision.id.in_(latest) & (Revision.action == "retract"))
    if system_id is not None:
        query = query.where(Revision.record_id.startswith(system_id + "-"))
    found = [Tombstone(r.record_id, r.created_at, r.reason) for r in query.order_by(Revision.id.desc())
             if system_id is None or is_of(r.record_id, system_id)]  # fmt: skip
    return found[:TOMBSTONE_LIMIT]


def is_of(change_id: str, system_id: str) -> bool:
    """A change's id is its system's, then its date (YYYY-MM-DD, maybe with a suffix)."""
    rest = change_id.removeprefix(system_id + "-")
    return rest != change_id and rest[:4].isdigit()


def said(correction: Correction, lang: str) -> str:
    """A correction in words: what changed (with old and new values where they are plain) and why."""
    parts = [label(lang, "from_to", field=name, old=show(old), new=show(new))
             if isinstance(old, SHOWN_VALUES) and isinstance(new, SHOWN_VALUES) else label(lang, "field_changed", field=name)
             for name, old, new in correction.fields]  # fmt: skip
    text = label(lang, "corrected", date=correction.at.date().isoformat(), fields="; ".join(parts))
    return text + (" " + label(lang, "correction_reason", reason=correction.reason) if correction.reason else "")


def show(value) -> str:
    return "—" if value is None else str(value)
