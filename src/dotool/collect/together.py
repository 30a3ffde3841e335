"""The returned workbooks judged together: one validation of the plan with all their changes.

A workbook is refused when the plan, with the changes of every workbook still in the running,
has an error in one of the files it changes (the rule of `check_change` for one file); the
others are then validated again without it, as their changes may have needed its. Checking each
workbook against the whole plan on its own would cost one validation per lead unit.

An error that lies in no changed file (another file's reference broken) or a validation that
left findings out cannot be put down to one workbook with certainty: then the workbooks are
judged one after another, each with the changes of those accepted before it, as a run that
writes them in turn would see the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotool.collect.read import Returned
from dotool.errors import InvalidContent

if TYPE_CHECKING:
    from dotool.collect.apply import Outcome


@dataclass
class Pending:
    """A workbook read without errors, with its changes: {path: (old bytes, new bytes)}."""

    book: Returned
    outcome: Outcome
    changed: dict[str, tuple[bytes, bytes]]

    def new(self) -> dict[str, bytes]:
        """{path: new bytes} of every file the workbook changes."""
        return {rel: new for rel, (_, new) in self.changed.items()}


def judge_together(root: Path, plan: Any, pending: list[Pending]) -> list[Pending]:
    """The workbooks of `pending` the plan accepts, in their order; each refused one gets its
    validation errors at the cells their values came from."""
    from dotool.authoring.checking import check_changes

    running = list(pending)
    while running:
        owner = {rel: index for index, one in enumerate(running) for rel in one.changed}
        changes = {rel: new for one in running for rel, new in one.new().items()}
        try:
            check_changes(root, changes)
        except InvalidContent as exc:
            blamed: dict[int, list[Any]] = {}
            for finding in exc.findings:
                blamed.setdefault(owner.get(finding.path, -1), []).append(finding)
            if -1 in blamed or exc.left_out or not blamed:
                return _one_by_one(root, plan, running)
            for index, findings in blamed.items():
                locate(findings, running[index].book, plan)
            running = [one for index, one in enumerate(running) if index not in blamed]
            continue
        return running
    return []


def _one_by_one(root: Path, plan: Any, running: list[Pending]) -> list[Pending]:
    """Each workbook with the changes of those accepted before it: every error is its own."""
    from dotool.authoring.checking import check_changes

    accepted: list[Pending] = []
    before: dict[str, bytes] = {}
    for one in running:
        try:
            check_changes(root, {**before, **one.new()})
        except InvalidContent as exc:
            locate(exc.findings, one.book, plan)
            continue
        accepted.append(one)
        before.update(one.new())
    return accepted


def locate(findings: list[Any], book: Returned, plan: Any) -> None:
    """Each validation error at the cell its value came from (else at the measure's row; an
    error in a file of no measure of the workbook names that file)."""
    ids = {path: measure_id for measure_id, path in plan.paths.items()}
    for finding in findings:
        measure_id = ids.get(getattr(finding, "path", ""))
        if measure_id not in book.rows:
            measure_id = None
        loc = tuple(getattr(finding, "loc", ()))
        sheet, cell = None, None
        if measure_id is not None:
            sheet, cell = book.sheet_names["measures"], f"A{book.rows.get(measure_id, '')}"
            if len(loc) >= 3 and loc[0] == "updates" and loc[2] == "kpis" and len(loc) >= 4:
                found = book.kpis.get(measure_id, {}).get(str(loc[3]))
                sheet = book.sheet_names["kpis"]
                cell = found.cell if found else cell
            elif len(loc) >= 3 and loc[0] == "updates":
                found = book.measures.get(measure_id, {}).get(str(loc[2]))
                cell = found.cell if found else cell
            elif len(loc) >= 2 and loc[0] == "milestones" and isinstance(loc[1], int):
                found = book.milestones.get(measure_id, {}).get(loc[1])
                if found:
                    sheet, cell = book.sheet_names["milestones"], found.cell
        message = getattr(finding, "message", str(finding))
        book.error(sheet, cell, f"{measure_id or finding.path}: {message}",
                   getattr(finding, "hint", None))
