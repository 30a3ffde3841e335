"""The half-year collection on the sample: workbooks out, filled as a clerk would, back in.

The file `collect apply` writes must be byte for byte what `dotool update` writes with the same
values; a workbook with any error changes nothing.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.collect.helpers import fill
from tests.conftest import Counts

HALF = "2022-H1"
UNIT = "Sachstand-2022-H1-IT-Service.xlsx"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def collected(sample_dir: Path, run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir, "--due", "2022-07-15",
            "--reply-to", "digital@winsen.example")
    return out


def test_one_workbook_per_unit_with_its_active_measures(collected: Path) -> None:
    names = sorted(p.name for p in collected.iterdir())
    assert UNIT in names and "Sachstand-2022-H1-Stabsstelle-Wirtschaftsfoerderung.xlsx" in names
    wb = load_workbook(collected / UNIT)
    assert wb.sheetnames == ["Anleitung", "Maßnahmen", "Kennzahlen", "Meilensteine", "dotool"]
    assert wb["dotool"].sheet_state == "veryHidden"
    ws = wb["Maßnahmen"]
    assert [ws[f"A{r}"].value for r in range(5, ws.max_row + 1)] == ["M-016"]
    assert ws["D4"].value == "Status" and ws["F4"].value == "Fortschritt in %"
    # The previous half's state, from the projection, locked; the cells to fill unlocked.
    assert "in Umsetzung" in ws["C5"].value and ws["C5"].protection.locked
    assert not ws["D5"].protection.locked and ws.protection.sheet
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert rules["D5"].formula1 == '"geplant,in Umsetzung,Daueraufgabe,abgeschlossen,' \
        'zurückgestellt,entfallen"'
    assert rules["E5"].formula1 == '"grün,gelb,rot"'
    assert (rules["F5"].type, rules["F5"].formula1, rules["F5"].formula2) == ("whole", "0", "100")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth == 1
    guide = wb["Anleitung"]
    texts = [str(c.value) for row in guide.iter_rows() for c in row if c.value]
    assert "15.07.2022" in texts and "digital@winsen.example" in texts


def test_apply_writes_what_update_writes(collected: Path, sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                         tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    shutil.copytree(sample_dir, twin)
    book = collected / UNIT
    text = "Erste Stufe zertifiziert.\nAudit für die zweite Stufe beauftragt."
    fill(book, "Maßnahmen", "M-016", {"status": "in Umsetzung", "rag": "gelb", "progress": 55,
                                      "rag_reason": "Personalengpass im IT-Service",
                                      "spent": 31000, "text": text,
                                      "next": "- Audit im Herbst"})
    ws = load_workbook(book)["Kennzahlen"]
    kpi = ws["C5"].value
    fill(book, "Kennzahlen", "M-016", {"value": 7}, kpi=kpi)
    run_cli("collect", "apply", book, "--root", sample_dir)
    run_cli("update", "M-016", "--half", HALF, "--status", "in_progress", "--rag", "amber",
            "--progress", "55", "--rag-reason", "Personalengpass im IT-Service", "--spent",
            "31000", "--text", text, "--next", "- Audit im Herbst", "--kpi", f"{kpi}=7",
            "--root", twin)
    assert _snapshot(sample_dir) == _snapshot(twin)
    run_cli("validate", "--root", sample_dir)


def test_a_warm_update_after_apply_loads_only_its_own_file(  # type: ignore[no-untyped-def]
        collected: Path, sample_dir: Path, run_cli, counts: Counts) -> None:
    """`collect apply` leaves the record of the measures' facts current (as `update` does):
    the next change to another measure is checked without parsing the plan again."""
    fill(collected / UNIT, "Maßnahmen", "M-016", {"status": "in Umsetzung", "rag": "grün",
                                                  "progress": 60, "text": "Läuft."})
    run_cli("collect", "apply", collected / UNIT, "--root", sample_dir)
    counts.clear()
    run_cli("update", "M-010", "--half", HALF, "--status", "in_progress", "--rag", "green",
            "--progress", "70", "--text", "Läuft.", "--root", sample_dir, "--dry-run")
    assert counts.narrowed == [True]
    assert counts.parsed == ["measures/M-010-wlan-innenstadt-rathaus.yaml"]


def test_milestone_done_on_a_date(collected: Path, sample_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = collected / "Sachstand-2022-H1-Hauptamt-Organisation.xlsx"
    ws = load_workbook(book)["Meilensteine"]
    measure_id, number = ws["A5"].value, ws["C5"].value
    fill(book, "Meilensteine", measure_id, {"done": datetime(2022, 3, 15)}, number=number)
    result = run_cli("collect", "apply", book, "--root", sample_dir)
    # The sheet counts from 1; the field is named as `validate` names it (from 0).
    assert f"milestones[{number - 1}].done: – → 2022-03-15" in result.stdout
    changed = next((sample_dir / "measures").glob(f"{measure_id}-*.yaml")).read_text()
    assert "done: 2022-03-15" in changed
    from dotool.checks.run import validate

    located = validate(sample_dir, cache=False).plan
    assert located is not None
    measure = next(m for m in located.measures if m.id == measure_id)
    assert str(measure.milestones[number - 1].done) == "2022-03-15"


def test_progress_out_of_range_is_located_in_german(collected: Path, sample_dir: Path,  # type: ignore[no-untyped-def]
                                                    run_cli) -> None:
    before = _snapshot(sample_dir)
    book = collected / UNIT
    fill(book, "Maßnahmen", "M-016", {"status": "in Umsetzung", "rag": "grün",
                                      "progress": 150, "text": "Läuft."})
    result = run_cli("collect", "apply", book, "--root", sample_dir, exit_code=1)
    assert (f'{UNIT}: Blatt "Maßnahmen", Zelle F5: Fortschritt 150 – erlaubt sind 0 bis 100'
            in result.stderr)
    assert "nichts wurde übernommen" in result.stderr
    assert _snapshot(sample_dir) == before


def test_keys_labels_and_text_numbers_are_all_understood(collected: Path, sample_dir: Path,  # type: ignore[no-untyped-def]
                                                         run_cli) -> None:
    book = collected / UNIT
    fill(book, "Maßnahmen", "M-016", {"status": "IN_PROGRESS", "rag": "Grün ",
                                      "progress": "40 %", "spent": "12.000,50",
                                      "replanned_end": "09/2023", "text": "Läuft."})
    result = run_cli("collect", "apply", book, "--root", sample_dir, "--dry-run")
    for line in ("status: ", "progress: ", "spent: ", "replanned_end: "):
        assert line in result.stdout
    assert "→ 12000.5" in result.stdout and "→ 2023-09" in result.stdout


def test_a_new_report_needs_its_required_cells(collected: Path, sample_dir: Path,  # type: ignore[no-untyped-def]
                                              run_cli) -> None:
    book = collected / UNIT
    fill(book, "Maßnahmen", "M-016", {"rag": "grün"})
    result = run_cli("collect", "apply", book, "--root", sample_dir, exit_code=1)
    assert 'Zelle D5: Status fehlt – für einen neuen Sachstand Pflicht' in result.stderr
    assert 'Zelle J5: Was geschah fehlt' in result.stderr


def test_validation_errors_point_at_their_cell(collected: Path, sample_dir: Path,  # type: ignore[no-untyped-def]
                                               run_cli) -> None:
    book = collected / UNIT
    fill(book, "Maßnahmen", "M-016", {"status": "in Umsetzung", "rag": "rot", "progress": 20,
                                      "text": "Verzug."})
    result = run_cli("collect", "apply", book, "--root", sample_dir, exit_code=1)
    assert 'Blatt "Maßnahmen", Zelle E5: M-016: ' in result.stderr  # red without a reason


def test_status_lists_who_has_not_reported(collected: Path, sample_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    fill(collected / UNIT, "Maßnahmen", "M-016", {"status": "in Umsetzung", "rag": "grün",
                                                  "progress": 60, "text": "Läuft."})
    before = run_cli("collect", "status", "--half", HALF, "--root", sample_dir).stdout
    assert "IT-Service: 1 von 1 ohne Sachstand für 2022-H1\n  M-016" in before
    run_cli("collect", "apply", collected / UNIT, "--root", sample_dir)
    after = run_cli("collect", "status", "--half", HALF, "--root", sample_dir).stdout
    assert "IT-Service" not in after and "Hauptamt / Organisation: 3 von 3" in after


def test_unchanged_workbook_changes_nothing(sample_dir: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 2021-H2 is reported by every measure: the workbooks come pre-filled with those values.
    run_cli("collect", "--half", "2021-H2", "-o", tmp_path / "o", "--root", sample_dir)
    before = _snapshot(sample_dir)
    result = run_cli("collect", "apply", *sorted((tmp_path / "o").iterdir()), "--root",
                     sample_dir)
    assert "nichts zu ändern" in result.stderr
    assert _snapshot(sample_dir) == before


def test_commit_per_workbook(make_repo, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import git

    root = make_repo()
    run_cli("collect", "--half", "2021-H1", "-o", tmp_path / "o", "--root", root)
    books = sorted((tmp_path / "o").iterdir())
    assert books
    wb = load_workbook(books[0])
    ws = wb["Maßnahmen"]
    measure_id = ws["A5"].value
    fill(books[0], "Maßnahmen", measure_id, {"status": "in Umsetzung", "rag": "grün",
                                              "progress": 30, "text": "Begonnen."})
    run_cli("collect", "apply", books[0], "--root", root, "--commit")
    subject = git(root, "log", "-1", "--format=%s")
    unit = wb["dotool"]["B4"].value
    assert subject.strip() == f"Sachstand 2021-H1: {unit} (collect apply)"
    assert git(root, "status", "--porcelain").strip() == ""
