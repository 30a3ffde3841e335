"""The view of a half: everything the committee report shows, as plain frozen data.

Every figure comes from the projection (`dotool.model.projection.plan_figures`), whose rules
`docs/figures.md` writes out; this module only decides what a reader may see:

* Measures completed or dropped in an earlier half are listed apart (annex) and not repeated in
  the progress sections; they still count in the figures.
* A non-public measure is shown by id and title only unless the report is internal; it counts in
  the figures but none of its text, milestones, money or KPIs appear (the document says how many
  milestones and budgets it leaves out).
* `contact` is never copied into any view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dotool.model.dates import Half
from dotool.model.plan import Plan
from dotool.model.projection import (
    Count,
    Finances,
    KpiFigure,
    MeasureState,
    MilestoneRef,
    PlanFigures,
    finances,
    kpi_figures,
    plan_figures,
)
from dotool.model.vocab import KEYS
from dotool.render.report_parts import PaperView, paper_of
from dotool.render.rules import Rule, report_rules
from dotool.render.trends import TrendView
from dotool.render.view_parts import (
    AdoptionView,
    FieldRef,
    PlanHeader,
    adoption_view,
    fields_of,
    header_of,
    restricted,
)


@dataclass(frozen=True)
class MeasureView:
    """One measure as the report shows it as of the half."""

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
    in_average: bool  # counts in the progress average
    reported: bool  # has an update for exactly this half
    not_reported: bool  # "kein Sachstand gemeldet"
    not_started: bool  # not begun by the end of the half
    closed_before: bool  # completed or dropped in an earlier half
    text: str | None
    next: str | None
    start: date | None
    planned_end: date | None  # the planned end as of the half (re-planned where it was)
    planned_end_before: date | None  # as of the half before (what a re-planning moved)
    replanned_in_half: bool
    replanned_since_adoption: bool
    milestones_reached: tuple[MilestoneRef, ...]


@dataclass(frozen=True)
class FieldProgress:
    field: FieldRef
    measures: tuple[MeasureView, ...]  # shown in the progress section (not closed before)
    count: int  # masterplan measures of the field in the report
    counted: int  # of which in the progress average
    progress: float | None


@dataclass(frozen=True)
class Group:
    """Further initiatives of one scope."""

    scope: str
    measures: tuple[MeasureView, ...]


@dataclass(frozen=True)
class ReportView:
    """Everything the half-yearly report shows."""

    header: PlanHeader
    half: Half
    previous: Half
    next: Half
    period_start: date
    period_end: date
    data_date: date
    internal: bool
    paper: PaperView
    adoption: AdoptionView | None
    total: int
    plan_count: int
    further_count: int
    by_status: tuple[Count, ...]
    by_rag: tuple[Count, ...]  # rag "none" counts measures without any update
    progress: float | None
    counted: int  # measures in the progress average
    completed: tuple[MeasureView, ...]
    started: tuple[MeasureView, ...]
    replanned: tuple[MeasureView, ...]  # re-planned in this half
    fields: tuple[FieldProgress, ...]  # masterplan measures by field
    further: tuple[Group, ...]  # internal, external
    deviations: tuple[MeasureView, ...]  # amber and red
    overdue: tuple[MilestoneRef, ...]
    overdue_withheld: int  # overdue milestones of non-public measures, not listed
    due_next: tuple[MilestoneRef, ...]
    due_next_withheld: int
    ending_next: tuple[MeasureView, ...]
    starting_next: tuple[MeasureView, ...]
    next_steps: tuple[MeasureView, ...]
    finances: Finances
    kpis: tuple[KpiFigure, ...]
    measures: tuple[MeasureView, ...]  # annex: every measure of the report
    closed_before: tuple[MeasureView, ...]
    trends: TrendView  # progress and KPIs over the last halves
    rules: tuple[Rule, ...]  # "How the figures are made", for the annex


def restricted_last(measures: Iterable[MeasureView]) -> tuple[MeasureView, ...]:
    """Measures in their order, the non-public ones moved to the end: a list ordered by date
    would give away the date it does not show."""
    return tuple(sorted(measures, key=lambda m: m.restricted))


def measure_view(plan: Plan, figures: PlanFigures, state: MeasureState, *,
                 internal: bool) -> MeasureView:
    """One measure as of the figures' half, with what a reader may see of it."""
    measure = state.measure
    hidden = restricted(measure, internal)
    this = state.update if state.reported else None
    return MeasureView(
        id=measure.id, title=measure.title, field=measure.field,
        field_title=plan.masterplan.field_title(measure.field), scope=measure.scope,
        in_plan=figures.in_plan(state), restricted=hidden,
        status=state.status, status_prev=state.status_prev, rag=state.rag,
        rag_reason=None if hidden else state.rag_reason,
        progress=state.progress, progress_prev=state.progress_prev,
        progress_delta=state.progress_delta, in_average=figures.in_average(state),
        reported=state.reported, not_reported=state.missing_report,
        not_started=state.not_started, closed_before=state.closed_before,
        text=None if hidden or this is None else this.text,
        next=None if hidden else state.next_steps,
        start=measure.start.first_day if measure.start else None,
        planned_end=state.current_end.last_day if state.current_end else None,
        planned_end_before=state.end_prev.last_day if state.end_prev else None,
        replanned_in_half=state.replanned_in_half,
        replanned_since_adoption=state.replanned_since_adoption,
        milestones_reached=() if hidden else state.reached,
    )


