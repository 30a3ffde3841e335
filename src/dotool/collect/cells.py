"""One cell of a returned workbook as the value of a field: parsed, range-checked, located.

German labels and the keys are both accepted for status and Ampel; numbers may come as numbers
or as text ("40 %", "12.000,50"); dates as dates or as text (31.03.2026, 2026-03-31). A value
that cannot be read is a `CellError` naming its cell, in the workbook's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NamedTuple

from dotool.collect.layout import COLUMNS, MAX_TEXT
from dotool.model.vocab import KEYS, label, labels
from dotool.text import FORMULA_START

Gettext = Callable[[str], str]
_MONTH = (re.compile(r"^(\d{4})-(\d{1,2})$"), re.compile(r"^(\d{1,2})[/.](\d{4})$"))
_DAY = (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
        re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"))
_NAMES = {c.key: c.name for columns in COLUMNS.values() for c in columns}


class CellError(NamedTuple):
    """A problem located in a workbook (sheet and cell None: the whole workbook or sheet)."""

    sheet: str | None
    cell: str | None
    message: str
    hint: str | None = None


class Parsed(NamedTuple):
    """A value read from a cell, with the cell it came from (for messages later)."""

    value: Any
    cell: str


def parse_value(key: str, cell: Any, lang: str, gettext: Gettext) -> Parsed | CellError:
    """The value of field `key` in `cell`, or the error saying why it is not one."""
    name = gettext(_NAMES[key])
    raw = cell.value

    def bad(message: str, hint: str | None = None) -> CellError:
        return CellError(None, cell.coordinate, f"{name} {_show(raw)} – {message}", hint)

    try:
        value = _PARSERS[key](raw, lang, gettext)
    except _Bad as exc:
        return bad(exc.message, exc.hint)
    return Parsed(value, cell.coordinate)


class _Bad(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _show(raw: Any) -> str:
    if isinstance(raw, datetime | date):
        return raw.strftime("%d.%m.%Y")
    text = str(raw).replace("\n", " ")
    return text if len(text) <= 40 else text[:39] + "…"


def _choice(vocabulary: str) -> Callable[[Any, str, Gettext], str]:
    def parse(raw: Any, lang: str, gettext: Gettext) -> str:
        text = " ".join(str(raw).split()).casefold()
        for key in KEYS[vocabulary]:
            names = {key, key.replace("_", " "), *labels(vocabulary, key).values()}
            if text in {n.casefold() for n in names}:
                return key
        allowed = ", ".join(label(vocabulary, k, lang) for k in KEYS[vocabulary])
        raise _Bad(gettext("allowed are: %(list)s") % {"list": allowed})
    return parse


def _number(raw: Any, lang: str, gettext: Gettext) -> float:
    if isinstance(raw, bool):
        raise _Bad(gettext("not a number"))
    if isinstance(raw, int | float):
        return raw
    text = str(raw).strip().rstrip("%€ ").strip().replace("\xa0", "").replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?|-?\d+(,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")  # German: 12.000,50
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")  # English: 12,000.50
    try:
        value = float(text)
    except ValueError:
        raise _Bad(gettext("not a number")) from None
    return int(value) if value.is_integer() else value


def _progress(raw: Any, lang: str, gettext: Gettext) -> int:
    value = _number(raw, lang, gettext)
    if not float(value).is_integer():
        raise _Bad(gettext("a whole number is expected"))
    if not 0 <= value <= 100:
        raise _Bad(gettext("allowed are 0 to 100"))
    return int(value)


def _money(raw: Any, lang: str, gettext: Gettext) -> float:
    value = _number(raw, lang, gettext)
    if value < 0:
        raise _Bad(gettext("an amount of 0 or more is expected"))
    return value


def _month(raw: Any, lang: str, gettext: Gettext) -> str:
    """A re-planned end is a month (as the plan's `end` usually is): a day typed or picked in
    the cell — a date cell, 15.09.2027, 2027-09-15 — is stored as its month."""
    try:
        return _when(raw, lang, gettext)[:7]
    except _Bad:
        raise _Bad(gettext("not a month; write it as 09/2027")) from None


def _when(raw: Any, lang: str, gettext: Gettext) -> str:
    """A month (09/2027, 2027-09) or a day (a date cell, 15.09.2027, 2027-09-15), as written:
    `import` keeps a plan's start and end as precise as its table gives them."""
    if isinstance(raw, datetime | date):
        return f"{raw.year:04d}-{raw.month:02d}" if raw.day == 1 else \
            f"{raw.year:04d}-{raw.month:02d}-{raw.day:02d}"
    text = str(raw).strip()
    for pattern in _MONTH:
        m = pattern.fullmatch(text)
        if m:
            year, month = (m.group(1), m.group(2)) if len(m.group(1)) == 4 else \
                (m.group(2), m.group(1))
            if 1 <= int(month) <= 12:
                return f"{int(year):04d}-{int(month):02d}"
    try:
        return _day(raw, lang, gettext)
    except _Bad:
        raise _Bad(gettext("not a month; write it as 09/2027")) from None


def _day(raw: Any, lang: str, gettext: Gettext) -> str:
    if isinstance(raw, datetime | date):
        return f"{raw.year:04d}-{raw.month:02d}-{raw.day:02d}"
    text = str(raw).strip()
    for pattern in _DAY:
        m = pattern.fullmatch(text)
        if m:
            y, mo, d = (m.group(1), m.group(2), m.group(3)) if len(m.group(1)) == 4 else \
                (m.group(3), m.group(2), m.group(1))
            try:
                return date(int(y), int(mo), int(d)).isoformat()
            except ValueError:
                break
    raise _Bad(gettext("not a date; write it as 31.03.2026"),
               gettext("format the cell as a date, or type the day as DD.MM.YYYY"))


def _text(raw: Any, lang: str, gettext: Gettext) -> str:
    text = raw if isinstance(raw, str) else _show(raw)
    # `cell_text` put a `'` before text that starts like a formula: it is not part of the text.
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_TEXT:
        raise _Bad(gettext("longer than %(count)s characters") % {"count": MAX_TEXT})
    return text


_PARSERS: dict[str, Callable[[Any, str, Gettext], Any]] = {
    "status": _choice("status"), "rag": _choice("rag"), "progress": _progress,
    "spent": _money, "value": _number, "replanned_end": _month, "done": _day, "when": _when,
    "rag_reason": _text, "text": _text, "next": _text,
}


def read_as(key: str, raw: Any, lang: str = "en", gettext: Gettext = str) -> Any:
    """The value of field `key` read from `raw` as a returned workbook's cell would be (for
    `import`); `ValueError` with the message (through `gettext`) when it is not one."""
    try:
        return _PARSERS[key](raw, lang, gettext)
    except _Bad as exc:
        raise ValueError(exc.message) from None
