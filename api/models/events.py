"""Events (what triggered a change) and the sources that report them."""

import datetime

from peewee import CharField, DateField, ForeignKeyField, IntegerField, TextField

from api.models.base import BaseModel, JSONText, filtered
from api.models.sources import Source


class Event(BaseModel):
    id = CharField(primary_key=True, max_length=128)
    kind = CharField(max_length=32)
    title_fr = TextField(null=True)
    title_en = TextField(null=True)
    summary_fr = TextField(null=True)
    summary_en = TextField(null=True)
    country = CharField(max_length=2, null=True)
    place = TextField(null=True)
    occurred_date = DateField(index=True)
    occurred_at = CharField(max_length=40, null=True)
    perpetrators = JSONText(default=list)
    casualties = JSONText(default=list)
    variants = JSONText(default=list)

    @classmethod
    def matching(cls, date_from: datetime.date | None = None, date_to: datetime.date | None = None, **equal):
        """Events that occurred in a date range (inclusive), whose other columns (country, kind) equal the filters."""
        conditions = cls.equal_to(**equal)
        if date_from is not None:
            conditions.append(cls.occurred_date >= date_from)
        if date_to is not None:
            conditions.append(cls.occurred_date <= date_to)
        return filtered(cls.select(), conditions)

    @classmethod
    def load_related(cls, events: list) -> list:
        """Read the sources of many events in one query (a page or an export chunk), instead of one per event, kept on
        each event for `sources` (the one eager-loading idiom, as Change.load_related)."""
        by_id = {event.id: event for event in events}
        for event in events:
            event.related = {"sources": []}
        links = (
            EventSource.select(EventSource, Source)
            .join(Source)
            .where(EventSource.event.in_(list(by_id)))
            .order_by(EventSource.event, EventSource.position)
        )
        for link in links:
            by_id[link.event_id].related["sources"].append(link.source)
        return events

    @property
    def sources(self):
        """In one query (one per source was the costliest part of a cold answer; bench/scale.py), unless
        load_related read them already."""
        if (loaded := self.loaded("sources")) is not None:
            return loaded
        return list(
            Source.select().join(EventSource).where(EventSource.event == self.id).order_by(EventSource.position)
        )


class EventSource(BaseModel):
    event = ForeignKeyField(Event, backref="source_links", on_delete="CASCADE")
    source = ForeignKeyField(Source, backref="event_links")
    position = IntegerField()

    class Meta:
        indexes = ((("event", "source"), True),)
