"""The whole collection on a generated plan of 150 measures: collect, every row filled as a
clerk would, apply, validate, report. Data not written for the feature."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from dotool.collect.layout import COLUMNS, FIRST_ROW, letter

REPO = Path(__file__).resolve().parents[2]
HALF = "2027-H1"
REASON = "Personalengpass im Fachdienst"


def _generate(target: Path) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    # Updates up to 2026-H2: 2027-H1 is the half being collected.
    generate(target, measures=150, n_halves=6, seed=3, today=date(2027, 1, 20))
    return target


def _fill(book: Path) -> dict[str, str]:
    """Fill every row of every sheet; return {measure id: its text}."""
    wb = load_workbook(book)
    texts = {}
    ws, columns = wb["Maßnahmen"], COLUMNS["measures"]
    for row in range(FIRST_ROW, ws.max_row + 1):
        measure_id = ws[f"A{row}"].value
        if not measure_id:
            continue
        texts[measure_id] = f"Sachstand {measure_id}: Vergabe vorbereitet.\nAngebote geprüft."
        values = {"status": "in Umsetzung", "rag": "gelb", "rag_reason": REASON,
                  "progress": 70, "spent": "12.500,00", "replanned_end": datetime(2028, 12, 15),
                  "text": texts[measure_id], "next": "- Zuschlag im Herbst"}
        for key, value in values.items():
            ws[f"{letter(columns, key)}{row}"] = value
    ws, columns = wb["Kennzahlen"], COLUMNS["kpis"]
    for row in range(FIRST_ROW, ws.max_row + 1):
        if ws[f"A{row}"].value:
            ws[f"{letter(columns, 'value')}{row}"] = 42
    ws, columns = wb["Meilensteine"], COLUMNS["milestones"]
    for row in range(FIRST_ROW, ws.max_row + 1):
        if ws[f"A{row}"].value:
            ws[f"{letter(columns, 'done')}{row}"] = "15.03.2027"
    wb.save(book)
    return texts


@pytest.mark.slow
@pytest.mark.clock
def test_a_whole_collection_on_150_generated_measures(run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", "2027-07-20")
    root = _generate(tmp_path / "plan")
    out = tmp_path / "collect"
    run_cli("collect", "--half", HALF, "-o", out, "--root", root)
    books = sorted(out.iterdir())
    assert len(books) >= 5
    status = run_cli("collect", "status", "--half", HALF, "--root", root).stdout
    asked = sum(int(line.split(" von ")[1].split()[0]) for line in status.splitlines()
                if " ohne Sachstand für " in line)
    texts: dict[str, str] = {}
    for book in books:
        texts.update(_fill(book))
    assert len(texts) == asked > 50  # every measure the status asked about has a row
    result = run_cli("collect", "apply", *books, "--root", root)
    changed = [int(line.rpartition(": ")[2]) for line in result.stderr.splitlines()
               if ": geänderte Maßnahmen: " in line]
    assert len(changed) == len(books) and sum(changed) == len(texts)
    assert "alle Federführungen haben für 2027-H1 berichtet" in run_cli(
        "collect", "status", "--half", HALF, "--root", root).stdout
    run_cli("validate", "--root", root)
    for path in (root / "measures").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["id"] not in texts:
            continue
        update = next(u for u in data["updates"] if str(u["half"]) == HALF)
        assert (update["status"], update["rag"], update["rag_reason"], update["progress"],
                update["spent"], str(update["replanned_end"])) == (
            "in_progress", "amber", REASON, 70, 12500, "2028-12")
        assert update["text"].strip() == texts[data["id"]]
        assert all(m.get("done") for m in data.get("milestones") or [])  # none left open
    report = run_cli("report", "--half", HALF, "--internal", "--root", root).stdout
    for measure_id, text in texts.items():
        assert text.splitlines()[0] in report, measure_id
