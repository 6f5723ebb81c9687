"""Exceptions to a system's national level at an instant: areas (regional changes) and sectors (sectoral changes,
e.g. aviation) at another level, as the rows of GET /v1/levels and /v1/systems/{system}/current list them."""

import datetime

from api.models.changes import Change
from api.models.systems import System


def exceptions_at(system: System, at: datetime.date | datetime.datetime, national: Change | None) -> dict:
    """{"regional": [...], "sectoral": [...]}: each change in force somewhere at another level than `national` (the
    national change in force at `at`), with the areas or sectors where it is; none before the record starts."""
    if national is None:
        return {"regional": [], "sectoral": []}
    return {
        "regional": [{"areas": areas, **row(change)} for change, areas in Change.regional_in_force_at(system, at, national)],
        "sectoral": [{"sectors": sectors, **row(change)}
                     for change, sectors in Change.sectoral_in_force_at(system, at, national)],
    }  # fmt: skip


def row(change: Change) -> dict:
    return {"level": change.to_level, "since": change.effective_date, "since_at": change.effective_at,
            "change_id": change.id}  # fmt: skip
