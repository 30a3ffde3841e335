"""The site's figures over time: a measure's history, each field's progress, each KPI's values.

Every value is the projection's (`dotool.model.projection`): a measure's row for a half is its
`measure_state` as of that half, a field's point is `progress_series`, a KPI's point is
`kpi_series` — the figures the report of that half shows. Each series is also a CSV file in
dotool's dialect (`dotool.csv_dialect`, docs/open-data.md) for download.
"""

from __future__ import annotations

from dataclasses import dataclass

from dotool.csv_dialect import csv_bytes
from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.model.projection import (
    KpiPoint,
    KpiSeries,
    MeasureState,
    attainment,
    measure_state,
)


@dataclass(frozen=True)
class KpiNow:
    """A KPI of a measure with its value as of the site's half."""

    key: str
    name: str
    unit: str | None
    baseline: float | None
    target: float | None
    value: float | None
    attainment: float | None  # percent of the way from baseline to target
    url: str  # its page


@dataclass(frozen=True)
class HistoryRow:
    """A measure as of one half (the projection's state)."""

    half: Half
    reported: bool  # the measure has an update for exactly this half
    status: str
    rag: str | None
    progress: int | None
    spent: float | None
    kpis: tuple[float | None, ...]  # per KPI of the measure, in its order


@dataclass(frozen=True)
class KpiPage:
    """One KPI over the halves, for its own page."""

    measure_id: str
    measure_title: str
    series: KpiSeries
    url: str
    csv: str

    @property
    def points(self) -> tuple[KpiPoint, ...]:
        """The KPI's points from the first half with a value on (none before it began), in
        the halves the site has report pages for."""
        from dotool.render.site_view import MAX_REPORT_PAGES

        points = self.series.points[-MAX_REPORT_PAGES:]
        first = next((i for i, p in enumerate(points) if p.value is not None), len(points))
        return points[first:]

    @property
    def latest(self) -> float | None:
        return self.series.points[-1].value if self.series.points else None

    @property
    def attainment(self) -> float | None:
        return attainment(self.latest, self.series.baseline, self.series.target)


HISTORY_COLUMNS = ("measure_id", "half", "reported", "status", "rag", "progress", "spent")
KPI_COLUMNS = ("measure_id", "kpi", "half", "value", "reported", "unit", "baseline", "target")
FIELD_COLUMNS = ("field", "half", "progress")


def is_series_csv(data: bytes) -> bool:
    """Whether `data` is one of these CSV files (by its header), so a later run of `dotool
    site` may remove it when its measure, field or KPI is gone."""
    from dotool.csv_dialect import BOM, DELIMITER

    heads = [BOM + DELIMITER.join(c) for c in (HISTORY_COLUMNS, KPI_COLUMNS, FIELD_COLUMNS)]
    return data.startswith(tuple(h.encode("utf-8") for h in heads))


def kpi_url(measure_id: str, key: str) -> str:
    return f"kpis/{measure_id}-{key}.html"


def kpis_now(state: MeasureState) -> tuple[KpiNow, ...]:
    """Each KPI of the measure with its value as of the state's half."""
    values = state.kpis
    return tuple(KpiNow(k.key, k.name, k.unit, k.baseline, k.target, values.get(k.key),
                        attainment(values.get(k.key), k.baseline, k.target),
                        kpi_url(state.id, k.key))
                 for k in state.measure.kpis)


def measure_history(measure: Measure, halves: tuple[Half, ...]) -> tuple[HistoryRow, ...]:
    """The measure as of every half of `halves` (oldest first) from its first update on."""
    if not measure.updates:
        return ()
    first = measure.updates[0].half
    rows = []
    for half in halves:
        if half < first:
            continue
        state = measure_state(measure, half)
        values = state.kpis
        rows.append(HistoryRow(half, state.update is not None and state.update.half == half,
                               state.status, state.rag, state.progress, state.spent,
                               tuple(values.get(k.key) for k in measure.kpis)))
    return tuple(rows)


def history_csv(measure_id: str, kpis: tuple[KpiNow, ...], rows: tuple[HistoryRow, ...]) -> bytes:
    """A measure's history as CSV: one row a half, a column per KPI (`kpi_<key>`)."""
    return csv_bytes(
        [*HISTORY_COLUMNS, *(f"kpi_{k.key}" for k in kpis)],
        ([measure_id, r.half, r.reported, r.status, r.rag, r.progress, r.spent, *r.kpis]
         for r in rows))


def kpi_pages(plan: Plan, series: tuple[KpiSeries, ...]) -> tuple[KpiPage, ...]:
    """A page for each KPI of every measure, with its CSV's name."""
    titles = {m.id: m.title for m in plan.measures}
    return tuple(KpiPage(s.measure_id, titles[s.measure_id], s, kpi_url(s.measure_id, s.key),
                         f"kpis/{s.measure_id}-{s.key}.csv") for s in series)


def kpi_csv(page: KpiPage) -> bytes:
    """A KPI's values per half as CSV (`reported`: the update of that half gave the value)."""
    s = page.series
    return csv_bytes(KPI_COLUMNS,
                     ([s.measure_id, s.key, p.half, p.value, p.reported, s.unit, s.baseline,
                       s.target] for p in page.points))


def field_csv(key: str, halves: tuple[Half, ...], values: tuple[float | None, ...]) -> bytes:
    """A field's progress per half as CSV."""
    return csv_bytes(FIELD_COLUMNS,
                     ([key, h, None if v is None else round(v, 1)]
                      for h, v in zip(halves, values, strict=True)))
