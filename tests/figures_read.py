"""Reading the figures back out of rendered outputs (German), for the consistency tests.

Each reader returns the same plain shape, so outputs can be compared with one another and with
the projection formatted the way documents format it:

    {"total", "plan", "further": int, "progress": str,
     "status": {label: n}, "rag": {label: n}, "fields": [(title, n, counted, progress)],
     "completed" / "started" / "replanned": [ids], "overdue": [(id, milestone)],
     "overdue_withheld": int, "annex": {id: (status, rag, progress, planned end)},
     "missing": [ids], "closed_before": [ids]}
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from dotool.i18n import Formatter
from dotool.model.projection import PlanFigures
from dotool.model.vocab import label

FMT = Formatter("de")
# "umfasst 25 Maßnahmen: 16 des beschlossenen Masterplans und 9 weitere Initiativen." or, with
# no further initiative, "umfasst 16 Maßnahmen des beschlossenen Masterplans."
_SUMMARY = re.compile(r"umfasst (\d+) Maßnahmen?(?:: \d+ des beschlossenen Masterplans und "
                      r"(\d+) weiteren? Initiativen?)?")
_PROGRESS = re.compile(r"Gesamtfortschritt des Masterplans beträgt ([^:]+):")
_IDS = re.compile(r"\b[A-Z][A-Z0-9]*-\d{3,}\b")
# "Ein überfälliger Meilenstein einer nicht öffentlichen Maßnahme ist nicht aufgeführt." or
# "3 überfällige Meilensteine nicht öffentlicher Maßnahmen sind nicht aufgeführt."
_WITHHELD = re.compile(r"(Ein|\d+) überfällige[r]? Meilensteine? (?:einer )?nicht "
                       r"öffentliche[rn]? Maßnahmen? (?:ist|sind) nicht aufgeführt")
MISSING = "kein Sachstand gemeldet"


def _spaces(text: str) -> str:
    """Runs of ASCII white space as one space (a no-break space, as in "40 %", stays)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def words(text: str) -> str:
    """Text without signs, dots and repeated spaces (the Ampel is 🟢 in Markdown, ● in HTML)."""
    return " ".join(re.sub(r"[🟢🟡🔴⚪●*]", " ", text).split())


def pct(value: float | None) -> str:
    return FMT.percent(value) if value is not None else "–"


# --- the projection, formatted -------------------------------------------------------------
def expected(figures: PlanFigures, titles: dict[str, str], hidden: set[str]) -> dict[str, Any]:
    """What a German report shows of `figures`; `hidden` are measures shown by title only."""
    closed = {s.id for s in figures.included if s.closed_before}
    annex = {}
    for s in figures.included:
        if s.id in closed:
            continue
        if s.id in hidden:
            annex[s.id] = ("nicht öffentlich",)
            continue
        status = label("status", s.status, "de") + (f" – {MISSING}" if s.missing_report else "")
        # A dropped measure is shown with neither Ampel nor progress ("entfallen", not "0 %").
        dropped = s.status == "dropped"
        annex[s.id] = (status, "–" if dropped else label("rag", s.rag, "de") if s.rag
                       else "noch kein Sachstand", "–" if dropped else pct(s.progress),
                       FMT.date(s.current_end.last_day) if s.current_end else "–")
    return {
        "total": figures.total, "plan": figures.plan_count, "further": figures.further_count,
        "progress": pct(figures.progress),
        "status": {label("status", c.key, "de"): c.count for c in figures.by_status},
        "rag": {(label("rag", c.key, "de") if c.key != "none" else "noch kein Sachstand"):
                c.count for c in figures.by_rag},
        "fields": [(titles[f.key], len(f.measures), len(f.counted), pct(f.progress))
                   for f in figures.fields],
        "completed": [s.id for s in figures.completed],
        "started": [s.id for s in figures.started],
        "replanned": [s.id for s in figures.replanned],
        "overdue": sorted((m.measure_id, m.title) for m in figures.overdue
                          if m.measure_id not in hidden),
        "overdue_withheld": sum(1 for m in figures.overdue if m.measure_id in hidden),
        "annex": annex,
        "missing": sorted(s.id for s in figures.missing_reports),
        "closed_before": sorted(closed),
    }


# --- Markdown -------------------------------------------------------------------------------
def md_table(text: str, header: str) -> list[list[str]]:
    """The body rows of the Markdown table whose header row starts with `header`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header}"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([unescape(c.strip().replace("\\|", "|"))
                     for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
    return rows


def _coverage(text: str) -> tuple[int, int, int]:
    """(total, masterplan measures, further initiatives) of the summary's first sentence."""
    found = _SUMMARY.search(text)
    assert found, "no coverage sentence"
    total, further = int(found.group(1)), int(found.group(2) or 0)
    return total, total - further, further


