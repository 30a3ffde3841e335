"""Where the workflows `dotool init` writes install dotool from, and how a town changes it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from dotool import __version__
from dotool.authoring.source import default_source
from tests.conftest import REPO

INIT = ("--municipality", "Musterstadt", "--committee", "Ausschuss für Digitales", "--no-input")
WORKFLOWS = (".github/workflows/validate.yml", ".github/workflows/pages.yml")
GIT = {"url": "https://github.com/example-org/dotool", "vcs_info": {
    "vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567",
    "requested_revision": "v0.1.0"}}


def _source(info: dict[str, object] | None) -> tuple[str, str | None]:
    found = default_source(None if info is None else json.dumps(info))
    return found.spec, found.note


@pytest.mark.parametrize(("info", "spec"), [
    (None, f"dotool[render]=={__version__}"),  # installed from PyPI
    ({"not": "PEP 610"}, f"dotool[render]=={__version__}"),  # unreadable: as from PyPI
    (GIT, "dotool[render] @ git+https://github.com/example-org/dotool"
          "@0123456789abcdef0123456789abcdef01234567"),
    ({"url": "https://example.org/dist/dotool-0.1.0-py3-none-any.whl", "archive_info": {}},
     "dotool[render] @ https://example.org/dist/dotool-0.1.0-py3-none-any.whl"),
])
def test_the_default_follows_where_this_dotool_came_from(info, spec: str) -> None:
    assert _source(info) == (spec, None)
    Requirement(spec)  # a valid pip requirement


@pytest.mark.parametrize("info", [
    {"url": "file:///home/digital/dotool", "dir_info": {"editable": True}},
    {"url": "file:///tmp/dotool-0.1.0-py3-none-any.whl", "archive_info": {}},
    {**GIT, "url": "https://user:secret-token@github.com/example-org/dotool"},
    {**GIT, "url": "ssh://git@github.com/example-org/dotool"},
])
def test_a_source_ci_cannot_reach_falls_back_to_the_release_with_a_note(info) -> None:
    spec, note = _source(info)
    assert spec == f"dotool[render]=={__version__}"
    assert note is not None and "DOTOOL_SPEC" in note
    assert "secret-token" not in spec + note


def _env(workflow: Path) -> str:
    return str(yaml.safe_load(workflow.read_text(encoding="utf-8"))["env"]["DOTOOL_SPEC"])


def test_both_workflows_install_the_spec_of_one_repository_variable(tmp_path, run_cli) -> None:
    spec = "dotool[render] @ git+https://github.com/example-org/dotool@v0.1.0"
    result = run_cli("init", tmp_path / "stadt", *INIT, "--dotool-spec", spec)
    assert f"CI installs {spec}" in result.stderr
    for rel in WORKFLOWS:
        workflow = tmp_path / "stadt" / rel
        assert _env(workflow) == f"${{{{ vars.DOTOOL_SPEC || '{spec}' }}}}"
        assert 'pip install "$DOTOOL_SPEC"' in workflow.read_text(encoding="utf-8")
    assert f'pip install "{spec}"' in (tmp_path / "stadt/README.md").read_text(encoding="utf-8")


def test_without_a_spec_init_writes_this_release(tmp_path, run_cli, monkeypatch) -> None:
    monkeypatch.setattr("dotool.authoring.source.running_source",
                        lambda: default_source(None))
    run_cli("init", tmp_path / "stadt", *INIT)
    assert _env(tmp_path / "stadt" / WORKFLOWS[0]).endswith(
        f"'dotool[render]=={__version__}' }}}}")


@pytest.mark.parametrize("spec", ["dotool' }}\n  evil: x", 'dotool"', "dotool==${{ x }}", " "])
def test_a_spec_that_would_break_the_workflow_is_refused(tmp_path, run_cli, spec: str) -> None:
    result = run_cli("init", tmp_path / "stadt", *INIT, "--dotool-spec", spec, exit_code=2)
    assert "--dotool-spec" in result.stderr
    assert not (tmp_path / "stadt").exists()


def _workflow_files() -> list[Path]:
    return [*sorted((REPO / ".github" / "workflows").glob("*.yml")),
            *sorted((REPO / "src/dotool/authoring/scaffold").glob("*.yml.j2"))]


@pytest.mark.parametrize("path", _workflow_files(), ids=lambda p: p.name)
def test_every_workflow_pins_its_actions_and_asks_for_little(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses, "a workflow without actions?"
    unpinned = [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u)]
    assert not unpinned, f"pin actions to a full commit SHA: {unpinned}"
    workflow = yaml.safe_load(text)
    # Least privilege: read-only by default, more only on the job that needs it.
    assert workflow["permissions"] in ({}, {"contents": "read"})
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, step
