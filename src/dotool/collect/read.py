"""Reading a returned collection workbook: untrusted input, checked before anything is believed.

The archive is measured before openpyxl opens it (size, number of parts, unpacked size and
ratio — a zip bomb is refused unread); formulas are refused, never evaluated; merged cells,
moved columns, renamed sheets and rows beyond the limit are located errors. Nothing in a
workbook names a file: measures are found by their id in the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotool.collect.cells import CellError, Gettext, Parsed, parse_value
from dotool.collect.layout import (
    COLUMNS,
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    MAX_ROWS,
    META_SHEET,
    SHEETS,
    Column,
)
from dotool.store.xlsx import MAX_FILE, archive_problem, open_workbook


@dataclass
class Returned:
    """What a workbook says, by measure, with the cell each value came from."""

    name: str
    lang: str = "de"
    plan: str = ""
    half: str = ""
    unit: str = ""
    fingerprints: dict[str, str] = field(default_factory=dict)
    measures: dict[str, dict[str, Parsed]] = field(default_factory=dict)  # id → field → value
    rows: dict[str, int] = field(default_factory=dict)  # id → row on the measures sheet
    kpis: dict[str, dict[str, Parsed]] = field(default_factory=dict)  # id → key → value
    kpi_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    milestones: dict[str, dict[int, Parsed]] = field(default_factory=dict)  # id → index → day
    milestone_rows: dict[tuple[str, int], int] = field(default_factory=dict)
    errors: list[CellError] = field(default_factory=list)
    sheet_names: dict[str, str] = field(default_factory=dict)

    def error(self, sheet: str | None, cell: str | None, message: str,
              hint: str | None = None) -> None:
        self.errors.append(CellError(sheet, cell, message, hint))


def _archive_problem(data: bytes, gettext: Gettext) -> str | None:
    problem = archive_problem(data)
    if problem == "too-large":
        return gettext("the file is larger than %(size)s MiB") % {"size": MAX_FILE >> 20}
    if problem == "not-xlsx":
        return gettext("not an Excel workbook (.xlsx)")
    if problem == "bomb":
        return gettext("the workbook unpacks to far more than a collection workbook holds; "
                       "it was not opened")
    return None


def read_workbook(path: Path, *, default_lang: str) -> Returned:
    """Read `path` into a `Returned`; every problem is one of its `errors`."""
    from dotool.i18n import translations

    returned = Returned(path.name, lang=default_lang)
    gettext = translations(default_lang).gettext
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:
        returned.error(None, None, gettext("cannot be read: %(why)s")
                       % {"why": _reason(exc, default_lang)})
        return returned
    problem = _archive_problem(data, gettext)
    if problem:
        returned.error(None, None, problem)
        return returned
    wb = open_workbook(data)
    if wb is None:
        returned.error(None, None, gettext("not an Excel workbook (.xlsx)"))
        return returned
    if not _meta(wb, returned):
        returned.errors = [CellError(None, None, translations(returned.lang).gettext(
            "not a collection workbook of dotool (its hidden sheet is missing or changed)"),
            translations(returned.lang).gettext("send the unit the workbook `dotool collect` "
                                                "made and apply that"))]
        return returned
    gettext = translations(returned.lang).gettext
    returned.sheet_names = {k: gettext(v) for k, v in SHEETS.items()}
    for key in ("measures", "kpis", "milestones"):
        name = returned.sheet_names[key]
        if name not in wb.sheetnames:
            shown = ", ".join(f"„{n}“" for n in wb.sheetnames if n != META_SHEET)
            returned.error(name, None, gettext("the sheet is missing (the workbook has %(names)s)")
                           % {"names": shown}, gettext("do not rename or delete sheets"))
            continue
        _sheet(wb[name], key, returned, gettext)
    return returned


def _meta(wb: Any, returned: Returned) -> bool:
    if META_SHEET not in wb.sheetnames:
        return False
    ws = wb[META_SHEET]
    if ws.max_row > MAX_ROWS + 10:
        return False
    rows = [(str(r[0] or ""), str(r[1] or "")) for r in ws.iter_rows(
        min_row=1, max_col=2, values_only=True)]
    head = dict(rows[:6])
    if head.get("format") != FORMAT or head.get("lang") not in ("de", "en"):
        return False
    returned.lang, returned.plan = head["lang"], head.get("plan", "")
    returned.half, returned.unit = head.get("half", ""), head.get("unit", "")
    returned.fingerprints = {k.strip(): v.strip() for k, v in rows[6:] if k.strip()}
    return True


def _sheet(ws: Any, key: str, returned: Returned, gettext: Gettext) -> None:
    columns: tuple[Column, ...] = COLUMNS[key]
    name = ws.title
    if ws.max_row > MAX_ROWS:
        returned.error(name, None, gettext("more than %(count)s rows") % {"count": MAX_ROWS})
        return
    for merged in ws.merged_cells.ranges:
        if merged.max_row >= HEADER_ROW:
            returned.error(name, merged.coord.split(":")[0], gettext(
                "merged cells (%(range)s) – every value needs a cell of its own")
                % {"range": merged.coord}, gettext("undo the merge"))
            return
    for i, column in enumerate(columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=i)
        if str(cell.value or "").strip() != gettext(column.header):
            returned.error(name, cell.coordinate, gettext(
                "the column “%(expected)s” is expected here, found “%(found)s”")
                % {"expected": gettext(column.header), "found": cell.value or ""},
                gettext("do not move, insert or delete columns"))
            return
    for row in ws.iter_rows(min_row=FIRST_ROW, max_col=len(columns)):
        _row(row, key, columns, returned, gettext, name)
    if key == "measures":
        for measure_id in returned.fingerprints:
            if measure_id not in returned.rows:
                returned.error(name, None, gettext(
                    "the row of measure %(id)s is missing") % {"id": measure_id},
                    gettext("do not delete rows: leave a row empty to report nothing"))


def _row(row: Any, key: str, columns: tuple[Column, ...], returned: Returned,
         gettext: Gettext, sheet: str) -> None:
    cells = dict(zip((c.key for c in columns), row, strict=False))
    measure_id = str(cells["id"].value or "").strip()
    formulas = [cell for cell in row if cell.data_type == "f"]
    for cell in formulas:  # refused, never evaluated
        returned.error(sheet, cell.coordinate, gettext(
            "a formula (%(formula)s) instead of a value") % {"formula": str(cell.value)[:40]},
            gettext("type the value itself"))
    if formulas:
        if key == "measures":
            returned.rows.setdefault(measure_id, cells["id"].row)
        return
    filled = {c.key: cells[c.key] for c in columns if c.filled
              and cells[c.key].value not in (None, "")}
    if not measure_id:
        if filled:
            cell = next(iter(filled.values()))
            returned.error(sheet, cell.coordinate, gettext("a value in a row without a measure"))
        return
    if measure_id not in returned.fingerprints:
        returned.error(sheet, cells["id"].coordinate, gettext(
            "%(id)s is not a measure of this workbook") % {"id": measure_id},
            gettext("do not add or change ids"))
        return
    values = {}
    for field_key, cell in filled.items():
        parsed = parse_value(field_key, cell, returned.lang, gettext)
        if isinstance(parsed, CellError):
            returned.errors.append(CellError(sheet, *parsed[1:]))
        else:
            values[field_key] = parsed
    where = cells["id"].row
    if key == "measures":
        if measure_id in returned.rows:
            returned.error(sheet, cells["id"].coordinate, gettext(
                "%(id)s appears twice (also in row %(row)s)")
                % {"id": measure_id, "row": returned.rows[measure_id]})
            return
        returned.rows[measure_id] = where
        returned.measures[measure_id] = values
    elif key == "kpis":
        kpi = str(cells["kpi"].value or "").strip()
        returned.kpi_rows[(measure_id, kpi)] = where
        if "value" in values:
            returned.kpis.setdefault(measure_id, {})[kpi] = values["value"]
    else:
        try:
            index = int(cells["number"].value) - 1
        except (TypeError, ValueError):
            returned.error(sheet, cells["number"].coordinate, gettext("the number was changed"))
            return
        returned.milestone_rows[(measure_id, index)] = where
        if "done" in values:
            returned.milestones.setdefault(measure_id, {})[index] = values["done"]


def _reason(exc: OSError, lang: str) -> str:
    """The system's reason for `exc` in `lang`, the language of the returned workbook's report."""
    from dotool.store.oswords import os_reason

    reason = os_reason(exc)
    return reason if isinstance(reason, str) else reason.render(lang)
