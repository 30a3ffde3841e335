"""The plan as two CSV tables for open-data portals: `measures.csv` and `updates.csv`.

UTF-8 without a byte-order mark, a header row, RFC 4180 quoting and line ends; lists are joined
with "; "; numbers are written without a trailing ".0"; empty cells for missing values; a text
starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so that no
spreadsheet runs it as a formula (OWASP's advice on CSV injection). The
column names are the keys of the JSON export, so both formats read the same way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any

from dotool.export.document import prepare
from dotool.model.export import Derived, derive
from dotool.model.measure import Measure, Update
from dotool.model.plan import Plan
from dotool.text import cell_text


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    # Text never runs as a formula when the file is opened in a spreadsheet (OWASP).
    return cell_text(value) if isinstance(value, str) else str(value)


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
    ("kpis", lambda u: [f"{k}={_cell(v)}" for k, v in sorted(u.kpis.items())]),
    ("text", lambda u: u.text),
    ("next", lambda u: u.next),
)


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def export_tables(plan: Plan, *, public: bool) -> dict[str, bytes]:
    """`measures.csv` (one row a measure) and `updates.csv` (one row an update) as bytes."""
    from dotool.model.projection import current_figures

    shown = prepare(plan, public=public)
    figures = current_figures(shown)
    measures = sorted(shown.measures, key=lambda m: m.id)
    measure_rows = []
    for m in measures:
        derived = derive(figures, shown, m)
        measure_rows.append([*(get(shown, m) for _, get in MEASURE_COLUMNS),
                             *(get(derived) for _, get in DERIVED_COLUMNS)])
    update_rows = [[m.id, *(get(u) for _, get in UPDATE_COLUMNS)]
                   for m in measures for u in m.updates]
    return {
        "measures.csv": _csv([n for n, _ in (*MEASURE_COLUMNS, *DERIVED_COLUMNS)],
                             measure_rows),
        "updates.csv": _csv(["measure_id", *(n for n, _ in UPDATE_COLUMNS)], update_rows),
    }
