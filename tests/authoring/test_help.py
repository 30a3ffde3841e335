"""Every command answers `--help` with its examples, without touching a plan."""

from __future__ import annotations

import pytest

from dotool.cli.main import app

COMMANDS = sorted(c.name for c in app.registered_commands if c.name)


def test_the_authoring_and_history_commands_are_registered() -> None:
    assert {"init", "add-measure", "update", "adopt", "diff", "history"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help(run_cli, command: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # no masterplan here: --help must not need one
    result = run_cli(command, "--help")
    assert "Usage" in result.stdout and "Examples" in result.stdout
