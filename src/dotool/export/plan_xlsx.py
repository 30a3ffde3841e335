"""`dotool export --format xlsx`: the open-data tables as one workbook for people who use Excel.

One sheet per table of `dotool.export.plan_csv` (measures, updates, KPI values), with the same rows
and values as the CSV files. What a clerk needs beyond the CSV: typed cells (numbers are numbers,
months and days are dates with a date format, so they sort and filter as such), a header row in
the output's language that stays in view (frozen) and has a filter, columns wide enough to read,
and the vocabulary (status, Ampel, scope, ...) in words rather than keys. Text of the plan passes
through `dotool.text.sheet_text`, so no cell is ever run as a formula, and a control character
an XML file cannot hold is shown as an escape (`\\x1b`).

The workbook is deterministic: the same plan gives the same bytes (the document's times are the
date of the data, its archive members dated 1980-01-01).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from dotool.export.plan_csv import Table, plan_tables
from dotool.model.dates import Half, PartialDate
from dotool.model.plan import Plan
from dotool.palette import SHADE, bare
from dotool.xlsxlib import load_openpyxl


def N_(message: str) -> str:  # a gettext marker: the catalogue extracts it, `_` translates it
    return message


#: Each column's header (in the catalogues) and, for vocabulary columns, the vocabulary.
HEADERS: dict[str, str] = {
    "id": N_("No."), "measure_id": N_("No."), "title": N_("Measure"),
    "ref": N_("Earlier reference"), "field": N_("Field of action (key)"),
    "field_title": N_("Field of action"), "goals": N_("Goals (keys)"), "scope": N_("Scope"),
    "kind": N_("Type"), "lead": N_("Lead"), "participants": N_("Participants"),
    "priority": N_("Priority"), "start": N_("Start"), "end": N_("Planned end (adopted)"),
    "budget_one_off": N_("One-off cost (planned, EUR)"),
    "budget_annual": N_("Running cost per year (planned, EUR)"),
    "budget_line": N_("Budget line"), "funding_programme": N_("Funding programme"),
    "funding_share": N_("Funding share"), "funding_status": N_("Funding"),
    "ozg_services": N_("OZG services"), "depends_on": N_("Depends on"),
    "public": N_("Public"), "summary": N_("Description"), "objective": N_("Objective"),
    "plan": N_("Masterplan or further initiative"), "adopted_in": N_("Adopted in version"),
    "half": N_("Half-year"), "status": N_("Status"), "rag": N_("RAG"),
    "progress": N_("Progress (%)"), "counts_in_progress": N_("Counts in overall progress"),
    "spent": N_("Spent (cumulative, EUR)"), "planned_end": N_("Planned end"),
    "replanned_in_half": N_("Re-planned in the half"),
    "replanned_since_adoption": N_("Re-planned since adoption"),
    "milestones_overdue": N_("Overdue milestones"),
    "money_one_off": N_("One-off cost as of the half (EUR)"),
    "money_annual": N_("Running cost per year as of the half (EUR)"),
    "money_funding_status": N_("Funding as of the half"), "rag_reason": N_("Reason for the RAG"),
    "replanned_end": N_("Re-planned end"), "budget_note": N_("Note on the costs"),
    "text": N_("Progress report"), "next": N_("Next steps"), "kpi": N_("KPI (key)"),
    "kpi_name": N_("Key performance indicator"), "value": N_("Value"), "unit": N_("Unit"),
    "baseline": N_("Baseline"), "target": N_("Target"),
}
#: The sheets' names (at most 31 characters, Excel's limit).
SHEETS = {"measures": N_("Measures"), "updates": N_("Progress reports"),
          "kpis": N_("KPI values")}
VOCABULARY = {"scope": "scope", "kind": "kind", "priority": "priority", "status": "status",
              "rag": "rag", "funding_status": "funding_status",
              "money_funding_status": "funding_status"}
PLAN_KINDS = {"masterplan": N_("masterplan"), "further": N_("further initiative")}
MONEY = {"budget_one_off", "budget_annual", "spent", "money_one_off", "money_annual"}
#: Long texts get a wide column that wraps; other columns fit their content up to a limit.
LONG_TEXT = {"summary", "objective", "text", "next", "rag_reason", "budget_note"}
DATE_FORMATS = {"de": ("DD.MM.YYYY", "MM.YYYY"), "en": ("YYYY-MM-DD", "YYYY-MM")}


def export_workbook(plan: Plan, *, public: bool, lang: str,
                    data_date: date | None = None) -> bytes:
    """The workbook's bytes: one sheet per table, headers in `lang`; `data_date` is the date
    the workbook says it was made (default 2000-01-01: never the time of the export)."""
    load_openpyxl()  # before the first import of openpyxl
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    for table in plan_tables(plan, public=public):
        _sheet(book, table, lang)
    stamp = datetime.combine(data_date or date(2000, 1, 1), datetime.min.time())
    book.properties.creator = "dotool"
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue(), stamp)


def _sheet(book: Any, table: Table, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from dotool.i18n import translations

    _ = translations(lang).gettext
    sheet = book.create_sheet(_(SHEETS[table.name]))
    sheet.append([_(HEADERS.get(c, c)) for c in table.columns])
    convert = [_converter(c, lang, _) for c in table.columns]
    day, month = DATE_FORMATS[lang]
    widths = [len(str(sheet.cell(1, i + 1).value)) for i in range(len(table.columns))]
    for row in table.rows:
        cells = [conv(v) for conv, v in zip(convert, row, strict=True)]
        sheet.append([c[0] for c in cells])
        line = sheet.max_row
        lines = 1
        for index, (value, kind) in enumerate(cells):
            cell = sheet.cell(line, index + 1)
            if table.columns[index] in LONG_TEXT and isinstance(value, str):
                lines = max(lines, _lines(value))
            if kind == "day":
                cell.number_format = day
            elif kind == "month":
                cell.number_format = month
            elif kind == "money":
                cell.number_format = "#,##0.00"
            elif table.columns[index] == "funding_share" and value is not None:
                cell.number_format = "0%"  # 0.9 is shown as 90 %
            elif table.columns[index] in LONG_TEXT:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            shown = len(day) if kind == "day" else len(str(value or ""))
            widths[index] = max(widths[index], min(shown, 60))
        if lines > 1:  # not every spreadsheet fits a row to wrapped text when it opens a file
            sheet.row_dimensions[line].height = min(409, 15 * lines)
    for index, name in enumerate(table.columns):
        width = 60 if name in LONG_TEXT else min(max(widths[index], 6) + 2, 48)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=bare(SHADE))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"  # the header row and the measure's number stay in view
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"  # printed, every page repeats the header row
    sheet.page_setup.orientation = "landscape"


def _lines(text: str, width: int = 60) -> int:
    """About how many lines `text` takes in a wrapping column `width` characters wide."""
    return sum(max(1, -(-len(part) // width)) for part in text.split("\n"))


Converter = Callable[[Any], tuple[Any, str]]


def _converter(column: str, lang: str, _: Callable[[str], str]) -> Converter:
    """How a column's values become cells: (value, kind) with kind day, month, money or ""."""
    from dotool.model.vocab import label

    if column in VOCABULARY:
        vocabulary = VOCABULARY[column]
        return lambda v: (None if v is None else label(vocabulary, v, lang), "")
    if column == "plan":
        return lambda v: (_(PLAN_KINDS[v]) if v in PLAN_KINDS else v, "")
    money = column in MONEY
    return lambda v: _typed(v, money)


def _typed(value: Any, money: bool) -> tuple[Any, str]:
    from dotool.text import sheet_text

    if value is None:
        return None, ""
    if isinstance(value, PartialDate):
        return (value.first_day, "month") if value.day is None else (value.last_day, "day")
    if isinstance(value, date):
        return value, "day"
    if isinstance(value, bool):
        return value, ""
    if isinstance(value, (int, float)):
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        return number, "money" if money else ""
    if isinstance(value, Half):
        return str(value), ""
    if isinstance(value, (list, tuple)):
        return sheet_text("; ".join(str(v) for v in value)) or None, ""
    return sheet_text(str(value)), ""


def _fixed_zip_times(data: bytes, stamp: datetime) -> bytes:
    """The same archive with every member dated 1980-01-01 and the document modified at
    `stamp` (openpyxl writes the time of saving): byte-identical on every run."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            member = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                member = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*",
                                rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                                member)
            target.writestr(fixed, member)
    return out.getvalue()
