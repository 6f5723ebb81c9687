"""Revisions: every write to a record, and the dataset revision they make."""

import datetime
import operator
from functools import reduce

from peewee import SQL, AutoField, CharField, DateTimeField, NodeList, TextField, Value, fn

from api.models.base import BaseModel, JSONText


class Revision(BaseModel):
    """Every write to a record: which, by whom, when, why, and the record's content after it."""

    id = AutoField()
    record_kind = CharField(max_length=16)
    record_id = CharField(max_length=160)
    action = CharField(max_length=16)
    author = TextField()
    reason = TextField(null=True)
    created_at = DateTimeField(default=lambda: datetime.datetime.now(datetime.UTC).replace(tzinfo=None))
    content = JSONText(null=True)

    class Meta:
        indexes = ((("record_kind", "record_id", "id"), False),)

    @classmethod
    def fingerprint(cls) -> tuple[int, int, datetime.datetime | None]:
        """(latest id, count, when the latest was written): moves with every write, even when concurrent writers
        commit their ids out of order; in one query, so that a request whose cache looks at it reads it once."""
        latest = cls.alias()
        written = latest.select(latest.created_at).order_by(latest.id.desc()).limit(1)
        revision, count, at = cls.select(fn.COALESCE(fn.MAX(cls.id), 0), fn.COUNT(cls.id), written).scalar(
            as_tuple=True
        )
        at = cls.created_at.python_value(at)
        return revision, count, at and at.replace(tzinfo=datetime.UTC)

    @classmethod
    def written_at(cls, kind: str, record_ids: list[str]) -> dict[str, datetime.datetime]:
        """When each record was last written (UTC, naive), by id."""
        query = (
            cls.select(cls.record_id, fn.MAX(cls.created_at).python_value(cls.created_at.python_value).alias("at"))
            .where((cls.record_kind == kind) & cls.record_id.in_(record_ids))
            .group_by(cls.record_id)
        )
        return {row.record_id: row.at for row in query}

    @classmethod
    def latest_of_each(cls, kinds: list[str], mentioning: str | None = None):
        """The latest revision of every record of these kinds that is not retracted, by kind then id; only those
        whose content mentions `mentioning` when given."""
        latest = cls.select(fn.MAX(cls.id)).where(cls.record_kind.in_(kinds)).group_by(cls.record_kind, cls.record_id)
        query = cls.select().where(cls.id.in_(latest) & (cls.action != "retract"))
        if mentioning is not None:
            query = query.where(cls.mentions(mentioning))
        return query.order_by(cls.record_kind, cls.record_id)

    @classmethod
    def mentions(cls, text: str):
        """Content containing this text (JSON as stored: `"id": "x"`); a cheap filter before parsing."""
        return NodeList((cls.content, SQL("LIKE"), Value("%" + text + "%", unpack=False)))

    @classmethod
    def latest_among(cls, keys: list[tuple[str, str]]) -> int | None:
        """The latest revision id among these records, given as (kind, id) pairs."""
        match = reduce(operator.or_, [(cls.record_kind == kind) & (cls.record_id == rid) for kind, rid in keys])
        return cls.select(fn.MAX(cls.id)).where(match).scalar()

    @classmethod
    def history_of(cls, kind: str, record_id: str):
        return cls.select().where((cls.record_kind == kind) & (cls.record_id == record_id)).order_by(cls.id)

    @classmethod
    def last_holder(cls, kind: str, text: str) -> str | None:
        """The id of the record of this kind whose latest-written revision mentions `text` in its content."""
        row = (
            cls.select(cls.record_id)
            .where((cls.record_kind == kind) & cls.mentions(text))
            .order_by(cls.id.desc())
            .first()
        )
        return row and row.record_id

    @classmethod
    def latest_state(cls) -> tuple[int, datetime.datetime | None]:
        """(latest revision id, when it was written, in UTC): what an answer was built from; (0, None) when empty.
        The dataset revision: read once per request, by api/http/conditional.py `dataset_state`."""
        row = cls.select(cls.id, cls.created_at).order_by(cls.id.desc()).first()
        if row is None:
            return 0, None
        return row.id, row.created_at.replace(tzinfo=datetime.UTC)

    @classmethod
    def changelog(cls, *, public: bool, kind=None, record_id=None, author=None, since=None, until=None):
        """Every revision of the dataset matching the filters (any order: the caller pages it by id), each with
        `previous_id`, the record's revision before it. `public`: without the revisions only admins may see, those
        of a record at or before its latest retraction (so all of a record that is retracted now)."""
        before = cls.alias()
        previous = (
            before.select(fn.MAX(before.id))
            .where((before.record_kind == cls.record_kind) & (before.record_id == cls.record_id) & (before.id < cls.id))
        )  # fmt: skip
        conditions = []
        if public:
            later = cls.alias()
            retracted_since = later.select(SQL("1")).where(
                (later.record_kind == cls.record_kind) & (later.record_id == cls.record_id) & (later.id >= cls.id)
                & (later.action == "retract")
            )  # fmt: skip
            conditions.append(~fn.EXISTS(retracted_since))
        for column, value in ((cls.record_kind, kind), (cls.record_id, record_id), (cls.author, author)):
            if value is not None:
                conditions.append(column == value)
        if since is not None:
            conditions.append(cls.created_at >= datetime.datetime.combine(since, datetime.time()))
        if until is not None:
            after = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time())
            conditions.append(cls.created_at < after)
        query = cls.select(cls, previous.alias("previous_id"))
        return query.where(*conditions) if conditions else query

    @classmethod
    def contents(cls, ids: list[int]) -> dict[int, dict | None]:
        """The content of each of these revisions, by id."""
        return {row.id: row.content for row in cls.select(cls.id, cls.content).where(cls.id.in_(ids))} if ids else {}

    @classmethod
    def latest_for(cls, kind: str, record_id: str):
        return (
            cls.select().where((cls.record_kind == kind) & (cls.record_id == record_id)).order_by(cls.id.desc()).first()
        )
