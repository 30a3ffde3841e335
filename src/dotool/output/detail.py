"""One measure for the terminal (`dotool show`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dotool.i18n import Formatter
from dotool.model.measure import Measure, Update
from dotool.model.plan import Plan
from dotool.model.vocab import label
from dotool.output.styled import markup
from dotool.output.tables import RAG_STYLE
from dotool.text import dumps

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def as_json(measure: Measure) -> str:
    data = measure.model_dump(mode="json", exclude_none=True)
    data["state"] = {"status": measure.status_as_of(), "planned_end": (
        str(measure.planned_end()) if measure.planned_end() else None)}
    return dumps(data)


def print_measure(measure: Measure, plan: Plan, *, console: Console) -> None:
    from rich.table import Table

    lang = plan.masterplan.language
    field = plan.masterplan.field(measure.field)
    state = measure.state_as_of()
    console.print(f"[bold]{measure.id}  {markup(measure.title)}[/]"
                  + ("" if measure.public else "  [dim](not public)[/]"))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    rows = [
        ("Field", field.title if field else measure.field),
        ("Scope / kind", f"{label('scope', measure.scope, lang)} · "
                         f"{label('kind', measure.kind, lang)}"),
        ("Lead", measure.lead),
        ("Participants", ", ".join(measure.participants) or "–"),
        ("Priority", label("priority", measure.priority, lang) if measure.priority else "–"),
        ("Period", f"{measure.start or '?'} – {measure.planned_end() or 'open'}"),
        ("Status", label("status", measure.status_as_of(), lang)
         + (f" ({state.half})" if state else "")),
        ("Goals", ", ".join(measure.goals) or "–"),
        ("Depends on", ", ".join(measure.depends_on) or "–"),
        ("File", plan.paths.get(measure.id, "")),
    ]
    if measure.budget:
        money = Formatter(lang).money
        rows.append(("Budget", f"one-off {money(measure.budget.one_off) or '–'}, "
                               f"annual {money(measure.budget.annual) or '–'}"))
    if measure.contact:
        rows.append(("Contact (internal)", measure.contact))
    for name, value in rows:
        facts.add_row(name, markup(value))
    console.print(facts)
    console.print()
    console.print(markup(measure.summary.strip(), lines=True))
    if measure.milestones:
        table = Table(title="Milestones", title_justify="left")
        for column in ("Milestone", "Due", "Done"):
            table.add_column(column)
        for m in measure.milestones:
            table.add_row(markup(m.title), str(m.due), str(m.done) if m.done else "–")
        console.print(table)
    if measure.updates:
        console.print(updates_table(measure.updates, lang=lang))


def updates_table(updates: Sequence[Update], *, lang: str) -> Table:
    """A measure's updates as a rich table (`show` and `history`), the Ampel with its reason."""
    from rich.table import Table

    table = Table(title="Updates", title_justify="left")
    for column in ("Half", "Status", "Ampel", "Progress", "Text"):
        table.add_column(column)
    for u in updates:
        rag = f"[{RAG_STYLE[u.rag]}]● {label('rag', u.rag, lang)}[/]"
        table.add_row(str(u.half), label("status", u.status, lang), rag,
                      f"{u.progress} %" if u.progress is not None else "–",
                      markup(u.text.strip(), lines=True)
                      + (f"\n[dim]reason:[/] {markup(u.rag_reason.strip(), lines=True)}"
                         if u.rag_reason else ""))
    return table
