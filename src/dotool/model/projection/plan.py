"""The plan as of a half: counts, progress, changes, overdue milestones and the outlook.

One definition of each figure (`docs/figures.md`), read by the report, the site, the export and
the warnings of `validate`. The sets of measures a figure counts are named here once:

* **in the report** (`included`): every masterplan measure, and every further initiative that
  has begun by the end of the half (its start has come or it has reported);
* **in the progress average** (`counted`): the masterplan measures in the report that carry a
  percentage — dropped measures and standing tasks are left out, a measure not begun counts
  with 0 %. The overall figure and the figure of each field of action use this same set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from dotool.model.adoption import Adoption
from dotool.model.dates import Half
from dotool.model.plan import Plan
from dotool.model.projection.measure import MeasureState, measure_state
from dotool.model.projection.milestones import MilestoneRef
from dotool.model.vocab import KEYS


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class FieldFigures:
    """The masterplan measures of one field of action in the report, and their progress."""

    key: str
    measures: tuple[MeasureState, ...]
    counted: tuple[MeasureState, ...]  # the ones in the progress average
    progress: float | None


@dataclass(frozen=True)
class PlanFigures:
    """Every figure of the plan as of the end of `half` (None: no half reported yet)."""

    half: Half | None
    adoption: Adoption | None  # the adoption in force for the half
    states: tuple[MeasureState, ...]  # every measure of the plan, in the plan's order
    masterplan_ids: frozenset[str]  # masterplan measures; all others are further initiatives
    included: tuple[MeasureState, ...]  # the measures the report covers
    counted: tuple[MeasureState, ...]  # the measures the progress average covers
    progress: float | None
    fields: tuple[FieldFigures, ...]

    def in_plan(self, state: MeasureState) -> bool:
        """A masterplan measure (of the adoption in force), not a further initiative."""
        return state.id in self.masterplan_ids

    def in_average(self, state: MeasureState) -> bool:
        """Whether the measure is one of those the progress average covers."""
        return state.id in self._counted_ids

    def state(self, measure_id: str) -> MeasureState:
        """The state of one measure of the plan."""
        return self._by_id[measure_id]

    @cached_property
    def _by_id(self) -> dict[str, MeasureState]:
        return {s.id: s for s in self.states}

    @cached_property
    def _counted_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.counted)

    @property
    def total(self) -> int:
        return len(self.included)

    @property
    def plan_count(self) -> int:
        return sum(1 for s in self.included if self.in_plan(s))

    @property
    def further_count(self) -> int:
        return self.total - self.plan_count

    @property
    def by_status(self) -> tuple[Count, ...]:
        return _counts(KEYS["status"], [s.status for s in self.included])

    @property
    def by_rag(self) -> tuple[Count, ...]:
        """Measures by Ampel; the key "none" counts measures without any update yet. A dropped
        measure has no Ampel any more (whatever its last update says): it is not counted."""
        return _counts((*KEYS["rag"], "none"),
                       [s.rag or "none" for s in self.included if s.status != "dropped"])

    @property
    def completed(self) -> tuple[MeasureState, ...]:
        return tuple(s for s in self.included if s.completed_in_half)

    @property
    def started(self) -> tuple[MeasureState, ...]:
        return tuple(s for s in self.included if s.started_in_half)

    @property
    def replanned(self) -> tuple[MeasureState, ...]:
        """Re-planned in this half (not: re-planned at some time since the adoption)."""
        return tuple(s for s in self.included if s.replanned_in_half)

    @property
    def deviations(self) -> tuple[MeasureState, ...]:
        """Measures in the report, neither closed nor closed before, with Ampel amber or red."""
        return tuple(s for s in self.included
                     if s.rag in ("amber", "red") and not s.closed and not s.closed_before)

    @property
    def missing_reports(self) -> tuple[MeasureState, ...]:
        return tuple(s for s in self.included if s.missing_report)

    @property
    def overdue(self) -> tuple[MilestoneRef, ...]:
        """Milestones of every measure due by the end of the half and not done by then."""
        return _by_due(m for s in self.states for m in s.overdue)

    @property
    def due_next(self) -> tuple[MilestoneRef, ...]:
        return _by_due(m for s in self.states for m in s.due_next)

    @property
    def ends_next(self) -> tuple[MeasureState, ...]:
        """Measures planned or re-planned to end in the next half, by that end."""
        return tuple(sorted((s for s in self.states if s.ends_next),
                            key=lambda s: (str(s.current_end), s.id)))

    @property
    def starts_next(self) -> tuple[MeasureState, ...]:
        return tuple(s for s in self.states if s.starts_next)

    @property
    def next_steps(self) -> tuple[MeasureState, ...]:
        """Measures whose update of this half names next steps."""
        return tuple(s for s in self.included if s.next_steps)


def plan_figures(plan: Plan, half: Half | None) -> PlanFigures:
    """The figures of `plan` as of the end of `half` (see the module's docstring)."""
    adoption = plan.adoption_in_force(half) if half is not None else plan.latest_adoption()
    states = tuple(measure_state(m, half) for m in plan.measures)
    # With no adoption yet every measure counts as a masterplan measure.
    ids = frozenset(adoption.measures if adoption else (m.id for m in plan.measures))
    included = tuple(s for s in states if s.id in ids or s.started)
    counted = tuple(s for s in included if s.id in ids and s.in_average)
    fields = []
    for f in plan.masterplan.fields:
        mine = tuple(s for s in included if s.id in ids and s.measure.field == f.key)
        inside = tuple(s for s in mine if s.in_average)
        fields.append(FieldFigures(f.key, mine, inside, mean(inside)))
    return PlanFigures(half=half, adoption=adoption, states=states, masterplan_ids=ids,
                       included=included, counted=counted, progress=mean(counted),
                       fields=tuple(fields))


def current_figures(plan: Plan) -> PlanFigures:
    """The figures as of the plan's latest reported half: what "current" means everywhere."""
    return plan_figures(plan, plan.latest_reported_half())


def mean(states: Iterable[MeasureState]) -> float | None:
    """The arithmetic mean of the progress of `states` (None for no state)."""
    values = [s.progress for s in states if s.progress is not None]
    return sum(values) / len(values) if values else None


def _counts(keys: tuple[str, ...], values: list[str]) -> tuple[Count, ...]:
    return tuple(Count(k, values.count(k)) for k in keys if values.count(k))


def _by_due(refs: Iterable[MilestoneRef]) -> tuple[MilestoneRef, ...]:
    return tuple(sorted(refs, key=lambda m: (m.due, m.measure_id, m.index)))
