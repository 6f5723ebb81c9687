"""The record of the level in force in a system: what `GET /v1/systems/{system}/current` shows, and what a
`level.changed` webhook carries."""

import datetime

from api.models.changes import Change
from api.models.exceptions import exceptions_at
from api.models.systems import System


def current_record(system: System, change: Change, now: datetime.datetime | None = None) -> dict:
    """The level `change` set in `system`, with the regional and sectoral exceptions in force at `now` (the app's
    clock in a view; the wall clock when a webhook's payload is made)."""
    now = now or datetime.datetime.now(datetime.UTC)
    justification = change.ordered_justifications.first()
    return {
        "system": system.id,
        "level": change.to_level,
        "since": change.effective_date,
        "since_at": change.effective_at,
        "change_id": change.id,
        "direction": change.direction,
        "summary": {"fr": change.summary_fr, "en": change.summary_en},
        "justification": justification,
        "sources": change.sources,
        "reviewed_through": system.reviewed_through,
        "ended_date": system.ended_date,
        **exceptions_at(system, now, change),
    }
