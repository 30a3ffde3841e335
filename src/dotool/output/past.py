"""`dotool diff` and `dotool history` for the terminal (rich) and as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from dotool.authoring.past import History, PlanDiff
from dotool.model.vocab import label
from dotool.output.tables import RAG_STYLE

if TYPE_CHECKING:
    from rich.console import Console

FORMAT_VERSION = 1


def diff_json(diff: PlanDiff) -> str:
    """A stable, versioned JSON document of the changes."""
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION, "from": diff.old, "to": diff.new,
        "added": [{"id": i, "title": t} for i, t in diff.added],
        "removed": [{"id": i, "title": t} for i, t in diff.removed],
        "replanned": [{"id": c.id, "title": c.title,
                       "changes": [asdict(x) for x in c.changes]} for c in diff.replanned],
        "status_changes": [{"id": c.id, "title": c.title, "old": c.changes[0].old,
                            "new": c.changes[0].new} for c in diff.status],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def print_diff(diff: PlanDiff, *, console: Console, lang: str = "de") -> None:
    """The changes as four short sections."""
    from rich.markup import escape

    console.print(f"[bold]Changes from {escape(diff.old)} to {escape(diff.new)}[/]")
    if not (diff.added or diff.removed or diff.replanned or diff.status):
        console.print("no measure was added, removed, re-planned or changed its status")
        return
    for heading, items, sign in (("Added", diff.added, "[green]+[/]"),
                                 ("Removed", diff.removed, "[red]-[/]")):
        if items:
            console.print(f"\n[bold]{heading}[/] ({len(items)})")
            for measure_id, title in items:
                console.print(f"  {sign} {measure_id}  {escape(title)}")
    if diff.replanned:
        console.print(f"\n[bold]Re-planned[/] ({len(diff.replanned)})")
        for change in diff.replanned:
            console.print(f"  {change.id}  {escape(change.title)}")
            for c in change.changes:
                console.print(f"      {c.what}: {escape(c.old or '–')} → {escape(c.new or '–')}")
    if diff.status:
        console.print(f"\n[bold]Status changed[/] ({len(diff.status)})")
        for change in diff.status:
            c = change.changes[0]
            console.print(f"  {change.id}  {escape(change.title)}: "
                          f"{label('status', c.old or '', lang)} → "
                          f"{label('status', c.new or '', lang)}")


def history_json(history: History) -> str:
    """The measure's updates and commits as JSON (`commits` is null outside git)."""
    m = history.measure
    data = {
        "format_version": FORMAT_VERSION, "id": m.id, "title": m.title, "path": history.path,
        "updates": [u.model_dump(mode="json", exclude_none=True) for u in m.updates],
        "commits": None if history.commits is None else [asdict(c) for c in history.commits],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def print_history(history: History, *, console: Console, lang: str = "de") -> None:
    """Updates as a table, then the commits that touched the file."""
    from rich.markup import escape
    from rich.table import Table

    m = history.measure
    console.print(f"[bold]{m.id}  {escape(m.title)}[/]  [dim]{escape(history.path)}[/]")
    table = Table(title="Updates", title_justify="left")
    for column in ("Half", "Status", "Ampel", "Progress", "Text"):
        table.add_column(column)
    for u in m.updates:
        rag = f"[{RAG_STYLE[u.rag]}]● {label('rag', u.rag, lang)}[/]"
        table.add_row(str(u.half), label("status", u.status, lang), rag,
                      f"{u.progress} %" if u.progress is not None else "–",
                      escape(u.text.strip()))
    if m.updates:
        console.print(table)
    else:
        console.print("no updates yet (status: planned)")
    if history.commits is None:
        return
    commits = Table(title="Commits", title_justify="left")
    for column in ("Date", "Author", "Subject", "Commit", "File"):
        commits.add_column(column)
    for c in history.commits:
        commits.add_row(c.date, escape(c.author), escape(c.subject), c.hash[:10],
                        escape(c.path) if c.path != history.path else "")
    console.print(commits if history.commits else "no commits touch this file yet")
