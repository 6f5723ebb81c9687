"""Changes of alert level, their areas, triggers and sources, and their parts (justifications, measures),
which live in the change's seed file and are versioned with it; with the named queries the views use."""

import datetime
import zoneinfo

from peewee import JOIN, CharField, DateField, ForeignKeyField, IntegerField, TextField

from api.models import search, timeline
from api.models.base import BaseModel, JSONText, filtered
from api.models.events import Event
from api.models.sources import Source
from api.models.systems import Level, System


class Change(BaseModel):
    """One change of a system's alert level: the central record."""

    id = CharField(primary_key=True, max_length=128)
    system = ForeignKeyField(System, backref="changes", on_delete="CASCADE")
    from_level = ForeignKeyField(Level, null=True, backref="changes_from")
    to_level = ForeignKeyField(Level, backref="changes_to")
    direction = CharField(max_length=16)
    scope_type = CharField(max_length=16)
    sectors = JSONText(null=True)
    decided_date = DateField(null=True)
    announced_date = DateField(null=True)
    announced_at = CharField(max_length=40, null=True)
    effective_date = DateField()
    effective_at = CharField(max_length=40, null=True)
    announced_by = JSONText(null=True)
    summary_fr = TextField(null=True)
    summary_en = TextField(null=True)
    variants = JSONText(default=list)
    notes = TextField(null=True)

    class Meta:
        # "latest change of a system" and "changes of a system between two dates" are index range scans, and so is
        # each page or export chunk of all changes in date order.
        indexes = ((("system", "effective_date", "id"), False), (("effective_date", "id"), False))

    @classmethod
    def with_levels(cls):
        FromLevel = Level.alias("from_level")
        return (
            cls.select(cls, System, Level, FromLevel)
            .join(System)
            .switch(cls)
            .join(Level, on=(cls.to_level == Level.id))
            .switch(cls)
            .join(FromLevel, join_type=JOIN.LEFT_OUTER, on=(cls.from_level == FromLevel.id))
        )

    @classmethod
    def matching(cls, system: str | None = None, **filters):
        """Changes with their levels, filtered (see `conditions`)."""
        return filtered(cls.with_levels(), cls.conditions(system=system, **filters))

    @classmethod
    def count_matching(cls, **filters) -> int:
        """How many changes `matching` finds, counted over the change table alone: its filters name no joined table,
        so a date range is counted on the (system, effective_date, id) index without reading the levels of every
        change (430 ms for 560,000 changes with the joins, bench/scale.py)."""
        return filtered(cls.select(cls.id), cls.conditions(**filters)).count()

    @classmethod
    def conditions(
        cls,
        country: str | None = None,
        level: str | None = None,
        date_from: datetime.date | None = None,
        date_to: datetime.date | None = None,
        area: str | None = None,
        event: str | None = None,
        q: str | None = None,
        **equal,
    ) -> list:
        """The filters, as conditions on the change table alone: by country, to-level code, effective dates
        (inclusive), area (the changes in force there: regional ones naming it, national ones of its country),
        triggering event, full text (api/models/search.py), and any column named (system, direction) by equality."""
        conditions = cls.equal_to(**{name: value for name, value in equal.items() if value is not None})
        if country is not None:
            conditions.append(cls.system.in_(System.select(System.id).where(System.country == country)))
        if level is not None:
            conditions.append(cls.to_level.in_(Level.select(Level.id).where(Level.code == level)))
        if date_from is not None:
            conditions.append(cls.effective_date >= date_from)
        if date_to is not None:
            conditions.append(cls.effective_date <= date_to)
        if area is not None:
            conditions.append(cls.covering(area))
        if event is not None:
            conditions.append(cls.id.in_(ChangeEvent.select(ChangeEvent.change).where(ChangeEvent.event == event)))
        if q is not None:
            conditions.append(search.condition(cls.id, q))
        return conditions

    @classmethod
    def covering(cls, area: str):
        """The condition "in force in `area`" (ISO 3166-2): national changes of its country, regional ones naming it."""
        regional = ChangeArea.select(ChangeArea.change).where(ChangeArea.area == area)
        country = System.select(System.id).where(System.country == area.split("-")[0])
        return ((cls.scope_type == "national") & cls.system.in_(country)) | cls.id.in_(regional)

    @classmethod
    def newest(cls, system: str | None = None, limit: int = 50):
        """The latest changes (of a system, or of all), newest first: what a feed lists."""
        return cls.matching(system).order_by(cls.effective_date.desc(), cls.id.desc()).limit(limit)

    @classmethod
    def history(cls, system: str, area: str | None = None):
        """A system's changes that apply nationally, or in `area`: the national ones and the regional ones naming it."""
        return cls.with_levels().where(cls.in_history(system, area))

    @classmethod
    def in_history(cls, system: str, area: str | None = None):
        """The condition of `history`, on the change table alone."""
        if area is None:
            return (cls.system == system) & (cls.scope_type == "national")
        naming = ChangeArea.select(ChangeArea.change).where(ChangeArea.area == area)
        return (cls.system == system) & ((cls.scope_type == "national") | cls.id.in_(naming))

    @classmethod
    def history_day(cls, system: str, area: str | None, condition=None, *, last: bool) -> datetime.date | None:
        """The last (or first) effective date in a system's history where `condition` holds. An ordered read of one
        row on the change table alone, which walks the (system, effective_date, id) index from its end: MAX() over
        the joined history read every earlier change on PostgreSQL (420 ms at 1,000,000 changes, bench/scale.py)."""
        order = cls.effective_date.desc() if last else cls.effective_date.asc()
        where = cls.in_history(system, area)
        query = cls.select(cls.effective_date).where(where if condition is None else where & condition)
        return query.order_by(order).limit(1).scalar()

    @classmethod
    def in_force_at(cls, system, at: datetime.date | datetime.datetime, area: str | None = None):
        """The change in force in a system (a System or its id) at an instant (aware date-time) or at the end of a
        local day (date), nationally or in `area`; None before its record starts. Reads at most two days of changes
        and picks among them by the rules of api/models/timeline.py (`in_force`), which the property tests check."""
        system = system if isinstance(system, System) else System.get_or_none(System.id == system)
        if system is None:
            return None
        instant = isinstance(at, datetime.datetime)
        day = at.astimezone(system.zone).date() if instant else at
        history = cls.history(system.id, area)
        for _ in range(2):  # the latest day with a change; the day before it if they all start after `at`
            day = cls.history_day(system.id, area, cls.effective_date <= day, last=True)
            if day is None:
                return None
            change = timeline.in_force(history.where(cls.effective_date == day), at, system.zone)  # the one rule
            if change is not None:
                return change
            day -= datetime.timedelta(days=1)
        return None

    @classmethod
    def regional_in_force_at(cls, system, at: datetime.date | datetime.datetime, national=None) -> list[tuple]:
        """Regional exceptions at an instant: (change, areas) for each regional change in force in some areas at another
        level than `national` (the national change in force then)."""
        areas = ChangeArea.select(ChangeArea.area).join(cls).where(cls.system == system.id).distinct()
        exceptions = {}
        for area in sorted(row.area for row in areas):
            change = cls.in_force_at(system, at, area)
            if change is None or change.scope_type != "regional":
                continue
            if national is None or change.to_level_id != national.to_level_id:
                exceptions.setdefault(change.id, (change, []))[1].append(area)
        return list(exceptions.values())

    @classmethod
    def first_date(cls, system: str, area: str | None = None) -> datetime.date | None:
        """The day a system's record starts (nationally, or in `area`)."""
        return cls.history_day(system, area, last=False)

    @classmethod
    def instants_on(cls, system: "System", day: datetime.date) -> list[datetime.datetime]:
        """The instants at which a system's changes dated `day` (any scope) take effect, for those known to the
        minute: the only moments other than local midnight at which what is in force can change during that day."""
        query = cls.select(cls.effective_at).where(
            (cls.system == system.id) & (cls.effective_date == day) & cls.effective_at.is_null(False)
        )
        return [datetime.datetime.fromisoformat(row.effective_at) for row in query]

    @classmethod
    def on_day(cls, system: "System", day: datetime.date, area: str | None = None, every_scope: bool = False) -> list:
        """The changes of a system's history (national, or in `area`; or of every scope) that took effect on the local
        date `day`, in the order point-in-time answers read them: what a day with several changes went through."""
        query = cls.with_levels().where(cls.effective_date == day)
        query = query.where(cls.system == system.id) if every_scope else query.where(cls.in_history(system.id, area))
        return timeline.history_order(query, system.zone)

    @classmethod
    def following(cls, change, zone: zoneinfo.ZoneInfo, area: str | None = None):
        """The change that replaced `change` in its history (national, or in `area`), or None while it is in force."""
        history = cls.history(change.system_id, area)
        same_day = timeline.history_order(history.where(cls.effective_date == change.effective_date), zone)
        later = [other for other in same_day[[c.id for c in same_day].index(change.id) + 1 :]]
        if later:
            return later[0]
        after = cls.history_day(change.system_id, area, cls.effective_date > change.effective_date, last=False)
        return timeline.history_order(history.where(cls.effective_date == after), zone)[0] if after else None

    @classmethod
    def around(cls, system: str, date_from: datetime.date, date_to: datetime.date, area: str | None = None) -> list:
        """What a timeline from `date_from` to `date_to` needs: the changes of those days, of the last day with a
        change before them, and of the first day with a change after them."""
        history = cls.history(system, area)
        before = cls.history_day(system, area, cls.effective_date <= date_from, last=True)
        after = cls.history_day(system, area, cls.effective_date > date_to, last=False)
        start = before or date_from
        rows = list(history.where((cls.effective_date >= start) & (cls.effective_date <= date_to)))
        return rows + (list(history.where(cls.effective_date == after)) if after else [])

    @classmethod
    def load_related(cls, changes: list["Change"]) -> list["Change"]:
        """Read the areas, triggers, sources, justifications and measures of many changes in five queries, kept on
        each change for the properties below (a page of 50 took 250 queries; bench/scale.py)."""
        related = {change.id: {"areas": [], "triggers": [], "sources": [], "justifications": [], "measures": []}
                   for change in changes}  # fmt: skip
        ids = list(related)
        if ids:
            for row in ChangeArea.select().where(ChangeArea.change.in_(ids)).order_by(ChangeArea.area):
                related[row.change_id]["areas"].append(row.area)
            events = ChangeEvent.select(ChangeEvent, Event).join(Event).where(ChangeEvent.change.in_(ids))
            for link in events.order_by(ChangeEvent.position):
                related[link.change_id]["triggers"].append(link.event)
            sources = ChangeSource.select(ChangeSource, Source).join(Source).where(ChangeSource.change.in_(ids))
            for link in sources.order_by(ChangeSource.position):
                related[link.change_id]["sources"].append(link.source)
            for row in Justification.select().where(Justification.change.in_(ids)).order_by(Justification.position):
                related[row.change_id]["justifications"].append(row)
            for row in Measure.select().where(Measure.change.in_(ids)).order_by(Measure.position):
                related[row.change_id]["measures"].append(row)
        for change in changes:
            change.related = related[change.id]
        return changes

    @property
    def areas(self) -> list[str]:
        if (loaded := self.loaded("areas")) is not None:
            return loaded
        return [row.area for row in self.area_rows.order_by(ChangeArea.area)]

    @property
    def scope(self) -> dict:
        if self.scope_type == "sectoral":
            return {"type": self.scope_type, "areas": self.areas, "sectors": self.sectors or []}
        return {"type": self.scope_type, "areas": self.areas}

    @property
    def triggers(self):
        if (loaded := self.loaded("triggers")) is not None:
            return loaded
        return list(
            Event.select().join(ChangeEvent).where(ChangeEvent.change == self.id).order_by(ChangeEvent.position)
        )

    @property
    def sources(self):
        """In one query (one per source was the costliest part of a cold answer; bench/scale.py)."""
        if (loaded := self.loaded("sources")) is not None:
            return loaded
        return list(
            Source.select().join(ChangeSource).where(ChangeSource.change == self.id).order_by(ChangeSource.position)
        )

    @property
    def ordered_justifications(self):
        """A query (or, after load_related, the list it would give)."""
        if (loaded := self.loaded("justifications")) is not None:
            return loaded
        return self.justifications.order_by(Justification.position)

    @property
    def ordered_measures(self):
        if (loaded := self.loaded("measures")) is not None:
            return loaded
        return self.measures.order_by(Measure.position)


