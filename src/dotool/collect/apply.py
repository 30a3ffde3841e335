"""`dotool collect apply FILE…`: each returned workbook applied whole, or not at all.

Per workbook: read and check every cell (`read`); refuse a workbook of another plan or half, and
a measure whose file changed since the workbook was made (unless `force`); turn each row into
the `UpdateValues` of `dotool update` and splice it with the same code (`planned_update`), add
reached milestones. Then the whole plan is validated once with the changed files of every
workbook still in the running (`together`); a workbook whose files hold an error is refused and
the rest validated again without it. Last, each accepted workbook's files are written (restored
on any failure) and committed when asked, and what that validation learnt of the changed measures
is kept for the next change (`keep_facts`, as `dotool update` does).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotool.collect.cells import CellError
from dotool.collect.layout import MEASURES, fingerprint, letter, plan_identity
from dotool.collect.read import Returned, read_workbook
from dotool.collect.together import Pending, judge_together
from dotool.errors import DotoolError


@dataclass
class Outcome:
    """What happened to one workbook: the files changed (with their field changes) or errors."""

    name: str
    unit: str = ""
    half: str = ""
    lang: str = "de"
    changes: dict[str, list[tuple[str, Any, Any]]] = field(default_factory=dict)  # id → …
    errors: list[CellError] = field(default_factory=list)
    written: bool = False
    committed: bool = False


def apply_workbooks(root: Path, files: list[Path], *, dry_run: bool = False,
                    force: bool = False, commit: bool = False) -> list[Outcome]:
    """Apply each workbook in `files` (all of it or none of it); one `Outcome` each."""
    from dotool.checks.pause import paused_gc

    # As in a validation: the plan's many objects stay alive to the end, and the collector
    # would walk them again and again while the workbooks are read and spliced (a tenth of
    # the time); the few cycles openpyxl leaves go with the process.
    with paused_gc():
        return _apply_all(root, files, dry_run=dry_run, force=force, commit=commit)


def _apply_all(root: Path, files: list[Path], *, dry_run: bool, force: bool,
               commit: bool) -> list[Outcome]:
    from dotool.authoring.checking import keep_facts
    from dotool.checks.run import load_valid_plan
    from dotool.store.files import MEASURES_DIR
    from dotool.store.lock import locked

    plan = load_valid_plan(root)
    lang = plan.masterplan.language
    books = [read_workbook(path, default_lang=lang) for path in files]
    _shared_measures(books)
    outcomes = []
    pending: list[Pending] = []
    with locked(root / MEASURES_DIR):
        for book in books:
            outcome = Outcome(book.name, book.unit, book.half, book.lang, errors=book.errors)
            outcomes.append(outcome)
            if not outcome.errors:
                texts = _prepare(root, plan, book, outcome, force=force)
                if texts and not book.errors:
                    pending.append(Pending(book, outcome, {
                        rel: (old, new.encode("utf-8")) for rel, (old, new) in texts.items()}))
        accepted = judge_together(root, plan, pending)
        if not dry_run:
            for one in accepted:
                _write(root, one, commit=commit)
        # As `update` does after its write: the last check (all accepted workbooks together)
        # learnt the changed measures, so the next change to one is checked without the rest.
        keep_facts()
    return outcomes


def _shared_measures(books: list[Returned]) -> None:
    """Two workbooks reporting on one measure: neither is applied (which one is right?)."""
    from dotool.i18n import translations

    seen: dict[str, Returned] = {}
    for book in books:
        for measure_id, values in book.measures.items():
            if not (values or book.kpis.get(measure_id) or book.milestones.get(measure_id)):
                continue
            other = seen.setdefault(measure_id, book)
            if other is not book:
                for one, two in ((book, other), (other, book)):
                    gettext = translations(one.lang).gettext
                    one.error(one.sheet_names.get("measures"), f"A{one.rows[measure_id]}",
                              gettext("%(id)s is also reported in %(other)s")
                              % {"id": measure_id, "other": two.name},
                              gettext("apply one workbook per measure"))


def _prepare(root: Path, plan: Any, book: Returned, outcome: Outcome, *,
             force: bool) -> dict[str, tuple[bytes, str]]:
    """The new text of every file the workbook changes ({path: (old bytes, new text)}),
    neither validated nor written; problems become the workbook's errors."""
    from dotool.i18n import translations
    from dotool.model.dates import Half
    from dotool.store.files import read_file

    gettext = translations(book.lang).gettext
    if book.plan != plan_identity(plan.masterplan.municipality, plan.masterplan.title):
        book.error(None, None, gettext("the workbook belongs to another plan (%(plan)s)")
                   % {"plan": book.plan})
        return {}
    try:
        half = Half.parse(book.half)
    except ValueError:
        book.error(None, None, gettext("the hidden sheet names no half"))
        return {}
    texts: dict[str, tuple[bytes, str]] = {}  # path → (old bytes, new text)
    for measure_id, recorded in book.fingerprints.items():
        rel = plan.paths.get(measure_id)
        if rel is None:
            book.error(None, None, gettext("measure %(id)s is no longer in the plan")
                       % {"id": measure_id})
            continue
        data = read_file(root, rel).data
        if fingerprint(data) != recorded and not force:
            book.error(book.sheet_names["measures"], f"A{book.rows.get(measure_id, '')}",
                       gettext("the file of %(id)s changed after the workbook was made")
                       % {"id": measure_id},
                       gettext("make a new workbook, or apply with --force"))
            continue
        _measure(root, measure_id, rel, data, half, book, outcome, texts, gettext,
                 reported=_reported(plan, measure_id, half))
    return texts


