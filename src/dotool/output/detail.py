"""One measure for the terminal (`dotool show`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dotool.i18n import Formatter
from dotool.model.vocab import label
from dotool.output.measure_list import RAG_STYLE
from dotool.output.styled import markup
from dotool.text import dumps

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from dotool.app.history import UpdateData
    from dotool.model.measure import Measure, Update
    from dotool.model.plan import Plan


def as_json(measure: Measure, plan: Plan) -> str:
    """The measure's file as data, plus `state`: the export's derived values (docs/figures.md)
    as of the plan's latest reported half, named in `state.as_of`."""
    from dotool.model.export import derive
    from dotool.model.projection import current_figures

    figures = current_figures(plan)
    data = measure.model_dump(mode="json", exclude_none=True)
    data["state"] = {"as_of": str(figures.half) if figures.half else None,
                     **derive(figures, plan, measure).model_dump(mode="json")}
    return dumps(data)


def print_measure(measure: Measure, plan: Plan, *, console: Console) -> None:
    """Profile, state as of the latest reported half, milestones and updates."""
    from rich.table import Table

    from dotool.model.projection import current_figures

    lang = plan.masterplan.language
    field = plan.masterplan.field(measure.field)
    figures = current_figures(plan)
    state = figures.state(measure.id)
    money = Formatter(lang).money
    as_of = f" (as of {figures.half})" if figures.half else ""
    end = (f"{state.current_end} (re-planned; originally {state.end or 'open'})"
           if state.replanned_since_adoption else f"{state.current_end or 'open'}")
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
        ("Period", f"{measure.start or '?'} – {end}"),
        ("Status", label("status", state.status, lang)
         + (f" (update {state.update.half})" if state.update else "")),
        ("Ampel", label("rag", state.rag, lang) if state.rag else "–"),
        ("Progress", f"{state.progress} %" if state.progress is not None else "–"),
        ("Spent", (money(state.spent) or "–") + as_of),
        ("Goals", ", ".join(measure.goals) or "–"),
        ("Depends on", ", ".join(measure.depends_on) or "–"),
        ("File", plan.paths.get(measure.id, "")),
    ]
    if state.money.planned or measure.budget:
        rows.append(("Budget", f"one-off {money(state.money.one_off) or '–'}, "
                               f"annual {money(state.money.annual) or '–'}{as_of}"))
    if state.money.programme:
        rows.append(("Funding", f"{state.money.programme}: "
                                f"{label('funding_status', state.money.funding_status or '', lang)}"
                                f"{as_of}"))
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


def updates_table(updates: Sequence[Update] | Sequence[UpdateData], *, lang: str) -> Table:
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
