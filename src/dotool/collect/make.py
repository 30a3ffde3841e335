"""`dotool collect --half H -o DIR`: one workbook per lead unit, for the measures active in H.

A measure is in the collection when it has begun by the end of H and was not completed or
dropped before H (it has an update for H, or it is still open) — the same rule by which the
report shows "kein Sachstand gemeldet". Everything shown about the previous half comes from the
projection (`measure_state`), never computed here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dotool.collect.layout import file_name, fingerprint, plan_identity
from dotool.errors import UsageError
from dotool.i18n.terminal import t
from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.store.files import read_file
from dotool.text import shown


@dataclass(frozen=True)
class MeasureRow:
    """A row of the measures sheet: what is shown, and the values of H's update if it has one."""

    id: str
    title: str
    before: str
    filled: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class KpiRow:
    id: str
    title: str
    key: str
    name: str
    unit: str
    baseline: float | None
    target: float | None
    before: float | None
    value: float | None


@dataclass(frozen=True)
class MilestoneRow:
    id: str
    title: str
    number: int  # 1-based position in the measure file's list
    milestone: str
    due: date


@dataclass(frozen=True)
class UnitBook:
    """Everything one unit's workbook shows (the view; `workbook.build` draws it)."""

    unit: str
    half: Half
    lang: str
    plan: str
    municipality: str
    measures: tuple[MeasureRow, ...]
    kpis: tuple[KpiRow, ...]
    milestones: tuple[MilestoneRow, ...]
    fingerprints: dict[str, str]
    due: date | None = None
    reply_to: str | None = None


def in_collection(measure: Measure, half: Half) -> bool:
    """Whether `measure` is asked about in the collection of `half`."""
    from dotool.model.projection import measure_state

    state = measure_state(measure, half)
    return state.started and (state.reported or not state.closed)


def unit_books(root: Path, plan: Plan, half: Half, *, lang: str, due: date | None = None,
               reply_to: str | None = None) -> list[UnitBook]:
    """One `UnitBook` per lead unit that has a measure in the collection, by unit name."""
    from dotool.i18n import Formatter, translations

    gettext = translations(lang).gettext
    fmt = Formatter(lang)
    by_unit: dict[str, list[Measure]] = {}
    for measure in plan.measures:
        if in_collection(measure, half):
            by_unit.setdefault(measure.lead, []).append(measure)
    books = []
    for unit in sorted(by_unit, key=str.casefold):
        measures = by_unit[unit]
        prints = {}
        for m in measures:
            raw = read_file(root, plan.paths[m.id])
            prints[m.id] = fingerprint(raw.data)
        books.append(UnitBook(
            unit=unit, half=half, lang=lang,
            plan=plan_identity(plan.masterplan.municipality, plan.masterplan.title),
            municipality=plan.masterplan.municipality,
            measures=tuple(_measure_row(m, half, lang, fmt, gettext) for m in measures),
            kpis=tuple(row for m in measures for row in _kpi_rows(m, half)),
            milestones=tuple(row for m in measures for row in _milestone_rows(m)),
            fingerprints=prints, due=due, reply_to=reply_to))
    return books


def _measure_row(measure: Measure, half: Half, lang: str, fmt: Any, gettext: Any) -> MeasureRow:
    from dotool.model.projection import measure_state
    from dotool.model.vocab import label

    before = measure_state(measure, half.previous())
    if before.update is None:
        shown = gettext("no progress report yet")
    else:
        lines = [label("status", before.status, lang)
                 + (f" · {label('rag', before.rag, lang)}" if before.rag else "")]
        if before.progress is not None:
            lines.append(fmt.percent(before.progress))
        if before.spent is not None:
            lines.append(gettext("spent: %(money)s") % {"money": fmt.money(before.spent)})
        if before.current_end is not None and before.current_end != before.end:
            lines.append(gettext("planned end: %(end)s") % {"end": str(before.current_end)})
        shown = "\n".join(lines)
    now = measure_state(measure, half)
    filled: dict[str, Any] = {}
    if now.reported and now.update is not None:
        u = now.update
        filled = {"status": label("status", u.status, lang), "rag": label("rag", u.rag, lang),
                  "progress": u.progress, "rag_reason": u.rag_reason, "spent": u.spent,
                  "replanned_end": str(u.replanned_end) if u.replanned_end else None,
                  "text": u.text, "next": u.next}
    return MeasureRow(measure.id, measure.title, shown,
                      {k: v for k, v in filled.items() if v is not None})


def _kpi_rows(measure: Measure, half: Half) -> list[KpiRow]:
    from dotool.model.projection import measure_state

    before, now = measure_state(measure, half.previous()), measure_state(measure, half)
    reported = now.update.kpis if now.reported and now.update is not None else {}
    return [KpiRow(measure.id, measure.title, k.key, k.name, k.unit or "", k.baseline,
                   k.target, before.kpis.get(k.key), reported.get(k.key))
            for k in measure.kpis]


def _milestone_rows(measure: Measure) -> list[MilestoneRow]:
    from dotool.model.projection import milestones

    return [MilestoneRow(measure.id, measure.title, ref.index + 1, ref.title, ref.due)
            for ref in milestones(measure) if ref.done is None]


#: Where to write instead, when `-o` names one of the plan's folders.
_HINT = t("write the workbooks to a folder of their own, such as build/collect")


@dataclass(frozen=True)
class Made:
    """A workbook written: its path, unit, language and how many measures, KPIs and milestones
    it asks about."""

    path: Path
    unit: str
    lang: str
    measures: int
    kpis: int
    milestones: int


def collect(root: Path, *, half: Half, out: Path, lang: str | None = None,
            due: date | None = None, reply_to: str | None = None,
            force: bool = False) -> list[Made]:
    """Write one workbook per lead unit into `out`; refuse to overwrite unless `force`.

    `out` passes the checks of every generated output (`store.tree`): never one of the plan's
    folders, however reached, and never through a symlink, onto a device or FIFO.
    """
    from dotool.xlsxlib import load_openpyxl

    load_openpyxl()  # before `workbook` imports it
    from dotool.checks.run import load_valid_plan
    from dotool.collect.workbook import build
    from dotool.i18n import translations
    from dotool.store.files import plan_folders
    from dotool.store.tree import check_target, write_tree

    # Checked before the work, not only before writing.
    check_target(out, plan_folders(root), hint=str(_HINT))
    plan = load_valid_plan(root)
    lang = lang or plan.masterplan.language
    books = unit_books(root, plan, half, lang=lang, due=due, reply_to=reply_to)
    gettext = translations(lang).gettext
    names = {file_name(b.unit, half, gettext): b for b in books}
    if len(names) < len(books):
        raise UsageError(t("two lead units give the same file name"),
                         hint=t("write the units' names in `lead:` so they differ in letters"))
    taken = [name for name in names if os.path.lexists(out / name)]
    if taken and not force:
        raise UsageError(t("{path} already holds {files}; nothing was written",
                           path=shown(str(out)), files=shown(", ".join(taken))),
                         hint=t("pass --force to replace them, or choose another folder"))
    write_tree(out, {name: build(book) for name, book in names.items()},
               forbidden=plan_folders(root), hint=str(_HINT))
    return [Made(out / name, b.unit, lang, len(b.measures), len(b.kpis), len(b.milestones))
            for name, b in names.items()]


def plan_language(root: Path) -> str:
    """The language the plan is written in (`language:` of masterplan.yaml)."""
    from dotool.authoring.new_measure import load_masterplan

    return load_masterplan(root).language
