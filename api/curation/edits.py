"""Curation writes: create, update (JSON merge patch) and retract records and their parts.

Each write is one transaction that locks what it depends on, checks If-Match against the current ETag, validates the
record with the schema the seed files use, applies the loader's checks against the database (references, part ids,
local dates, continuity of the system's history) and writes the record and its revision together, or nothing.

Locks: on SQLite the transaction starts with BEGIN IMMEDIATE, which takes the database's write lock before the first
read, so a write's checks and the ETag it compares cannot go stale before it commits. On PostgreSQL (READ COMMITTED)
the record's row is locked with SELECT ... FOR UPDATE before the ETag is read (a change write locks its system's row:
continuity spans the whole history), and the rows it refers to with FOR KEY SHARE, so that no retraction removes them
before it commits. A concurrent writer waits for the lock, then reads the committed ETag and gets 412.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from http import HTTPStatus

from marshmallow import Schema, ValidationError
from peewee import IntegrityError

from api.curation import canonical, checks, revisions
from api.curation.history import LevelKey, Step, scope_keys
from api.curation.kinds import KINDS, PARTS, RECORDS
from api.db import lock_rows, write_transaction
from api.errors import Problem
from api.http.conditional import version_of
from api.inputs import invalid, merge_patch
from api.models import Change, Level, Revision, System
from api.webhooks import outbox
from schemas.base import error_pointers


@dataclass(frozen=True)
class Signature:
    """Who writes and why: the revision's author (the token's name) and reason."""

    author: str
    reason: str | None


class DatabaseCatalog:
    """The checks' view of the other records, when they are in the database (locking what a write refers to)."""

    def existing(self, kind: str, ids: set[str]) -> set[str]:
        return {row.id for row in lock_rows(KINDS[kind].model, ids, "FOR KEY SHARE")}

    def system(self, system_id: str) -> checks.SystemFacts | None:
        system = System.get_or_none(System.id == system_id)
        if system is None:
            return None
        levels = Level.select().where(Level.system == system_id)
        return checks.SystemFacts(system.time_zone, {lv.code: LevelKey(lv.code, lv.scale_id, lv.rank) for lv in levels})

    def part_owners(self, part_ids: set[str]) -> dict[str, list[str]]:
        owners = defaultdict(list)
        for part in PARTS:
            for row in part.model.select(part.model.id, part.model.change).where(part.model.id.in_(list(part_ids))):
                owners[row.id].append(row.change_id)
        return owners


def load(kind: str, body: dict, schema: type[Schema] | None = None) -> dict:
    """A body loaded by the seed files' schema; 422 with a pointer per field at fault."""
    try:
        data = (schema or KINDS[kind].schema)().load(body)
    except ValidationError as exc:
        raise invalid(error_pointers(exc.messages)) from None
    if kind == "change" and not data["id"].startswith(data["system"] + "-"):
        raise invalid(
            [("/id", f"A change's id starts with its system's: {data['system']}-YYYY-MM-DD (its file name).")]
        )
    return data


def create(kind: str, body: dict, signature: Signature) -> Revision:
    """Create a record (or re-create a retracted one); 409 when the id is taken."""
    data = load(kind, body)
    with conflicts_as_409(), write_transaction():
        if kind == "change":
            lock_rows(System, [data["system"]])
        if lock_rows(KINDS[kind].model, [data["id"]]):
            raise Problem(
                HTTPStatus.CONFLICT, f"The {kind} {data['id']!r} exists; PATCH it to change it.", "edit-conflict"
            )
        return store(kind, data, "create", signature)


def update(kind: str, record_id: str, patch: dict, etags, signature: Signature) -> Revision | None:
    """Apply a merge patch to a record's seed form; None when it changes nothing (nothing is written)."""
    with conflicts_as_409(), write_transaction():
        lock_record(kind, record_id)
        require_current(kind, record_id, etags)
        current = current_content(kind, record_id)
        data = load(kind, merge_patch(current, patch))
        if data["id"] != record_id:
            raise invalid([("/id", "A record keeps its id; retract it and create one with the new id.")])
        if canonical.canonical(kind, data) == current:
            return None
        return store(kind, data, "update", signature)


