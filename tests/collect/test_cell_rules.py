"""How `collect apply` reads cells a clerk emptied, dates typed as text, and a day as the end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.collect.helpers import fill

HALF = "2022-H1"
UNIT = "Sachstand-2022-H1-IT-Service.xlsx"
ORGANISATION = "Sachstand-2022-H1-Hauptamt-Organisation.xlsx"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _measure_file(root: Path, measure_id: str) -> str:
    return next((root / "measures").glob(f"{measure_id}-*.yaml")).read_text(encoding="utf-8")


@pytest.fixture
def collected(sample_dir: Path, run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    run_cli("collect", "--half", HALF, "-o", tmp_path / "out", "--root", sample_dir)
    return tmp_path / "out"


def test_an_emptied_cell_never_removes_a_field(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    # 2021-H2 is reported by every measure: its workbooks come with the values filled in.
    run_cli("collect", "--half", "2021-H2", "-o", tmp_path / "o", "--root", sample_dir)
    book = tmp_path / "o" / "Sachstand-2021-H2-IT-Service.xlsx"
    ws = load_workbook(book)["Maßnahmen"]
    assert ws["F5"].value is not None and ws["J5"].value  # progress and text were there
    before = _snapshot(sample_dir)
    fill(book, "Maßnahmen", "M-016", {"progress": None, "text": "", "next": None,
                                      "spent": None})
    result = run_cli("collect", "apply", book, "--root", sample_dir)
    assert "nichts zu ändern" in result.stderr
    assert _snapshot(sample_dir) == before


def test_the_instructions_say_that_emptying_a_cell_removes_nothing(collected: Path) -> None:
    guide = load_workbook(collected / UNIT)["Anleitung"]
    texts = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "Eine geleerte Zelle löscht keinen Wert" in texts


@pytest.mark.parametrize("typed", ["15.03.2022", "2022-03-15", " 15.3.2022 "])
def test_a_day_typed_as_text_is_a_day(collected: Path, sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                      typed: str) -> None:
    book = collected / ORGANISATION
    ws = load_workbook(book)["Meilensteine"]
    measure_id, number = ws["A5"].value, ws["C5"].value
    fill(book, "Meilensteine", measure_id, {"done": typed}, number=number)
    run_cli("collect", "apply", book, "--root", sample_dir)
    assert "done: 2022-03-15" in _measure_file(sample_dir, measure_id)


@pytest.mark.parametrize(("typed", "shown"), [("15.3.22", "15.3.22"), ("März 2022", "März 2022"),
                                              ("31.02.2022", "31.02.2022"),
                                              ("03/15/2022", "03/15/2022")])
def test_other_text_in_a_date_cell_is_a_located_error(collected: Path, sample_dir: Path,  # type: ignore[no-untyped-def]
                                                      run_cli, typed: str, shown: str) -> None:
    book = collected / ORGANISATION
    ws = load_workbook(book)["Meilensteine"]
    measure_id, number = ws["A5"].value, ws["C5"].value
    fill(book, "Meilensteine", measure_id, {"done": typed}, number=number)
    before = _snapshot(sample_dir)
    result = run_cli("collect", "apply", book, "--root", sample_dir, exit_code=1)
    assert f'Blatt "Meilensteine", Zelle F5: Erreicht am {shown} – kein Datum' in result.stderr
    assert "TT.MM.JJJJ" in result.stderr  # the hint
    assert _snapshot(sample_dir) == before


@pytest.mark.parametrize("typed", [datetime(2023, 9, 15), "15.09.2023", "2023-09-15",
                                   "09/2023", "2023-09", datetime(2023, 9, 1)])
def test_a_replanned_end_is_stored_as_its_month(collected: Path, sample_dir: Path,  # type: ignore[no-untyped-def]
                                                run_cli, typed: object) -> None:
    fill(collected / UNIT, "Maßnahmen", "M-016", {"status": "in Umsetzung", "rag": "grün",
                                                   "progress": 40, "replanned_end": typed,
                                                   "text": "Verschoben."})
    run_cli("collect", "apply", collected / UNIT, "--root", sample_dir)
    assert "replanned_end: 2023-09\n" in _measure_file(sample_dir, "M-016")
    run_cli("validate", "--root", sample_dir)


def test_a_replanned_end_that_is_no_month_is_a_located_error(collected: Path,  # type: ignore[no-untyped-def]
                                                             sample_dir: Path, run_cli) -> None:
    fill(collected / UNIT, "Maßnahmen", "M-016", {"status": "in Umsetzung", "rag": "grün",
                                                   "progress": 40, "replanned_end": "Herbst",
                                                   "text": "Verschoben."})
    result = run_cli("collect", "apply", collected / UNIT, "--root", sample_dir, exit_code=1)
    assert 'Blatt "Maßnahmen", Zelle I5: Neues geplantes Ende Herbst – kein Monat' in result.stderr
