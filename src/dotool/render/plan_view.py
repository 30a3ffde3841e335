"""The view of the masterplan document: goals, fields, profile sheets, money.

The plan is shown as it stands: each measure's status, planned end, costs and funding as of the
plan's latest reported half, from the projection (`dotool.model.projection`) like every other
output. A non-public measure appears by id and title only unless the document is internal;
`contact` is never copied into the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dotool.model.adoption import Adoption
from dotool.model.dates import Half
from dotool.model.plan import Plan
from dotool.model.projection import (
    Finances,
    MeasureState,
    MilestoneRef,
    current_figures,
    finances,
    milestones,
)
from dotool.model.vocab import KEYS
from dotool.render.view_parts import (
    AdoptionView,
    FieldRef,
    PlanHeader,
    adoption_view,
    field_title,
    fields_of,
    header_of,
    restricted,
)


@dataclass(frozen=True)
class GoalView:
    key: str
    title: str
    description: str | None


@dataclass(frozen=True)
class KpiSpec:
    name: str
    unit: str | None
    baseline: float | None
    target: float | None


@dataclass(frozen=True)
class BudgetView:
    one_off: float | None
    annual: float | None
    budget_line: str | None
    note: str | None
    programme: str | None
    share: float | None
    funding_status: str | None


@dataclass(frozen=True)
class Dependency:
    id: str
    title: str


@dataclass(frozen=True)
class Profile:
    """A Maßnahmensteckbrief."""

    id: str
    title: str
    restricted: bool
    ref: str | None
    field: str
    field_title: str
    scope: str
    kind: str
    lead: str
    participants: tuple[str, ...]
    priority: str | None
    start: date | None
    end: date | None  # the end the plan gives (planned at first)
    planned_end: date | None  # the end planned as of the latest half (re-planned, else `end`)
    replanned: bool  # re-planned since adoption: `planned_end` differs from `end`
    goals: tuple[str, ...]
    budget: BudgetView | None  # as of the latest half
    kpis: tuple[KpiSpec, ...]
    milestones: tuple[MilestoneRef, ...]
    depends_on: tuple[Dependency, ...]
    ozg_services: tuple[str, ...]
    ozg_maturity: int | None
    summary: str
    objective: str | None
    status: str  # as of the latest half


@dataclass(frozen=True)
class FieldSection:
    field: FieldRef
    measures: tuple[Profile, ...]


@dataclass(frozen=True)
class PlanView:
    """Everything the masterplan document shows."""

    header: PlanHeader
    data_date: date
    internal: bool
    adoption: AdoptionView | None  # set when rendered at an adoption
    as_of: Half | None  # the half the states, ends and money are as of (None: no report yet)
    goals: tuple[GoalView, ...]
    fields: tuple[FieldSection, ...]
    finances: Finances
    measures: tuple[Profile, ...]
    statuses: tuple[str, ...]
    rags: tuple[str, ...]


def profile(plan: Plan, state: MeasureState, *, internal: bool) -> Profile:
    """The profile sheet of one measure, as of the state's half."""
    measure, money = state.measure, state.money
    goal_titles = tuple(g.title for key in measure.goals if (g := plan.masterplan.goal(key)))
    deps = tuple(Dependency(d, dep.title if (dep := plan.measure(d)) else d)
                 for d in measure.depends_on)
    shows_money = measure.budget is not None or money.planned or money.note is not None
    return Profile(
        id=measure.id, title=measure.title, restricted=restricted(measure, internal),
        ref=measure.ref, field=measure.field, field_title=field_title(plan, measure.field),
        scope=measure.scope, kind=measure.kind, lead=measure.lead,
        participants=tuple(measure.participants), priority=measure.priority,
        start=measure.start.first_day if measure.start else None,
        end=measure.end.last_day if measure.end else None,
        planned_end=state.current_end.last_day if state.current_end else None,
        replanned=state.replanned_since_adoption,
        goals=goal_titles,
        budget=BudgetView(money.one_off, money.annual, money.budget_line, money.note,
                          money.programme, money.share, money.funding_status)
        if shows_money else None,
        kpis=tuple(KpiSpec(k.name, k.unit, k.baseline, k.target) for k in measure.kpis),
        milestones=milestones(measure),
        depends_on=deps,
        ozg_services=tuple(measure.ozg.services) if measure.ozg else (),
        ozg_maturity=measure.ozg.maturity_target if measure.ozg else None,
        summary=measure.summary, objective=measure.objective,
        status=state.status,
    )


def build_plan_view(plan: Plan, *, data_date: date, internal: bool = False,
                    adoption: Adoption | None = None) -> PlanView:
    """The view of the masterplan document; `adoption` when rendered at an adopted version."""
    figures = current_figures(plan)
    profiles = [profile(plan, s, internal=internal) for s in figures.states]
    states = list(zip(figures.states, profiles, strict=True))
    return PlanView(
        header=header_of(plan), data_date=data_date, internal=internal,
        adoption=adoption_view(adoption), as_of=figures.half,
        goals=tuple(GoalView(g.key, g.title, g.description) for g in plan.masterplan.goals),
        fields=tuple(FieldSection(f, tuple(p for p in profiles if p.field == f.key))
                     for f in fields_of(plan)),
        finances=finances(plan, [s for s, p in states if not p.restricted], spent=False,
                          withheld=[s for s, p in states if p.restricted]),
        measures=tuple(profiles),
        statuses=KEYS["status"], rags=KEYS["rag"],
    )