def retract(kind: str, record_id: str, etags, signature: Signature) -> Revision:
    """Remove a record from the data, keeping its history; 409 while other records refer to it or when the history of
    its system would break without it."""
    with conflicts_as_409(), write_transaction():
        change = lock_record(kind, record_id)
        require_current(kind, record_id, etags)
        if kind == "change":
            refuse_breaks(change.system_id, record_id, None)
        referrers = referrers_of(kind, record_id)
        if referrers:
            raise Problem(HTTPStatus.CONFLICT, f"Other records refer to the {kind} {record_id!r}; change them first.",
                          "edit-conflict", errors=referrers)  # fmt: skip
        watch = outbox.watch_change(change.system_id, record_id) if kind == "change" else None
        KINDS[kind].delete(record_id)
        revision = Revision.create(record_kind=kind, record_id=record_id, action="retract", author=signature.author,
                                   reason=signature.reason, content=None)  # fmt: skip
        if watch:
            watch.record(revision)
        return revision


def create_part(kind: str, change_id: str, body: dict, signature: Signature) -> Revision:
    """Add a justification or measure at the end of its change's list."""
    part = KINDS[kind]
    item = load(kind, body, part.schema)
    with conflicts_as_409(), write_transaction():
        lock_record("change", change_id)
        owners = DatabaseCatalog().part_owners({item["id"]}).get(item["id"])
        if owners:
            raise Problem(HTTPStatus.CONFLICT, f"The id {item['id']!r} is taken (in {owners[0]}); PATCH that one.",
                          "edit-conflict")  # fmt: skip
        content = current_content("change", change_id)
        content[part.folder].append(part.schema().dump(item))
        return store_change(content, f"/{part.folder}/{len(content[part.folder]) - 1}", signature)


def update_part(kind: str, part_id: str, patch: dict, etags, signature: Signature) -> Revision | None:
    part = KINDS[kind]
    with conflicts_as_409(), write_transaction():
        change_id = lock_part(kind, part_id)
        require_current(kind, part_id, etags)
        content = current_content("change", change_id)
        index = next(i for i, item in enumerate(content[part.folder]) if item["id"] == part_id)
        if patch.pop("change", change_id) != change_id:
            raise invalid([("/change", f"A {kind} stays with its change; retract it and add it to the other one.")])
        item = load(kind, merge_patch(content[part.folder][index], patch), part.schema)
        if item["id"] != part_id:
            raise invalid([("/id", f"A {kind} keeps its id; retract it and add one with the new id.")])
        content[part.folder][index] = part.schema().dump(item)
        if canonical.canonical("change", load("change", content)) == current_content("change", change_id):
            return None
        return store_change(content, f"/{part.folder}/{index}", signature)


def retract_part(kind: str, part_id: str, etags, signature: Signature) -> Revision:
    part = KINDS[kind]
    with conflicts_as_409(), write_transaction():
        change_id = lock_part(kind, part_id)
        require_current(kind, part_id, etags)
        content = current_content("change", change_id)
        content[part.folder] = [item for item in content[part.folder] if item["id"] != part_id]
        return store_change(content, None, signature)


def store_change(content: dict, part_pointer: str | None, signature: Signature) -> Revision:
    """Write a change whose part was edited; errors inside the part point into the part's own body."""
    try:
        data = load("change", content)
        return store("change", data, "update", signature)
    except Problem as problem:
        if part_pointer and "errors" in problem.members:
            for error in problem.members["errors"]:
                if error.get("pointer", "").startswith(part_pointer + "/"):
                    error["pointer"] = error["pointer"][len(part_pointer) :]
        raise


def store(kind: str, data: dict, action: str, signature: Signature) -> Revision:
    """Check a record against the database, then write it and its revision."""
    problems = checks.record_problems(kind, data, DatabaseCatalog())
    if problems:
        raise invalid(problems)
    if kind == "change":
        refuse_breaks(data["system"], data["id"], data)
    watch = outbox.watch_change(data["system"]) if kind == "change" else None
    KINDS[kind].write(data)
    revision = Revision.create(record_kind=kind, record_id=data["id"], action=action, author=signature.author,
                               reason=signature.reason, content=canonical.canonical(kind, data))  # fmt: skip
    if watch:
        watch.record(revision)  # the outbox: its events commit with the write, or not at all
    return revision


def lock_record(kind: str, record_id: str):
    """Lock a record's row (a change: its system's row first); 404, or 410 when it was retracted."""
    if kind == "change":
        change = Change.get_or_none(Change.id == record_id)
        if change is None:
            raise revisions.missing(kind, record_id)
        lock_rows(System, [change.system_id])
    rows = lock_rows(KINDS[kind].model, [record_id])
    if not rows:
        raise revisions.missing(kind, record_id)
    return rows[0]


