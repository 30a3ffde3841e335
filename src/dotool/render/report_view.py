"""The view of a half: everything the committee report shows, as plain frozen data.

Rules a reader of the report relies on (SPEC §6):

* The state of a measure as of a half is its latest update up to that half; no update means
  `planned` with progress 0. A standing task (`ongoing`) has no progress and is left out of
  progress averages, and so are dropped measures.
* Masterplan measures are those of the adoption in force for the half; all others are further
  initiatives. With no adoption yet, every measure counts as a masterplan measure.
* A further initiative appears once it has started or has an update up to the half.
* Measures completed or dropped in an earlier half are listed apart (annex) and not repeated in
  the progress sections; they still count in the status figures and averages.
* A non-public measure is shown by id and title only unless the report is internal; it counts in
  the figures but none of its text, money or KPIs appear.
* `contact` is never copied into any view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.model.vocab import CLOSED_STATUSES, KEYS
from dotool.render.common import (
    AdoptionView,
    FieldRef,
    PlanHeader,
    adoption_view,
    field_title,
    fields_of,
    header_of,
    mean,
    restricted,
)
from dotool.render.report_parts import (
    FinanceView,
    KpiRow,
    MilestoneRow,
    PaperView,
    finances_of,
    kpis_of,
    milestone_rows,
    paper_of,
)
from dotool.render.trends import TrendView


@dataclass(frozen=True)
class MeasureState:
    """One measure as of the half, with the change since the half before."""

    id: str
    title: str
    field: str
    field_title: str
    scope: str
    in_plan: bool
    restricted: bool  # non-public and not internal: id and title only
    status: str
    status_prev: str
    rag: str | None  # None: no update yet
    rag_reason: str | None
    progress: int | None  # None: standing task
    progress_prev: int | None
    progress_delta: int | None
    reported: bool  # has an update for exactly this half
    not_reported: bool  # "kein Sachstand gemeldet"
    not_started: bool  # no update yet and the planned start lies after the half
    closed_before: bool  # completed or dropped in an earlier half
    text: str | None
    next: str | None
    start: date | None
    planned_end: date | None
    planned_end_before: date | None  # as of the half before (what a re-planning moved)
    replanned: bool
    milestones_reached: tuple[MilestoneRow, ...]


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class FieldProgress:
    field: FieldRef
    measures: tuple[MeasureState, ...]  # shown in the progress section (not closed before)
    count: int  # all measures of the field, as counted in the figures
    progress: float | None


@dataclass(frozen=True)
class Group:
    """Further initiatives of one scope."""

    scope: str
    measures: tuple[MeasureState, ...]


@dataclass(frozen=True)
class ReportView:
    """Everything the half-yearly report shows."""

    header: PlanHeader
    half: Half
    previous: Half
    next: Half
    period_start: date
    period_end: date
    stand: date
    internal: bool
    paper: PaperView
    adoption: AdoptionView | None
    total: int
    plan_count: int
    further_count: int
    by_status: tuple[Count, ...]
    by_rag: tuple[Count, ...]  # rag "none" counts measures without any update
    progress: float | None
    completed: tuple[MeasureState, ...]
    started: tuple[MeasureState, ...]
    replanned: tuple[MeasureState, ...]
    fields: tuple[FieldProgress, ...]  # masterplan measures by field
    further: tuple[Group, ...]  # internal, external
    deviations: tuple[MeasureState, ...]  # amber and red
    overdue: tuple[MilestoneRow, ...]
    due_next: tuple[MilestoneRow, ...]
    starting_next: tuple[MeasureState, ...]
    finances: FinanceView
    kpis: tuple[KpiRow, ...]
    measures: tuple[MeasureState, ...]  # annex: every measure of the report
    closed_before: tuple[MeasureState, ...]
    trends: TrendView  # progress and KPIs over the last halves


def included(measure: Measure, half: Half, in_plan: bool) -> bool:
    """Whether a measure belongs in the report of `half` at all."""
    if in_plan:
        return True
    started = measure.start is not None and measure.start.first_day <= half.end
    return started or measure.state_as_of(half) is not None


def measure_state(plan: Plan, measure: Measure, half: Half, *, in_plan: bool,
                  internal: bool) -> MeasureState:
    """One measure as of `half`."""
    state = measure.state_as_of(half)
    prev = measure.state_as_of(half.previous())
    reported = state is not None and state.half == half
    closed_before = prev is not None and prev.status in CLOSED_STATUSES and not reported
    not_started = measure.start is not None and measure.start.half > half
    progress = measure.progress_as_of(half)
    progress_prev = measure.progress_as_of(half.previous())
    delta = progress - progress_prev if progress is not None and progress_prev is not None \
        else None
    end = measure.planned_end(half)
    end_before = measure.planned_end(half.previous())
    hidden = restricted(measure, internal)
    this = state if reported else None
    return MeasureState(
        id=measure.id, title=measure.title, field=measure.field,
        field_title=field_title(plan, measure.field), scope=measure.scope, in_plan=in_plan,
        restricted=hidden,
        status=state.status if state else "planned",
        status_prev=prev.status if prev else "planned",
        rag=state.rag if state else None,
        rag_reason=None if hidden or state is None else state.rag_reason,
        progress=progress, progress_prev=progress_prev, progress_delta=delta,
        reported=reported,
        not_reported=not reported and not closed_before and not not_started,
        not_started=not_started and state is None,
        closed_before=closed_before,
        text=None if hidden or this is None else this.text,
        next=None if hidden or this is None else this.next,
        start=measure.start.first_day if measure.start else None,
        planned_end=end.last_day if end else None,
        planned_end_before=end_before.last_day if end_before else None,
        # Re-planned in this half: the planned end moved (repeating last half's re-planned
        # end, as `dotool update` invites, is no new re-planning).
        replanned=this is not None and this.replanned_end is not None
        and this.replanned_end != measure.planned_end(half.previous()),
        milestones_reached=() if hidden else milestone_rows(
            measure, lambda m: m.done is not None and half.start <= m.done <= half.end),
    )


def _counts(keys: tuple[str, ...], values: list[str]) -> tuple[Count, ...]:
    return tuple(Count(k, values.count(k)) for k in keys if values.count(k))


def _by_due(rows: Iterable[MilestoneRow]) -> tuple[MilestoneRow, ...]:
    return tuple(sorted(rows, key=lambda r: (r.due, r.measure_id)))


class _Counts(Protocol):
    """What the progress figures read of a measure as of a half (`MeasureState`, `_Counted`)."""

    @property
    def field(self) -> str: ...
    @property
    def in_plan(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def progress(self) -> int | None: ...


def _average(states: Iterable[_Counts]) -> float | None:
    """Progress averaged over the measures that report one and are not dropped."""
    return mean([s.progress for s in states
                 if s.status != "dropped" and s.progress is not None])


def _field_average(states: Iterable[_Counts], key: str) -> float | None:
    """A field's progress: its masterplan measures (further initiatives have their section)."""
    return _average([s for s in states if s.field == key and s.in_plan])


