"""The record of the level in force in a system: what `GET /v1/systems/{system}/current` shows, and what a
`level.changed` webhook carries."""

from api.models.changes import Change
from api.models.systems import System


def current_record(system: System, change: Change) -> dict:
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
    }
