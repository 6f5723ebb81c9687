"""Curated records in seed form: their kinds, one canonical form, and the writers that store them in the tables.

A record is what one seed file holds (a source, a system, an event, a change with its justifications and measures).
The seed loader and the API's writes both store records through the writers below, and both keep each revision's
content in the canonical form, so that a record read back from the database compares equal to its seed file.
"""

from dataclasses import dataclass

from marshmallow import Schema, ValidationError, fields

from api.history import LevelKey, Step, direction, scope_keys
from api.models import (
    Change,
    ChangeArea,
    ChangeEvent,
    ChangeSource,
    Event,
    EventSource,
    Justification,
    Level,
    Measure,
    Scale,
    Source,
    System,
    indexing,
)
from schemas.base import EXTRA_LANGUAGES, TextSchema, split_text
from schemas.changes import ChangeInput, JustificationInput, MeasureInput
from schemas.events import EventInput
from schemas.sources import SourceInput
from schemas.systems import SystemInput


@dataclass(frozen=True)
class Kind:
    """A kind of record: its name in revisions, its folder in seeds/ (and path in URLs), its schema and table."""

    name: str
    folder: str
    schema: type[Schema]
    model: type


MULTILINGUAL = ("fr", "en", *EXTRA_LANGUAGES)  # systems, scales and levels may be in their own languages
# In writing order: every reference points at a record written before it.
KINDS = {
    "source": Kind("source", "sources", SourceInput, Source),
    "system": Kind("system", "systems", SystemInput, System),
    "event": Kind("event", "events", EventInput, Event),
    "change": Kind("change", "changes", ChangeInput, Change),
}


@dataclass(frozen=True)
class Part:
    """A part of a change with an id of its own (a justification, a measure): versioned with its change."""

    name: str
    key: str  # the list of the change that holds it
    schema: type[Schema]
    model: type


PARTS = {
    "justification": Part("justification", "justifications", JustificationInput, Justification),
    "measure": Part("measure", "measures", MeasureInput, Measure),
}


def complete(schema: Schema, dumped: dict) -> dict:
    """Every field of the schema in declaration order, null (or []) when absent; bilingual text keeps only the
    languages it has. One form for every record, whatever the seed file left out, so that equal records compare
    equal and a dumped file lists every field a curator may fill."""
    if isinstance(schema, TextSchema):
        return {key: value for key, value in dumped.items() if value is not None}
    result = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        if key in dumped:
            result[key] = complete_value(field, dumped[key])
        elif field.load_default is list:
            result[key] = []
        elif field.allow_none:
            result[key] = None
    return result


def complete_value(field: fields.Field, value):
    if value is None:
        return None
    if isinstance(field, fields.Nested):
        return complete(field.schema, value)
    if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
        return [complete(field.inner.schema, item) for item in value]
    return value


def canonical(kind: str, data: dict) -> dict:
    """A record as loaded by its schema, in the canonical seed form (JSON-ready: dates as text)."""
    schema = KINDS[kind].schema()
    return complete(schema, schema.dump(data))


def normalized(kind: str, content: dict | None) -> dict | None:
    """Stored seed-form content in the canonical form; None when absent or no longer valid."""
    if content is None:
        return None
    try:
        return canonical(kind, KINDS[kind].schema().load(content))
    except ValidationError:
        return None


def change_step(data: dict) -> Step:
    """The part of a change (as loaded) that continuity depends on."""
    return Step(
        data["id"], data["effective_date"], data.get("effective_at"), data["from_level"], data["to_level"],
        scope_keys(data["scope"]),
    )  # fmt: skip


def upsert(model, key: dict, values: dict):
    row = model.get_or_none(**key)
    if row is None:
        return model.create(**key, **values)
    model.update(**values).where(*[getattr(model, name) == value for name, value in key.items()]).execute()
    return model.get(**key)


def write_source(data: dict) -> None:
    values = {key: data.get(key) for key in SourceInput().fields if key != "id"}  # an absent field is emptied
    upsert(Source, {"id": data["id"]}, values)


