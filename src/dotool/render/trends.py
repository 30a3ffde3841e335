"""Trends of a report: progress and KPI values over the last halves up to the report's half.

Each point is the figure the report of that half gives (`report_view.progress_of` for
progress, the latest value reported up to the half for a KPI), so a trend shows exactly what
the reports said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.render.common import FieldRef, fields_of

#: How many halves a trend shows (three years), and how many of them the KPI table shows.
HALVES = 6
TABLE_HALVES = 4


@dataclass(frozen=True)
class FieldTrend:
    field: FieldRef
    values: tuple[float | None, ...]  # progress per half of `TrendView.halves`


@dataclass(frozen=True)
class KpiTrend:
    measure_id: str
    measure_title: str
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    values: tuple[float | None, ...]  # per half of `TrendView.halves`


@dataclass(frozen=True)
class TrendView:
    """Progress (overall, per field) and every KPI shown in the report, per half."""

    halves: tuple[Half, ...]  # oldest first, ending with the report's half
    progress: tuple[float | None, ...]
    fields: tuple[FieldTrend, ...]
    kpis: tuple[KpiTrend, ...]

    @property
    def table_halves(self) -> tuple[Half, ...]:
        """The halves the KPI table has a column for (the latest ones)."""
        return self.halves[-TABLE_HALVES:]

    @property
    def kpi_rows(self) -> tuple[tuple[KpiTrend, tuple[float | None, ...]], ...]:
        """Each KPI with its values in the halves of the table."""
        return tuple((k, k.values[-TABLE_HALVES:]) for k in self.kpis)


def trend_halves(plan: Plan, half: Half, count: int = HALVES) -> tuple[Half, ...]:
    """Up to `count` halves ending with `half`, none before the first half any measure
    reported (or `half` alone when nothing was reported before it)."""
    first = min((u.half for m in plan.measures for u in m.updates), default=half)
    out = [half]
    while len(out) < count and out[0].previous() >= first:
        out.insert(0, out[0].previous())
    return tuple(out)


def build_trends(plan: Plan, half: Half, shown: Iterable[Measure]) -> TrendView:
    """The trends of the report of `half`; `shown` are the measures whose KPIs it shows."""
    from dotool.render.report_view import progress_of

    halves = trend_halves(plan, half)
    figures = [progress_of(plan, h) for h in halves]
    return TrendView(
        halves=halves,
        progress=tuple(overall for overall, _ in figures),
        fields=tuple(FieldTrend(f, tuple(per_field[f.key] for _, per_field in figures))
                     for f in fields_of(plan)),
        kpis=tuple(KpiTrend(m.id, m.title, k.name, k.unit, k.baseline, k.target,
                            tuple(m.kpi_value_as_of(k.key, h) for h in halves))
                   for m in shown for k in m.kpis),
    )
