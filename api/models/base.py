"""The base of every model: the database it lives in, and JSON stored as text."""

import json

from peewee import Model, TextField

from api.db import database


class JSONText(TextField):
    """JSON stored as text: the same on SQLite and PostgreSQL, for small nested lists read with their row."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value):
        return None if value is None else json.loads(value)


def filtered(query, conditions: list):
    """`query` where every condition holds (peewee's where() refuses an empty list)."""
    return query.where(*conditions) if conditions else query


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False

    def loaded(self, name: str):
        """What the model's `load_related` read for `name` (many rows' relations in one query each), or None when it
        was not called for this row."""
        return self.__dict__.get("related", {}).get(name)

    @classmethod
    def equal_to(cls, **filters) -> list:
        """`column == value` for each filter named after a column: the rule of a list filter that needs no other
        (an unknown name is an AttributeError, never a filter silently ignored)."""
        return [getattr(cls, name) == value for name, value in filters.items()]
