"""The text report prints the same with rich (a terminal) and without it (pipes, CI logs)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from tests.conftest import HERE, copy_base

INVALID = sorted(p for p in (HERE / "cases" / "invalid").iterdir() if (p / "files").is_dir())


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_plain_text_equals_what_rich_prints_without_a_terminal(case: Path, tmp_path: Path) -> None:
    from rich.console import Console

    from dotool.checks.run import validate
    from dotool.output.findings import print_text, text_lines
    from dotool.output.styled import write_lines

    root = copy_base(tmp_path / "plan")
    shutil.copytree(case / "files", root, dirs_exist_ok=True)
    result = validate(root, cache=False)
    styled, plain = io.StringIO(), io.StringIO()
    print_text(result.findings, console=Console(file=styled, highlight=False, soft_wrap=True),
               sources=result.sources, files=result.files)
    write_lines(text_lines(result.findings, sources=result.sources, files=result.files),
                stream=plain)
    assert plain.getvalue() == styled.getvalue()


def test_diff_prints_the_same_with_and_without_rich() -> None:
    from rich.console import Console

    from dotool.app.past import Change, MeasureChange, PlanDiff
    from dotool.output.changes import diff_lines
    from dotool.output.styled import print_lines, write_lines

    # Titles with rich markup and tabs: text must stay text in both ways.
    diff = PlanDiff("masterplan-1.0", "HEAD", added=[("M-009", "Neu [bold]x[/]")],
                    removed=[("M-002", "Alt\tweg")],
                    replanned=[MeasureChange("M-003", "E-Akte", (Change("end", "2021-06",
                                                                         "2021-12"),))],
                    status=[MeasureChange("M-001", "Termine", (Change("status", "in_progress",
                                                                        "completed"),))])
    styled, plain = io.StringIO(), io.StringIO()
    print_lines(diff_lines(diff, lang="de"), console=Console(file=styled, highlight=False,
                                                            soft_wrap=True))
    write_lines(diff_lines(diff, lang="de"), stream=plain)
    assert plain.getvalue() == styled.getvalue()
    assert "+ M-009  Neu [bold]x[/]" in plain.getvalue()
    assert "M-001  Termine: in Umsetzung → abgeschlossen" in plain.getvalue()


def test_a_changed_value_is_printed_briefly_on_one_line() -> None:
    # `update` and `collect apply` print old → new through the same function.
    from dotool.text import brief

    assert brief(None) == "–"
    assert brief(45.0) == "45" and brief(12.5) == "12.5"
    assert brief("Zeile eins\n  Zeile\tzwei") == "Zeile eins Zeile zwei"
    assert brief("\x1b[2J weg") == "\\x1b[2J weg"
    assert brief("x" * 80) == "x" * 59 + "…"
    assert brief("x" * 60) == "x" * 60
