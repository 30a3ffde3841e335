"""The typing of plain scalars: the shortcuts of `number` read every spelling as the patterns do.

`number` takes a count (`40`) without any pattern, and a `-` inside the text (`2020-H2`) as
the sign of text without trying each pattern. `_by_the_patterns` is the reading those shortcuts
stand in for, one pattern after the other; both must agree on every spelling.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dotool.store import _yamlscalars as scalars
from dotool.store._yamlscalars import AMBIGUOUS, number


def _by_the_patterns(text: str) -> Any:
    if scalars._INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:
            return text
    if scalars._FLOAT.fullmatch(text):
        return float(text)
    if scalars._HEX.fullmatch(text):
        return int(text, 16)
    if (scalars._INT11.fullmatch(text) or scalars._FLOAT11.fullmatch(text)
            or scalars._NUMBER12.fullmatch(text)):
        return AMBIGUOUS
    return text


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, float) and math.isnan(want):
        return isinstance(got, float) and math.isnan(got)
    return type(got) is type(want) and (got is want or got == want)


@pytest.mark.parametrize("text", [
    "0", "7", "40", "100", "25000", "00", "007", "0755", "0789", "08", "+5", "-0", "-17",
    "1_000", "12:30", "1.", ".5", "1.5e+3", "1e3", "0x1F", "0X1F", "0o17", "0b101", "-0x1F",
    "2020-H2", "2020-09", "2020-10-31", "2020-10-31T10:00:00", "1.1.1.01.7831", "+49 4171 1234",
    "1e-3", "1.5e-3", "1E-3", "1-2", "1e3-4", "-1-2", "٣", "12٣", "²", "1²", "9" * 5000,
    "0" + "9" * 5000, "1\n", "1 ", "+", "-", ".", "-.5",
])
def test_number_reads_each_spelling_as_the_patterns_do(text: str) -> None:
    assert _same(number(text), _by_the_patterns(text)), text


@given(st.text(alphabet="0123456789+-._:eExXoObB abH٣²\n", min_size=1, max_size=12))
def test_number_agrees_with_the_patterns_on_any_spelling(text: str) -> None:
    assert _same(number(text), _by_the_patterns(text)), text


def test_a_count_is_an_int_and_a_half_is_text() -> None:
    assert type(number("40")) is int and number("40") == 40
    assert number("2020-H2") == "2020-H2"
    assert number("2020-10-31") == "2020-10-31"
