"""The machine-readable formats of `dotool validate`: json, github, gitlab; and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from dotool.findings import Finding
from dotool.output.findings import as_github, as_gitlab

BROKEN = """id: M-001
title: Online-Terminvergabe
titel: typo
field: rathaus
scope: external
kind: project
summary: Termine online buchen.
lead: Fachdienst Bürgerservice
"""


def _break(plan: Path) -> None:
    (plan / "measures" / "M-001-termine.yaml").write_text(BROKEN, encoding="utf-8")


def test_valid_plan_exits_0_and_says_so(plan_dir: Path, run_cli) -> None:
    result = run_cli("validate", "--root", plan_dir)
    assert "5 files valid" in result.stdout


def test_json_is_versioned_and_located(plan_dir: Path, run_cli) -> None:
    _break(plan_dir)
    result = run_cli("validate", "--root", plan_dir, "--format", "json", exit_code=1)
    doc = json.loads(result.stdout)
    assert doc["format_version"] == 1 and doc["valid"] is False
    typo = [f for f in doc["findings"] if f["code"] == "schema-extra-forbidden"]
    assert typo == [{
        "severity": "error", "code": "schema-extra-forbidden",
        "path": "measures/M-001-termine.yaml", "line": 3, "column": 1, "field": "titel",
        "message": "unknown key `titel`", "hint": "did you mean `title`?",
    }]


def test_text_shows_the_offending_line(plan_dir: Path, run_cli) -> None:
    _break(plan_dir)
    result = run_cli("validate", "--root", plan_dir, "--format", "text", exit_code=1)
    assert "measures/M-001-termine.yaml" in result.stdout
    assert "3 │ titel: typo" in result.stdout
    assert "did you mean `title`?" in result.stdout


def test_auto_is_github_under_actions(plan_dir: Path, run_cli, monkeypatch, tmp_path) -> None:
    _break(plan_dir)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("validate", "--root", plan_dir, exit_code=1)
    assert ("::error file=measures/M-001-termine.yaml,line=3,col=1,"
            "title=dotool schema-extra-forbidden::unknown key `titel`") in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert "unknown key \\`titel\\`" in text and "| ❌ |" in text


def test_github_escaping_follows_the_toolkit() -> None:
    finding = Finding("error", "x", "a,b:c.yaml", "50% done\nsecond line", 2, 3)
    assert as_github([finding]) == (
        "::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=dotool x::50%25 done%0Asecond line")


def test_gitlab_fingerprint_ignores_line_numbers() -> None:
    first = Finding("error", "unknown-goal", "m.yaml", "goal `x` is not defined", 4, 3,
                    ("goals", 0))
    moved = Finding("error", "unknown-goal", "m.yaml", "goal `x` is not defined", 9, 3,
                    ("goals", 0))
    a, b = json.loads(as_gitlab([first])), json.loads(as_gitlab([moved]))
    assert a[0]["fingerprint"] == b[0]["fingerprint"]
    assert a[0]["location"] == {"path": "m.yaml", "lines": {"begin": 4}}
    other = Finding("error", "unknown-goal", "m.yaml", "goal `y` is not defined", 5, 3,
                    ("goals", 1))
    assert json.loads(as_gitlab([first, other]))[1]["fingerprint"] != a[0]["fingerprint"]


def test_strict_turns_warnings_into_errors(plan_dir: Path, run_cli) -> None:
    m3 = plan_dir / "measures" / "M-003-e-akte.yaml"
    m3.write_text(m3.read_text(encoding="utf-8") + "contact: someone@example.org\n",
                  encoding="utf-8")
    assert "1 warning" in run_cli("validate", "--root", plan_dir).stdout
    strict = run_cli("validate", "--root", plan_dir, "--strict", "--format", "json", exit_code=1)
    assert [(f["code"], f["severity"]) for f in json.loads(strict.stdout)["findings"]] == [
        ("contact-email", "error")]


def test_no_root_is_a_usage_error(tmp_path: Path, run_cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", exit_code=2)
    assert "no masterplan found" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_bad_format_and_half_are_usage_errors(plan_dir: Path, run_cli) -> None:
    assert "--format: `xml` is not one of auto, text, json, github, gitlab" in run_cli(
        "validate", "--root", plan_dir, "--format", "xml", exit_code=2).stderr
    result = run_cli("validate", "--root", plan_dir, "--half", "2021-H3", exit_code=2)
    assert "YYYY-H1 or YYYY-H2" in result.stderr


def test_half_requires_updates(plan_dir: Path, run_cli) -> None:
    result = run_cli("validate", "--root", plan_dir, "--half", "2021-H2", "--format", "json",
                     exit_code=1)
    missing = {f["path"] for f in json.loads(result.stdout)["findings"]
               if f["code"] == "update-missing"}
    # M-001 is completed; the two active measures must report.
    assert missing == {"measures/M-002-glasfaser.yaml", "measures/M-003-e-akte.yaml"}


def test_debug_lets_the_traceback_through(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from dotool.cli.main import app
    from dotool.errors import UsageError

    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(app, ["--debug", "validate"])
    assert isinstance(outcome.exception, UsageError)
    quiet = CliRunner().invoke(app, ["validate"])
    assert quiet.exit_code == 2, quiet.output
    assert "Traceback" not in quiet.output


def test_half_out_of_range_is_a_usage_error(plan_dir: Path, run_cli) -> None:
    assert "has not begun" in run_cli("validate", "--root", plan_dir, "--half", "2150-H2",
                                      exit_code=2).stderr
    for command in ("validate", "report", "list"):
        result = run_cli(command, "--root", plan_dir, "--half", "0000-H1", exit_code=2)
        assert "between 1900 and 2199" in result.stderr and "internal error" not in result.stderr
