"""Keys as people write them (`mobilitaet-verkehr`), and pattern errors that say what the field
expects, decided by where the value is, never by the value."""

from __future__ import annotations

import json
import typing
from typing import Any

import pytest
from pydantic import BaseModel, StringConstraints

from dotool.checks.model_errors import expects_at
from dotool.model.base import Expects
from dotool.model.jsonschema import SCHEMAS


def _patterned(annotation: Any, where: str, seen: set[type]) -> list[tuple[str, list[Any]]]:
    """Every `Annotated[str, StringConstraints(pattern=…), …]` reachable from `annotation`."""
    found: list[tuple[str, list[Any]]] = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for name, info in annotation.model_fields.items():
                if any(isinstance(m, StringConstraints) and m.pattern for m in info.metadata):
                    found.append((f"{annotation.__name__}.{name}", list(info.metadata)))
                found += _patterned(info.annotation, f"{annotation.__name__}.{name}", seen)
        return found
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        meta = list(args[1:])
        if any(isinstance(m, StringConstraints) and m.pattern for m in meta):
            found.append((where, meta))
        return found + _patterned(args[0], where, seen)
    for arg in args:
        found += _patterned(arg, where, seen)
    return found


def test_every_pattern_says_in_words_what_it_expects() -> None:
    seen: set[type] = set()
    fields = [f for model, _ in SCHEMAS.values() for f in _patterned(model, model.__name__, seen)]
    assert len(fields) >= 8, fields  # keys, references, ids, id_prefix, version
    missing = [where for where, meta in fields if not any(isinstance(m, Expects) for m in meta)]
    assert not missing, f"a pattern without an Expects(...) gives no readable message: {missing}"


@pytest.mark.parametrize(("model", "loc", "expected"), [
    ("measure", ("field",), "the key of a field of action in masterplan.yaml"),
    ("measure", ("goals", 3), "the key of a goal in masterplan.yaml"),
    ("measure", ("kpis", 0, "key"), "a KPI key"),
    ("measure", ("id",), "a measure id"),
    ("measure", ("depends_on", 1), "a measure id"),
    ("masterplan", ("fields", 2, "key"), "a field key"),
    ("masterplan", ("goals", 0, "key"), "a goal key"),
    ("masterplan", ("id_prefix",), "capital letters"),
    ("adoption", ("version",), "a version number"),
])
def test_the_field_decides_what_is_expected(model: str, loc: tuple[str | int, ...],
                                            expected: str) -> None:
    found = expects_at(SCHEMAS[f"{model}.schema.json"][0], loc)
    assert found is not None and str(found.what).startswith(expected), found


def test_same_value_different_fields_different_messages(run_cli, plan_dir) -> None:
    """`Mobilitaet-Verkehr` as field, goal, KPI key and dependency: four different expectations."""
    path = plan_dir / "measures" / "M-003-e-akte.yaml"
    text = path.read_text(encoding="utf-8").replace("field: rathaus", "field: Mobilitaet-Verkehr")
    path.write_text(text + "goals: [Mobilitaet-Verkehr]\ndepends_on: [Mobilitaet-Verkehr]\n"
                    "kpis:\n  - key: Mobilitaet-Verkehr\n    name: Fahrgäste\n",
                    encoding="utf-8")
    result = run_cli("validate", "--root", plan_dir, "--format", "json", exit_code=1)
    messages = {f["field"]: f["message"] for f in json.loads(result.stdout)["findings"]}
    found = 'found the text "Mobilitaet-Verkehr", expected '
    assert messages == {
        "field": found + "the key of a field of action in masterplan.yaml: a lowercase letter, "
                         "then lowercase letters, digits, _ or -",
        "goals[0]": found + "the key of a goal in masterplan.yaml: a lowercase letter, then "
                            "lowercase letters, digits, _ or -",
        "depends_on[0]": found + "a measure id: prefix, hyphen, three or more digits",
        "kpis[0].key": found + "a KPI key: a lowercase letter, then lowercase letters, digits, "
                               "_ or -",
    }


def test_a_kebab_case_kpi_key_takes_a_value_from_update(run_cli, plan_dir) -> None:
    path = plan_dir / "measures" / "M-003-e-akte.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "kpis:\n  - key: akten-digital\n    name: Digitale Akten\n",
                    encoding="utf-8")
    run_cli("update", "M-003", "--root", plan_dir, "--half", "2021-H2", "--status", "ongoing",
            "--rag", "green", "--text", "Läuft.", "--kpi", "akten-digital=40")
    assert "    kpis: {akten-digital: 40}\n" in path.read_text(encoding="utf-8")
    result = run_cli("export", "--root", plan_dir)
    values = json.loads(result.stdout)
    assert any(u.get("kpis") == {"akten-digital": 40} for m in values["measures"]
               for u in m.get("updates", [])), result.stdout


@pytest.mark.parametrize("key", ["../etc", "a/b", "a.b", "abc\n", "mobilität", "-a", "_a", ""])
def test_a_key_never_names_a_path(key: str) -> None:
    """A field key names a page of the site (fields/<key>.html): no dots, slashes or breaks."""
    from pydantic import TypeAdapter, ValidationError

    from dotool.model.masterplan import FieldKey

    with pytest.raises(ValidationError):
        TypeAdapter(FieldKey).validate_python(key)
