"""Reading a table of measures (`import`): CSV in any common encoding and delimiter, or XLSX.

CSV: the encoding given, else UTF-8 with or without BOM, else Windows-1252 (what German Excel
writes as "CSV (Trennzeichen-getrennt)"); the delimiter as `csv.Sniffer` finds it among
`; , TAB |`. XLSX: the first sheet (or the one named), measured before it is opened like a
returned collection workbook; formulas are refused. Cells come back as text, numbers or dates,
each row with its number in the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dotool.errors import ContentError, UsageError
from dotool.i18n.terminal import t
from dotool.store.oswords import os_reason

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
ENCODINGS = ("utf-8-sig", "utf-8", "cp1252")


@dataclass(frozen=True)
class Table:
    """A table: its column names and rows (row number in the file, {column: value})."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, Any]], ...]
    encoding: str | None = None
    delimiter: str | None = None


def read_table(path: Path, *, encoding: str | None = None, delimiter: str | None = None,
               sheet: str | None = None) -> Table:
    """The table in `path` (.csv or .xlsx); exit 1 with the row for content it cannot read."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        raise UsageError(t("{name}: only .csv and .xlsx tables can be imported", name=path.name))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(t("cannot read {path}: {problem}", path=str(path),
                           problem=os_reason(exc))) from None
    if len(data) > MAX_BYTES:
        raise ContentError(t("the table is larger than {size} MiB", size=MAX_BYTES >> 20),
                           path=path.name)
    if suffix == ".xlsx":
        return _xlsx(path.name, data, sheet)
    return _csv(path.name, data, encoding, delimiter)


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding): the one given, else UTF-8 (BOM or not), else Windows-1252."""
    for candidate in (encoding,) if encoding else ENCODINGS:
        try:
            return data.decode(candidate), candidate
        except LookupError:
            raise UsageError(t("--encoding: unknown encoding `{encoding}`",
                               encoding=candidate)) from None
        except UnicodeDecodeError as exc:
            if encoding:
                raise ContentError(t("not {encoding} at byte {at}", encoding=encoding,
                                     at=exc.start), path=name,
                                   hint=t("give the file's encoding with --encoding")) from None
    raise ContentError(t("the encoding cannot be recognised"), path=name,  # pragma: no cover
                       hint=t("give it with --encoding"))  # cp1252 decodes all but 5 bytes


def _csv(name: str, data: bytes, encoding: str | None, delimiter: str | None) -> Table:
    text, used = decode(data, name, encoding)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:65536], delimiters=";,\t|").delimiter
        except csv.Error:
            first = text.split("\n", 1)[0]
            delimiter = max(";,\t|", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[tuple[int, list[Any]]] = []
    try:
        last = 0
        for row in reader:  # a row starts on the line after the last one ended
            raw.append((last + 1, list(row)))
            last = reader.line_num
    except csv.Error as exc:
        raise ContentError(t("line {line}: {problem}", line=reader.line_num, problem=str(exc)),
                           path=name) from None
    return _table(name, raw, used, delimiter)


def _xlsx(name: str, data: bytes, sheet: str | None) -> Table:
    from dotool.store.xlsx import archive_problem, open_workbook

    problem = archive_problem(data)
    wb = None if problem else open_workbook(data)
    if wb is None:
        why = {"too-large": t("the file is too large"),
               "bomb": t("the workbook unpacks to far more than a table holds; it was not "
                         "opened")}.get(problem or "", t("not an Excel workbook (.xlsx)"))
        raise ContentError(why, path=name)
    if sheet is not None and sheet not in wb.sheetnames:
        raise UsageError(t("--sheet: {name} has no sheet `{sheet}`", name=name, sheet=sheet),
                         hint=t("its sheets: {sheets}", sheets=", ".join(wb.sheetnames)))
    ws = wb[sheet] if sheet else wb.worksheets[0]
    if ws.max_row > MAX_ROWS + 1:
        raise ContentError(t("more than {n} rows", n=MAX_ROWS), path=name)
    raw = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                raise ContentError(t("row {row}, cell {cell}: a formula ({formula}) instead "
                                     "of a value", row=cell.row, cell=cell.coordinate,
                                     formula=str(cell.value)[:40]), path=name,
                                   hint=t("copy the sheet and paste values only"))
        raw.append((row[0].row if row else 0, [c.value for c in row]))
    return _table(name, raw, None, None)


def _table(name: str, raw: list[tuple[int, list[Any]]], encoding: str | None,
           delimiter: str | None) -> Table:
    filled = [(n, cells) for n, cells in raw if any(_blank(c) is False for c in cells)]
    if not filled:
        raise ContentError(t("the table is empty"), path=name)
    if len(filled) > MAX_ROWS + 1:
        raise ContentError(t("more than {n} rows", n=MAX_ROWS), path=name)
    (_, header), body = filled[0], filled[1:]
    columns = [" ".join(str(c or "").split()) for c in header]
    seen = [c for c in columns if c]
    doubles = sorted({c for c in seen if seen.count(c) > 1})
    if doubles:
        raise ContentError(t("the column {column} appears twice in the header",
                             column=repr(doubles[0])), path=name)
    rows = []
    for number, cells in body:
        rows.append((number, {col: cells[i] for i, col in enumerate(columns)
                              if col and i < len(cells) and not _blank(cells[i])}))
    return Table(name, tuple(c for c in columns if c), tuple(rows), encoding, delimiter)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
