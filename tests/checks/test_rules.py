"""Every rule of the catalogue, from its own examples: code, severity, line and column.

In the style of yamllint's rule tests: the failing examples (boundaries included: the day a half
begins, progress 0, 100 and 101, amber as well as red) give exactly one finding, of their rule,
where the catalogue says; the passing ones give none. Runs in memory, no CLI, no files.
"""

from __future__ import annotations

import pytest

from dotool.checks.rulebook import run_example
from dotool.findings.catalogue import Example, Rule, rules
from dotool.findings.rules_schema import FALLBACK


def _cases(kind: str) -> list[tuple[Rule, Example]]:
    return [(r, e) for r in rules() for e in getattr(r, kind)]


def _ids(kind: str) -> list[str]:
    # Plain ASCII ids (code and number): mutmut selects tests by id on the command line.
    return [f"{r.code}-{i}" for r in rules() for i, _ in enumerate(getattr(r, kind), 1)]


def _shown(findings: object, example: Example) -> str:
    lines = [f"  {f.severity} {f.code} {f.line}:{f.col} {f.message}"
             for f in findings]  # type: ignore[attr-defined]
    return f"{example.note or 'the example'} gives:\n" + "\n".join(lines)


@pytest.mark.parametrize("case", _cases("fails"), ids=_ids("fails"))
def test_failing_example_gives_one_finding_of_its_rule_where_stated(
        case: tuple[Rule, Example]) -> None:
    rule, example = case
    found = run_example(example).findings
    line, col = example.at or (None, None)
    assert [(f.code, f.severity, f.line, f.col) for f in found] == [
        (rule.code, example.severity or rule.severity, line, col)], _shown(found, example)
    assert found[0].message and found[0].path == example.path


@pytest.mark.parametrize("case", _cases("passes"), ids=_ids("passes"))
def test_passing_example_keeps_its_rule(case: tuple[Rule, Example]) -> None:
    rule, example = case
    found = run_example(example).findings
    assert not [f for f in found if f.code == rule.code], _shown(found, example)
    if example is rule.passes[0]:  # the one docs/rules.md shows first is clean altogether
        assert not found, _shown(found, example)


def test_every_rule_has_a_failing_and_a_passing_example() -> None:
    missing = [r.code for r in rules() if r.code != FALLBACK and not (r.fails and r.passes)]
    assert not missing


def test_codes_are_unique_and_written_as_codes() -> None:
    codes = [r.code for r in rules()]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert code == code.lower() and " " not in code and "_" not in code, code
