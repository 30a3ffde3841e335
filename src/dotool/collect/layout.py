"""The collection workbook's layout, shared by the writer (`workbook`) and the reader (`read`).

Every header and sheet name is an English msgid translated into the plan's language; the reader
checks each header cell against the same text, so a moved or inserted column is a located error
instead of values landing in the wrong field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from dotool.model.dates import Half

#: What the hidden sheet's first cell says: the kind of workbook and the layout's version.
FORMAT = "dotool-collect/1"
META_SHEET = "dotool"
HEADER_ROW = 4  # rows 1–3: title and a line of guidance
FIRST_ROW = HEADER_ROW + 1
#: The most rows a returned sheet may have (a unit has tens of measures, not thousands).
MAX_ROWS = 5000
MAX_TEXT = 20_000  # characters of one text cell (Excel's own limit is 32,767)

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
                         "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def N_(message: str) -> str:  # the conventional name of a gettext marker
    """Mark `message` for the catalogues; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Column:
    """One column: its key, header (msgid), the name used in messages (msgid), its width in
    characters, and whether the unit fills it in (else it is locked, for reference)."""

    key: str
    header: str
    name: str
    width: float
    filled: bool = False


SHEETS = {
    "instructions": N_("Instructions"),
    "measures": N_("Measures"),
    "kpis": N_("KPIs"),
    "milestones": N_("Milestones"),
}

MEASURES = (
    Column("id", N_("ID"), N_("ID"), 7),
    Column("title", N_("Measure"), N_("Measure"), 25),
    Column("before", N_("State at the end of the previous half"),
           N_("State at the end of the previous half"), 17),
    Column("status", N_("Status"), N_("Status"), 14, True),
    Column("rag", N_("Traffic light"), N_("Traffic light"), 9, True),
    Column("progress", N_("Progress in %"), N_("Progress"), 10, True),
    Column("rag_reason", N_("Reason (required for amber or red)"), N_("Reason"), 22, True),
    Column("spent", N_("Spent so far in € (cumulative)"), N_("Spent so far"), 12, True),
    Column("replanned_end", N_("New planned end (month)"), N_("New planned end"), 11, True),
    Column("text", N_("What happened in the half"), N_("What happened"), 34, True),
    Column("next", N_("Next steps"), N_("Next steps"), 25, True),
)
KPIS = (
    Column("id", N_("ID"), N_("ID"), 7),
    Column("title", N_("Measure"), N_("Measure"), 28),
    Column("kpi", N_("Key"), N_("Key"), 12),
    Column("name", N_("KPI"), N_("KPI"), 30),
    Column("unit", N_("Unit"), N_("Unit"), 8),
    Column("baseline", N_("Baseline"), N_("Baseline"), 10),
    Column("target", N_("Target"), N_("Target"), 10),
    Column("before", N_("Value at the end of the previous half"),
           N_("Value at the end of the previous half"), 14),
    Column("value", N_("Value at the end of the half"), N_("KPI value"), 14, True),
)
MILESTONES = (
    Column("id", N_("ID"), N_("ID"), 7),
    Column("title", N_("Measure"), N_("Measure"), 28),
    Column("number", N_("No."), N_("No."), 5),
    Column("milestone", N_("Milestone"), N_("Milestone"), 40),
    Column("due", N_("Due"), N_("Due"), 12),
    Column("done", N_("Done on (date)"), N_("Done on"), 14, True),
)
COLUMNS = {"measures": MEASURES, "kpis": KPIS, "milestones": MILESTONES}


def letter(columns: tuple[Column, ...], key: str) -> str:
    """The column letter of `key` (A, B, …; the sheets have fewer than 27 columns)."""
    return chr(ord("A") + [c.key for c in columns].index(key))


def sheet_names(gettext: Callable[[str], str]) -> dict[str, str]:
    """Each sheet's key → its name in the workbook's language."""
    return {key: gettext(name) for key, name in SHEETS.items()}


def file_name(unit: str, half: Half, gettext: Callable[[str], str]) -> str:
    """`Sachstand-2026-H1-Fachdienst-Buergerservice.xlsx`: ASCII, no path separators."""
    text = unicodedata.normalize("NFKD", unit.translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60].strip("-") or "unit"
    prefix = gettext("Progress-report")  # "Sachstand"
    return f"{prefix}-{half}-{slug}.xlsx"


def plan_identity(municipality: str, title: str) -> str:
    """What names the plan in the hidden sheet: a workbook of another plan is refused. Written
    as the cell holds it (`sheet_text`), so the cell read back compares equal whatever the
    names hold."""
    from dotool.text import sheet_text

    return sheet_text(f"{municipality} · {title}")


def fingerprint(data: bytes) -> str:
    """The fingerprint of a measure file's bytes as the hidden sheet records it."""
    return hashlib.sha256(data).hexdigest()
