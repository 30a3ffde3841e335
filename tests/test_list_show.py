"""`dotool list` and `dotool show` on the small base plan: filters, formats, errors."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from dotool.csv_dialect import BOM, read_csv


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
    rows = read_csv(out.encode("utf-8"))
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


class _Stdout(io.TextIOWrapper):
    """A stdout over bytes that is, or is not, a terminal."""

    def __init__(self, tty: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def written(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def rows(plan_dir: Path):  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan
    from dotool.output import measure_list

    found = measure_list.select(load_valid_plan(plan_dir), half=None, field=None, status=None,
                          scope=None, rag=None)
    # A title that a spreadsheet would run as a formula, with the dialect's separator in it.
    return [replace(found[0], title='=HYPERLINK("http://x.example";"klick")'), *found[1:]]


def test_list_csv_is_the_open_data_dialect_when_redirected(rows) -> None:  # type: ignore[no-untyped-def]
    from dotool.output.measure_list import write_csv

    out = _Stdout(tty=False)
    write_csv(rows, out)
    data = out.written()
    # The bytes of an exported CSV file (docs/open-data.md): the mark, `;`, CR LF.
    assert data.startswith(BOM.encode("utf-8") + b"id;title;field;")
    assert data.count(b"\r\n") == len(rows) + 1 and b"\n" not in data.replace(b"\r\n", b"")
    first = read_csv(data)[0]
    assert first["title"] == '\'=HYPERLINK("http://x.example";"klick")'  # never a formula
    assert first["public"] == "true" and first["id"] == "M-001"


def test_list_csv_on_a_terminal_has_no_byte_order_mark(rows) -> None:  # type: ignore[no-untyped-def]
    from dotool.output.measure_list import write_csv

    redirected, terminal = _Stdout(tty=False), _Stdout(tty=True)
    write_csv(rows, redirected)
    write_csv(rows, terminal)
    assert terminal.written() == redirected.written().removeprefix(BOM.encode("utf-8"))
    assert terminal.written().startswith(b"id;title;")

