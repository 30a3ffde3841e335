"""Which findings are shown, and in which order: reading order, errors kept before warnings
when a file has more than the 50 a file may show, and 500 in all."""

from __future__ import annotations

from dotool.checks.rulebook import run_example
from dotool.findings import MAX_FINDINGS, MAX_PER_FILE, Finding, bounded
from dotool.findings.catalogue import Example, measure


def test_findings_on_one_line_are_in_the_order_of_their_columns() -> None:
    """`{one_off: -1, annual: abc}`: the negative amount (column 19) before the text where a
    number belongs (column 31), although its code sorts after the other's."""
    found = run_example(Example(measure("budget: {one_off: -1, annual: abc}\n"))).findings
    assert [(f.code, f.line, f.col) for f in found] == [
        ("schema-greater-than-equal", 8, 19), ("schema-float-type", 8, 31)]


def test_an_error_is_kept_when_a_file_has_more_warnings_than_it_may_show() -> None:
    """60 warnings and, below them, one error in one file: the error is among the 50 shown (in
    reading order, so last), 11 warnings are left out."""
    path = "measures/M-001-termine.yaml"
    warnings = [Finding("warning", "past-end", path, "w", line, 1) for line in range(1, 61)]
    error = Finding("error", "unknown-field", path, "e", 70, 1)
    kept, left_out = bounded([*warnings, error])
    assert len(kept) == MAX_PER_FILE and left_out == 11
    assert kept[-1] == error and kept[:-1] == warnings[:MAX_PER_FILE - 1]


def test_at_most_500_findings_are_shown_in_all() -> None:
    """20 files of 30 errors each: 500 shown, 100 counted as left out."""
    found = [Finding("error", "unknown-field", f"measures/M-{n:03}-x.yaml", "e", line, 1)
             for n in range(1, 21) for line in range(1, 31)]
    kept, left_out = bounded(found)
    assert len(kept) == MAX_FINDINGS == 500 and left_out == 100
    assert kept == found[:500]
