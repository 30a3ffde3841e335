"""`dotool export`: JSON valid against schema/export.schema.json, CSV tables, never `contact`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

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
    measures = list(csv.DictReader(io.StringIO(
        (out / "measures.csv").read_text(encoding="utf-8"), newline="")))
    updates = list(csv.DictReader(io.StringIO(
        (out / "updates.csv").read_text(encoding="utf-8"), newline="")))
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
    assert not (out / "measures.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # no BOM


def test_output_is_deterministic_and_written_to_a_file(run_cli, sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "plan.json"
    run_cli("export", "--public", "-o", target, "--root", sample_dir)
    first = target.read_bytes()
    run_cli("export", "--public", "-o", target, "--root", sample_dir)
    assert target.read_bytes() == first
    assert run_cli("export", "--public", "--root", sample_dir).stdout.encode("utf-8") == first


@pytest.mark.parametrize("args, message", [
    (["--format", "xml"], "--format must be json or csv"),
    (["--format", "csv"], "csv writes two files"),
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
