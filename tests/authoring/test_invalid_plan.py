"""A command that writes the plan never writes into a plan that does not validate.

Classes of cases: each way a plan is invalid outside the file a command changes (an unknown key
in masterplan.yaml, a YAML syntax error in another measure, two measures with one id, a folder
named like a measure file) × each command that writes the plan (`update`, `add-measure`,
`import`, `collect apply`, `adopt`): exit 1, the errors listed, "nothing was written", and every
file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.authoring.test_update_narrow import M3, _edit

BREAKS: dict[str, tuple[Callable[[Path], None], str]] = {  # name → (break it, the rule found)
    "unknown key in masterplan.yaml": (
        _edit("masterplan/masterplan.yaml", "language: de", "language: de\nsprache: de"),
        "schema-extra-forbidden"),
    "YAML syntax error in another measure": (
        _edit(M3, "title: E-Akte", "title: [E-Akte"), "yaml-syntax"),
    "duplicate id": (_edit(M3, "id: M-003", "id: M-001"), "duplicate-id"),
    "folder named like a measure file": (
        lambda root: (root / "measures/M-009-ordner.yaml").mkdir(), "file-unreadable"),
}


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def _import_table(tmp_path: Path) -> Path:
    table = tmp_path / "neu.csv"
    table.write_text("Titel;Beschreibung;Handlungsfeld;Federführung\n"
                     "E-Rechnung;Rechnungen elektronisch.;rathaus;Kämmerei\n", encoding="utf-8")
    return table


def _workbook(root: Path, tmp_path: Path, run_cli) -> Path:  # type: ignore[no-untyped-def]
    from tests.collect.helpers import fill

    out = tmp_path / "collect"
    run_cli("collect", "--half", "2021-H2", "-o", out, "--root", root)
    book = next(out.glob("*.xlsx"))
    from openpyxl import load_workbook

    measure_id = load_workbook(book)["Maßnahmen"]["A5"].value
    fill(book, "Maßnahmen", measure_id, {"status": "in Umsetzung", "rag": "grün",
                                         "progress": 60, "text": "Läuft."})
    return book


COMMANDS = ["update", "add-measure", "import", "collect apply", "adopt"]


@pytest.mark.clock
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("broken", list(BREAKS))
def test_nothing_is_written_into_an_invalid_plan(plan_dir: Path, run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch, broken: str,
                                                 command: str) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", "2022-01-15")
    args: tuple[object, ...]
    if command == "update":
        args = ("update", "M-002", "--half", "2021-H2", "--status", "in_progress", "--rag",
                "green", "--progress", "50", "--text", "Bau läuft.")
    elif command == "add-measure":
        args = ("add-measure", "--no-input", "--title", "E-Rechnung", "--field", "rathaus",
                "--scope", "internal", "--kind", "project", "--lead", "Kämmerei", "--summary",
                "Rechnungen elektronisch.")
    elif command == "import":
        args = ("import", _import_table(tmp_path), "--scope", "internal", "--kind", "project")
    elif command == "collect apply":
        args = ("collect", "apply", _workbook(plan_dir, tmp_path, run_cli))
    else:
        args = ("adopt", "2.0", "--date", "2022-01-10", "--resolution", "BV/1/2022")
    # The same command is fine on the valid plan (writing nothing; adopt's record is removed).
    run_cli(*args, "--root", plan_dir, *(() if command == "adopt" else ("--dry-run",)))
    if command == "adopt":
        (plan_dir / "masterplan/adoptions/2.0.yaml").unlink()
    make, code = BREAKS[broken]
    make(plan_dir)
    before = _files(plan_dir)
    result = run_cli(*args, "--root", plan_dir, exit_code=1)
    assert f"[{code}]" in result.stderr
    assert "nothing was written" in result.stderr
    assert _files(plan_dir) == before
    assert sorted(p.name for p in (plan_dir / "measures").iterdir()) == sorted(
        Path(p).name for p in before if p.startswith("measures/")) + (
        ["M-009-ordner.yaml"] if broken == "folder named like a measure file" else [])
