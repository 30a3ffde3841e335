"""Drawing a unit's collection workbook with openpyxl: sheets, validation, protection, print.

Cells for reference are grey and locked (the sheet is protected without a password: it guards
against slips, not against intent — `apply` checks everything anyway); cells to fill are white,
unlocked and carry Excel data validation, so most mistakes are refused while typing. Every
sheet prints on A4 landscape, one page wide, with the header row repeated on each page.
"""

from __future__ import annotations

import io
import math
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from dotool.collect.layout import (
    FIRST_ROW,
    FORMAT,
    HEADER_ROW,
    KPIS,
    MAX_TEXT,
    MEASURES,
    META_SHEET,
    MILESTONES,
    Column,
    letter,
    sheet_names,
)
from dotool.collect.make import UnitBook
from dotool.collect.texts import instructions, messages
from dotool.text import sheet_text, shown

_GREY = PatternFill("solid", fgColor="EDEDED")
_HEAD = PatternFill("solid", fgColor="D9E1F2")
_WARN = PatternFill("solid", fgColor="F8CBAD")
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_FONT = Font(name="Calibri", size=10)
_BOLD = Font(name="Calibri", size=10, bold=True)
_TITLE = Font(name="Calibri", size=14, bold=True)


def build(book: UnitBook) -> bytes:
    """The workbook of `book` as XLSX bytes."""
    from dotool.i18n import translations

    gettext = translations(book.lang).gettext
    names = sheet_names(gettext)
    text = messages(book, gettext)
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = names["instructions"]
    _instructions(guide, instructions(book, gettext))
    rows = [[m.id, m.title, m.before, *(m.filled.get(c.key) for c in MEASURES[3:])]
            for m in book.measures]
    ws = _table(wb.create_sheet(names["measures"]), MEASURES, rows, text["measures_title"],
                text["guidance"], gettext)
    _measure_checks(ws, len(rows), text)
    rows = [[k.id, k.title, k.key, k.name, k.unit, k.baseline, k.target, k.before, k.value]
            for k in book.kpis]
    ws = _table(wb.create_sheet(names["kpis"]), KPIS, rows, text["kpis_title"],
                text["guidance"], gettext)
    _number_check(ws, letter(KPIS, "value"), len(rows), text, minimum=None)
    rows = [[s.id, s.title, s.number, s.milestone, s.due, None] for s in book.milestones]
    ws = _table(wb.create_sheet(names["milestones"]), MILESTONES, rows,
                text["milestones_title"], text["guidance"], gettext)
    _date_check(ws, len(rows), book, text)
    _meta(wb.create_sheet(META_SHEET), book)
    wb.active = 0
    wb.properties.creator = "dotool"
    wb.properties.title = shown(text["measures_title"])  # XML too: the unit's name is the plan's
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _put(ws: Worksheet, row: int, col: int, value: Any) -> Any:
    """Write one cell; text never becomes a formula and holds no control character XML cannot
    (`sheet_text`, and typed as a string)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = sheet_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _table(ws: Worksheet, columns: tuple[Column, ...], rows: list[list[Any]], title: str,
           guidance: str, gettext: Any) -> Worksheet:
    _put(ws, 1, 1, title).font = _TITLE
    _put(ws, 2, 1, guidance).font = _FONT
    for i, column in enumerate(columns, start=1):
        cell = _put(ws, HEADER_ROW, i, gettext(column.header))
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEAD, _BOX, _WRAP
        ws.column_dimensions[letter(columns, column.key)].width = column.width
    # Each style is set through openpyxl once, on the first cell of its kind; the other cells
    # take a copy of that cell's style indices (as openpyxl copies a worksheet). Setting font,
    # border, alignment and fill cell by cell hashes each style object again: most of the time
    # of a large workbook, for the same few styles.
    kinds: dict[tuple[bool, str], StyleArray] = {}
    for r, values in enumerate(rows, start=FIRST_ROW):
        lines = 1
        for i, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = _put(ws, r, i, value)
            number = "DD.MM.YYYY" if hasattr(value, "year") else (
                "#,##0.00" if column.key == "spent" else "")
            known = kinds.get((column.filled, number))
            if known is not None:
                cell._style = copy(known)
            else:
                _style(cell, filled=column.filled, number=number)
                kinds[(column.filled, number)] = copy(cell._style)
            lines = max(lines, _lines(value, column.width))
        # Excel does not grow a row to wrapped text by itself: an estimate keeps it readable.
        ws.row_dimensions[r].height = min(13.5 * lines + 3, 400)
    # Bold headers are wider than the text below them.
    ws.row_dimensions[HEADER_ROW].height = 13.5 * max(_lines(gettext(c.header), c.width * 0.8)
                                                      for c in columns) + 3
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=3).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print(ws)
    ws.protection.sheet = True
    # Protected against editing what is for reference, not against making it readable.
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    return ws


def _style(cell: Any, *, filled: bool, number: str) -> None:
    """A table cell's look: white and unlocked to fill in, else grey (and locked)."""
    cell.font, cell.border, cell.alignment = _FONT, _BOX, _WRAP
    if filled:
        cell.protection = Protection(locked=False)
    else:
        cell.fill = _GREY
    if number:
        cell.number_format = number


def _lines(value: Any, width: float) -> int:
    """About how many lines `value` wraps to in a column `width` characters wide."""
    per_line = max(int(width * 1.1) - 1, 1)  # a 10-point font in a column sized for 11 points
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(value or "").split("\n"))


