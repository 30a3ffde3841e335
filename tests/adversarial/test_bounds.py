"""Bounded work for any input: documented limits, each proved by a generated class of cases.

The limits (`dotool.model.base`, `dotool.findings`, `dotool.output.findings`) are enumerated
from the published JSON Schema where they are part of it, so a new list or text field is covered
without editing this file, and dotool must agree with the schema on every case: findings per file
and per run (the summary says how many were left out), printed source lines, list lengths, text
lengths, dates (years 1900-2199, ASCII digits only), amounts, Markdown nesting. That every
command stays within a time and a memory bound at the limits is test_time_memory.py.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from dotool.findings import MAX_FINDINGS, MAX_PER_FILE
from dotool.model.base import MAX_EURO, MAX_NESTING, MAX_VALUE
from tests.adversarial.helpers import Worker, assert_clear
from tests.conftest import BASE, REPO, copy_base

SCHEMA = json.loads((REPO / "schema" / "measure.schema.json").read_text(encoding="utf-8"))
BASE_MEASURE: dict[str, Any] = yaml.safe_load(
    (BASE / "measures" / "M-001-termine.yaml").read_text(encoding="utf-8"))
for _update in BASE_MEASURE["updates"]:  # YAML 1.1 read the halves' neighbours as dates
    _update["half"] = str(_update["half"])
for _key in ("start", "end"):
    BASE_MEASURE[_key] = str(BASE_MEASURE[_key])
for _milestone in BASE_MEASURE["milestones"]:
    _milestone["due"], _milestone["done"] = str(_milestone["due"]), str(_milestone["done"])

# A valid item of each kind of list entry (objects by their definition, strings by their field).
ITEMS: dict[str, Any] = {
    "Kpi": lambda i: {"key": f"k{i}", "name": f"Kennzahl {i}"},
    "Milestone": lambda i: {"title": f"Meilenstein {i}", "due": "2021-01-01",
                            "done": "2021-01-01"},
    "CouncilPaper": lambda i: {"ref": f"BV/{i}/2020"},
    "Update": lambda i: {"half": f"{1950 + i // 2}-H{i % 2 + 1}", "status": "ongoing",
                         "rag": "green", "text": f"Sachstand {i}."},
    "goals": lambda i: "service", "participants": lambda i: f"Fachdienst {i}",
    "services": lambda i: f"Leistung {i}", "depends_on": lambda i: "M-002",
}


def _paths(node: dict[str, Any], path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...],
                                                                              dict[str, Any]]]:
    """(path, schema) of every property of the measure schema; `0` stands for a list item."""
    for option in node.get("anyOf", [node]):
        if "$ref" in option:
            option = SCHEMA["definitions"][option["$ref"].rsplit("/", 1)[1]]
        for name, sub in option.get("properties", {}).items():
            yield (*path, name), sub
            yield from _paths(sub, (*path, name))
        items = option.get("items")
        if isinstance(items, dict):
            yield (*path, 0), items
            yield from _paths(items, (*path, 0))


def _leaf(schema: dict[str, Any]) -> dict[str, Any]:
    """The non-null alternative of a property."""
    for option in schema.get("anyOf", [schema]):
        if "$ref" in option:
            return SCHEMA["definitions"][option["$ref"].rsplit("/", 1)[1]] | {
                "definition": option["$ref"].rsplit("/", 1)[1]}
        if option.get("type") != "null":
            return option
    return schema


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """The base measure with `value` at `path` (parents made as needed, lists of one item)."""
    data = copy.deepcopy(BASE_MEASURE)
    data.setdefault("budget", {}).setdefault("funding", {"programme": "P", "status": "applied"})
    data.setdefault("ozg", {"services": ["Leistung"]})
    data.setdefault("council", [{"ref": "BV/1/2020"}])
    data.setdefault("participants", ["Fachdienst"])
    node: Any = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[path[-1]] = value
    return data


def _validate(data: dict[str, Any]) -> tuple[list[Any], bool]:
    """dotool's findings for this measure (in the base plan) and the schema's verdict."""
    import jsonschema

    from dotool.checks.run import validate_raw
    from dotool.store.files import read_plan, with_file

    raw = with_file(read_plan(BASE, limit=1 << 20), "measures/M-001-termine.yaml",
                    yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
    result = validate_raw(raw, today=__import__("datetime").date(2022, 6, 1))
    schema_ok = jsonschema.Draft7Validator(SCHEMA).is_valid(data)
    return [f for f in result.findings if f.path == "measures/M-001-termine.yaml"], schema_ok


def _at(findings: list[Any], path: tuple[Any, ...], code: str) -> bool:
    want = tuple(0 if isinstance(p, int) else p for p in path)
    return any(f.code == code and tuple(0 if isinstance(p, int) else p for p in f.loc) == want
               for f in findings)


ARRAYS = [(p, s) for p, s in _paths(SCHEMA) if "maxItems" in _leaf(s)]
STRINGS = [(p, s) for p, s in _paths(SCHEMA) if "maxLength" in _leaf(s)
           and "pattern" not in _leaf(s) and "enum" not in _leaf(s)]
NUMBERS = [(p, s) for p, s in _paths(SCHEMA) if "maximum" in _leaf(s)
           and _leaf(s).get("type") == "number"]
DICT_VALUES = [(p, s) for p, s in _paths(SCHEMA)
               if isinstance(_leaf(s).get("additionalProperties"), dict)]


def test_the_limits_are_in_the_published_schema() -> None:
    names = {p[-1] if not isinstance(p[-1], int) else p[-2] for p, _ in ARRAYS}
    assert {"goals", "participants", "depends_on", "kpis", "milestones", "council", "updates",
            "services"} <= names
    assert len(STRINGS) >= 15 and len(NUMBERS) >= 4


def _ids(cases: list[tuple[tuple[Any, ...], Any]]) -> list[str]:
    return [".".join(str(p) for p in path) for path, _ in cases]


@pytest.mark.parametrize(("path", "schema"), ARRAYS, ids=_ids(ARRAYS))
@pytest.mark.parametrize("extra", [0, 1])
def test_every_list_has_its_limit(path: tuple[Any, ...], schema: dict[str, Any],
                                  extra: int) -> None:
    leaf = _leaf(schema)
    limit = leaf["maxItems"]
    items = leaf.get("items", {})
    kind = _leaf(items).get("definition") or path[-1]
    data = _with(path, [ITEMS[kind](i) for i in range(limit + extra)])
    findings, schema_ok = _validate(data)
    too_long = _at(findings, path, "schema-too-long")
    assert too_long == bool(extra), findings
    assert schema_ok == (not extra) or not schema_ok  # the schema refuses what dotool refuses
    if extra:
        assert not schema_ok


@pytest.mark.parametrize(("path", "schema"), STRINGS, ids=_ids(STRINGS))
@pytest.mark.parametrize("extra", [0, 1])
def test_every_text_has_its_limit(path: tuple[Any, ...], schema: dict[str, Any],
                                  extra: int) -> None:
    limit = _leaf(schema)["maxLength"]
    data = _with(path, ("Wort " * limit)[:limit - 1] + "." + "x" * extra)
    findings, schema_ok = _validate(data)
    assert _at(findings, path, "schema-string-too-long") == bool(extra), findings
    assert schema_ok != bool(extra) or not schema_ok
    if extra:
        assert not schema_ok


AMOUNTS = [0, 1.5, "max", "over", 1e28, 1e300, "negative-max", "under"]


@pytest.mark.parametrize(("path", "schema"), NUMBERS + DICT_VALUES,
                         ids=_ids(NUMBERS + DICT_VALUES))
@pytest.mark.parametrize("amount", AMOUNTS, ids=[str(a) for a in AMOUNTS])
def test_every_number_has_its_limit(path: tuple[Any, ...], schema: dict[str, Any],
                                    amount: Any) -> None:
    leaf = _leaf(schema)
    if "additionalProperties" in leaf:  # KPI values in an update: {key: value}
        leaf, path = leaf["additionalProperties"], (*path, "online_share")
    high, low = leaf["maximum"], leaf.get("minimum", 0)
    value = {"max": high, "over": high * 10, "negative-max": -high, "under": low - 1 if low
             else -1}.get(amount, amount) if isinstance(amount, str) else amount
    findings, schema_ok = _validate(_with(path, value))
    refused = any(f.loc[:len(path)] == path and f.code.startswith("schema-") for f in findings)
    assert refused == (not low <= value <= high), findings
    assert schema_ok != refused or not schema_ok


def test_the_largest_amounts_are_formatted_in_every_output(worker: Worker,
                                                           tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    path = root / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (("one_off: 25000", f"one_off: {MAX_EURO:.1f}"),
                     ("annual: 3000", f"annual: {MAX_EURO - 0.01:.2f}"),
                     ("spent: 24000", f"spent: {MAX_EURO:.1f}"),
                     ("target: 60", f"target: {MAX_VALUE:.1f}"),
                     ("baseline: 0", f"baseline: {-MAX_VALUE:.1f}")):
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    for args in (("show", "M-001"), ("list",), ("report", "--half", "2021-H1"),
                 ("report", "--half", "2021-H1", "-o", out / "r.html"),
                 ("masterplan", "-o", out / "m.html"), ("site", "-o", out / "site"),
                 ("export",), ("validate", "--strict")):
        run = worker.run(*args, "--root", root, cwd=root)
        assert_clear(run, {0, 1} if args[0] == "validate" else 0)


DATES = {  # what a date field is written as → accepted?
    "1899-12": False, "1900-01": True, "2199-12": True, "2200-01": False, "0001-01": False,
    "9999-12": False, "\u0662\u0660\u0662\u0661-01": False, "\uff12\uff10\uff12\uff11-01": False,
    "2021-\u0660\u0661": False, "2021-13": False}
DATE_PATHS = [("start",), ("end",), ("updates", 0, "replanned_end"), ("milestones", 0, "due"),
              ("milestones", 0, "done"), ("council", 0, "date")]


@pytest.mark.parametrize("path", DATE_PATHS, ids=[".".join(map(str, p)) for p in DATE_PATHS])
@pytest.mark.parametrize("written", sorted(DATES), ids=sorted(DATES))
def test_every_date_is_between_1900_and_2199_in_ascii_digits(path: tuple[Any, ...],
                                                              written: str) -> None:
    day = "-" in written[5:] or path[0] in ("milestones", "council")
    value = written + ("-01" if day and written.count("-") == 1 else "")
    findings, schema_ok = _validate(_with(path, value))
    refused = any(f.loc[:len(path)] == path and f.code.startswith("schema-") for f in findings)
    assert refused == (not DATES[written]), (value, findings)
    assert schema_ok == (not refused), value  # the published schema agrees


HALVES = {"1900-H1": True, "2199-H2": True, "1899-H2": False, "2200-H1": False,
          "\u0662\u0660\u0662\u0661-H2": False, "\uff12\uff10\uff12\uff11-H2": False,
          "2021-H\u0661": False, "2021-H3": False}


@pytest.mark.parametrize("half", sorted(HALVES), ids=sorted(HALVES))
def test_every_half_is_written_in_ascii_digits(worker: Worker, plan_repo: Path,
                                               half: str) -> None:
    data = copy.deepcopy(BASE_MEASURE)
    data["start"] = "1900-01"
    data["updates"] = [{"half": half, "status": "ongoing", "rag": "green", "text": "x"}]
    findings, schema_ok = _validate(data)
    refused = any(f.code == "schema-half" for f in findings)
    assert refused == (not HALVES[half]) and schema_ok == HALVES[half], findings
    for command in ("report", "list", "validate"):  # and as an option
        run = worker.run(command, "--half", half, "--root", plan_repo, cwd=plan_repo)
        if not HALVES[half]:
            assert_clear(run, 2, says="half")


MARKDOWN_PATHS = [("summary",), ("objective",), ("updates", 0, "text"), ("updates", 0, "next"),
                  ("updates", 0, "rag_reason")]
NESTS = {"brackets": lambda n: "[" * n + "x" + "]" * n, "unclosed": lambda n: "[x " * n,
         "images": lambda n: "![" * n + "x" + "](y)" * n}


@pytest.mark.parametrize("path", MARKDOWN_PATHS, ids=[".".join(map(str, p))
                                                      for p in MARKDOWN_PATHS])
@pytest.mark.parametrize("shape", sorted(NESTS))
@pytest.mark.parametrize("extra", [0, 1])
def test_markdown_nests_at_most_so_deep(path: tuple[Any, ...], shape: str, extra: int) -> None:
    findings, _ = _validate(_with(path, NESTS[shape](MAX_NESTING + extra)))
    assert _at(findings, path, "schema-value-error") == bool(extra), findings


QUADRATIC = {  # text at the limits that costs a Markdown parser the most, each still valid
    "nested": ("[" * MAX_NESTING + "x" + "]" * MAX_NESTING + " ") * 400,
    "images": ("![" * MAX_NESTING + "](" * MAX_NESTING + " ") * 200,
    "emphasis": "*a" * 9000, "backticks": "`" * 15000 + " x", "angles": "<a" * 9000,
    "quotes": "> " * 9000 + "x", "lists": "- " * 9000 + "x", "links": "[a](" * 4500,
    "entities": "&#x" * 6000, "parens": "[a](" + "(" * 15000,
}


def test_markdown_at_its_limits_renders_in_every_output(worker: Worker, tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    path = root / "measures" / "M-001-termine.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["updates"][1]["text"] = "Sachstand."
    for i, (name, text) in enumerate(sorted(QUADRATIC.items())):
        (root / "measures" / f"M-0{10 + i}-q.yaml").write_text(yaml.safe_dump(
            {"id": f"M-0{10 + i}", "title": name, "field": "rathaus", "scope": "internal",
             "kind": "project", "lead": "Hauptamt", "summary": text,
             "updates": [{"half": "2021-H1", "status": "ongoing", "rag": "amber",
                          "rag_reason": text, "text": text}]}), encoding="utf-8")
    out = tmp_path / "out"
    for args in (("validate",), ("report", "--half", "2021-H1", "-o", out / "r.md"),
                 ("report", "--half", "2021-H1", "-o", out / "r.html"),
                 ("masterplan", "-o", out / "m.md"), ("site", "-o", out / "site")):
        assert_clear(worker.run(*args, "--root", root, cwd=root, timeout=120), 0)


# --- findings and source lines -------------------------------------------------------------

def _unknown_keys(count: int) -> str:
    return "".join(f"unknown_{i}: 1\n" for i in range(count))


@pytest.mark.parametrize("per_file", [MAX_PER_FILE - 1, MAX_PER_FILE, MAX_PER_FILE + 1,
                                      10 * MAX_PER_FILE])
@pytest.mark.parametrize("files", [1, MAX_FINDINGS // MAX_PER_FILE + 2])
def test_findings_are_bounded_and_the_rest_is_counted(worker: Worker, tmp_path: Path,
                                                      per_file: int, files: int) -> None:
    root = copy_base(tmp_path / "plan")
    base = (root / "measures" / "M-003-e-akte.yaml").read_text(encoding="utf-8")
    for i in range(files):
        (root / "measures" / f"M-{100 + i}-x.yaml").write_text(
            base.replace("M-003", f"M-{100 + i}") + _unknown_keys(per_file), encoding="utf-8")
    total = files * per_file
    shown = min(MAX_FINDINGS, files * min(per_file, MAX_PER_FILE))
    run = worker.run("validate", "--format", "json", "--root", root, cwd=root)
    assert_clear(run, 1)
    report = json.loads(run.stdout)
    assert len(report["findings"]) == shown
    assert report["summary"]["left_out"] == total - shown
    text = worker.run("validate", "--root", root, cwd=root)
    assert (f"{total - shown} more finding" in text.stdout) == (total > shown), text
    github = worker.run("validate", "--format", "github", "--root", root, cwd=root)
    assert github.stdout.count("::error ") == shown
    assert ("more finding(s) left out" in github.stdout) == (total > shown)


def test_errors_are_shown_before_warnings_when_findings_are_left_out(worker: Worker,
                                                                      tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    path = root / "measures" / "M-003-e-akte.yaml"
    overdue = "".join(f"  - title: M{i}\n    due: 2021-0{1 + i % 5}-01\n"
                      for i in range(2 * MAX_PER_FILE))  # a warning each (not done)
    # ... and one error that lets the checks run (a reference to a measure that is not there).
    path.write_text(path.read_text(encoding="utf-8") + "milestones:\n" + overdue
                    + "depends_on: [M-999]\n", encoding="utf-8")
    run = worker.run("validate", "--format", "json", "--root", root, cwd=root)
    assert_clear(run, 1)
    report = json.loads(run.stdout)
    codes = [f["code"] for f in report["findings"] if f["path"].endswith("M-003-e-akte.yaml")]
    assert "unknown-measure" in codes and len(codes) == MAX_PER_FILE
    assert report["summary"]["left_out"] == 2 * MAX_PER_FILE + 1 - MAX_PER_FILE


WIDTHS = [1, 60, 119, 120, 121, 500, 200_000]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("where", ["start", "middle", "end"])
@pytest.mark.parametrize("before", ["", "\\e\\a" * 30, "ä€𝄞" * 10])
def test_a_source_line_is_shown_in_at_most_so_many_characters(
        worker: Worker, tmp_path: Path, width: int, where: str, before: str) -> None:
    from dotool.output.findings import MAX_SOURCE_LINE

    root = copy_base(tmp_path / "plan")
    filler = "x" * width
    cut = {"start": 0, "middle": width // 2, "end": width}[where]
    # The finding (an ambiguous `no`) sits after `cut` characters of a long flow mapping.
    line = f'kpis: [{{key: k, name: "N{before}{filler[:cut]}", unit: no, baseline: 1}}]'
    path = root / "measures" / "M-003-e-akte.yaml"
    path.write_text(path.read_text(encoding="utf-8") + line + f"  # {filler[cut:]}\n",
                    encoding="utf-8")
    run = worker.run("validate", "--root", root, cwd=root)
    assert_clear(run, 1, says="unit")
    lines = run.stdout.splitlines()
    at = next(i for i, text in enumerate(lines) if "ambiguous" in text)  # the `no`'s finding
    excerpt, caret = lines[at + 1], lines[at + 2]
    shown = excerpt.split(" │ ", 1)[1]
    assert len(shown) <= MAX_SOURCE_LINE, len(shown)
    assert excerpt[caret.index("^"):].startswith("no"), (excerpt, caret)
    assert len(run.stdout) < 20_000


def test_a_roadmap_over_three_centuries_stays_small(worker: Worker, tmp_path: Path) -> None:
    """`start: 0001-01` made a roadmap SVG of 2.5 MB and a 51 s PDF: dates are 1900-2199 now,
    and a roadmap over decades gets a labelled tick every few years, not one a year."""
    root = copy_base(tmp_path / "plan")
    path = root / "measures" / "M-003-e-akte.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "start: 2021-01", "start: 1900-01\nend: 2199-12"), encoding="utf-8")
    out = tmp_path / "m.html"
    assert_clear(worker.run("masterplan", "-o", out, "--root", root, cwd=root), 0)
    page = out.read_text(encoding="utf-8")
    roadmap = page[page.index('id="roadmap'):]
    roadmap = roadmap[:roadmap.index("</svg>")]
    years = set(re.findall(r">(1[9]\d\d|2[01]\d\d)<", roadmap))
    assert 2 <= len(years) <= 20, sorted(years)
    assert len(roadmap) < 300_000