def write_system(data: dict) -> None:
    values = {
        "country": data["country"],
        "time_zone": data["time_zone"],
        "reviewed_through": data["reviewed_through"],
        "ended_date": data.get("ended_date"),
        "source_ids": data["source_ids"],
        **split_text(data, "name", MULTILINGUAL),
        **split_text(data, "authority", MULTILINGUAL),
        **split_text(data, "description", MULTILINGUAL),
    }
    upsert(System, {"id": data["id"]}, values)
    for scale in data["scales"]:
        upsert(
            Scale,
            {"id": scale["id"]},
            {
                "system": data["id"],
                "valid_from": scale.get("valid_from"),
                "valid_to": scale.get("valid_to"),
                "source_ids": scale["source_ids"],
                **split_text(scale, "name", MULTILINGUAL),
            },
        )
        for level in scale["levels"]:
            values = {
                "scale": scale["id"],
                "rank": level["rank"],
                "colour": level["colour"],
                "severity": level["severity"],
                **split_text(level, "name", MULTILINGUAL),
                **split_text(level, "description", MULTILINGUAL),
            }
            upsert(Level, {"system": data["id"], "code": level["code"]}, values)


def write_event(data: dict) -> None:
    values = {
        "kind": data["kind"],
        "country": data.get("country"),
        "place": data.get("place"),
        "occurred_date": data["occurred_date"],
        "occurred_at": data.get("occurred_at"),
        "perpetrators": data["perpetrators"],
        "casualties": EventInput().dump(data)["casualties"],
        "variants": data["variants"],
        **split_text(data, "title"),
        **split_text(data, "summary"),
    }
    upsert(Event, {"id": data["id"]}, values)
    EventSource.delete().where(EventSource.event == data["id"]).execute()
    for position, source_id in enumerate(data["source_ids"]):
        EventSource.create(event=data["id"], source=source_id, position=position)
    indexing.reindex_event(data["id"])  # its title is in the search documents of the changes it triggered


def write_change(data: dict) -> None:
    system = data["system"]
    levels = {level.code: level for level in Level.select(Level, Scale).join(Scale).where(Level.system == system)}

    def key(code):
        return None if code is None else LevelKey(code, levels[code].scale_id, levels[code].rank)

    from_level = levels[data["from_level"]] if data["from_level"] else None
    values = {
        "system": system,
        "from_level": from_level,
        "to_level": levels[data["to_level"]],
        "direction": direction(key(data["from_level"]), key(data["to_level"])),
        "scope_type": data["scope"]["type"],
        "sectors": data["scope"].get("sectors") or None,
        "decided_date": data.get("decided_date"),
        "announced_date": data.get("announced_date"),
        "announced_at": data.get("announced_at"),
        "effective_date": data["effective_date"],
        "effective_at": data.get("effective_at"),
        "announced_by": data.get("announced_by"),
        "variants": data["variants"],
        "notes": data.get("notes"),
        **split_text(data, "summary"),
    }
    upsert(Change, {"id": data["id"]}, values)
    for model in (ChangeArea, ChangeEvent, ChangeSource, Justification, Measure):
        model.delete().where(model.change == data["id"]).execute()
    for area in data["scope"].get("areas", []):
        ChangeArea.create(change=data["id"], area=area)
    for position, event_id in enumerate(data["triggers"]):
        ChangeEvent.create(change=data["id"], event=event_id, position=position)
    for position, source_id in enumerate(data["source_ids"]):
        ChangeSource.create(change=data["id"], source=source_id, position=position)
    for position, item in enumerate(data["justifications"]):
        values = {k: v for k, v in item.items() if k != "source_id"}
        Justification.create(change=data["id"], position=position, source=item["source_id"], **values)
    for position, item in enumerate(data["measures"]):
        values = {k: v for k, v in item.items() if k != "description"}
        Measure.create(change=data["id"], position=position, **values, **split_text(item, "description"))
    indexing.reindex_change(data["id"])


WRITERS = {"source": write_source, "system": write_system, "event": write_event, "change": write_change}


def write(kind: str, data: dict) -> None:
    """Store a record (as loaded by its schema) in the tables, replacing what they held for its id."""
    WRITERS[kind](data)


def delete(kind: str, record_id: str) -> None:
    """Remove a record from the tables; its links and parts go with it (ON DELETE CASCADE)."""
    model = KINDS[kind].model
    model.delete().where(model.id == record_id).execute()
    if kind == "change":
        indexing.reindex_change(record_id)  # a change no longer there loses its search document
