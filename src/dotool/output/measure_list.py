"""Measures as rows for `dotool list` and `dotool show`: table, JSON or CSV."""

from __future__ import annotations

import sys
from dataclasses import asdict, astuple, dataclass
from typing import TYPE_CHECKING, TextIO

from dotool.model.vocab import label
from dotool.output.styled import markup
from dotool.palette import TERMINAL_RAG
from dotool.text import dumps, shown

if TYPE_CHECKING:  # RAG_STYLE is shared with `history`, which imports no model
    from rich.console import Console

    from dotool.model.dates import Half
    from dotool.model.plan import Plan
    from dotool.model.projection import MeasureState, PlanFigures

#: The Ampel in the terminal (rich style names), kept under this name for `show` and `history`.
RAG_STYLE = TERMINAL_RAG


@dataclass(frozen=True)
class Row:
    """One measure as of a half (the projection's state, docs/figures.md)."""

    id: str
    title: str
    field: str
    scope: str
    kind: str
    status: str
    rag: str | None
    progress: int | None
    half: str | None  # the half of the update the state comes from
    lead: str
    public: bool
    plan: str  # masterplan or further (initiative), by the adoption in force for the half
    counts_in_progress: bool
    planned_end: str | None  # as of the half, re-planned where it was
    spent: float | None
    funding_status: str | None  # as of the half


def row(figures: PlanFigures, state: MeasureState) -> Row:
    """One measure's row as of the figures' half."""
    m = state.measure
    return Row(m.id, m.title, m.field, m.scope, m.kind, state.status, state.rag,
               state.progress, str(state.update.half) if state.update else None,
               m.lead, m.public, "masterplan" if figures.in_plan(state) else "further",
               figures.in_average(state),
               str(state.current_end) if state.current_end else None, state.spent,
               state.money.funding_status)


def select(plan: Plan, *, half: Half | None, field: str | None, status: str | None,
           scope: str | None, rag: str | None) -> list[Row]:
    """The rows, as of `half` (default: the latest reported), that pass every given filter."""
    from dotool.model.projection import plan_figures

    figures = plan_figures(plan, half or plan.latest_reported_half())
    rows = [row(figures, s) for s in figures.states]
    return [r for r in rows
            if (field is None or r.field == field) and (status is None or r.status == status)
            and (scope is None or r.scope == scope) and (rag is None or r.rag == rag)]


def as_json(rows: list[Row]) -> str:
    """The rows as JSON, with keys (not labels): a machine format, the same in every language."""
    return dumps([asdict(r) for r in rows])


def as_csv(rows: list[Row], *, bom: bool) -> str:
    """The rows in dotool's one CSV dialect (`dotool.csv_dialect`: `;`, CR LF, the byte-order
    mark when `bom`): no cell starts a formula, no control character reaches the terminal."""
    from dotool.csv_dialect import csv_text

    return csv_text(Row.__dataclass_fields__, ([shown(v, lines=True) if isinstance(v, str) else v
                                                for v in astuple(r)] for r in rows), bom=bom)


def write_csv(rows: list[Row], stdout: TextIO | None = None) -> None:
    """Write `as_csv(rows)` to `stdout` as its bytes: redirected to a file or a pipe, exactly
    the bytes of an exported CSV file (the mark lets Excel read UTF-8); on a terminal without
    the mark, which would only be an invisible character before the first column's name."""
    out = stdout or sys.stdout
    data = as_csv(rows, bom=not out.isatty()).encode("utf-8")
    out.flush()
    out.buffer.write(data)  # bytes: no newline translation may turn CR LF into CR CR LF
    out.buffer.flush()


def print_table(rows: list[Row], *, console: Console, title: str, lang: str,
                fields: dict[str, str] | None = None) -> None:
    """The rows as a table for people: headers in the terminal's language, labels, not keys.

    `fields` maps a field of action's key to its title, shown in place of the key; JSON and CSV
    keep the keys, they are read by programs.
    """
    from rich.table import Table

    from dotool.i18n.terminal import t, tc

    fields = fields or {}
    table = Table(title=markup(title), title_justify="left", header_style="bold", expand=False)
    # The title wraps and gets the width; the short columns stay on one line and are shortened
    # with an ellipsis first when the terminal is narrow.
    table.add_column(str(tc("list column", "ID")), no_wrap=True, min_width=5)
    table.add_column(str(tc("list column", "Measure")), ratio=1, min_width=24)
    table.add_column(str(tc("list column", "Field")), no_wrap=True, overflow="ellipsis",
                     max_width=16)
    table.add_column(str(tc("list column", "Scope")), no_wrap=True)
    table.add_column(str(tc("list column", "Status")), no_wrap=True, overflow="ellipsis",
                     max_width=14)
    table.add_column(str(tc("list column", "RAG")), no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True, min_width=3)
    # The scope's short form: "verwaltungsintern" would take the title's room.
    scopes = {"internal": tc("scope, short", "internal"), "external": tc("scope, short",
                                                                         "external")}
    marker = t("(internal)")
    internal = f" [dim]{marker}[/]"
    for r in rows:
        rag = (f"[{RAG_STYLE[r.rag]}]● {label('rag', r.rag, lang)}[/]" if r.rag else "–")
        table.add_row(r.id, markup(r.title) + ("" if r.public else internal),
                      markup(fields.get(r.field, r.field)), str(scopes.get(r.scope, r.scope)),
                      label("status", r.status, lang),
                      rag, str(r.progress) if r.progress is not None else "–")
    console.print(table)
