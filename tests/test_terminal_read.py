"""The read-side commands on a German plan speak German: headers, words and labels, not keys."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from dotool.i18n import terminal

SAMPLE = Path(__file__).resolve().parents[1]


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """No DOTOOL_LANG: the sample plan's `language: de` decides."""
    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-zÄÖÜäöüß]+", text))


def test_list_table_is_german(german: None, run_cli) -> None:
    out = run_cli("list", "--root", SAMPLE).stdout
    header = next(line for line in out.splitlines() if "ID" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "ID", "Maßnahme", "Handlungsfeld", "Bereich", "Status", "Ampel", "%"]
    assert "in Umsetzung" in out and "● gelb" in out and "│ intern " in out
    assert "in_progress" not in out and "amber" not in out
    assert "│ buergerservice " not in out and "Bürgerservice" in out
    assert not _words(out) & {"Measure", "Field", "Scope", "internal", "external"}


def test_list_marks_internal_measures_in_german(german: None) -> None:
    from rich.console import Console

    from dotool.output.measure_list import Row, print_table

    terminal.use_plan_language("de")
    buffer = io.StringIO()
    console = Console(file=buffer, width=200)
    row = Row("M-001", "Akte", "f", "internal", "project", "planned", None, None, None, "IT",
              False, "masterplan", True, None, None, None)
    print_table([row], console=console, title="T", lang="de", fields={"f": "Feld F"})
    out = buffer.getvalue()
    assert "Akte (intern)" in out and re.search(r"│ Feld F +│ intern +│ geplant +│", out)


def test_history_is_german_and_shows_the_file_only_after_a_rename(german: None, make_repo,
                                                                  run_cli) -> None:
    from tests.conftest import BASE

    old = "measures/M-002-glasfaser.yaml"
    text = (BASE / old).read_text(encoding="utf-8")
    root = make_repo(history=[
        ("2021-03-01T10:00:00+01:00", "M-001: Sachstand", {
            "measures/M-001-termine.yaml": (BASE / "measures/M-001-termine.yaml").read_text(
                encoding="utf-8") + "\n"}),
        ("2021-04-01T10:00:00+02:00", "Rename M-002", {old: None,
                                                       "measures/M-002-netz.yaml": text}),
    ])
    out = run_cli("history", "M-001", "--root", root).stdout
    header = next(line for line in out.splitlines() if "Datum" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "Datum", "Autor", "Betreff", "Commit"]  # no File column: the file was never renamed
    assert not _words(out) & {"Date", "Subject", "File", "Datei"}  # ("Test Author" is git's)
    out = run_cli("history", "M-002", "--root", root).stdout
    header = next(line for line in out.splitlines() if "Datum" in line)
    assert header.strip("┃").split("┃")[-1].strip() == "Datei"
    assert old in out


def test_diff_is_german_with_labels(german: None, make_repo, run_cli) -> None:
    from tests.conftest import BASE

    path = "measures/M-002-glasfaser.yaml"
    text = (BASE / path).read_text(encoding="utf-8")
    root = make_repo()
    (root / path).write_text(text.replace("end: 2022-12", "end: 2023-06") + """  - half: 2021-H2
    status: on_hold
    rag: red
    rag_reason: Tiefbaufirma insolvent.
    progress: 30
    text: Ruht.
""", encoding="utf-8")
    out = run_cli("diff", "HEAD", "--root", root).stdout
    assert out.splitlines()[0] == "Änderungen: HEAD → Arbeitsverzeichnis"
    assert "Neu geplant (1)" in out and "Ende: 2022-12 → 2023-06" in out
    assert "Status geändert (1)" in out and "in Umsetzung → zurückgestellt" in out
    assert not _words(out) & {"Changes", "working", "tree", "changed", "end", "on", "hold",
                              "progress", "planned"}


def test_validate_report_words_are_german(german: None, run_cli) -> None:
    out = run_cli("validate", "--root", SAMPLE, "--no-cache").stdout
    assert re.search(r"^✓ \d+ Dateien gültig \(\d+ Warnung(en)?\)$", out, re.M), out
    assert "  Warnung  " in out and "Hinweis: " in out
    assert not re.search(r"  (warning|error)  |^ +hint:|files? valid", out, re.M)


