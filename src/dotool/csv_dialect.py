"""dotool's one CSV dialect (docs/open-data.md), for every CSV it writes: the open-data export,
the site's tables of figures and `dotool list --format csv`.

- UTF-8 with a byte-order mark: Excel reads the file as UTF-8 only when the mark is there
  (without it a German Excel shows "Ã¼" for "ü"); every CSV reader of note skips it.
- Semicolon between fields: the list separator of a German (and most European) Excel, which
  splits a double-clicked file into its columns only at its own separator.
- Fields quoted with `"` only where needed (a `;`, a `"`, a line break), a `"` doubled inside;
  lines end with CR LF (RFC 4180); one header row of machine-readable column names.
- Values: numbers with a decimal point and no thousands separator, without a trailing ".0";
  dates ISO 8601 (`2021-06`, `2021-06-30`); halves `2021-H2`; `true` / `false`; lists joined
  with "; " (a unit's name may hold a comma), so such a field is quoted; an empty field for a
  missing value; a text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`
  (`dotool.text.cell_text`), so that no spreadsheet runs it as a formula (OWASP).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

#: The byte-order mark every CSV file starts with.
BOM = "\ufeff"
DELIMITER = ";"
LIST_SEPARATOR = "; "


def csv_value(value: Any) -> str:
    """One value as the text of its field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(csv_value(v) for v in value)
    if isinstance(value, str):
        from dotool.text import cell_text

        return cell_text(value)
    return str(value)


def csv_text(header: Iterable[str], rows: Iterable[Iterable[Any]], *, bom: bool = True) -> str:
    """A whole CSV in the dialect: the mark (unless not `bom`), the header row, one line a row."""
    buffer = io.StringIO(newline="")
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=DELIMITER, quotechar='"', lineterminator="\r\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([csv_value(v) for v in row] for row in rows)
    return buffer.getvalue()


def csv_bytes(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """A whole CSV file in the dialect, as bytes (with the mark)."""
    return csv_text(header, rows).encode("utf-8")


def read_csv(data: bytes) -> list[dict[str, str]]:
    """The rows of a file in the dialect, by column name (for tests and for importing back)."""
    text = data.decode("utf-8").removeprefix(BOM)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=DELIMITER))
