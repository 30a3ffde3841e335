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

    from dotool.output.tables import Row, print_table

    terminal.use_plan_language("de")
    buffer = io.StringIO()
    console = Console(file=buffer, width=200)
    row = Row("M-001", "Akte", "f", "internal", "project", "planned", None, None, None, "IT",
              False, "masterplan", True, None, None, None)
    print_table([row], console=console, title="T", lang="de", fields={"f": "Feld F"})
    out = buffer.getvalue()
    assert "Akte (intern)" in out and re.search(r"│ Feld F +│ intern +│ geplant +│", out)
