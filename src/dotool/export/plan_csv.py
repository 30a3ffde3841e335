"""The plan as tables for open-data portals and spreadsheets: measures, updates, KPI values.

`plan_tables` gives each table as typed values (numbers, dates, halves, texts); `export_tables`
writes them as CSV files in dotool's dialect (`dotool.csv_dialect`, docs/open-data.md) and
`dotool.export.plan_xlsx` as the sheets of one XLSX workbook. The column names are the keys of the
JSON export, so every format reads the same way; `kpis` has one row per KPI value reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from dotool.csv_dialect import csv_bytes
from dotool.export.plan_json import prepare
from dotool.model.export import Derived, derive
from dotool.model.measure import Measure, Update
from dotool.model.plan import Plan


def _budget(m: Measure, name: str) -> Any:
    return getattr(m.budget, name) if m.budget else None


def _funding(m: Measure, name: str) -> Any:
    funding = m.budget.funding if m.budget else None
    return getattr(funding, name) if funding else None


MeasureColumn = tuple[str, Callable[[Plan, Measure], Any]]
MEASURE_COLUMNS: tuple[MeasureColumn, ...] = (
    ("id", lambda p, m: m.id),
    ("title", lambda p, m: m.title),
    ("ref", lambda p, m: m.ref),
    ("field", lambda p, m: m.field),
    ("field_title", lambda p, m: p.masterplan.field_title(m.field)),
    ("goals", lambda p, m: m.goals),
    ("scope", lambda p, m: m.scope),
    ("kind", lambda p, m: m.kind),
    ("lead", lambda p, m: m.lead),
    ("participants", lambda p, m: m.participants),
    ("priority", lambda p, m: m.priority),
    ("start", lambda p, m: m.start),
    ("end", lambda p, m: m.end),
    ("budget_one_off", lambda p, m: _budget(m, "one_off")),
    ("budget_annual", lambda p, m: _budget(m, "annual")),
    ("budget_line", lambda p, m: _budget(m, "budget_line")),
    ("funding_programme", lambda p, m: _funding(m, "programme")),
    ("funding_share", lambda p, m: _funding(m, "share")),
    ("funding_status", lambda p, m: _funding(m, "status")),
    ("ozg_services", lambda p, m: m.ozg.services if m.ozg else None),
    ("depends_on", lambda p, m: m.depends_on),
    ("public", lambda p, m: m.public),
    ("summary", lambda p, m: m.summary),
    ("objective", lambda p, m: m.objective),
)
DerivedColumn = tuple[str, Callable[[Derived], Any]]
#: Derived columns, from `dotool.model.export.derive` (the same values as the JSON; the
#: money as of the latest half is `derived.money`, flattened as `money_*`).
DERIVED_COLUMNS: tuple[DerivedColumn, ...] = (
    *((name, attrgetter(name)) for name in (
        "plan", "adopted_in", "half", "status", "rag", "progress", "counts_in_progress",
        "spent", "planned_end", "replanned_in_half", "replanned_since_adoption",
        "milestones_overdue")),
    ("money_one_off", lambda d: d.money.one_off),
    ("money_annual", lambda d: d.money.annual),
    ("money_funding_status", lambda d: d.money.funding_status),
)

UpdateColumn = tuple[str, Callable[[Update], Any]]
UPDATE_COLUMNS: tuple[UpdateColumn, ...] = (
    ("half", lambda u: u.half),
    ("status", lambda u: u.status),
    ("rag", lambda u: u.rag),
    ("rag_reason", lambda u: u.rag_reason),
    ("progress", lambda u: u.progress),
    ("spent", lambda u: u.spent),
    ("replanned_end", lambda u: u.replanned_end),
    ("funding_status", lambda u: u.funding_status),
    ("budget_one_off", lambda u: u.budget.one_off if u.budget else None),
    ("budget_annual", lambda u: u.budget.annual if u.budget else None),
    ("budget_note", lambda u: u.budget.note if u.budget else None),
    ("text", lambda u: u.text),
    ("next", lambda u: u.next),
)


#: The columns of `kpis`: one row per value a measure's update reports for one of its KPIs.
KPI_COLUMNS = ("measure_id", "kpi", "kpi_name", "half", "value", "unit", "baseline", "target")


@dataclass(frozen=True)
class Table:
    """One table: its column names and rows of typed values (None: empty)."""

    name: str  # measures, updates, kpis
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def plan_tables(plan: Plan, *, public: bool) -> tuple[Table, ...]:
    """The tables `measures`, `updates` and `kpis` of the plan (never a `contact`; with
    `public`, public measures only), measures in id order, updates oldest first."""
    from dotool.model.projection import current_figures

    shown = prepare(plan, public=public)
    figures = current_figures(shown)
    measures = sorted(shown.measures, key=lambda m: m.id)
    measure_rows = []
    for m in measures:
        derived = derive(figures, shown, m)
        measure_rows.append((*(get(shown, m) for _, get in MEASURE_COLUMNS),
                             *(get(derived) for _, get in DERIVED_COLUMNS)))
    update_rows = tuple((m.id, *(get(u) for _, get in UPDATE_COLUMNS))
                        for m in measures for u in m.updates)
    kpi_rows = tuple((m.id, k.key, k.name, u.half, u.kpis[k.key], k.unit, k.baseline, k.target)
                     for m in measures for u in m.updates for k in m.kpis if k.key in u.kpis)
    return (
        Table("measures", tuple(n for n, _ in (*MEASURE_COLUMNS, *DERIVED_COLUMNS)),
              tuple(measure_rows)),
        Table("updates", ("measure_id", *(n for n, _ in UPDATE_COLUMNS)), update_rows),
        Table("kpis", KPI_COLUMNS, kpi_rows),
    )


def export_tables(plan: Plan, *, public: bool) -> dict[str, bytes]:
    """`measures.csv`, `updates.csv` and `kpis.csv` as bytes, in dotool's CSV dialect."""
    return {f"{t.name}.csv": csv_bytes(t.columns, t.rows)
            for t in plan_tables(plan, public=public)}
