"""Money as of a half: planned costs against spend per field of action, funding by status.

Every amount comes from `MeasureState.money` (the Ansatz and funding as of the half) and
`MeasureState.spent` (the latest cumulative spend reported up to the half), so a report for a
past half shows the money as it stood then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dotool.model.plan import Plan
from dotool.model.projection.budget import total
from dotool.model.projection.measure import MeasureState
from dotool.model.vocab import KEYS


@dataclass(frozen=True)
class FieldMoney:
    key: str
    title: str
    one_off: float  # planned one-off cost (Ansatz) as of the half
    annual: float  # planned running cost per year as of the half
    spent: float  # cumulative spend at the end of the half


@dataclass(frozen=True)
class FundingRow:
    measure_id: str
    measure_title: str
    programme: str
    status: str  # as of the half
    share: float | None
    amount: float | None  # one-off cost × share, when both are known


@dataclass(frozen=True)
class FundingTotal:
    status: str
    count: int
    amount: float


@dataclass(frozen=True)
class Finances:
    fields: tuple[FieldMoney, ...]  # fields with any money, in the plan's order
    total: FieldMoney
    funding: tuple[FundingRow, ...]
    funding_by_status: tuple[FundingTotal, ...]
    withheld: int = 0  # non-public measures with a budget, left out of every figure here


def finances(plan: Plan, states: Iterable[MeasureState], *, spent: bool = True,
             withheld: Iterable[MeasureState] = ()) -> Finances:
    """Money of `states` by field of action; `spent=False` leaves spend at 0 (the masterplan).

    `withheld` are the non-public measures a public document leaves out: the figure counts
    those with a budget, so the document can say its totals do not include them.
    """
    chosen = list(states)
    rows = [_money(f.key, plan.masterplan.field_title(f.key),
                   [s for s in chosen if s.measure.field == f.key], spent)
            for f in plan.masterplan.fields]
    funding = tuple(
        FundingRow(s.id, s.measure.title, s.money.programme, s.money.funding_status or "",
                   s.money.share, s.money.funded)
        for s in chosen if s.money.programme is not None
    )
    by_status = tuple(
        FundingTotal(status, len(hits), total(r.amount for r in hits))
        for status in KEYS["funding_status"]
        if (hits := [r for r in funding if r.status == status])
    )
    return Finances(tuple(r for r in rows if r.one_off or r.annual or r.spent),
                    _money("", "", chosen, spent), funding, by_status,
                    sum(1 for s in withheld if s.measure.budget or s.money.planned))


def _money(key: str, title: str, states: list[MeasureState], spent: bool) -> FieldMoney:
    return FieldMoney(key, title,
                      total(s.money.one_off for s in states),
                      total(s.money.annual for s in states),
                      total(s.spent for s in states) if spent else 0.0)
