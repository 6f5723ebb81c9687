"""Whole-dataset dumps: every record of a kind as CSV or NDJSON, the same bytes for everyone at a dataset revision,
with their sizes and SHA-256 checksums (computed once per revision and process, from the very bytes served)."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from flask import current_app

from api.http.conditional import dataset_state
from api.http.exports import CHANGE_COLUMNS, EVENT_COLUMNS, LEVEL_COLUMNS, SOURCE_COLUMNS, csv_text, ndjson_text
from api.http.language import fixed_language
from api.http.pagination import Keyset
from api.models import Change, Event, Level, Scale, Source, System
from schemas.changes import ChangeSchema
from schemas.events import EventSchema
from schemas.sources import SourceSchema
from schemas.systems import SystemSchema

DUMP_LANGUAGE = "en"  # the `text` members of NDJSON dumps; CSV has both languages in columns
MEDIA_TYPES = {"csv": "text/csv", "ndjson": "application/x-ndjson"}


@dataclass(frozen=True)
class Dump:
    kind: str
    rows: dict[str, str]  # what one CSV row / NDJSON line is

    def chunks(self) -> Iterator[list]:
        if self.kind == "changes":
            walk = Keyset(Change.matching(), (Change.effective_date, Change.id), descending=False)
            return map(Change.load_related, walk.chunks())
        if self.kind == "events":
            return map(
                Event.load_related, Keyset(Event.select(), (Event.occurred_date, Event.id), descending=False).chunks()
            )
        if self.kind == "sources":
            return Keyset(Source.select(), (Source.id,), descending=False).chunks()
        return iter([list(System.listed())])

    def level_chunks(self) -> Iterator[list]:
        levels = (
            Level.select(Level, Scale, System)
            .join(Scale)
            .switch(Level)
            .join(System)
            .order_by(System.id, Scale.valid_from.desc(nulls="LAST"), Scale.id, Level.rank)
        )
        return iter([list(levels)])

    def text(self, fmt: str) -> Iterator[str]:
        """The dump's text, piece by piece (call within a request or app context)."""
        if fmt == "csv":
            columns = {"changes": CHANGE_COLUMNS, "events": EVENT_COLUMNS, "sources": SOURCE_COLUMNS,
                       "systems": LEVEL_COLUMNS}[self.kind]  # fmt: skip
            return csv_text(columns, self.level_chunks() if self.kind == "systems" else self.chunks())
        schema = {"changes": ChangeSchema, "events": EventSchema, "sources": SourceSchema, "systems": SystemSchema}
        return ndjson_text(schema[self.kind](), self.chunks())


DUMPS = {
    kind: Dump(kind, {"csv": f"one {kind[:-1]}", "ndjson": f"one {kind[:-1]}"})
    for kind in ("changes", "events", "sources")
} | {
    "systems": Dump(
        "systems", {"csv": "one level, with its scale and system", "ndjson": "one system, with its scales and levels"}
    )
}
_digests: dict[tuple, tuple[int, str]] = {}


def digest(kind: str, fmt: str) -> tuple[int, str]:
    """(size in bytes, SHA-256 hex) of a dump at the current revision: made once per revision and process."""
    revision, _ = dataset_state()
    key = (current_app.config["DATABASE_URL"], revision, kind, fmt)
    if key not in _digests:
        size, sha = 0, hashlib.sha256()
        with fixed_language(DUMP_LANGUAGE):
            for piece in DUMPS[kind].text(fmt):
                data = piece.encode("utf-8")
                size += len(data)
                sha.update(data)
        for old in [k for k in _digests if k[0] == key[0] and k[1] != revision]:
            del _digests[old]  # keep only the current revision's
        _digests[key] = (size, sha.hexdigest())
    return _digests[key]
