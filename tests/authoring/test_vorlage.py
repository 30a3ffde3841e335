"""`dotool report --half H --init`: the council paper of a report, scaffolded to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO


@pytest.mark.clock
def test_init_writes_a_paper_that_validates_and_is_never_overwritten(
        plan_dir: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", "2021-08-01")
    result = run_cli("report", "--half", "2021-H1", "--init", "--root", plan_dir)
    target = plan_dir / "masterplan/reports/2021-H1.yaml"
    assert "wrote masterplan/reports/2021-H1.yaml" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/report.schema.json")
    data = yaml.safe_load(text)
    # What the plan knows is filled in; what only the Digital Officer knows is left empty.
    assert data["body"] == "Ausschuss für Digitales"
    assert data["beratungsfolge"] == ["Ausschuss für Digitales"]
    assert data["signature"] == "Stabsstelle Digitalisierung"
    assert data["vorlage"] is None and data["introduction"] is None
    run_cli("validate", "--root", plan_dir, "--strict")

    target.write_text(text + "vorlage: MV/1/2021\n", encoding="utf-8")
    before = target.read_bytes()
    again = run_cli("report", "--half", "2021-H1", "--init", "--root", plan_dir, exit_code=2)
    assert "exists already" in again.stderr
    assert target.read_bytes() == before


@pytest.mark.clock
def test_init_refuses_a_half_that_has_not_begun_and_output_options(
        plan_dir: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", "2021-08-01")
    result = run_cli("report", "--half", "2022-H1", "--init", "--root", plan_dir, exit_code=2)
    assert "has not begun" in result.stderr
    result = run_cli("report", "--half", "2021-H1", "--init", "-o", plan_dir / "r.pdf",
                     "--root", plan_dir, exit_code=2)
    assert "renders nothing" in result.stderr
    assert not (plan_dir / "masterplan/reports").exists()


def test_the_sample_has_a_paper_for_2021_h2() -> None:
    data = yaml.safe_load((REPO / "masterplan/reports/2021-H2.yaml").read_text(encoding="utf-8"))
    assert data["vorlage"] and data["session"] and data["introduction"] and data["conclusion"]
