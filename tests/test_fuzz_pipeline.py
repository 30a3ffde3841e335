"""Random edits of valid files never crash validation: every outcome is findings or a plan."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotool.checks.run import validate_raw
from dotool.store.files import read_plan, with_file
from tests.conftest import BASE

MEASURE = "measures/M-001-termine.yaml"
TEXT = (BASE / MEASURE).read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)
RAW = read_plan(BASE, limit=1 << 20)

# Edits a person might make by mistake: change a value, drop or repeat a line, mangle indent.
VALUES = st.sampled_from(["", "no", "yes", "0755", "12:30", "2021-13-01", "-1", "140", "~",
                          "[", "{a: 1}", '"x"', "M-001", "completed", "red", "2099-H1",
                          "2020-H3", "&a x", "*a", "!!python/object:os.system x", "1e3"])


@st.composite
def edited(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["value", "drop", "repeat", "indent", "dedent"]))
        line = lines[index]
        if action == "value" and ":" in line:
            lines[index] = line.split(":", 1)[0] + ": " + draw(VALUES) + "\n"
        elif action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = "  " + line
        elif action == "dedent":
            lines[index] = line.lstrip()
        if not lines:
            lines = ["\n"]
    return "".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_edited_measure_gives_findings_or_a_plan(text: str) -> None:
    raw = with_file(RAW, MEASURE, text.encode("utf-8"))
    result = validate_raw(raw, today=date(2026, 11, 25))
    assert (result.plan is None) == bool(result.errors)
    for finding in result.errors:
        assert finding.path and finding.message
        if finding.path == MEASURE and finding.line is not None:
            assert 1 <= finding.line <= max(1, len(text.splitlines()) + 1)


def test_base_is_valid() -> None:
    assert validate_raw(RAW, today=date(2026, 11, 25)).plan is not None
