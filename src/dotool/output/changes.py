"""`dotool diff` and `dotool history` for the terminal (rich) and as JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from dotool.i18n.terminal import current, t, tc
from dotool.model.vocab import label
from dotool.output.detail import updates_table
from dotool.output.styled import Line, markup
from dotool.text import dumps

if TYPE_CHECKING:  # the models stay unimported: `history` prints from the cache alone
    from rich.console import Console

    from dotool.app.history import History
    from dotool.app.past import PlanDiff

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


def _what(key: str, lang: str) -> str:
    """The name of a planned value a re-planning changes (`Change.what`; else the key)."""
    names = {"field": tc("planned value", "field of action"),
             "start": tc("planned value", "start"), "end": tc("planned value", "end"),
             "replanned_end": tc("planned value", "re-planned end"),
             "budget.one_off": tc("planned value", "one-off cost"),
             "budget.annual": tc("planned value", "annual cost")}
    return names[key].render(lang) if key in names else key


def diff_lines(diff: PlanDiff, *, lang: str | None = None) -> list[Line]:
    """The changes as four short sections of styled lines, in the terminal's language.

    Values are shown as labels (a status, a field's title); `diff_json` keeps the keys.
    """
    from dotool.app.past import WORKING_TREE  # loaded already: it made the diff

    lang = lang or current()
    new = t("working tree").render(lang) if diff.new == WORKING_TREE else diff.new
    heading = t("Changes from {old} to {new}", old=diff.old, new=new).render(lang)
    out: list[Line] = [[(heading, "bold")]]
    if not (diff.added or diff.removed or diff.replanned or diff.status):
        nothing = t("no measure was added, removed, re-planned or changed its status")
        out.append([(nothing.render(lang), None)])
        return out
    for title, items, sign, colour in ((t("Added"), diff.added, "+", "green"),
                                       (t("Removed"), diff.removed, "-", "red")):
        if items:
            out += [[], [(title.render(lang), "bold"), (f" ({len(items)})", None)]]
            out += [[("  ", None), (sign, colour), (f" {measure_id}  {name}", None)]
                    for measure_id, name in items]
    if diff.replanned:
        out += [[], [(t("Re-planned").render(lang), "bold"), (f" ({len(diff.replanned)})", None)]]
        for change in diff.replanned:
            out.append([(f"  {change.id}  {change.title}", None)])
            for c in change.changes:
                old, new_value = (_value(c.what, v, diff) for v in (c.old, c.new))
                what = _what(c.what, lang)
                out.append([(f"      {what}: {old} → {new_value}", None)])
    if diff.status:
        out += [[], [(t("Status changed").render(lang), "bold"), (f" ({len(diff.status)})", None)]]
        for change in diff.status:
            c = change.changes[0]
            out.append([(f"  {change.id}  {change.title}: {label('status', c.old or '', lang)}"
                         f" → {label('status', c.new or '', lang)}", None)])
    return out


def _value(what: str, value: str | None, diff: PlanDiff) -> str:
    """A changed value as shown: a field of action by its title, nothing as a dash."""
    if value is None:
        return "–"
    return diff.field_titles.get(value, value) if what == "field" else value


def history_json(history: History) -> str:
    """The measure's updates and commits as JSON (`commits` is null outside git)."""
    m = history.measure
    data = {
        "format_version": FORMAT_VERSION, "id": m.id, "title": m.title, "path": history.path,
        "updates": list(m.dumped),
        "commits": None if history.commits is None else [asdict(c) for c in history.commits],
    }
    return dumps(data)


def print_history(history: History, *, console: Console, lang: str | None = None) -> None:
    """Updates as a table, then the commits that touched the file, in the terminal's language.

    The commits' file is shown only when the measure's file had another name then (a rename).
    """
    from rich.table import Table

    lang = lang or current()
    m = history.measure
    console.print(f"[bold]{m.id}  {markup(m.title)}[/]  [dim]{markup(history.path)}[/]")
    if m.updates:
        console.print(updates_table(m.updates, lang=lang))
    else:
        console.print(t("no updates yet (status: {status})",
                        status=label("status", "planned", lang)).render(lang), markup=False)
    if history.commits is None:
        return
    if not history.commits:
        console.print(t("no commits touch this file yet").render(lang), markup=False)
        return
    renamed = any(c.path != history.path for c in history.commits)
    commits = Table(title=tc("history", "Commits").render(lang), title_justify="left")
    for column in (tc("commit column", "Date"), tc("commit column", "Author"),
                   tc("commit column", "Subject"), tc("commit column", "Commit"),
                   *((tc("commit column", "File"),) if renamed else ())):
        commits.add_column(column.render(lang))
    for c in history.commits:
        cells = [markup(c.date), markup(c.author), markup(c.subject), markup(c.hash[:10])]
        if renamed:
            cells.append(markup(c.path) if c.path != history.path else "")
        commits.add_row(*cells)
    console.print(commits)