class ChangeArea(BaseModel):
    change = ForeignKeyField(Change, backref="area_rows", on_delete="CASCADE")
    area = CharField(max_length=8, index=True)

    class Meta:
        indexes = ((("change", "area"), True),)


class ChangeEvent(BaseModel):
    change = ForeignKeyField(Change, backref="event_links", on_delete="CASCADE")
    event = ForeignKeyField(Event, backref="change_links")
    position = IntegerField()

    class Meta:
        indexes = ((("change", "event"), True),)


class ChangeSource(BaseModel):
    change = ForeignKeyField(Change, backref="source_links", on_delete="CASCADE")
    source = ForeignKeyField(Source, backref="change_links")
    position = IntegerField()

    class Meta:
        indexes = ((("change", "source"), True),)


class Justification(BaseModel):
    """A verbatim quotation (or reported reason) given for a change, from one source."""

    id = CharField(primary_key=True, max_length=160)
    change = ForeignKeyField(Change, backref="justifications", on_delete="CASCADE")
    position = IntegerField()
    quote = TextField()
    language = CharField(max_length=8)
    original_language = CharField(max_length=8, null=True)
    speaker = TextField()
    speaker_role = TextField(null=True)
    medium = CharField(max_length=32)
    said_date = DateField(null=True)
    source = ForeignKeyField(Source, backref="justifications")
    notes = TextField(null=True)


class Measure(BaseModel):
    """What a change brought with it (troops, patrols, checks), with figures where a source gives them."""

    id = CharField(primary_key=True, max_length=160)
    change = ForeignKeyField(Change, backref="measures", on_delete="CASCADE")
    position = IntegerField()
    description_fr = TextField(null=True)
    description_en = TextField(null=True)
    quantity = IntegerField(null=True)
    unit = TextField(null=True)
    source_ids = JSONText(default=list)
