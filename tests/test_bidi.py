"""Bidirectional control characters (Trojan Source) in the plan's text.

U+202A–U+202E and U+2066–U+2069 reorder the text around them where they are shown as written:
a reviewer reads another text than the one there is. `validate` warns about each line holding
one, with file and line; the terminal, Markdown, HTML (the site and DOCX too) and JSON show
each as its escape (`\\u202e`), as they show a C0 control character (docs/THREAT-MODEL.md).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: "Ende offen" reads backwards behind the override, as a reviewer would see it.
TEXT = "Pilot läuft. \u202eNICHT\u202c Ende \u2066offen\u2069."
SHOWN = "Pilot läuft. \\u202eNICHT\\u202c Ende \\u2066offen\\u2069."


@pytest.fixture
def plan(plan_dir: Path) -> Path:
    path = plan_dir / "measures" / "M-003-e-akte.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    text: Pilot im Hauptamt läuft.", f"    text: {TEXT}")
                    .replace("title: E-Akte", "title: E-Akte \u202eetkA"), encoding="utf-8")
    return plan_dir


def test_validate_warns_with_file_and_line(plan: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    found = json.loads(run_cli("validate", "--root", plan, "--format", "json").stdout)["findings"]
    assert [(f["code"], f["severity"], f["path"], f["line"], f["column"]) for f in found] == [
        ("text-bidi-control", "warning", "measures/M-003-e-akte.yaml", 2, 15),
        ("text-bidi-control", "warning", "measures/M-003-e-akte.yaml", 13, 24)]
    text = run_cli("validate", "--root", plan).stdout
    assert not BIDI.search(text)
    assert "\\u202e" in text and "U+202E" in text  # the line shown, and the message
    github = run_cli("validate", "--root", plan, "--format", "github").stdout
    assert "::warning file=measures/M-003-e-akte.yaml,line=13" in github
    assert run_cli("validate", "--root", plan, "--strict", exit_code=1)


def test_the_terminal_shows_them_escaped(plan: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    for args in (("show", "M-003"), ("list",), ("list", "--format", "json"),
                 ("list", "--format", "csv"), ("history", "M-003")):
        out = run_cli(*args, "--root", plan, exit_code=None)
        assert not BIDI.search(out.stdout + out.stderr), args
    assert SHOWN in run_cli("show", "M-003", "--root", plan).stdout


def test_documents_and_site_show_them_escaped(plan: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = run_cli("report", "--half", "2021-H1", "--root", plan).stdout
    assert not BIDI.search(report) and "\\\\u202eNICHT" in report  # `\` escaped in Markdown
    for name in ("report.html", "masterplan.html", "masterplan.md"):
        kind = name.split(".")[0]
        run_cli(kind, *(("--half", "2021-H1") if kind == "report" else ()), "-o",
                tmp_path / name, "--root", plan)
        shown = (tmp_path / name).read_text(encoding="utf-8")
        assert not BIDI.search(shown), name
        assert "etkA" in shown and "\\u202e" in shown.replace("\\\\", "\\"), name
    run_cli("site", "-o", tmp_path / "site", "--root", plan)
    for page in (tmp_path / "site").rglob("*"):
        if page.suffix in (".html", ".js", ".json"):
            assert not BIDI.search(page.read_text(encoding="utf-8")), page
    page = (tmp_path / "site" / "measures" / "M-003.html").read_text(encoding="utf-8")
    assert SHOWN in page


def test_json_escapes_them_and_keeps_the_data(plan: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("export", "--root", plan).stdout
    assert not BIDI.search(out)
    data = json.loads(out)
    measure = next(m for m in data["measures"] if m["id"] == "M-003")
    assert measure["updates"][-1]["text"] == TEXT  # the same data, written as escapes
