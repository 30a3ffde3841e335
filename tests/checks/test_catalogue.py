"""The rule catalogue is the one home of every rule: codes, order, cases and docs follow it."""

from __future__ import annotations

import importlib
import inspect
import json
import re

import pytest
import yaml

from dotool.findings.catalogue import checks, rules
from dotool.findings.rules_schema import FALLBACK
from tests.conftest import HERE, REPO

#: The public codes as they were when the catalogue was made: fingerprints of GitLab's Code
#: Quality and people's CI scripts depend on them. Renaming one is a breaking change; add new
#: codes here when they are added to the catalogue.
PUBLIC_CODES = {
    "file-missing", "file-unreadable", "file-extension", "file-too-large", "yaml-encoding",
    "yaml-syntax", "yaml-too-deep", "yaml-multiple-documents", "yaml-empty",
    "yaml-duplicate-key", "yaml-merge-key", "yaml-alias", "yaml-key", "yaml-ambiguous",
    "yaml-tag", "schema-not-mapping", "schema-extra-forbidden", "schema-missing",
    "schema-literal-error", "schema-int-type", "schema-float-type", "schema-bool-type",
    "schema-string-type", "schema-list-type", "schema-dict-type", "schema-model-type",
    "schema-day", "schema-half", "schema-partial-date", "schema-string-pattern-mismatch",
    "schema-greater-than-equal", "schema-less-than-equal", "schema-finite-number",
    "schema-too-short", "schema-too-long", "schema-string-too-long", "schema-value-error",
    "schema-invalid", "duplicate-key",
    "duplicate-id", "id-prefix", "file-name", "unknown-field", "unknown-goal", "duplicate-kpi",
    "unknown-kpi", "self-dependency", "unknown-measure", "dependency-cycle", "start-after-end",
    "done-in-future", "adoption-in-future", "update-order", "half-in-future",
    "update-before-start",
    "progress-missing", "completed-progress", "rag-reason-missing", "update-after-close",
    "progress-down", "budget-empty", "funding-status-without-funding", "contact-email",
    "past-end", "milestone-overdue", "milestone-open", "spend-down", "spend-unplanned",
    "spend-over-plan", "update-missing", "report-file-name", "session-before-end",
    "body-not-in-beratungsfolge", "signature-person", "text-bidi-control",
}
#: Codes no `dotool validate` of a folder can give, so no case under tests/cases/ shows them:
#: a plan root is found by its masterplan.yaml (a git tree without it — `diff`, `--at` — gives
#: file-missing), and schema-invalid stands for pydantic error types that do not exist yet.
NO_FOLDER_CASE = {"file-missing", FALLBACK}


def test_the_public_codes_are_kept() -> None:
    assert {r.code for r in rules()} == PUBLIC_CODES


def test_every_code_has_a_data_driven_case() -> None:
    shown = set()
    for case in (HERE / "cases" / "invalid").glob("*/case.yaml"):
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        shown |= {want["code"] for want in spec["expect"] if "code" in want}
    assert shown <= PUBLIC_CODES, shown - PUBLIC_CODES
    assert PUBLIC_CODES - shown == NO_FOLDER_CASE


def _resolves(name: str) -> bool:
    module, _, rest = name.partition(".")
    for part in rest.split("."):
        try:
            target = importlib.import_module(f"{module}.{part}")
        except ModuleNotFoundError:
            break
        module = target.__name__
    else:
        return True
    obj: object = importlib.import_module(module)
    for part in name.removeprefix(module + ".").split("."):
        if not hasattr(obj, part):
            return False
        obj = getattr(obj, part)
    return True


@pytest.mark.parametrize("rule", rules(), ids=[r.code for r in rules()])
def test_every_rule_names_code_that_exists(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.made_by and all(_resolves(name) for name in rule.made_by), rule.made_by


def test_the_checks_run_in_catalogue_order() -> None:
    # In the order each first makes a rule of the catalogue (half-in-future, made for updates
    # and for report papers, brings the papers' check before the money's).
    assert checks() == (
        "dotool.checks.references.check_masterplan_keys",
        "dotool.checks.references.check_measures",
        "dotool.checks.consistency.check_dates",
        "dotool.checks.consistency.check_updates",
        "dotool.checks.adoptions.check_adoptions",
        "dotool.checks.vorlagen.check_vorlagen",
        "dotool.checks.consistency.check_money",
        "dotool.checks.consistency.check_warnings",
    )


def test_every_check_function_is_in_the_catalogue() -> None:
    # A check no rule names would never run.
    for module in ("references", "consistency", "vorlagen"):
        mod = importlib.import_module(f"dotool.checks.{module}")
        for name, _ in inspect.getmembers(mod, inspect.isfunction):
            if name.startswith("check_"):
                assert f"dotool.checks.{module}.{name}" in checks(), name


def test_every_code_written_in_the_source_is_in_the_catalogue() -> None:
    # Codes are looked up when a finding is made (an unknown one raises); this finds a code on
    # a path no test takes.
    made = re.compile(r'(?:report|finding|add)\(\s*"([a-z0-9-]+)"')
    found = set()
    for path in (REPO / "src" / "dotool").rglob("*.py"):
        found |= set(made.findall(path.read_text(encoding="utf-8")))
    assert found and found <= PUBLIC_CODES, found - PUBLIC_CODES


def test_docs_rules_is_generated_from_the_catalogue() -> None:
    from dotool.checks.rulebook import rules_markdown

    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), \
        "docs/rules.md is stale: python -m dotool.checks.rulebook > docs/rules.md"


def test_list_rules_prints_the_catalogue(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = run_cli("validate", "--list-rules", "--root", tmp_path).stdout
    lines = text.splitlines()
    assert [line.split()[:2] for line in lines] == [[r.code, r.severity] for r in rules()]
    assert "Ampel amber and red give a `rag_reason`." in text
    listed = json.loads(run_cli("validate", "--list-rules", "--format", "json").stdout)
    assert listed[0] == {"code": "file-missing", "severity": "error",
                         "summary": "masterplan/masterplan.yaml exists."}
    assert len(listed) == len(rules())
