"""The figures findings quote, as the terminal's language writes them, and schema findings
that come after a value the loader already reported.

The rule examples pin the English messages (docs/rules.md shows them); here the same findings
are read in German, where numbers have a decimal comma and thousands grouped with dots.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from dotool.checks.rulebook import run_example
from dotool.findings.catalogue import Example, measure, updates
from dotool.i18n import terminal

#: 1500.50 € spent after a year and a half of a running cost of 1000 € a year.
_OVER_PLAN = Example(measure("start: 2021-01\nbudget: {annual: 1000}\n" + updates(
    {"spent": "0"}, {"half": "2021-H2", "spent": "500"}, {"half": "2022-H1", "spent": "1500.5"})))
_TOO_MUCH = Example(measure("budget:\n  one_off: 2000000000000\n"))
_TOO_LONG = Example(measure().replace("summary: Termine online buchen.",
                                      "summary: " + "T" * 20_001))


@pytest.fixture
def german() -> Iterator[None]:
    terminal.reset("de")
    yield
    terminal.reset()


def _messages(example: Example) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in run_example(example).findings]


def test_german_amounts_and_years_have_a_decimal_comma(german: None) -> None:
    """`1500,50 €` and `1,5 Jahre`, not `1500.50` and `1.5`."""
    assert _messages(_OVER_PLAN) == [(
        "spend-over-plan", "1500,50 € ausgegeben (Stand 2022-H1), mehr als die geplanten "
        "einmaligen Kosten von 0 € zuzüglich 1000 € jährlich für 1,5 Jahre")]


def test_english_amounts_and_years_have_a_decimal_point() -> None:
    """The same finding in English keeps the point."""
    assert _messages(_OVER_PLAN) == [(
        "spend-over-plan", "1500.50 € spent (as of 2022-H1), more than the planned one-off "
        "cost 0 € plus 1000 € a year for 1.5 years")]


def test_german_bounds_and_sizes_group_thousands_with_dots(german: None) -> None:
    """The largest amount and the length of a long text: `1.000.000.000.000`, `20.001`."""
    assert _messages(_TOO_MUCH) == [(
        "schema-less-than-equal",
        "angegeben ist `2000000000000`, erwartet wird höchstens 1.000.000.000.000")]
    assert _messages(_TOO_LONG) == [(
        "schema-string-too-long", "`summary` hat 20.001 Zeichen, mehr als die erlaubten 20.000")]


def test_english_sizes_group_thousands_with_commas() -> None:
    """`20,001` characters, more than the `20,000` a Markdown text may have."""
    assert _messages(_TOO_LONG) == [(
        "schema-string-too-long", "`summary` has 20,001 characters, more than the 20,000 it "
        "may have")]


def test_schema_errors_after_a_value_the_loader_reported_are_still_found() -> None:
    """`scope: on` (an ambiguous YAML value, reported by the loader and not again by the
    schema) does not hide the wrong `kind` on the next line."""
    example = Example(measure().replace("scope: external", "scope: on")
                      .replace("kind: project", "kind: projekt"))
    found = run_example(example).findings
    assert [(f.code, f.line, f.col) for f in found] == [
        ("yaml-ambiguous", 4, 8), ("schema-literal-error", 5, 7)]
