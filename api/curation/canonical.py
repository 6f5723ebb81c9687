"""One canonical form for records: the seed loader and the API's writes both keep each revision's content in it, so
that a record read back from the database compares equal to its seed file."""

from marshmallow import Schema, ValidationError, fields

from api.curation.history import Step, scope_keys
from api.curation.kinds import KINDS
from schemas.base import TextSchema


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
