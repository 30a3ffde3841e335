"""`dotool history` shows an update's text as its column wraps it, not as the file broke it.

A `|` block keeps the file's line breaks; in a table column of another width they made ragged
lines ("Die Software ist" / "ausgewählt und der"). The lines of a paragraph are joined;
paragraphs and list items keep lines of their own.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_base

BLOCK = """text: |
      Die Software ist
      ausgewählt und der
      Pilot läuft.

      Zweiter Absatz.
      - erster Punkt
      - zweiter Punkt
"""


def test_history_joins_the_lines_of_a_paragraph(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = copy_base(tmp_path / "plan")
    measure = root / "measures" / "M-001-termine.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("text: In Betrieb.", BLOCK),
                       encoding="utf-8")
    lines = [line.strip(" │┃|") for line in
             run_cli("history", "M-001", "--root", root).stdout.splitlines()]
    cells = [line.split("│")[-1].strip() for line in lines]
    assert "Die Software ist ausgewählt und der Pilot läuft." in cells, "\n".join(lines)
    assert "Zweiter Absatz." in cells
    assert "- erster Punkt" in cells and "- zweiter Punkt" in cells


def test_code_headings_and_quotes_keep_their_lines() -> None:
    """Only a paragraph's lines are joined: the lines of fenced code, a heading and a quote are
    not run into the text before or after them."""
    from dotool.output.mdlines import flowed

    text = "Vorher:\n```\nzeile a\nzeile b\n```\n# Stand\nweiter\n> Zitat\nSatz."
    assert flowed(text).splitlines() == [
        "Vorher:", "```", "zeile a", "zeile b", "```", "# Stand", "weiter", "> Zitat Satz."]
    assert flowed("eins\nzwei\n\ndrei\n- a\n  b") == "eins zwei\n\ndrei\n- a b"
