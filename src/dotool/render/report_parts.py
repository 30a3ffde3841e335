"""Milestones, finances and KPIs of a half, as plain data for the report view."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from dotool.model.dates import Half
from dotool.model.measure import Measure, Milestone
from dotool.model.plan import Plan
from dotool.model.vocab import KEYS
from dotool.model.vorlage import Vorlage
from dotool.render.common import field_title


@dataclass(frozen=True)
class PaperView:
    """The council paper the report is (`masterplan/reports/<half>.yaml`, with defaults)."""

    given: bool  # the file exists
    number: str | None  # Vorlagen-Nr.
    session: date | None
    body: str  # the body the report goes to (default: the plan's committee)
    beratungsfolge: tuple[str, ...]
    proposal: str | None  # Markdown; None: the body takes note (the templates word it)
    introduction: str | None
    conclusion: str | None
    financial_effects: str | None
    signature: str | None


def paper_of(vorlage: Vorlage | None, committee: str) -> PaperView:
    """The paper of a half's report; without a file, one that goes to the committee."""
    v = vorlage or Vorlage()
    return PaperView(vorlage is not None, v.vorlage, v.session, v.body or committee,
                     tuple(v.beratungsfolge), v.proposal, v.introduction, v.conclusion,
                     v.financial_effects, v.signature)


@dataclass(frozen=True)
class MilestoneRow:
    measure_id: str
    measure_title: str
    title: str
    due: date
    done: date | None


@dataclass(frozen=True)
class FieldMoney:
    key: str
    title: str
    one_off: float  # planned one-off cost (Ansatz)
    annual: float  # planned running cost per year
    spent: float  # cumulative spend at the end of the half


@dataclass(frozen=True)
class FundingRow:
    measure_id: str
    measure_title: str
    programme: str
    status: str
    share: float | None
    amount: float | None  # one-off cost × share, when both are known


@dataclass(frozen=True)
class FundingTotal:
    status: str
    count: int
    amount: float


@dataclass(frozen=True)
class FinanceView:
    fields: tuple[FieldMoney, ...]
    total: FieldMoney
    funding: tuple[FundingRow, ...]
    funding_by_status: tuple[FundingTotal, ...]
    withheld: int = 0  # non-public measures with a budget, left out of every figure here


@dataclass(frozen=True)
class KpiRow:
    measure_id: str
    measure_title: str
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    value: float | None  # at the end of the half
    value_prev: float | None  # at the end of the half before


def milestone_rows(measure: Measure,
                   keep: Callable[[Milestone], bool]) -> tuple[MilestoneRow, ...]:
    """The milestones of `measure` that `keep` selects, by due date."""
    return tuple(
        MilestoneRow(measure.id, measure.title, m.title, m.due, m.done)
        for m in sorted(measure.milestones, key=lambda m: m.due) if keep(m)
    )


def finances_of(plan: Plan, measures: Iterable[Measure], half: Half | None,
                withheld: Iterable[Measure] = ()) -> FinanceView:
    """Planned one-off and annual cost against cumulative spend per field; funding by status.

    With `half` None (the masterplan document) spend is left at 0. `withheld` are the
    non-public measures left out: the view counts those with a budget, so the document can say
    that its totals do not include them (a clerk comparing with the budget must know).
    """
    chosen = list(measures)
    rows = []
    for f in plan.masterplan.fields:
        mine = [m for m in chosen if m.field == f.key]
        rows.append(_money(f.key, field_title(plan, f.key), mine, half))
    total = _money("", "", chosen, half)
    funding = tuple(
        FundingRow(m.id, m.title, m.budget.funding.programme, m.budget.funding.status,
                   m.budget.funding.share,
                   m.budget.one_off * m.budget.funding.share
                   if m.budget.one_off is not None and m.budget.funding.share is not None
                   else None)
        for m in chosen if m.budget and m.budget.funding
    )
    by_status = tuple(
        FundingTotal(status, len(hits), sum(r.amount or 0.0 for r in hits))
        for status in KEYS["funding_status"]
        if (hits := [r for r in funding if r.status == status])
    )
    return FinanceView(tuple(r for r in rows if r.one_off or r.annual or r.spent), total,
                       funding, by_status, sum(1 for m in withheld if m.budget))


def _money(key: str, title: str, measures: list[Measure], half: Half | None) -> FieldMoney:
    one_off = sum((m.budget.one_off or 0.0) for m in measures if m.budget)
    annual = sum((m.budget.annual or 0.0) for m in measures if m.budget)
    spent = sum((m.spent_as_of(half) or 0.0) for m in measures) if half else 0.0
    return FieldMoney(key, title, float(one_off), float(annual), float(spent))


def kpis_of(measures: Iterable[Measure], half: Half) -> tuple[KpiRow, ...]:
    """Every KPI of the measures with its value at the end of `half` and the half before."""
    return tuple(
        KpiRow(m.id, m.title, k.name, k.unit, k.baseline, k.target,
               m.kpi_value_as_of(k.key, half), m.kpi_value_as_of(k.key, half.previous()))
        for m in measures for k in m.kpis
    )