@dataclass(frozen=True)
class _Counted:
    """A measure as of a half, as far as the progress figures read it."""

    field: str
    in_plan: bool
    status: str
    progress: int | None


def states_of(plan: Plan, half: Half, *,
              internal: bool) -> list[tuple[Measure, MeasureState, bool]]:
    """Every measure with its state as of `half` and whether the report of `half` includes it."""
    adoption = plan.adoption_in_force(half)
    adopted = set(adoption.measures) if adoption else None
    every: list[tuple[Measure, MeasureState, bool]] = []
    for measure in plan.measures:
        in_plan = adopted is None or measure.id in adopted
        state = measure_state(plan, measure, half, in_plan=in_plan, internal=internal)
        every.append((measure, state, included(measure, half, in_plan)))
    return every


def progress_of(plan: Plan, half: Half) -> tuple[float | None, dict[str, float | None]]:
    """Overall progress and progress per field as the report of `half` gives them (from the
    same rules as `measure_state`, without building the rest of each measure's state)."""
    adoption = plan.adoption_in_force(half)
    adopted = set(adoption.measures) if adoption else None
    states = []
    for measure in plan.measures:
        in_plan = adopted is None or measure.id in adopted
        if included(measure, half, in_plan):
            states.append(_Counted(measure.field, in_plan, measure.status_as_of(half),
                                   measure.progress_as_of(half)))
    return _average(states), {f.key: _field_average(states, f.key) for f in fields_of(plan)}


def build_report_view(plan: Plan, half: Half, *, stand: date,
                      internal: bool = False) -> ReportView:
    """The view of the committee report for `half`; `stand` is the date of the data."""
    from dotool.render.trends import build_trends

    adoption = plan.adoption_in_force(half)
    every = states_of(plan, half, internal=internal)
    chosen = [(m, s) for m, s, inc in every if inc]
    states = [s for _, s in chosen]
    current = [s for s in states if not s.closed_before]
    plan_states = [s for s in current if s.in_plan]
    fields = tuple(
        FieldProgress(
            field=f,
            measures=tuple(s for s in plan_states if s.field == f.key),
            count=len([s for s in states if s.field == f.key and s.in_plan]),
            progress=_field_average(states, f.key),
        )
        for f in fields_of(plan)
    )
    further = tuple(Group(scope, tuple(s for s in current if not s.in_plan and s.scope == scope))
                    for scope in KEYS["scope"])
    # Milestones, money and KPIs only of measures whose details may be shown.
    open_shown = [m for m, s in chosen if not s.restricted and not s.closed_before]
    nxt = half.next()
    return ReportView(
        header=header_of(plan), half=half, previous=half.previous(), next=nxt,
        period_start=half.start, period_end=half.end, stand=stand, internal=internal,
        paper=paper_of(plan.vorlage(half), plan.masterplan.committee),
        adoption=adoption_view(adoption),
        total=len(states), plan_count=len([s for s in states if s.in_plan]),
        further_count=len([s for s in states if not s.in_plan]),
        by_status=_counts(KEYS["status"], [s.status for s in states]),
        by_rag=_counts((*KEYS["rag"], "none"), [s.rag or "none" for s in states]),
        progress=_average(states),
        completed=tuple(s for s in current if s.reported and s.status == "completed"
                        and s.status_prev != "completed"),
        started=tuple(s for s in current if s.reported and s.status_prev == "planned"
                      and s.status in ("in_progress", "ongoing", "completed")),
        replanned=tuple(s for s in current if s.replanned),
        fields=fields, further=further,
        deviations=tuple(s for s in current if s.rag in ("amber", "red")
                         and s.status not in CLOSED_STATUSES),
        overdue=_by_due(row for m in open_shown for row in milestone_rows(
            m, lambda ms: ms.due <= half.end and (ms.done is None or ms.done > half.end))),
        due_next=_by_due(row for m in open_shown for row in milestone_rows(
            m, lambda ms: nxt.start <= ms.due <= nxt.end
            and (ms.done is None or ms.done > half.end))),
        starting_next=tuple(s for m, s, _ in every
                            if m.start is not None and m.start.half == nxt),
        finances=finances_of(plan, [m for m, s in chosen if not s.restricted], half,
                             withheld=[m for m, s in chosen if s.restricted]),
        kpis=kpis_of(open_shown, half),
        measures=tuple(current),
        closed_before=tuple(s for s in states if s.closed_before),
        trends=build_trends(plan, half, open_shown),
    )
