"""The kinds of curated record, in one registry: each kind says once where its seed files live, which schema loads
it, which table holds it, how it is written and read, and which URL path names it.

A record is what one seed file holds (a source, a system, an event, a change). A part (a justification, a measure)
has an id of its own but lives in its change's seed file and is versioned with it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from marshmallow import Schema

from api.curation import writers
from api.models import Change, Event, Justification, Measure, Source, System
from schemas.changes import (
    ChangeInput,
    ChangeRecordSchema,
    JustificationInput,
    JustificationReadSchema,
    MeasureInput,
    MeasureReadSchema,
)
from schemas.events import EventInput, EventRecordSchema
from schemas.sources import SourceInput, SourceRecordSchema
from schemas.systems import SystemInput


@dataclass(frozen=True)
class Kind:
    """A kind of record: its name in revisions, its folder in seeds/ (and path in URLs), its input schema, its
    table, its writer, how a view fetches one and dumps it; for a part, the kind and list that hold it."""

    name: str
    folder: str
    schema: type[Schema]
    model: type
    write: Callable[[dict], None] | None = None  # a part is written with its change
    delete: Callable[[str], None] | None = None
    fetch: Callable[[str], object] | None = None  # one row for a view, or None
    read_schema: type[Schema] | None = None  # how a record view shows it
    part_of: str | None = None  # the kind whose seed file holds this part
    embeds: Callable[[str], list[tuple[str, str]]] = lambda record_id: []  # (kind, id) its representation shows
    editable: bool = True  # written through the API (systems come from seeds only)

    @property
    def is_part(self) -> bool:
        return self.part_of is not None

    def url(self, record_id: str) -> str:
        return f"/v1/{self.folder}/{record_id}"


def by_id(model) -> Callable[[str], object]:
    return lambda record_id: model.get_or_none(model.id == record_id)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        # Records in writing order: every reference points at a record written before it.
        Kind("source", "sources", SourceInput, Source, writers.write_source, writers.delete_row(Source),
             by_id(Source), SourceRecordSchema),
        Kind("system", "systems", SystemInput, System, writers.write_system, writers.delete_row(System), editable=False),
        Kind("event", "events", EventInput, Event, writers.write_event, writers.delete_row(Event), by_id(Event),
             EventRecordSchema, embeds=writers.event_embeds),
        Kind("change", "changes", ChangeInput, Change, writers.write_change, writers.delete_change,
             lambda record_id: Change.with_levels().where(Change.id == record_id).first(), ChangeRecordSchema,
             embeds=writers.change_embeds),
        # Parts, each under the list of its change that holds it (the same name as its folder).
        Kind("justification", "justifications", JustificationInput, Justification, fetch=by_id(Justification),
             read_schema=JustificationReadSchema, part_of="change"),
        Kind("measure", "measures", MeasureInput, Measure, fetch=by_id(Measure), read_schema=MeasureReadSchema,
             part_of="change"),
    )
}  # fmt: skip
RECORDS = [kind for kind in KINDS.values() if not kind.is_part]  # in writing order
PARTS = [kind for kind in KINDS.values() if kind.is_part]
BY_FOLDER = {kind.folder: kind for kind in KINDS.values()}
EDITABLE = [kind for kind in RECORDS if kind.editable]
FOLDER_ROUTE = "any({}):kind".format(
    ",".join([*sorted(kind.folder for kind in RECORDS), *(kind.folder for kind in PARTS)])
)  # a URL converter for any kind's folder
