"""The commands the README's everyday workflow and `dotool update --help` show work when copied.

Run on a copy of the bundled sample in git, in the README's order: a command that fails there
(`--kpi online_share=35` for M-007, whose KPI is `erechnung_share`) fails for the reader too.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

_CODE = re.compile(r"`(dotool [^`]+)`")


def _commands(text: str) -> list[list[str]]:
    """Every `dotool …` in inline code of `text`, split as a shell would (lines joined)."""
    return [shlex.split(" ".join(found.split()))[1:] for found in _CODE.findall(text)]


def _workflow() -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Everyday workflow"):readme.index("**Git.**")]
    # `dotool add-measure` alone asks its questions on a terminal: shown in full beside it.
    return [args for args in _commands(section) if args != ["add-measure"]]


def _update_help() -> list[list[str]]:
    from dotool.cli.update import update

    return _commands(update.__doc__ or "")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def sample_repo(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample in git, adopted as 1.0 (its record is there), as the working folder."""
    _git(sample_dir, "init", "-q", "-b", "main")
    _git(sample_dir, "add", "-A")
    _git(sample_dir, "commit", "-q", "-m", "Masterplan 1.0")
    _git(sample_dir, "tag", "masterplan-1.0")
    monkeypatch.chdir(sample_dir)
    return sample_dir


def test_the_readme_lists_the_workflow_it_is_checked_by() -> None:
    names = [args[0] for args in _workflow()]
    assert names == ["add-measure", "validate", "update", "update", "validate", "report",
                     "adopt", "diff", "masterplan"], names


def test_the_readme_workflow_runs_on_the_sample(run_cli, sample_repo: Path) -> None:  # type: ignore[no-untyped-def]
    for args in _workflow():
        if args[0] == "adopt":  # "on a clean checkout of the adopted state"
            _git(sample_repo, "add", "-A")
            _git(sample_repo, "commit", "-q", "-m", "Fortschreibung")
        run_cli(*args)
        if args[0] == "adopt":  # "then commit the record"
            _git(sample_repo, "add", "-A")
            _git(sample_repo, "commit", "-q", "-m", "Beschluss 2.0")
    assert (sample_repo / "sachstand-2021-H1.docx").is_file()
    assert (sample_repo / "masterplan-2.0.pdf").is_file()


def test_the_update_help_examples_run_on_the_sample(run_cli, sample_repo: Path) -> None:  # type: ignore[no-untyped-def]
    examples = _update_help()
    assert len(examples) == 4 and all(args[0] == "update" for args in examples), examples
    for args in examples:
        run_cli(*args)
