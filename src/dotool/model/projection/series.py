"""Figures over time: progress per half (overall and per field) and each KPI's values per half.

Each point of a series is the figure as of that half, computed by the same projection as the
report of that half — a trend chart drawn from a series shows exactly what the reports said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.model.projection.measure import MeasureState
from dotool.model.projection.plan import PlanFigures, plan_figures


def reported_halves(plan: Plan, upto: Half | None = None) -> tuple[Half, ...]:
    """Every half from the first with an update up to `upto` (default: the latest reported),
    oldest first and without gaps (a half nobody reported in is still a half)."""
    halves = sorted({u.half for m in plan.measures for u in m.updates})
    last = upto or (halves[-1] if halves else None)
    if not halves or last is None or halves[0] > last:
        return ()
    out = [halves[0]]
    while out[-1] < last:
        out.append(out[-1].next())
    return tuple(out)


@dataclass(frozen=True)
class ProgressPoint:
    """Progress as of one half: overall, and per field of action (key → percent)."""

    half: Half
    progress: float | None
    counted: int  # measures in the average
    fields: tuple[tuple[str, float | None], ...]


def progress_series(plan: Plan, upto: Half | None = None, *, last: int | None = None,
                    known: PlanFigures | None = None) -> tuple[ProgressPoint, ...]:
    """Overall and per-field progress for every reported half up to `upto` (only the `last`
    ones when given: each half costs a projection of every measure). `known` are the figures
    of one of these halves already computed (`plan_figures(plan, known.half)`), used as they
    are."""
    halves = reported_halves(plan, upto)
    if last is not None:
        halves = halves[-last:] if last > 0 else ()
    return tuple(progress_point(half, known if known is not None and known.half == half
                                else plan_figures(plan, half)) for half in halves)


def progress_point(half: Half, figures: PlanFigures) -> ProgressPoint:
    """The point of a progress series for `half`, from its figures."""
    return ProgressPoint(half, figures.progress, len(figures.counted),
                         tuple((f.key, f.progress) for f in figures.fields))


@dataclass(frozen=True)
class KpiFigure:
    """One KPI of a measure as of a half, against its baseline and target."""

    measure_id: str
    measure_title: str
    key: str
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    value: float | None  # the latest value reported up to the half
    value_prev: float | None  # the same as of the half before

    @property
    def attainment(self) -> float | None:
        """How far the value has come from baseline to target, in percent (None if unknown)."""
        return attainment(self.value, self.baseline, self.target)


def attainment(value: float | None, baseline: float | None,
               target: float | None) -> float | None:
    """(value − baseline) / (target − baseline) × 100; None without all three or a zero span."""
    if value is None or baseline is None or target is None or target == baseline:
        return None
    return (value - baseline) / (target - baseline) * 100


def kpi_figures(states: Iterable[MeasureState]) -> tuple[KpiFigure, ...]:
    """Every KPI of the measures `states` with its value as of their half and the one before."""
    return tuple(
        KpiFigure(s.id, s.measure.title, k.key, k.name, k.unit, k.baseline, k.target,
                  s.kpis.get(k.key), s.kpis_prev.get(k.key))
        for s in states for k in s.measure.kpis
    )


@dataclass(frozen=True)
class KpiPoint:
    half: Half
    value: float | None  # the latest value reported up to the half
    reported: bool  # the update of this half gives a value


@dataclass(frozen=True)
class KpiSeries:
    measure_id: str
    key: str
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    points: tuple[KpiPoint, ...]


def kpi_series(plan: Plan, upto: Half | None = None,
               measures: Iterable[Measure] | None = None) -> tuple[KpiSeries, ...]:
    """Each KPI's value for every reported half up to `upto` (of `measures`, default all)."""
    halves = reported_halves(plan, upto)
    out = []
    for measure in plan.measures if measures is None else measures:
        for kpi in measure.kpis:
            given = {u.half: u.kpis[kpi.key] for u in measure.updates if kpi.key in u.kpis}
            points, value = [], None
            for half in halves:
                value = given.get(half, value)
                points.append(KpiPoint(half, value, half in given))
            out.append(KpiSeries(measure.id, kpi.key, kpi.name, kpi.unit, kpi.baseline,
                                 kpi.target, tuple(points)))
    return tuple(out)
