"""Trends of a report: progress and KPI values over the last halves up to the report's half.

The points are the projection's series (`dotool.model.projection.progress_series`,
`kpi_series`): each is the figure the report of that half gives, so a trend shows exactly what
the reports said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.model.projection import PlanFigures
from dotool.render.view_parts import FieldRef, fields_of

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


def build_trends(plan: Plan, figures: PlanFigures, shown: Iterable[Measure]) -> TrendView:
    """The trends of the report whose figures are `figures` (of its half) over up to `HALVES`
    halves ending with that half (none before the first half any measure reported); `shown`
    are the measures whose KPIs it shows."""
    from dotool.model.projection import kpi_series, progress_point, progress_series

    half = figures.half
    if half is None:
        raise ValueError("a report's trends need the figures of a half")
    points = progress_series(plan, half, last=HALVES, known=figures)
    if not points:  # nothing reported up to `half`: the half alone
        points = (progress_point(half, figures),)
    measures = list(shown)
    titles = {m.id: m.title for m in measures}
    count = len(points)
    return TrendView(
        halves=tuple(p.half for p in points),
        progress=tuple(p.progress for p in points),
        fields=tuple(FieldTrend(f, tuple(dict(p.fields)[f.key] for p in points))
                     for f in fields_of(plan)),
        kpis=tuple(KpiTrend(k.measure_id, titles[k.measure_id], k.name, k.unit, k.baseline,
                            k.target, tuple(pt.value for pt in k.points[-count:])
                            if k.points else (None,) * count)
                   for k in kpi_series(plan, half, measures)),
    )
