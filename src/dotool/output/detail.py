"""One measure for the terminal (`dotool show`), from its view (`app/show.py`).

The view is plain data, remembered in the cache, so this module imports no model: headers and
labels come from the terminal catalogue and the vocabulary labels in the current language,
Markdown is shown as text with its emphasis (`output/mdlines.py`), and the lines are printed
styled on a terminal and plain everywhere else (`output/styled.py`) — without rich when piped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from dotool.i18n.terminal import current, t, tc
from dotool.model.vocab import ampel, label, percent
from dotool.output.mdlines import flowed, inline, markdown_lines
from dotool.output.measure_list import RAG_STYLE
from dotool.output.styled import Line, emit, markup
from dotool.text import dumps

if TYPE_CHECKING:
    from rich.table import Table

    from dotool.app.history import UpdateData
    from dotool.app.show import View
    from dotool.model.measure import Update

NONE = "–"


def as_json(view: View) -> str:
    """The measure's file as data, plus `state`: the export's derived values (docs/figures.md)
    as of the plan's latest reported half, named in `state.as_of`."""
    data = dict(view["measure"])
    data["state"] = {"as_of": view["as_of"], **view["state"]}
    return dumps(data)


def print_measure(view: View, *, stream: TextIO | None = None) -> None:
    """The measure on stdout (or `stream`): styled on a terminal, plain text when piped."""
    emit(measure_lines(view), stream=stream)


def measure_lines(view: View) -> list[Line]:
    """Profile, state, costs, KPIs, milestones, next steps and every update, as lines."""
    lang = current()
    m = view["measure"]
    title: Line = [(f"{m['id']}  ", "bold"), (m["title"], "bold")]
    if not m.get("public", True):
        title.append(("  " + str(t("(not public)")), "dim"))
    out: list[Line] = [title, *_facts(view, lang), []]
    out += markdown_lines(m["summary"], indent="")
    if m.get("objective"):
        out += [[], _heading(t("Objective and expected effect")),
                *markdown_lines(m["objective"])]
    out += _money(view, lang)
    out += _kpis(view, lang)
    out += _milestones(view, lang)
    if view["next"]:
        half, text = view["next"]
        out += [[], _heading(t("Next steps ({half})", half=half)), *markdown_lines(text)]
    if m.get("updates"):
        out += [[], _heading(t("Updates"))]
        for u in m["updates"]:
            out += _update(u, lang)
    return out


def _heading(text: object) -> Line:
    return [(str(text), "bold")]


def _facts(view: View, lang: str) -> list[Line]:
    m, s = view["measure"], view["state"]
    end = s["planned_end"] or str(t("open"))
    if s["replanned_since_adoption"]:
        end = str(t("{end} (re-planned; originally {planned})", end=end,
                    planned=m.get("end") or t("open")))
    status = label("status", s["status"], lang)
    if s["half"]:
        status = str(t("{status} (update {half})", status=status, half=s["half"]))
    goals = ", ".join(title or key for key, title in view["goals"]) or NONE
    in_plan = (t("masterplan measure") if s["plan"] == "masterplan"
               else t("further initiative"))
    adopted = (str(t("{plan}, adopted in {version}", plan=in_plan, version=s["adopted_in"]))
               if s["adopted_in"] else str(in_plan))
    rows: list[tuple[object, str, str | None]] = [
        (tc("measure", "Field"), view["field"] or m["field"], None),
        (tc("measure", "Goals"), goals, None),
        (tc("measure", "Scope / kind"), f"{label('scope', m['scope'], lang)} · "
                                        f"{label('kind', m['kind'], lang)}", None),
        (tc("measure", "Lead"), m["lead"], None),
        (tc("measure", "Participants"), ", ".join(m.get("participants", [])) or NONE, None),
        (tc("measure", "Priority"),
         label("priority", m["priority"], lang) if m.get("priority") else NONE, None),
        (tc("measure", "Period"), f"{m.get('start') or '?'} – {end}", None),
        (tc("measure", "In the plan"), adopted, None),
        (tc("measure", "Status"), status, None),
        (tc("measure", "Ampel"), "● " + label("rag", s["rag"], lang) if s["rag"] else NONE,
         RAG_STYLE.get(s["rag"] or "")),
        (tc("measure", "Progress"), f"{_number(s['progress'], lang)} %"
                                    if s["progress"] is not None else NONE, None),
        (tc("measure", "Depends on"), ", ".join(m.get("depends_on", [])) or NONE, None),
        (tc("measure", "File"), view["path"], None),
    ]
    if m.get("contact"):
        rows.append((tc("measure", "Contact (internal)"), m["contact"], None))
    names = [str(name) for name, _, _ in rows]
    width = max(len(n) for n in names) + 2
    return [[("  " + name.ljust(width), "dim"), (value, style)]
            for name, (_, value, style) in zip(names, rows, strict=True)]


