"""pydantic error types reach users as codes only through the explicit table."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from dotool.checks.model_errors import findings_from_error
from dotool.findings.catalogue import rule
from dotool.findings.rules_schema import FALLBACK, SCHEMA_CODES, schema_code
from dotool.model.adoption import Adoption
from dotool.model.masterplan import Masterplan
from dotool.model.measure import Measure
from dotool.model.vorlage import Vorlage
from dotool.store.yamlload import load_yaml

_WRONG: list[Any] = [None, "", " ", "x", "M-1", 0, -1, 1.5, 101, 10**30, float("inf"), True,
                     [], ["x"], [1], {}, {"x": 1}, "2020-13-01", "2021-H3", "x" * 100_001,
                     ["M-001"] * 101]
_VALID: dict[type[BaseModel], dict[str, Any]] = {
    Masterplan: {"municipality": "T", "title": "T", "committee": "A", "sample": True,
                 "language": "de", "id_prefix": "M", "goals": [{"key": "g", "title": "G"}],
                 "fields": [{"key": "f", "title": "F"}]},
    Measure: {"id": "M-001", "title": "T", "field": "f", "scope": "external", "kind": "project",
              "summary": "S", "lead": "L", "goals": ["g"], "participants": ["P"],
              "priority": "high", "start": "2020-09", "end": "2021-06", "public": True,
              "budget": {"one_off": 1, "annual": 1, "budget_line": "1", "note": "n",
                         "funding": {"programme": "P", "share": 0.5, "status": "applied"}},
              "ozg": {"services": ["A"], "maturity_target": 3}, "depends_on": ["M-002"],
              "kpis": [{"key": "k", "name": "K", "unit": "%", "baseline": 0, "target": 1}],
              "milestones": [{"title": "M", "due": "2020-10-31", "done": "2020-10-20"}],
              "council": [{"ref": "BV/1", "date": "2020-01-01", "title": "t"}],
              "updates": [{"half": "2020-H2", "status": "in_progress", "rag": "green",
                           "rag_reason": "r", "progress": 1, "spent": 1, "kpis": {"k": 1},
                           "text": "t", "next": "n", "replanned_end": "2021-09",
                           "funding_status": "approved", "budget": {"one_off": 1}}]},
    Adoption: {"version": "1.0", "date": "2020-09-24", "body": "R", "resolution": "BV/1",
               "measures": ["M-001"], "commit": "3f2c", "tag": "masterplan-1.0"},
    Vorlage: {"vorlage": "MV/1", "session": "2022-03-17", "body": "A", "beratungsfolge": ["A"],
              "proposal": "p", "introduction": "i", "conclusion": "c",
              "financial_effects": "f", "signature": "s"},
}


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Any:
    yield path
    items = data.items() if isinstance(data, dict) else (
        enumerate(data) if isinstance(data, list) else ())
    for key, value in items:
        yield from _paths(value, (*path, key))


def _error_types() -> set[str]:
    """Every error type the models give for a wrong value anywhere, or a key left out."""
    found: set[str] = set()
    for model, valid in _VALID.items():
        model.model_validate(valid)
        for path in list(_paths(valid))[1:]:
            for wrong in [*_WRONG, "<drop>"]:
                data = copy.deepcopy(valid)
                parent = data
                for key in path[:-1]:
                    parent = parent[key]
                if wrong == "<drop>":
                    del parent[path[-1]]
                else:
                    parent[path[-1]] = wrong
                try:
                    model.model_validate(data)
                except ValidationError as exc:
                    found |= {e["type"] for e in exc.errors()}
        for wrong in _WRONG:
            try:
                model.model_validate(wrong)
            except ValidationError as exc:
                found |= {e["type"] for e in exc.errors()}
    return found


def test_the_table_names_every_error_type_the_models_give() -> None:
    # A pydantic upgrade that renames a type shows up here (and in the rule examples), instead
    # of silently changing a public code.
    assert _error_types() == set(SCHEMA_CODES)


@pytest.mark.parametrize("kind", sorted(SCHEMA_CODES))
def test_every_code_of_the_table_is_a_rule(kind: str) -> None:
    assert rule(schema_code(kind)).code == SCHEMA_CODES[kind]


def test_an_unknown_error_type_gets_the_stable_fallback_code() -> None:
    doc = load_yaml(b"title: x\n", path="measures/M-001-x.yaml").document
    assert doc is not None
    error = ValidationError.from_exception_data("Measure", [InitErrorDetails(
        type=PydanticCustomError("brand_new_check", "something new is wrong"),
        loc=("title",), input="x")])
    [found] = findings_from_error(error, Measure, doc, "measures/M-001-x.yaml")
    assert (found.code, found.severity, found.line, found.col) == (FALLBACK, "error", 1, 8)
    assert found.message == "something new is wrong"
    assert schema_code("brand_new_check") == FALLBACK


def test_a_pattern_without_words_still_says_what_it_expects() -> None:
    # Every model pattern has words (tests/test_keys.py); this is the fallback if one has not.
    from dotool.checks.model_errors import _pattern_message

    message, hint = _pattern_message(None, "M-1", {"pattern": "^M-[0-9]{3}$"})
    assert (str(message), hint) == ('found the text "M-1", expected text matching ^M-[0-9]{3}$',
                                    None)


@pytest.mark.parametrize(("written", "hinted"), [
    ('"40"', True), ("'40'", True), ('" 40 "', True),
    ("vierzig", False), ('"40 %"', False), ('"ca. 40"', False),
])
def test_remove_the_quotes_only_when_the_value_is_a_number_in_quotes(
        run_cli, plan_dir, written: str, hinted: bool) -> None:  # type: ignore[no-untyped-def]
    # The hint helps `progress: "40"`; for `progress: vierzig` there are no quotes to remove.
    path = plan_dir / "measures" / "M-001-termine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("progress: 40",
                                                             f"progress: {written}", 1),
                    encoding="utf-8")
    out = run_cli("validate", "--root", plan_dir, exit_code=1).stdout
    assert "expected a whole number (updates[0].progress)  [schema-int-type]" in out
    assert ("remove the quotes around the value" in out) is hinted, out
