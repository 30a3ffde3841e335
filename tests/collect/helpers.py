"""Filling a collection workbook as a clerk would: with openpyxl, by column name."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from dotool.collect.layout import COLUMNS, FIRST_ROW, letter


def fill(path: Path, sheet: str, measure_id: str, values: dict[str, Any], *,
         kpi: str | None = None, number: int | None = None, out: Path | None = None) -> str:
    """Type `values` ({column key: value}) into the row of `measure_id` (and KPI key or
    milestone number); save; return the row's first cell for messages."""
    wb = load_workbook(path)
    key = {"Maßnahmen": "measures", "Measures": "measures", "Kennzahlen": "kpis",
           "Meilensteine": "milestones"}[sheet]
    ws = wb[sheet]
    columns = COLUMNS[key]
    for row in range(FIRST_ROW, ws.max_row + 1):
        if ws[f"A{row}"].value != measure_id:
            continue
        if kpi is not None and ws[f"{letter(columns, 'kpi')}{row}"].value != kpi:
            continue
        if number is not None and ws[f"{letter(columns, 'number')}{row}"].value != number:
            continue
        for name, value in values.items():
            ws[f"{letter(columns, name)}{row}"] = value
        wb.save(out or path)
        return f"A{row}"
    raise AssertionError(f"no row for {measure_id} in {sheet}")


def soffice() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def resave(path: Path, folder: Path) -> Path:
    """Open and save `path` with LibreOffice headless (as a clerk's office suite would)."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "profile"
    subprocess.run([soffice() or "soffice", f"-env:UserInstallation=file://{profile}",
                    "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                    "--outdir", str(folder), str(path)], check=True, capture_output=True,
                   timeout=180)
    return folder / path.name
