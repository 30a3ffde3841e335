"""The rule tables built again, inside a test, give the committed docs/rules.md.

The tables (`dotool/findings/rules_*.py`) are built once, when first imported, with the example
helpers of `dotool.findings.catalogue` (`measure`, `updates`). Built again here, a change to a
helper that changes any example's file changes the page. `make mutate` credits a mutant only to
the tests that call the mutated function while they run; without this test no test calls the
helpers, and every mutant of them would count as surviving.
"""

from __future__ import annotations

import importlib

from dotool.checks.rulebook import rules_markdown
from dotool.findings import rules_checks, rules_files, rules_schema
from tests.conftest import REPO


def test_the_rule_tables_built_again_give_the_committed_page() -> None:
    for module in (rules_files, rules_schema, rules_checks):
        importlib.reload(module)
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert rules_markdown() == committed
