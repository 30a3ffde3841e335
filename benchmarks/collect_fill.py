"""Fill collection workbooks as the lead units would, for the benchmark of `collect apply`.

    python benchmarks/collect_fill.py DIR DAY

Every row of every workbook in DIR: status, traffic light (amber, with a reason), progress,
spend, a re-planned end, text and next steps; every KPI value; every open milestone done on DAY
(YYYY-MM-DD, inside the half). Cells are found by the workbook's own layout (`COLUMNS`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from dotool.collect.layout import COLUMNS, FIRST_ROW, letter

MEASURE = {"status": "in Umsetzung", "rag": "gelb", "rag_reason": "Personalengpass",
           "progress": 70, "spent": 12500, "replanned_end": "12/2028",
           "text": "Vergabe vorbereitet.\nAngebote geprüft.", "next": "- Zuschlag"}


def fill(folder: Path, day: date) -> int:
    """Fill every workbook in `folder`; return the number of measure rows filled."""
    rows = 0
    for book in sorted(folder.glob("*.xlsx")):
        wb = load_workbook(book)
        for sheet, values in (("measures", MEASURE), ("kpis", {"value": 42}),
                              ("milestones", {"done": day})):
            ws = wb.worksheets[1 + list(COLUMNS).index(sheet)]
            for row in range(FIRST_ROW, ws.max_row + 1):
                if not ws[f"A{row}"].value:
                    continue
                rows += sheet == "measures"
                for key, value in values.items():
                    ws[f"{letter(COLUMNS[sheet], key)}{row}"] = value
        wb.save(book)
    return rows


if __name__ == "__main__":
    print(fill(Path(sys.argv[1]), date.fromisoformat(sys.argv[2])))
