"""`validate --format` offers exactly the reporters of the registry (`dotool.output.reporters`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dotool.output import reporters


def test_every_registered_reporter_is_a_format(plan_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Each name of the registry is accepted and runs its reporter; the help lists them."""
    assert reporters.formats() == ("auto", "text", "json", "github", "gitlab")
    for name in reporters.REPORTERS:
        run_cli("validate", "--root", plan_dir, "--format", name)
    assert json.loads(run_cli("validate", "--root", plan_dir, "--format", "json").stdout)[
        "findings"] == []
    assert "auto, text, json, github or gitlab" in run_cli("validate", "--help").stdout


def test_a_new_reporter_becomes_a_choice(plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A reporter added to the registry is a `--format` at once; one taken out is refused."""
    seen: list[int] = []
    monkeypatch.setitem(reporters.REPORTERS, "count", lambda result: seen.append(result.files))
    run_cli("validate", "--root", plan_dir, "--format", "count")
    assert seen and seen[0] > 0
    monkeypatch.delitem(reporters.REPORTERS, "gitlab")
    refused = run_cli("validate", "--root", plan_dir, "--format", "gitlab", exit_code=2).stderr
    assert "is not one of auto, text, json, github, count" in refused


def test_auto_is_github_under_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert reporters.resolve("auto") is reporters.github
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert reporters.resolve("auto") is reporters.text
