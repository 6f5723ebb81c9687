"""The writers that store records (as loaded by their schemas) in the tables: the seed loader and the API's writes
both store records through them."""

from api.curation.history import LevelKey, direction
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
from schemas.base import EXTRA_LANGUAGES, split_text
from schemas.events import EventInput
from schemas.sources import SourceInput

MULTILINGUAL = ("fr", "en", *EXTRA_LANGUAGES)  # systems, scales and levels may be in their own languages


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


def delete_row(model):
    """A deleter of one record: its links and parts go with it (ON DELETE CASCADE)."""

    def delete(record_id: str) -> None:
        model.delete().where(model.id == record_id).execute()

    return delete


def delete_change(record_id: str) -> None:
    delete_row(Change)(record_id)
    indexing.reindex_change(record_id)  # a change no longer there loses its search document


def event_embeds(record_id: str) -> list[tuple[str, str]]:
    """(kind, id) of the records an event's representation shows: its sources."""
    return [("source", link.source_id) for link in EventSource.select().where(EventSource.event == record_id)]


def change_embeds(record_id: str) -> list[tuple[str, str]]:
    """(kind, id) of the records a change's representation shows: its system's levels, its triggers, its sources."""
    change = Change.get_or_none(Change.id == record_id)
    keys = [("system", change.system_id)] if change else []
    keys += [("event", link.event_id) for link in ChangeEvent.select().where(ChangeEvent.change == record_id)]
    keys += [("source", link.source_id) for link in ChangeSource.select().where(ChangeSource.change == record_id)]
    return keys