def _reported(plan: Any, measure_id: str, half: Any) -> Any:
    """The measure's update for `half` as the plan holds it (None: none yet)."""
    measure = plan.measure(measure_id)
    return next((u for u in measure.updates if u.half == half), None) if measure else None


def _as_written(given: dict[str, Any], reported: Any) -> None:
    """A text of the update that the workbook showed with its control characters escaped
    (`sheet_text`: XML cannot hold them) and that came back unchanged is the plan's text, not
    the escape: the round trip changes nothing the clerk did not change."""
    from dotool.text import has_control, shown

    for key in ("rag_reason", "text", "next"):
        old = getattr(reported, key, None)
        if (isinstance(old, str) and key in given and has_control(old)
                and given[key] == shown(old, lines=True).strip()):
            given[key] = old


def _write(root: Path, one: Pending, *, commit: bool) -> None:
    """Write one accepted workbook's files together (all or none); commit them when asked."""
    from dotool.i18n import translations
    from dotool.store.batch import write_batch

    write_batch(root, {rel: (old, new) for rel, (old, new) in one.changed.items()})
    one.outcome.written = True
    if commit:
        from dotool.store.git import Git

        gettext = translations(one.book.lang).gettext
        Git(root).commit_paths(sorted(one.changed), gettext(
            "Progress report %(half)s: %(unit)s (collect apply)")
            % {"half": one.book.half, "unit": one.book.unit})
        one.outcome.committed = True


def _measure(root: Path, measure_id: str, rel: str, data: bytes, half: Any, book: Returned,
             outcome: Outcome, texts: dict[str, tuple[bytes, str]], gettext: Any, *,
             reported: Any = None) -> None:
    from dotool.authoring.splice import Splice
    from dotool.authoring.update import Incomplete, UpdateValues, planned_update

    given = {k: p.value for k, p in book.measures.get(measure_id, {}).items()}
    _as_written(given, reported)
    kpis = {k: p.value for k, p in book.kpis.get(measure_id, {}).items()}
    done = book.milestones.get(measure_id, {})
    sheet = book.sheet_names["measures"]
    row = book.rows.get(measure_id)
    changes: list[tuple[str, Any, Any]] = []
    text = data.decode("utf-8")
    if given or kpis:
        values = UpdateValues(half, kpis=kpis, **given)
        try:
            updated = planned_update(root, measure_id, values, rel=rel)
        except DotoolError as exc:
            if isinstance(exc, Incomplete):
                for key in exc.missing:
                    book.error(sheet, f"{letter(MEASURES, key)}{row}", gettext(
                        "%(name)s is required for a new progress report")
                        % {"name": gettext(next(c.name for c in MEASURES if c.key == key))})
            else:
                book.error(sheet, f"A{row}", exc.message, exc.hint)
            return
        text = updated.text
        changes += list(updated.changes)
    # Every milestone of the measure in one splice: the file is parsed once for all of them.
    splice = Splice(text, rel) if done else None
    expected = None
    for index, parsed in sorted(done.items()):
        assert splice is not None
        items = splice.data.get("milestones") or []
        if index >= len(items):
            book.error(book.sheet_names["milestones"], parsed.cell,
                       gettext("this milestone is no longer in the plan"))
            return
        old = items[index].get("done")
        if str(old) == parsed.value:
            continue
        expected = splice.milestone_done(index, parsed.value, expected)
        # Numbered as `validate` locates it (from 0), not as the sheet's column counts (from 1).
        changes.append((f"milestones[{index}].done", old, parsed.value))
    if splice is not None and expected is not None:
        text = splice.result(expected)
    if changes:
        texts[rel] = (data, text)
        outcome.changes[measure_id] = changes