def test_validate_summary_counts_in_german(german: None) -> None:
    from dotool.findings import Finding
    from dotool.output.findings import text_lines

    terminal.use_plan_language("de")
    found = [Finding("error", "x", "a.yaml", "kaputt", line=1, col=1),
             Finding("warning", "y", "a.yaml", "schief", line=2, col=1)]
    lines = ["".join(text for text, _ in line) for line in text_lines(
        found, sources={}, files=1, left_out=3)]
    assert "      1:1  Fehler  kaputt  [x]" in lines
    assert lines[-2].startswith("… 3 weitere Befunde ausgelassen (höchstens")
    assert lines[-1] == "✗ 1 Fehler, 1 Warnung in 1 Datei"


def test_rendering_commands_refuse_and_report_in_german(german: None, run_cli,
                                                        tmp_path: Path) -> None:
    result = run_cli("report", "--half", "2021-H2", "--format", "pfd", "--root", SAMPLE,
                     exit_code=2)
    assert result.stderr == ("Fehler: --format: `pfd` ist keiner der Werte md, html, pdf, docx\n"
                             "Hinweis: meinten Sie `pdf`?\n")
    result = run_cli("masterplan", "--format", "pdf", "--root", SAMPLE, exit_code=2)
    assert result.stderr == ("Fehler: pdf kann nicht im Terminal ausgegeben werden\n"
                             "Hinweis: geben Sie -o DATEI an\n")
    result = run_cli("export", "--format", "csv", "--root", SAMPLE, exit_code=2)
    assert result.stderr.startswith("Fehler: csv schreibt drei Dateien\n")
    result = run_cli("site", "-o", tmp_path / "s", "--lang", "französisch", "--root", SAMPLE,
                     exit_code=2)
    assert "ist keiner der Werte Deutsch (de), Englisch (en)" in result.stderr
    out = tmp_path / "plan.json"
    result = run_cli("export", "-o", out, "--root", SAMPLE)
    assert result.stderr.strip() == f"{out} geschrieben"


def test_lang_makes_the_terminal_english_too(german: None, run_cli) -> None:
    result = run_cli("export", "--format", "csv", "--lang", "English", "--root", SAMPLE,
                     exit_code=2)
    assert result.stderr.startswith("error: csv writes three files\n")


def test_store_refusals_are_german(run_cli, monkeypatch: pytest.MonkeyPatch,
                                   tmp_path: Path) -> None:
    monkeypatch.delenv("DOTOOL_LANG")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # no plan found: the user's locale decides
    monkeypatch.chdir(tmp_path)
    result = run_cli("list", exit_code=2)
    assert result.stderr.startswith(f"Fehler: kein Masterplan in {tmp_path} oder einem "
                                    "darüberliegenden Ordner gefunden\nHinweis: arbeiten Sie")
    result = run_cli("diff", "masterplan-9.9", "--root", SAMPLE, exit_code=2)
    assert "die Git-Referenz `masterplan-9.9` gibt es in diesem Repository nicht" in \
        result.stderr
    result = run_cli("site", "-o", SAMPLE / "measures", "--root", SAMPLE, exit_code=2)
    assert "wird nicht geschrieben: es ist der Ordner measures/ des Plans selbst" in \
        result.stderr
    assert "Hinweis: schreiben Sie die Website in einen eigenen Ordner" in result.stderr


def test_an_image_not_shown_is_noted_in_german(german: None, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from dotool.cli.rendering import note_images
    from dotool.store.assets import repo_image_reader

    terminal.use_plan_language("de")
    (tmp_path / "bild.jpg").write_bytes(b"\xff\xd8\xff\xe0 kein Bild")
    why = repo_image_reader(tmp_path)("bild.jpg")
    assert why == "ist kein Bild: eine JPEG-Datei ohne Bilddaten"
    note_images({"bild.jpg": str(why)})
    assert capsys.readouterr().err == ("Hinweis: das Bild bild.jpg wird als Link gezeigt: es ist "
                                       "kein Bild: eine JPEG-Datei ohne Bilddaten\n")