def _money(view: View, lang: str) -> list[Line]:
    m, money = view["measure"], view["state"]["money"]
    spent, spent_half, ceiling = view["spend"]
    funding = (m.get("budget") or {}).get("funding")
    if spent is None and money["one_off"] is None and money["annual"] is None and not funding:
        return []
    as_of = view["as_of"]
    out: list[Line] = [[], _heading(t("Costs (as of {half})", half=as_of) if as_of
                                    else t("Costs"))]
    planned = []
    if money["one_off"] is not None:
        planned.append(str(t("one-off {amount}", amount=_euro(money["one_off"], lang))))
    if money["annual"] is not None:
        planned.append(str(t("{amount} a year", amount=_euro(money["annual"], lang))))
    out.append(_row(t("Planned"), ", ".join(planned) or NONE))
    if money.get("note"):
        out.append([("    ", None), *inline(money["note"])])
    if spent is not None:
        text = str(t("{amount} (update {half})", amount=_euro(spent, lang), half=spent_half))
        over = ceiling is not None and spent > ceiling
        if ceiling is not None and as_of:
            text += " · " + str(t("planned by {half}: {amount}", half=as_of,
                                  amount=_euro(ceiling, lang)))
        out.append(_row(t("Spent"), text, "red" if over else None))
    else:
        out.append(_row(t("Spent"), str(t("not reported yet"))))
    if funding:
        status = money.get("funding_status") or funding["status"]
        out.append(_row(t("Funding"),
                        f"{funding['programme']}: {label('funding_status', status, lang)}"))
    return out


def _kpis(view: View, lang: str) -> list[Line]:
    if not view["kpis"]:
        return []
    out: list[Line] = [[], _heading(t("Key figures"))]
    for _key, name, unit, baseline, target, value, half in view["kpis"]:
        def shown(x: Any, unit: str | None = unit) -> str:
            return NONE if x is None else _number(x, lang) + (f" {unit}" if unit else "")

        now = (str(t("{value} ({half})", value=shown(value), half=half)) if value is not None
               else str(t("not reported yet")))
        out.append([("  " + name, "bold")])
        out.append([("    ", None), (str(t("baseline {baseline} · target {target} · current "
                                          "{current}", baseline=shown(baseline),
                                          target=shown(target), current=now)), None)])
    return out


def _milestones(view: View, lang: str) -> list[Line]:
    items = view["measure"].get("milestones") or []
    if not items:
        return []
    out: list[Line] = [[], _heading(t("Milestones"))]
    for index, ms in enumerate(items):
        if ms.get("done"):
            line: Line = [("  ✓ ", "green"), (ms["title"], None),
                          ("  " + str(t("done {date} (due {due})", date=_day(ms["done"], lang),
                                           due=_day(ms["due"], lang))), "dim")]
        else:
            line = [("  ○ ", None), (ms["title"], None),
                    ("  " + str(t("due {due}", due=_day(ms["due"], lang))), "dim")]
            if index in view["overdue"]:
                line.append(("  " + str(t("overdue")), "red"))
        out.append(line)
    return out


def _update(u: dict[str, Any], lang: str) -> list[Line]:
    rag, progress = ampel(u["status"], u["rag"]), percent(u["status"], u.get("progress"))
    head: Line = [("  " + u["half"] + "  ", "bold"), (label("status", u["status"], lang), None),
                  ("  ● " + label("rag", rag, lang), RAG_STYLE.get(rag)) if rag
                  else ("  " + NONE, None)]
    if progress is not None:
        head.append((f"  {_number(progress, lang)} %", None))
    out: list[Line] = [[], head, *markdown_lines(u["text"], indent="    ")]
    if rag and u.get("rag_reason"):
        reason = markdown_lines(u["rag_reason"], indent="")
        out.append([("    " + str(t("reason:")) + " ", "dim"), *(reason[0] if reason else [])])
        out += [[("    ", None), *line] for line in reason[1:]]
    return out


def _row(name: object, value: str, style: str | None = None) -> Line:
    return [("  " + str(name) + ": ", "dim"), (value, style)]


def _day(iso: str, lang: str) -> str:
    """A day as German text writes it (31.12.2020); ISO 8601 in English."""
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}" if lang == "de" else iso


def _number(value: float, lang: str) -> str:
    """1.234,5 (de) / 1,234.5 (en): whole numbers without decimals, others with up to two."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def _euro(value: float, lang: str) -> str:
    """12.000 € (de) / €12,000 (en), as the documents write it; cents only when there are."""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return text.translate(str.maketrans(",.", ".,")) + "\xa0€" if lang == "de" else "€" + text


def updates_table(updates: Sequence[Update] | Sequence[UpdateData], *, lang: str) -> Table:
    """A measure's updates as a rich table (`history`), the Ampel with its reason."""
    from rich.table import Table

    table = Table(title=str(t("Updates")), title_justify="left")
    for column in (tc("update", "Half"), tc("update", "Status"), tc("update", "Ampel"),
                   tc("update", "Progress"), tc("update", "Text")):
        table.add_column(str(column))
    reason_word = str(t("reason:"))
    for u in updates:
        key, progress = ampel(u.status, u.rag), percent(u.status, u.progress)
        rag = f"[{RAG_STYLE[key]}]● {label('rag', key, lang)}[/]" if key else NONE
        table.add_row(str(u.half), label("status", u.status, lang), rag,
                      f"{progress} %" if progress is not None else NONE,
                      markup(flowed(u.text), lines=True)
                      + (f"\n[dim]{reason_word}[/] {markup(flowed(u.rag_reason), lines=True)}"
                         if key and u.rag_reason else ""))
    return table

