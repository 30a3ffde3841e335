"""`dotool collect status --half H`: per lead unit, the measures still without an update for H."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dotool.model.dates import Half


@dataclass(frozen=True)
class UnitStatus:
    """One lead unit: its measures in the collection, and those not reported yet (id, title)."""

    unit: str
    asked: int
    missing: tuple[tuple[str, str], ...]


def collection_status(root: Path, half: Half) -> list[UnitStatus]:
    """Every lead unit with a measure in the collection of `half`, by name."""
    from dotool.checks.run import load_valid_plan
    from dotool.collect.make import in_collection
    from dotool.model.projection import measure_state

    plan = load_valid_plan(root)
    units: dict[str, list[tuple[str, str, bool]]] = {}
    for measure in plan.measures:
        if in_collection(measure, half):
            reported = measure_state(measure, half).reported
            units.setdefault(measure.lead, []).append((measure.id, measure.title, reported))
    return [UnitStatus(unit, len(rows), tuple((i, t) for i, t, done in rows if not done))
            for unit, rows in sorted(units.items(), key=lambda kv: kv[0].casefold())]
