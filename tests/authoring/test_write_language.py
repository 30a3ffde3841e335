"""The writing commands refuse and report in the plan's language (German for the base plan)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool.i18n import terminal


@pytest.fixture(autouse=True)
def _german(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()


@pytest.mark.parametrize(("args", "expected"), [
    (("adopt", "eins", "--date", "2021-03-25", "--resolution", "R"),
     "Fehler: `eins` ist keine Version: Schreiben Sie Zahlen mit Punkten, z. B. 1.0 oder 2.1\n"),
    (("adopt", "1.1", "--date", "25.03.2021", "--resolution", "R"),
     "Fehler: --date: `25.03.2021` ist kein Tag JJJJ-MM-TT\n"),
    (("adopt", "1.1", "--date", "2021-03-25", "--resolution", " "),
     "Fehler: --resolution darf nicht leer sein\n"),
    (("collect", "status", "--half", "2021-H1", "--format", "jsno"),
     "Fehler: --format: `jsno` ist keiner der Werte text, json\n"
     "Hinweis: meinten Sie `json`?\n"),
    (("collect", "--half", "2021-H1"),
     "Fehler: um die Arbeitsmappen zu schreiben, sind --half und -o erforderlich\n"
     "Hinweis: zum Beispiel: dotool collect --half 2026-H1 -o build/collect\n"),
    (("update", "X7", "--half", "2021-H1", "--rag", "gelb"),
     "Fehler: `X7` ist keine Kennung einer Maßnahme\nHinweis: Kennungen sehen so aus: M-007\n"),
    (("update", "M-001", "--half", "2021-H1", "--unset", "colour"),
     "Fehler: --unset colour: kein Feld eines Sachstands\n"
     "Hinweis: eines von rag_reason, progress, spent, kpis, next, replanned_end, "
     "funding_status, budget, budget.one_off, budget.annual, budget.note oder "
     "kpis.SCHLÜSSEL\n"),
    (("update", "M-001", "--half", "2021-H1", "--replanned-end", "2022/06"),
     "Fehler: --replanned-end: `2022/06` ist kein Monat JJJJ-MM und kein Tag JJJJ-MM-TT\n"
     "Hinweis: zum Beispiel 2026-09 oder 2026-09-30\n"),
])
def test_refusals_are_german(plan_dir: Path, run_cli, args: tuple[str, ...],  # type: ignore[no-untyped-def]
                             expected: str) -> None:
    before = sorted(p.read_bytes() for p in plan_dir.rglob("*") if p.is_file())
    result = run_cli(*args, "--root", plan_dir, exit_code=2)
    assert result.stderr == expected
    assert sorted(p.read_bytes() for p in plan_dir.rglob("*") if p.is_file()) == before


def test_import_refuses_a_mapping_in_german(plan_dir: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    table = tmp_path / "massnahmen.csv"
    table.write_text("Titel;Beschreibung\nE-Akte;Papierlos.\n", encoding="utf-8")
    result = run_cli("import", table, "--root", plan_dir, "--map", "titel", exit_code=2)
    assert result.stderr == ("Fehler: --map: `titel` hat nicht die Form FELD=SPALTE\n"
                             "Hinweis: zum Beispiel --map title=Vorhaben\n")
    result = run_cli("import", table, "--root", plan_dir, exit_code=2)
    assert result.stderr.startswith("Fehler: massnahmen.csv: keine Spalte für `field`\n"
                                    "Hinweis: Benennen Sie eine mit --map field=SPALTE")


def test_init_asks_in_the_users_language(tmp_path: Path, run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # no plan yet: the user's locale decides
    monkeypatch.setattr("dotool.cli.prompts.interactive", lambda no_input: not no_input)
    root = tmp_path / "neu"
    result = run_cli("init", root, "--committee", "Hauptausschuss", input="\n  \nLüneburg\n")
    assert "Kommune: Kommune darf nicht leer sein\n" in result.stderr
    assert "angelegt" in result.stderr and "als Nächstes:" in result.stderr
    assert "created" not in result.stderr and "next:" not in result.stderr


def test_import_takes_german_labels_for_its_defaults(plan_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      run_cli) -> None:
    table = tmp_path / "massnahmen.csv"
    table.write_text("Titel;Beschreibung;Handlungsfeld;Federführung\n"
                     "E-Akte;Papierlos.;rathaus;Hauptamt\n", encoding="utf-8")
    result = run_cli("import", table, "--root", plan_dir, "--scope", "verwaltungsintern",
                     "--kind", "Projekt", "--dry-run")
    assert "scope: internal\nkind: project\n" in result.stdout