def lock_part(kind: str, part_id: str) -> str:
    """Lock the change a part belongs to; its id."""
    row = KINDS[kind].fetch(part_id)
    if row is None:
        raise revisions.missing(kind, part_id)
    lock_record("change", row.change_id)
    return row.change_id


def require_current(kind: str, record_id: str, etags) -> None:
    current = revisions.record_etag(kind, record_id)
    if version_of(current.strip('"')) not in {version_of(tag) for tag in etags.as_set()}:
        raise Problem(
            HTTPStatus.PRECONDITION_FAILED,
            f"The {kind} {record_id!r} changed since you read it: its ETag is now {current}. GET it again, apply your "
            "edit to what it holds now, and send that ETag.",
            "precondition-failed",
            current_etag=current,
            headers={"ETag": current},
        )


def current_content(kind: str, record_id: str) -> dict:
    """A record's seed form, from its latest revision: what a merge patch applies to."""
    latest = Revision.latest_for(kind, record_id)
    content = canonical.normalized(kind, latest.content) if latest else None
    if content is None:
        raise Problem(HTTPStatus.CONFLICT, f"The {kind} {record_id!r} has no revision to edit from; load it from seeds.",
                      "edit-conflict")  # fmt: skip
    return content


def history_steps(system_id: str) -> list[Step]:
    return [
        Step(c.id, c.effective_date, c.effective_at, c.from_level.code if c.from_level_id else None, c.to_level.code,
             scope_keys(c.scope))
        for c in Change.matching(system_id)
    ]  # fmt: skip


def refuse_breaks(system_id: str, change_id: str, data: dict | None) -> None:
    """409 when writing (or, with data None, retracting) a change would break its system's history. Inside
    `together()` the check waits for the last write: the history as it was first touched is kept for it."""
    pending = _deferred.get()
    if pending is not None:
        pending.setdefault(system_id, history_steps(system_id))
        return
    before = history_steps(system_id)
    after = [step for step in before if step.id != change_id] + ([canonical.change_step(data)] if data else [])
    raise_breaks(system_id, checks.new_breaks(before, after), change_id)


def raise_breaks(system_id: str, breaks: list[tuple[str, str, str]], change_id: str | None = None) -> None:
    if breaks:
        errors = [{"record": f"change {cid}", "detail": message, **({"pointer": f"/{field}"} if cid == change_id else {})}
                  for cid, field, message in breaks]  # fmt: skip
        said = "; ".join(f"{cid}: {message}" for cid, _, message in breaks)
        raise Problem(
            HTTPStatus.CONFLICT,
            f"This would break the history of {system_id!r}, where each change starts from the level in force just "
            f"before it. {said} Change the neighbouring records in the same batch (POST /v1/batch), or first.",
            "edit-conflict",
            errors=errors,
        )


_deferred: ContextVar[dict | None] = ContextVar("deferred_continuity", default=None)


@contextmanager
def together():
    """Several writes in one transaction, all or nothing; the continuity of each history they touch is checked once,
    after the last of them (so a change can be inserted and the next one made to start from it)."""
    before: dict[str, list[Step]] = {}
    token = _deferred.set(before)
    try:
        with conflicts_as_409(), write_transaction():
            yield
            _deferred.set(None)
            for system_id, steps in before.items():
                raise_breaks(system_id, checks.new_breaks(steps, history_steps(system_id)))
    finally:
        _deferred.reset(token)


def referrers_of(kind: str, record_id: str) -> list[dict]:
    """Where live records refer to this one, as problem entries (record, pointer, detail)."""
    found = []
    for revision in Revision.latest_of_each([kind.name for kind in RECORDS], mentioning=f'"{record_id}"'):
        content = canonical.normalized(revision.record_kind, revision.content)
        if content is None:  # not a valid record (any more): the foreign keys still guard its rows
            continue
        data = KINDS[revision.record_kind].schema().load(content)
        for ref in checks.references(revision.record_kind, data):
            if (ref.kind, ref.id) == (kind, record_id):
                found.append({"record": f"{revision.record_kind} {revision.record_id}", "pointer": ref.pointer,
                              "detail": f"refers to the {kind} {record_id!r}"})  # fmt: skip
    return found


class conflicts_as_409:
    """A constraint the database enforces (a concurrent create of the same id, a row still referred to) is a 409."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, IntegrityError):
            raise Problem(HTTPStatus.CONFLICT, "The write conflicts with the data (another write may have just made "
                          "the same record, or a record still refers to this one); GET it and retry.",
                          "edit-conflict") from None  # fmt: skip
        return False
