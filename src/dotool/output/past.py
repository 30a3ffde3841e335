"""`dotool diff` and `dotool history` for the terminal (rich) and as JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from dotool.model.vocab import label
from dotool.output.detail import updates_table
from dotool.output.styled import Line, markup
from dotool.text import dumps

if TYPE_CHECKING:  # the models stay unimported: `history` prints from the cache alone
    from rich.console import Console

    from dotool.authoring.history import History
    from dotool.authoring.past import PlanDiff

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
    return dumps(data)


def diff_lines(diff: PlanDiff, *, lang: str = "de") -> list[Line]:
    """The changes as four short sections of styled lines."""
    out: list[Line] = [[(f"Changes from {diff.old} to {diff.new}", "bold")]]
    if not (diff.added or diff.removed or diff.replanned or diff.status):
        out.append([("no measure was added, removed, re-planned or changed its status", None)])
        return out
    for heading, items, sign, colour in (("Added", diff.added, "+", "green"),
                                         ("Removed", diff.removed, "-", "red")):
        if items:
            out += [[], [(heading, "bold"), (f" ({len(items)})", None)]]
            out += [[("  ", None), (sign, colour), (f" {measure_id}  {title}", None)]
                    for measure_id, title in items]
    if diff.replanned:
        out += [[], [("Re-planned", "bold"), (f" ({len(diff.replanned)})", None)]]
        for change in diff.replanned:
            out.append([(f"  {change.id}  {change.title}", None)])
            out += [[(f"      {c.what}: {c.old or '–'} → {c.new or '–'}", None)]
                    for c in change.changes]
    if diff.status:
        out += [[], [("Status changed", "bold"), (f" ({len(diff.status)})", None)]]
        for change in diff.status:
            c = change.changes[0]
            out.append([(f"  {change.id}  {change.title}: {label('status', c.old or '', lang)}"
                         f" → {label('status', c.new or '', lang)}", None)])
    return out


def history_json(history: History) -> str:
    """The measure's updates and commits as JSON (`commits` is null outside git)."""
    m = history.measure
    data = {
        "format_version": FORMAT_VERSION, "id": m.id, "title": m.title, "path": history.path,
        "updates": list(m.dumped),
        "commits": None if history.commits is None else [asdict(c) for c in history.commits],
    }
    return dumps(data)


def print_history(history: History, *, console: Console, lang: str = "de") -> None:
    """Updates as a table, then the commits that touched the file."""
    from rich.table import Table

    m = history.measure
    console.print(f"[bold]{m.id}  {markup(m.title)}[/]  [dim]{markup(history.path)}[/]")
    if m.updates:
        console.print(updates_table(m.updates, lang=lang))
    else:
        console.print("no updates yet (status: planned)")
    if history.commits is None:
        return
    commits = Table(title="Commits", title_justify="left")
    for column in ("Date", "Author", "Subject", "Commit", "File"):
        commits.add_column(column)
    for c in history.commits:
        commits.add_row(markup(c.date), markup(c.author), markup(c.subject), markup(c.hash[:10]),
                        markup(c.path) if c.path != history.path else "")
    console.print(commits if history.commits else "no commits touch this file yet")
