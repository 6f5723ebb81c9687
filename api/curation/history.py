"""Rules of a system's history: how a change's direction is derived, and what keeps the history continuous."""

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LevelKey:
    code: str
    scale: str
    rank: int


@dataclass
class Step:
    """The part of a change that continuity depends on."""

    id: str
    effective_date: datetime.date
    effective_at: str | None
    from_level: str | None
    to_level: str
    areas: tuple[str, ...] = field(default_factory=tuple)  # empty: national; sectors as "sector:<slug>"

    @property
    def order(self):
        return (self.effective_date, self.effective_at or "", self.id)


def scope_keys(scope: dict) -> tuple[str, ...]:
    """Where a change applies, for continuity: () for national, its ISO 3166-2 areas, or "sector:<slug>" for each of
    its sectors (a sector's history starts from the national level, as a region's does)."""
    if scope["type"] == "regional":
        return tuple(scope.get("areas") or ())
    if scope["type"] == "sectoral":
        return tuple(f"sector:{sector}" for sector in scope.get("sectors") or ())
    return ()


def direction(from_level: LevelKey | None, to_level: LevelKey) -> str:
    """`initial` without a from-level, `rescale` across scales, else `raise` or `lower` by rank."""
    if from_level is None:
        return "initial"
    if from_level.scale != to_level.scale:
        return "rescale"
    if to_level.rank > from_level.rank:
        return "raise"
    if to_level.rank < from_level.rank:
        return "lower"
    return "rescale"


def continuity_errors(steps: list[Step]) -> list[tuple[str, str, str]]:
    """(change id, field, message) for each break in one system's history.

    The national history starts with the only change without a from-level; each national change then starts from the
    level the one before it set. A regional change starts from the level in force in each of its areas: the one set
    by the latest change before it, national or covering that area (a national change sets the level everywhere, as
    the point-in-time queries read it).
    """
    errors = []
    national = sorted((s for s in steps if not s.areas), key=lambda s: s.order)
    previous = None
    for step in national:
        expected = previous.to_level if previous else None
        if step.from_level != expected:
            if expected is None:
                message = "The first change of a system's history has no from_level (null)."
            else:
                message = (
                    f"from_level must be {expected!r}, the level set by {previous.id} just before it"
                    f" (got {step.from_level!r})."
                )
            errors.append((step.id, "from_level", message))
        previous = step
    for step in sorted((s for s in steps if s.areas), key=lambda s: s.order):
        for area in step.areas:
            before = [s for s in steps if s.order < step.order and (not s.areas or area in s.areas)]
            last = max(before, key=lambda s: s.order, default=None)
            expected = last.to_level if last else None
            if not any(not s.areas for s in before):
                errors.append((step.id, "effective_date", f"No national level is in force in {area} before it."))
            elif step.from_level != expected:
                errors.append(
                    (step.id, "from_level", f"from_level must be {expected!r}, the level in force in {area} before it.")
                )
    return errors
