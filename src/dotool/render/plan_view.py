"""The view of the masterplan document (SPEC §5): goals, fields, profile sheets, money.

A non-public measure appears by id and title only unless the document is internal; `contact`
is never copied into the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dotool.model.adoption import Adoption
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.model.vocab import KEYS
from dotool.render.common import (
    AdoptionView,
    FieldRef,
    PlanHeader,
    adoption_view,
    field_title,
    fields_of,
    header_of,
    restricted,
)
from dotool.render.report_parts import FinanceView, MilestoneRow, finances_of, milestone_rows


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
    end: date | None  # the end planned at first
    planned_end: date | None  # the end planned now (a re-planned end, else `end`)
    goals: tuple[str, ...]
    budget: BudgetView | None
    kpis: tuple[KpiSpec, ...]
    milestones: tuple[MilestoneRow, ...]
    depends_on: tuple[Dependency, ...]
    ozg_services: tuple[str, ...]
    ozg_maturity: int | None
    summary: str
    objective: str | None
    status: str  # current status (latest update)


@dataclass(frozen=True)
class FieldSection:
    field: FieldRef
    measures: tuple[Profile, ...]


@dataclass(frozen=True)
class PlanView:
    """Everything the masterplan document shows."""

    header: PlanHeader
    stand: date
    internal: bool
    adoption: AdoptionView | None  # set when rendered at an adoption
    goals: tuple[GoalView, ...]
    fields: tuple[FieldSection, ...]
    finances: FinanceView
    measures: tuple[Profile, ...]
    statuses: tuple[str, ...]
    rags: tuple[str, ...]


def profile(plan: Plan, measure: Measure, *, internal: bool) -> Profile:
    """The profile sheet of one measure."""
    budget = measure.budget
    funding = budget.funding if budget else None
    goal_titles = tuple(g.title for key in measure.goals if (g := plan.masterplan.goal(key)))
    deps = tuple(Dependency(d, dep.title if (dep := plan.measure(d)) else d)
                 for d in measure.depends_on)
    return Profile(
        id=measure.id, title=measure.title, restricted=restricted(measure, internal),
        ref=measure.ref, field=measure.field, field_title=field_title(plan, measure.field),
        scope=measure.scope, kind=measure.kind, lead=measure.lead,
        participants=tuple(measure.participants), priority=measure.priority,
        start=measure.start.first_day if measure.start else None,
        end=measure.end.last_day if measure.end else None,
        planned_end=planned.last_day if (planned := measure.planned_end(None)) else None,
        goals=goal_titles,
        budget=BudgetView(budget.one_off, budget.annual, budget.budget_line, budget.note,
                          funding.programme if funding else None,
                          funding.share if funding else None,
                          funding.status if funding else None) if budget else None,
        kpis=tuple(KpiSpec(k.name, k.unit, k.baseline, k.target) for k in measure.kpis),
        milestones=milestone_rows(measure, lambda _m: True),
        depends_on=deps,
        ozg_services=tuple(measure.ozg.services) if measure.ozg else (),
        ozg_maturity=measure.ozg.maturity_target if measure.ozg else None,
        summary=measure.summary, objective=measure.objective,
        status=measure.status_as_of(None),
    )


def build_plan_view(plan: Plan, *, stand: date, internal: bool = False,
                    adoption: Adoption | None = None) -> PlanView:
    """The view of the masterplan document; `adoption` when rendered at an adopted version."""
    profiles = [profile(plan, m, internal=internal) for m in plan.measures]
    return PlanView(
        header=header_of(plan), stand=stand, internal=internal,
        adoption=adoption_view(adoption),
        goals=tuple(GoalView(g.key, g.title, g.description) for g in plan.masterplan.goals),
        fields=tuple(FieldSection(f, tuple(p for p in profiles if p.field == f.key))
                     for f in fields_of(plan)),
        finances=finances_of(plan, [m for m, p in zip(plan.measures, profiles, strict=True)
                                    if not p.restricted], None,
                             withheld=[m for m, p in zip(plan.measures, profiles, strict=True)
                                       if p.restricted]),
        measures=tuple(profiles),
        statuses=KEYS["status"], rags=KEYS["rag"],
    )
