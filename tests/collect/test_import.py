"""`dotool import`: a plan kept in a table becomes measure files in one command."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

HEADER = ["Nr.", "Maßnahme", "Beschreibung", "Handlungsfeld", "Federführung", "Beteiligte",
          "Priorität", "Beginn", "Ende", "Status", "Fortschritt"]
ROWS = [
    ["06.01 Nr. 03", "Digitale Bauakte", "Bauanträge digital;\nPrüfung im Fachverfahren „XBau“.",
     "Bauen und Wohnen", "Fachdienst Bauordnung", "IT-Service; Fachdienst Planung, Umwelt",
     "hoch", "01.03.2026", "12/2027", "in Umsetzung", "20 %"],
    ["06.01 Nr. 04", "Öffentliches WLAN", "Freies WLAN auf dem Schloßplatz.",
     "Digitales Rathaus", "Stabsstelle Wirtschaftsförderung", "", "mittel",
     "2026-09", "", "geplant", ""],
]


def _csv(path: Path, rows: list[list[str]], encoding: str = "cp1252") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([HEADER, *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.clock
def test_windows_csv_with_semicolons_and_line_breaks(plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                      tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")
    table = _csv(tmp_path / "massnahmen.csv", ROWS)
    before = _files(plan_dir)
    result = run_cli("import", table, "--root", plan_dir, "--scope", "internal", "--kind",
                     "project", exit_code=1)
    assert ("massnahmen.csv: Zeile 2: das Handlungsfeld „Bauen und Wohnen“ steht nicht in "
            "masterplan.yaml (--create-fields legt es an)") in result.stderr
    assert "Probleme in der Tabelle: 1; nichts wurde geschrieben" in result.stderr
    assert _files(plan_dir) == before
    dry = run_cli("import", table, "--root", plan_dir, "--scope", "internal", "--kind",
                  "project", "--create-fields", "--dry-run", "--half", "2026-H2")
    assert _files(plan_dir) == before
    run_cli("import", table, "--root", plan_dir, "--scope", "internal", "--kind", "project",
            "--create-fields", "--half", "2026-H2")
    created = sorted(p.name for p in (plan_dir / "measures").iterdir()
                     if p.name not in {Path(k).name for k in before})
    assert len(created) == 2
    text = next((plan_dir / "measures").glob("*digitale-bauakte.yaml")).read_text()
    assert "Bauanträge digital;\n  Prüfung im Fachverfahren „XBau“." in text
    assert 'participants: [IT-Service, "Fachdienst Planung, Umwelt"]' in text
    assert "priority: high" in text and "start: 2026-03-01" in text and "end: 2027-12" in text
    assert "status: in_progress" in text and "progress: 20" in text
    assert "--- measures/" in dry.stdout and text in dry.stdout
    masterplan = (plan_dir / "masterplan" / "masterplan.yaml").read_text()
    assert "- key: bauen-und-wohnen\n    title: Bauen und Wohnen" in masterplan
    run_cli("validate", "--root", plan_dir)
    doc = run_cli("masterplan", "--root", plan_dir).stdout
    assert "Digitale Bauakte" in doc and "Öffentliches WLAN" in doc


def test_utf8_with_bom_xlsx_and_a_mapping(plan_dir: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = Workbook()
    ws = wb.active
    ws.append(["Vorhaben", "Kurztext", "Handlungsfeld", "Amt", "Art", "Bereich"])
    ws.append(["E-Rechnung", "Eingang elektronischer Rechnungen.",
               "Digitales Rathaus", "Kämmerei", "Projekt", "verwaltungsintern"])
    wb.save(tmp_path / "plan.xlsx")
    mapping = tmp_path / "map.yaml"
    mapping.write_text("title: Vorhaben\nsummary: Kurztext\nlead: Amt\nkind: Art\nscope: Bereich\n")
    run_cli("import", tmp_path / "plan.xlsx", "--mapping", mapping, "--root", plan_dir)
    text = next((plan_dir / "measures").glob("*e-rechnung.yaml")).read_text()
    assert "lead: Kämmerei" in text and "scope: internal" in text and "kind: project" in text
    table = tmp_path / "bom.csv"
    table.write_bytes(("\ufefftitle,summary,field,lead,scope,kind\n"
                       "Ratsinfo,App für den Rat,rathaus,Hauptamt,internal,project\n")
                      .encode("utf-8"))
    run_cli("import", table, "--root", plan_dir)
    run_cli("validate", "--root", plan_dir)


def test_errors_name_row_and_column_and_nothing_is_written(plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    bad = [[*ROWS[1][:6], "dringend", *ROWS[1][7:]]]
    bad[0][3] = "Digitales Rathaus"
    table = _csv(tmp_path / "bad.csv", bad, encoding="utf-8")
    before = _files(plan_dir)
    result = run_cli("import", table, "--root", plan_dir, "--scope", "internal", "--kind",
                     "project", exit_code=1)
    assert ("bad.csv: Zeile 2, Spalte „Priorität“: „dringend“ ist keiner der Werte hoch, "
            "mittel, niedrig") in result.stderr
    assert _files(plan_dir) == before


def test_an_existing_id_is_never_overwritten(plan_dir: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    existing = sorted((plan_dir / "measures").glob("*.yaml"))[0].name[:5]
    table = tmp_path / "ids.csv"
    table.write_text(f"ID,Titel,Beschreibung,Handlungsfeld,Federführung\n{existing},X,Y,"
                     "buergerservice,Hauptamt\n", encoding="utf-8")
    before = _files(plan_dir)
    result = run_cli("import", table, "--root", plan_dir, "--scope", "internal", "--kind",
                     "project", exit_code=1)
    assert (f"ids.csv: Zeile 2, Spalte „ID“: {existing} gibt es schon (der Import überschreibt "
            "nie eine Maßnahme)") in result.stderr
    assert _files(plan_dir) == before


def test_a_status_without_progress_names_the_column_not_an_option(  # type: ignore[no-untyped-def]
        plan_dir: Path, run_cli, tmp_path: Path) -> None:
    """`import` has no --progress: a row whose status needs a progress names the column."""
    row = [*ROWS[1][:9], "in Umsetzung", ""]
    row[3] = "Digitales Rathaus"
    table = _csv(tmp_path / "empty.csv", [row], encoding="utf-8")
    before = _files(plan_dir)
    result = run_cli("import", table, "--root", plan_dir, "--scope", "internal", "--kind",
                     "project", "--half", "2026-H2", exit_code=1)
    assert ("empty.csv: Zeile 2, Spalte „Fortschritt“: leer, aber der Status beginnt einen "
            "Sachstand für 2026-H2, der diesen Wert braucht") in result.stderr
    assert "--progress" not in result.stderr
    no_column = tmp_path / "none.csv"
    no_column.write_text("Titel;Beschreibung;Handlungsfeld;Federführung;Status\n"
                         "X;Y;Digitales Rathaus;Hauptamt;in Umsetzung\n", encoding="utf-8")
    result = run_cli("import", no_column, "--root", plan_dir, "--scope", "internal", "--kind",
                     "project", "--half", "2026-H2", exit_code=1)
    assert ("none.csv: Zeile 2: der Status beginnt einen Sachstand für 2026-H2, der eine "
            "Spalte „Fortschritt“ (oder „progress“) mit einem Wert braucht") in result.stderr
    assert "--progress" not in result.stderr
    assert _files(plan_dir) == before