def build_report_view(plan: Plan, half: Half, *, data_date: date,
                      internal: bool = False) -> ReportView:
    """The view of the committee report for `half`; `data_date` is the date of the data."""
    from dotool.render.trends import build_trends

    figures = plan_figures(plan, half)
    views = {s.id: measure_view(plan, figures, s, internal=internal) for s in figures.states}
    shown = [views[s.id] for s in figures.included]
    current = [v for v in shown if not v.closed_before]
    open_ids = {v.id for v in current if not v.restricted}
    hidden = {v.id for v in views.values() if v.restricted}
    fields = tuple(
        FieldProgress(field=ref, measures=tuple(v for v in current
                                                if v.in_plan and v.field == f.key),
                      count=len(f.measures), counted=len(f.counted), progress=f.progress)
        for ref, f in zip(fields_of(plan), figures.fields, strict=True)
    )
    money_states = [s for s in figures.included if s.id not in hidden]
    return ReportView(
        header=header_of(plan), half=half, previous=half.previous(), next=half.next(),
        period_start=half.start, period_end=half.end, data_date=data_date, internal=internal,
        paper=paper_of(plan.vorlage(half), plan.masterplan.committee),
        adoption=adoption_view(figures.adoption),
        total=figures.total, plan_count=figures.plan_count,
        further_count=figures.further_count,
        by_status=figures.by_status, by_rag=figures.by_rag,
        progress=figures.progress, counted=len(figures.counted),
        completed=tuple(views[s.id] for s in figures.completed),
        started=tuple(views[s.id] for s in figures.started),
        replanned=tuple(views[s.id] for s in figures.replanned),
        fields=fields,
        further=tuple(Group(scope, tuple(v for v in current
                                         if not v.in_plan and v.scope == scope))
                      for scope in KEYS["scope"]),
        deviations=tuple(views[s.id] for s in figures.deviations),
        overdue=tuple(m for m in figures.overdue if m.measure_id not in hidden),
        overdue_withheld=sum(1 for m in figures.overdue if m.measure_id in hidden),
        due_next=tuple(m for m in figures.due_next if m.measure_id not in hidden),
        due_next_withheld=sum(1 for m in figures.due_next if m.measure_id in hidden),
        ending_next=restricted_last(views[s.id] for s in figures.ends_next),
        starting_next=restricted_last(views[s.id] for s in figures.starts_next),
        next_steps=tuple(views[s.id] for s in figures.next_steps if s.id not in hidden),
        finances=finances(plan, money_states,
                          withheld=[s for s in figures.included if s.id in hidden]),
        kpis=kpi_figures(s for s in figures.included if s.id in open_ids),
        measures=tuple(current),
        closed_before=tuple(v for v in shown if v.closed_before),
        trends=build_trends(plan, figures, [s.measure for s in figures.included
                                         if s.id in open_ids]),
        rules=report_rules(),
    )
