"""`dotool export`: JSON valid against schema/export.schema.json, CSV tables, never `contact`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from dotool.csv_dialect import read_csv
from tests.conftest import REPO


def _sample_contacts(sample_dir: Path) -> list[str]:
    """Every `contact:` value of the sample, so the tests look for the real strings."""
    values = []
    for path in sorted((sample_dir / "measures").glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("contact:"):
                values.append(line.split(":", 1)[1].strip())
    assert values, "the sample should have contacts to leave out"
    return values


def test_json_is_valid_against_the_schema_and_has_derived_states(run_cli, sample_dir) -> None:  # type: ignore[no-untyped-def]
    jsonschema = pytest.importorskip("jsonschema")
    result = run_cli("export", "--root", sample_dir)
    doc = json.loads(result.stdout)
    schema = json.loads((REPO / "schema" / "export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    assert doc["format_version"] == 2 and doc["public"] is False
    assert doc["latest_half"] == "2021-H2"
    assert doc["data_as_of"] == "2021-12-31"  # no git: the end of the latest reported half
    by_id = {m["id"]: m for m in doc["measures"]}
    assert [m["id"] for m in doc["measures"]] == sorted(by_id)
    assert "M-016" in by_id  # not public, but this is not a public export
    m004 = by_id["M-004"]["derived"]
    assert (m004["status"], m004["rag"], m004["progress"], m004["plan"]) == (
        "completed", "green", 100, "masterplan")
    # M-017 came after the adopted plan: a further initiative.
    assert by_id["M-017"]["derived"]["plan"] == "further"
    assert by_id["M-017"]["derived"]["adopted_in"] is None
    # A re-planned measure reports its new end (M-005 was re-planned in 2021-H2, the latest
    # half; M-002 in 2021-H1, so only "since adoption" holds for it).
    m005, m002 = by_id["M-005"]["derived"], by_id["M-002"]["derived"]
    assert (m005["replanned_in_half"], m005["replanned_since_adoption"]) == (True, True)
    assert (m002["replanned_in_half"], m002["replanned_since_adoption"]) == (False, True)
    assert m005["planned_end"] == "2022-03" != by_id["M-005"]["end"]
    # Money as of the latest half: M-014's funding was rejected in 2021-H2.
    assert by_id["M-014"]["budget"]["funding"]["status"] == "planned"  # at planning
    assert by_id["M-014"]["derived"]["money"]["funding_status"] == "rejected"
    assert doc["figures"]["half"] == "2021-H2"


def test_no_contact_in_any_export(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    contacts = _sample_contacts(sample_dir)
    full = run_cli("export", "--root", sample_dir).stdout
    assert '"contact"' not in full
    run_cli("export", "--format", "csv", "-o", tmp_path / "csv", "--root", sample_dir)
    tables = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "csv").iterdir())
    for value in contacts:
        assert value not in full
        assert value not in tables


def test_public_leaves_out_non_public_measures_everywhere(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(run_cli("export", "--public", "--root", sample_dir).stdout)
    text = json.dumps(doc, ensure_ascii=False)
    assert doc["public"] is True
    assert "M-016" not in text  # not as a measure, a dependency or in the adoption record
    assert "Informationssicherheitsmanagement" not in text
    assert all(m["public"] for m in doc["measures"])
    assert len(doc["measures"]) == 24
    run_cli("export", "--format", "csv", "--public", "-o", tmp_path, "--root", sample_dir)
    for name in ("measures.csv", "updates.csv"):
        assert "M-016" not in (tmp_path / name).read_text(encoding="utf-8")


def test_csv_tables_have_a_header_and_one_row_per_item(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "open-data"
    run_cli("export", "--format", "csv", "-o", out, "--root", sample_dir)
    measures = read_csv((out / "measures.csv").read_bytes())
    updates = read_csv((out / "updates.csv").read_bytes())
    assert len(measures) == 25
    assert list(measures[0])[:4] == ["id", "title", "ref", "field"]
    assert {"status", "rag", "progress", "planned_end", "plan", "public"} <= set(measures[0])
    assert "contact" not in measures[0]
    assert list(updates[0])[:4] == ["measure_id", "half", "status", "rag"]
    halves = sum(p.read_text(encoding="utf-8").count("- half:")
                 for p in (sample_dir / "measures").glob("*.yaml"))
    assert len(updates) == halves
    m004 = next(r for r in measures if r["id"] == "M-004")
    assert (m004["status"], m004["progress"], m004["budget_one_off"]) == (
        "completed", "100", "12000")
    assert "kpis" not in updates[0]  # KPI values have a table of their own


def test_csv_dialect_opens_in_a_german_excel(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """UTF-8 with a byte-order mark, `;` between fields, CR LF, quoted only where needed."""
    run_cli("export", "--format", "csv", "-o", tmp_path, "--root", sample_dir)
    for name in ("measures.csv", "updates.csv", "kpis.csv"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        text = data.decode("utf-8").removeprefix("\ufeff")
        header = text.split("\r\n", 1)[0]
        assert "," not in header and header.count(";") >= 3, header
        assert text.endswith("\r\n")
        # Python's sniffer, standing in for a spreadsheet, finds the same separator.
        assert csv.Sniffer().sniff(text[:2000], delimiters=";,").delimiter == ";"
    measures = read_csv((tmp_path / "measures.csv").read_bytes())
    m004 = next(r for r in measures if r["id"] == "M-004")
    assert m004["title"] == "Online-Terminvergabe im Bürgerbüro"  # ü, not Ã¼
    assert m004["goals"] == "buergerservice; wirtschaftlichkeit"  # a list: quoted, one field
    raw = (tmp_path / "measures.csv").read_text(encoding="utf-8-sig")
    assert '"buergerservice; wirtschaftlichkeit"' in raw


def test_kpis_csv_has_one_row_per_reported_value(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    run_cli("export", "--format", "csv", "-o", tmp_path, "--root", sample_dir)
    rows = read_csv((tmp_path / "kpis.csv").read_bytes())
    assert list(rows[0]) == ["measure_id", "kpi", "kpi_name", "half", "value", "unit",
                             "baseline", "target"]
    plan = load_valid_plan(sample_dir)
    expected = [(m.id, k, str(u.half), v) for m in plan.measures for u in m.updates
                for k, v in u.kpis.items()]
    assert sorted((r["measure_id"], r["kpi"], r["half"], float(r["value"])) for r in rows) == \
        sorted(expected)
    m004 = [r for r in rows if r["measure_id"] == "M-004"]
    assert m004 and {r["unit"] for r in m004} == {"%"}
    assert m004[-1]["kpi_name"] == "Anteil online gebuchter Termine"


def test_xlsx_is_typed_frozen_and_in_the_plans_language(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from openpyxl import load_workbook

    target = tmp_path / "plan.xlsx"
    run_cli("export", "--format", "xlsx", "--public", "-o", target, "--root", sample_dir)
    book = load_workbook(target)
    assert book.sheetnames == ["Maßnahmen", "Sachstandsberichte", "Werte der Kennzahlen"]
    sheet = book["Maßnahmen"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Nr.", "Maßnahme", "Frühere Nummer", "Handlungsfeld (Schlüssel)"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref
    rows = {r[0].value: dict(zip(header, (c for c in r), strict=True))
            for r in sheet.iter_rows(min_row=2)}
    assert len(rows) == 24 and "M-016" not in rows  # --public
    m004 = rows["M-004"]
    assert m004["Status"].value == "abgeschlossen"  # words, not keys
    assert m004["Fortschritt (%)"].value == 100 and m004["Fortschritt (%)"].data_type == "n"
    assert m004["Einmalige Kosten (Ansatz, EUR)"].value == 12000
    start = m004["Beginn"]
    assert isinstance(start.value, datetime) and start.is_date and start.number_format == "MM.YYYY"
    assert sheet.column_dimensions["B"].width >= 30  # the title is readable
    kpis = book["Werte der Kennzahlen"]
    values = [r for r in kpis.iter_rows(min_row=2, values_only=True) if r[0] == "M-004"]
    assert values and all(isinstance(r[4], (int, float)) for r in values)

    english = tmp_path / "plan-en.xlsx"
    run_cli("export", "--format", "xlsx", "--lang", "en", "-o", english, "--root", sample_dir)
    book = load_workbook(english)
    assert book.sheetnames == ["Measures", "Progress reports", "KPI values"]
    assert [c.value for c in book["Measures"][1]][:2] == ["No.", "Measure"]
    assert book["Measures"]["B2"].value and book["Measures"].max_row == 26  # not --public


def test_xlsx_is_deterministic_and_never_runs_a_formula(run_cli, plan_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    measure = next((plan_dir / "measures").glob("*.yaml"))
    text = measure.read_text(encoding="utf-8")
    measure.write_text(text.replace("\nlead: ", "\nlead: '=1+1' # ", 1), encoding="utf-8")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run_cli("export", "--format", "xlsx", "-o", first, "--root", plan_dir)
    run_cli("export", "--format", "xlsx", "-o", second, "--root", plan_dir)
    assert first.read_bytes() == second.read_bytes()
    sheet = load_workbook(first)["Maßnahmen"]
    leads = [c.value for c in sheet["I"][1:]]
    assert "'=1+1" in leads and not any(c.data_type == "f" for row in sheet.iter_rows()
                                        for c in row)
    run_cli("export", "--format", "csv", "-o", tmp_path / "csv", "--root", plan_dir)
    assert ";'=1+1;" in (tmp_path / "csv" / "measures.csv").read_text(encoding="utf-8-sig")


def test_output_is_deterministic_and_written_to_a_file(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "plan.json"
    run_cli("export", "--public", "-o", target, "--root", sample_dir)
    first = target.read_bytes()
    run_cli("export", "--public", "-o", target, "--root", sample_dir)
    assert target.read_bytes() == first
    assert run_cli("export", "--public", "--root", sample_dir).stdout.encode("utf-8") == first


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "--format: `xml` is not one of json, csv, xlsx"),
    (["--format", "csv"], "csv writes three files"),
    (["--format", "xlsx"], "xlsx writes a workbook"),
])
def test_usage_errors(run_cli, sample_dir, args, message) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("export", *args, "--root", sample_dir, exit_code=2)
    assert message in result.stderr


def test_csv_refuses_a_file_as_folder(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "file.txt"
    target.write_text("keep", encoding="utf-8")
    result = run_cli("export", "--format", "csv", "-o", target, "--root", sample_dir, exit_code=2)
    assert "is a file" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"


def test_schema_file_is_current() -> None:
    from dotool.model.jsonschema import schema_files

    assert (REPO / "schema" / "export.schema.json").read_text(encoding="utf-8") == \
        schema_files()["export.schema.json"]