def _changes(rows: list[list[str]]) -> dict[str, list[str]]:
    """The table of changes in the half, by kind (a re-planning row says "neu terminiert")."""
    kinds = {"abgeschlossen": "completed", "begonnen": "started"}
    out: dict[str, list[str]] = {"completed": [], "started": [], "replanned": []}
    for row in rows:
        out[kinds.get(row[2], "replanned")].append(row[0])
    return out


def from_markdown(text: str) -> dict[str, Any]:
    """The figures of a German report in Markdown."""
    total, plan, further = _coverage(text)
    progress = _PROGRESS.search(text)
    changes = _changes(md_table(text, "Nr. | Maßnahme | Veränderung im Halbjahr")
                       if "| Veränderung im Halbjahr |" in text else [])
    overdue = (md_table(text, "Maßnahme | Meilenstein | Fällig |")
               if "**Überfällige Meilensteine:**" in text else [])
    annex_rows = md_table(text, "Nr. | Maßnahme | Handlungsfeld | Plan")
    closed_part = text[text.index("### In früheren Halbjahren"):]
    closed = md_table(closed_part, "Nr. | Maßnahme | Status") if "| Nr." in closed_part else []
    return _shape(total, plan, further, progress.group(1) if progress else "–",
                  md_table(text, "Status | Maßnahmen"), md_table(text, "Ampel | Maßnahmen"),
                  md_table(text, "Handlungsfeld | Maßnahmen | im Mittel"), changes, overdue,
                  _withheld(text), annex_rows, closed)


# --- HTML -----------------------------------------------------------------------------------
class _Tables(HTMLParser):
    """Every table of a page by caption, as rows of cell texts; and the page's plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.text: list[str] = []
        self._caption: list[str] | None = None
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._name = ""
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("svg", "style", "script"):
            self._skip += 1
        elif tag == "table":
            self._rows, self._name = [], ""
        elif tag == "caption":
            self._caption = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" – ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style", "script"):
            self._skip -= 1
        elif tag == "caption" and self._caption is not None:
            self._name, self._caption = _spaces("".join(self._caption)), None
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(_spaces("".join(self._cell)))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables.setdefault(self._name, self._rows[1:])  # without the header row
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        for part in (self._caption, self._cell):
            if part is not None:
                part.append(data)


def html_tables(page: str) -> tuple[dict[str, list[list[str]]], str]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables, _spaces("".join(parser.text))


def from_html(page: str) -> dict[str, Any]:
    """The figures of a German report in HTML."""
    tables, text = html_tables(page)
    total, plan, further = _coverage(text)
    progress = _PROGRESS.search(text)
    changes = _changes(tables.get("Veränderungen im Halbjahr", []))
    closed = tables.get("In früheren Halbjahren abgeschlossene oder entfallene Maßnahmen", [])
    return _shape(total, plan, further, progress.group(1) if progress else "–",
                  tables["Maßnahmen nach Status"], tables["Maßnahmen nach Ampel"],
                  tables["Fortschritt nach Handlungsfeldern"], changes,
                  tables.get("Überfällige Meilensteine", []), _withheld(text),
                  tables["Alle Maßnahmen"], closed)


def _withheld(text: str) -> int:
    found = _WITHHELD.search(text)
    if not found:
        return 0
    return 1 if found.group(1) == "Ein" else int(found.group(1))


def _shape(total: int, plan: int, further: int, progress: str, status: list[list[str]],
           rag: list[list[str]], fields: list[list[str]], changes: dict[str, list[str]],
           overdue: list[list[str]], withheld: int, annex_rows: list[list[str]],
           closed: list[list[str]]) -> dict[str, Any]:
    annex = {}
    for row in annex_rows:
        annex[row[0]] = ("nicht öffentlich",) if "nicht öffentlich" in row[2:4] else (
            words(row[4]), words(row[5]), row[6], row[7])
    return {
        "total": total, "plan": plan, "further": further, "progress": progress,
        "status": {r[0]: int(r[1]) for r in status},
        "rag": {words(r[0]): int(r[1]) for r in rag},
        "fields": [(r[0], int(r[1]), int(r[2]), r[3]) for r in fields],
        **changes,
        "overdue": sorted((_IDS.findall(r[0])[0], r[1]) for r in overdue),
        "overdue_withheld": withheld,
        "annex": annex,
        "missing": sorted(i for i, v in annex.items() if MISSING in v[0]),
        "closed_before": sorted(r[0] for r in closed),
    }
