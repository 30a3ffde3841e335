"""Planned costs and funding of a measure as of a half: money has a history too.

The measure file's `budget` is the state at planning; each update may revise the one-off and
annual cost, the note and the funding status, and as of a half each takes the latest value an
update up to that half gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from dotool.model.dates import Half
from dotool.model.measure import Measure, Update


@dataclass(frozen=True)
class Money:
    """Planned costs and funding as of a half: the file's `budget` (the state at planning),
    each value replaced by the latest one an update up to the half gives."""

    one_off: float | None
    annual: float | None
    note: str | None
    budget_line: str | None
    programme: str | None
    share: float | None
    funding_status: str | None

    @property
    def planned(self) -> bool:
        """Whether any cost is planned (a one-off or an annual amount above zero)."""
        return bool(self.one_off or self.annual)

    @property
    def funded(self) -> float | None:
        """The funding's amount: one-off cost × share, when both are known, to the cent."""
        if self.one_off is None or self.share is None:
            return None
        return to_cents(exact(self.one_off) * exact(self.share))

    def ceiling(self, years: float) -> float:
        """The most that may have been spent after `years`: one-off plus annual × years."""
        return float(exact(self.one_off or 0) + exact(self.annual or 0) * exact(years))


def exact(value: float) -> Decimal:
    """An amount or share as written in the file: 0.7 is seven tenths, not the binary fraction
    nearest to it, whose product with 174000 is 121799.99999999999 (printed with cents)."""
    return Decimal(repr(value))


def to_cents(value: Decimal) -> float:
    """An amount rounded to the cent, half away from zero as a cashier would."""
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def total(amounts: Iterable[float | None]) -> float:
    """The sum of amounts computed exactly: the total a table prints under its rows is the sum
    of the rows it prints (no 0.30000000000000004 from 0.1 + 0.2)."""
    return float(sum((exact(a) for a in amounts if a), Decimal(0)))


def money_of(measure: Measure, upto: Iterable[Update]) -> Money:
    """The planned costs and funding after the updates `upto` (oldest first)."""
    budget = measure.budget
    funding = budget.funding if budget else None
    one_off = budget.one_off if budget else None
    annual = budget.annual if budget else None
    note = budget.note if budget else None
    status = funding.status if funding else None
    for update in upto:
        if update.budget is not None:
            one_off = update.budget.one_off if update.budget.one_off is not None else one_off
            annual = update.budget.annual if update.budget.annual is not None else annual
            note = update.budget.note if update.budget.note is not None else note
        if update.funding_status is not None and funding is not None:
            status = update.funding_status
    return Money(one_off, annual, note, budget.budget_line if budget else None,
                 funding.programme if funding else None, funding.share if funding else None,
                 status)


def spent_of(measure: Measure, half: Half | None
             ) -> tuple[float | None, int | None, tuple[tuple[int, float, float], ...]]:
    """The latest cumulative spend up to `half`, its update, and every drop on the way."""
    spent: float | None = None
    at: int | None = None
    drops = []
    for index, update in enumerate(measure.updates):
        if (half is None or update.half <= half) and update.spent is not None:
            if spent is not None and update.spent < spent:
                drops.append((index, spent, update.spent))
            spent, at = update.spent, index
    return spent, at, tuple(drops)
