"""`dotool list` and `dotool show` on the small base plan: filters, formats, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path


def test_list_json_has_the_state_of_each_measure(plan_dir: Path, run_cli) -> None:
    rows = json.loads(run_cli("list", "--root", plan_dir, "--format", "json").stdout)
    assert [(r["id"], r["status"], r["rag"], r["progress"]) for r in rows] == [
        ("M-001", "completed", "green", 100),
        ("M-002", "in_progress", "green", 30),
        ("M-003", "ongoing", "green", None),
    ]


def test_list_as_of_an_earlier_half(plan_dir: Path, run_cli) -> None:
    rows = json.loads(run_cli("list", "--root", plan_dir, "--format", "json",
                              "--half", "2020-H2").stdout)
    # M-003 starts in 2021: as of 2020-H2 it has no update and is planned.
    assert [(r["id"], r["status"], r["rag"]) for r in rows] == [
        ("M-001", "in_progress", "green"), ("M-002", "in_progress", "amber"),
        ("M-003", "planned", None)]


def test_list_filters_combine(plan_dir: Path, run_cli) -> None:
    out = run_cli("list", "--root", plan_dir, "--format", "csv", "--field", "rathaus",
                  "--status", "ongoing").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["M-003"]
    assert rows[0]["public"] == "true"
    assert [r["id"] for r in json.loads(run_cli(
        "list", "--root", plan_dir, "--format", "json", "--scope", "internal").stdout)] == [
        "M-003"]
    assert json.loads(run_cli("list", "--root", plan_dir, "--format", "json", "--rag",
                              "red").stdout) == []


def test_list_table_shows_labels_in_the_terminal_language(plan_dir: Path, run_cli) -> None:
    # The suite runs with DOTOOL_LANG=en: English labels, the field's title, not its key.
    out = run_cli("list", "--root", plan_dir).stdout
    assert "Online-Terminvergabe" in out and "completed" in out and "● green" in out
    assert "│ Digitales Rath" in out and "│ internal " in out
    assert "in_progress" not in out and "│ rathaus " not in out


def test_list_rejects_unknown_filter_values(plan_dir: Path, run_cli) -> None:
    assert "in_progress" in run_cli("list", "--root", plan_dir, "--status", "busy",
                                    exit_code=2).stderr
    result = run_cli("list", "--root", plan_dir, "--field", "nope", exit_code=2)
    assert "Digitales Rathaus (rathaus), Infrastruktur (netz)" in result.stderr


def test_list_refuses_invalid_content(plan_dir: Path, run_cli) -> None:
    (plan_dir / "measures" / "M-003-e-akte.yaml").write_text("id: [\n", encoding="utf-8")
    result = run_cli("list", "--root", plan_dir, exit_code=1)
    assert "measures/M-003-e-akte.yaml" in result.stderr


def test_show_one_measure(plan_dir: Path, run_cli) -> None:
    out = run_cli("show", "M-002", "--root", plan_dir).stdout
    assert "Glasfaser Gewerbegebiet" in out
    assert "Förderbescheid steht aus." in out  # the Ampel reason of 2020-H2
    assert "depends on" in out.lower() and "M-001" in out


def test_show_json_includes_derived_state(plan_dir: Path, run_cli) -> None:
    data = json.loads(run_cli("show", "m-001", "--root", plan_dir, "--format", "json").stdout)
    assert data["id"] == "M-001"
    state = data["state"]
    assert (state["as_of"], state["status"], state["planned_end"], state["progress"]) == (
        "2021-H1", "completed", "2021-06", 100)
    assert state["money"] == {"one_off": 25000.0, "annual": 3000.0, "note": None,
                              "funding_status": None}


def test_show_unknown_id_suggests(plan_dir: Path, run_cli) -> None:
    result = run_cli("show", "M-004", "--root", plan_dir, exit_code=2)
    assert "no measure M-004" in result.stderr and "did you mean `M-003`?" in result.stderr