def _print(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    footer = ws.oddFooter
    if footer is not None:  # openpyxl gives every sheet one; its type allows none
        footer.center.text = "&P / &N"
        footer.left.text = "&A"


def _validation(ws: Worksheet, rule: DataValidation, column: str, count: int,
                title: str, error: str, prompt: str) -> None:
    rule.showErrorMessage = True
    rule.errorTitle, rule.error = title[:32], error[:255]
    rule.showInputMessage = True
    rule.promptTitle, rule.prompt = title[:32], prompt[:255]
    ws.add_data_validation(rule)
    if count:
        rule.add(f"{column}{FIRST_ROW}:{column}{FIRST_ROW + count - 1}")


def _measure_checks(ws: Worksheet, count: int, text: dict[str, str]) -> None:
    for key in ("status", "rag"):
        choices = text[f"{key}_choices"]
        _validation(ws, DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True),
                    letter(MEASURES, key), count, text[f"{key}_name"],
                    text["choose_error"], text[f"{key}_prompt"])
    _validation(ws, DataValidation(type="whole", operator="between", formula1="0",
                                   formula2="100", allow_blank=True),
                letter(MEASURES, "progress"), count, text["progress_name"],
                text["progress_error"], text["progress_prompt"])
    _number_check(ws, letter(MEASURES, "spent"), count, text, minimum=0)
    for key in ("rag_reason", "text", "next"):
        _validation(ws, DataValidation(type="textLength", operator="lessThanOrEqual",
                                       formula1=str(MAX_TEXT), allow_blank=True),
                    letter(MEASURES, key), count, text[f"{key}_name"], text["text_error"],
                    text[f"{key}_prompt"])
    _validation(ws, DataValidation(type="custom", allow_blank=True, formula1=_month_formula()),
                letter(MEASURES, "replanned_end"), count, text["replanned_end_name"],
                text["month_error"], text["month_prompt"])
    if count:
        rag, reason = letter(MEASURES, "rag"), letter(MEASURES, "rag_reason")
        amber, red = text["amber"], text["red"]
        formula = (f'AND(OR(${rag}{FIRST_ROW}="{amber}",${rag}{FIRST_ROW}="{red}"),'
                   f'LEN(TRIM(${reason}{FIRST_ROW}))=0)')
        ws.conditional_formatting.add(f"{reason}{FIRST_ROW}:{reason}{FIRST_ROW + count - 1}",
                                      Rule(type="expression", formula=[formula],
                                           dxf=DifferentialStyle(fill=_WARN)))


def _month_formula() -> str:
    """A date (Excel turns `09/2027` into one), or text `YYYY-MM`, `MM/YYYY` or `MM.YYYY`."""
    cell = f"{letter(MEASURES, 'replanned_end')}{FIRST_ROW}"
    return (f"OR(ISNUMBER({cell}),AND(LEN({cell})=7,ISNUMBER(VALUE(LEFT({cell},4)))),"
            f"AND(LEN({cell})=7,ISNUMBER(VALUE(RIGHT({cell},4)))))")


def _number_check(ws: Worksheet, column: str, count: int, text: dict[str, str], *,
                  minimum: float | None) -> None:
    rule = DataValidation(type="decimal", allow_blank=True,
                          operator="greaterThanOrEqual" if minimum is not None else "between",
                          formula1=str(minimum) if minimum is not None else "-1E+15",
                          formula2=None if minimum is not None else "1E+15")
    _validation(ws, rule, column, count, text["number_name"],
                text["money_error"] if minimum is not None else text["number_error"],
                text["money_prompt"] if minimum is not None else text["number_prompt"])


def _date_check(ws: Worksheet, count: int, book: UnitBook, text: dict[str, str]) -> None:
    end = book.half.end
    rule = DataValidation(type="date", operator="between", allow_blank=True,
                          formula1="DATE(2000,1,1)",
                          formula2=f"DATE({end.year},{end.month},{end.day})")
    _validation(ws, rule, letter(MILESTONES, "done"), count, text["done_name"],
                text["date_error"], text["date_prompt"])
    for r in range(FIRST_ROW, FIRST_ROW + count):
        ws.cell(row=r, column=len(MILESTONES)).number_format = "DD.MM.YYYY"


def _instructions(ws: Worksheet, lines: list[tuple[str, str]]) -> None:
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 95
    title, *rest = lines
    _put(ws, 1, 1, title[0]).font = _TITLE  # alone in its row: it runs on into column B
    for r, (head, body) in enumerate(rest, start=2):
        a, b = _put(ws, r, 1, head), _put(ws, r, 2, body)
        a.font, b.font, a.alignment, b.alignment = _BOLD, _FONT, _WRAP, _WRAP
        ws.row_dimensions[r].height = 13.5 * _lines(body, 95) + 3
    _print(ws)
    ws.protection.sheet = True


def _meta(ws: Worksheet, book: UnitBook) -> None:
    """The hidden sheet: what `apply` checks the returned workbook against."""
    rows: list[tuple[str, str]] = [
        ("format", FORMAT), ("plan", book.plan), ("half", str(book.half)),
        ("unit", book.unit), ("lang", book.lang), ("measure", "sha256"),
        *sorted(book.fingerprints.items())]
    for r, (key, value) in enumerate(rows, start=1):
        _put(ws, r, 1, key)
        _put(ws, r, 2, value)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
