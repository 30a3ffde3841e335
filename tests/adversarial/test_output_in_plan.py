"""No output goes into the plan: every command that writes where `-o` says refuses a place in
measures/, masterplan/, templates/, schema/ or .git/ — directly, onto a plan file, or through a
link from outside — with exit 2 before any work, and every file of the plan stays as it was.

Classes of cases: each writing command (documents in each format, the export in each format,
the site, the collection) × each protected place (a new name in each folder of the plan, an
existing plan file, the folder itself, a folder reached through a symbolic link).
`dotool schema` writes only schema/, which is its purpose; it takes no output path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import Worker, assert_clear, changes, commit_all, git, snapshot
from tests.conftest import copy_base

#: Commands that write one file: (arguments before the path, the extension of the file).
FILES = {
    "report.md": (("report", "--half", "2021-H1", "-o"), ".md"),
    "report.html": (("report", "--half", "2021-H1", "-o"), ".html"),
    "report.pdf": (("report", "--half", "2021-H1", "-o"), ".pdf"),
    "report.docx": (("report", "--half", "2021-H1", "-o"), ".docx"),
    "masterplan.md": (("masterplan", "-o"), ".md"),
    "masterplan.docx": (("masterplan", "-o"), ".docx"),
    "export.json": (("export", "-o"), ".json"),
    "export.xlsx": (("export", "--format", "xlsx", "-o"), ".xlsx"),
}
#: Commands that write into a folder.
FOLDERS = {
    "export.csv": ("export", "--format", "csv", "-o"),
    "site": ("site", "-o"),
    "collect": ("collect", "--half", "2021-H1", "-o"),
}
#: Places in the plan, relative to its root ("link/…" goes through a link outside the plan).
PLACES = ["measures", "masterplan", "masterplan/adoptions", "masterplan/reports", "templates",
          "schema", ".git", ".git/refs", "link"]
#: Plan files a file command must never replace, whatever extension they have.
PLAN_FILES = ["masterplan/masterplan.yaml", "measures/M-001-termine.yaml",
              "masterplan/adoptions/1.0.yaml", ".git/HEAD", ".git/config"]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed plan with every folder dotool protects (shared: nothing may change it)."""
    base = tmp_path_factory.mktemp("in-plan")
    root = copy_base(base / "plan")
    for folder in ("masterplan/reports", "templates", "schema"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "README.md").write_text("kept\n")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Initial plan")
    (base / "link").symlink_to(root / "measures")
    return root


def _place(plan: Path, place: str) -> Path:
    return plan.parent / "link" if place == "link" else plan / place


def _refused(worker: Worker, plan: Path, args: tuple[str, ...], target: Path) -> None:
    before = snapshot(plan)
    run = worker.run(*args, target, "--root", plan, cwd=plan)
    assert_clear(run, 2, says="plan's own folder")
    assert "build/" in run.stderr
    assert not changes(before, snapshot(plan))
    assert not (plan / "assets").exists()


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("command", sorted(FILES))
def test_a_file_is_never_written_into_the_plan(worker: Worker, plan: Path, command: str,
                                               place: str) -> None:
    args, extension = FILES[command]
    _refused(worker, plan, args, _place(plan, place) / f"new/out{extension}")
    _refused(worker, plan, args, _place(plan, place) / f"out{extension}")


@pytest.mark.parametrize("existing", PLAN_FILES)
@pytest.mark.parametrize("command", sorted(FILES))
def test_a_plan_file_is_never_replaced(worker: Worker, plan: Path, command: str,
                                       existing: str) -> None:
    args, extension = FILES[command]
    fmt = ("--format", extension.lstrip("."))  # the plan file's own extension says nothing
    if "--format" in args:
        fmt = ()
    _refused(worker, plan, (*args[:-1], *fmt, "-o"), plan / existing)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("command", sorted(FOLDERS))
def test_a_folder_output_is_never_in_the_plan(worker: Worker, plan: Path, command: str,
                                              place: str) -> None:
    _refused(worker, plan, FOLDERS[command], _place(plan, place))
    _refused(worker, plan, FOLDERS[command], _place(plan, place) / "new")


def test_outside_the_plan_the_same_outputs_are_written(worker: Worker, plan: Path,
                                                       tmp_path: Path) -> None:
    """The rule refuses the plan's folders only: the same commands write to build/."""
    before = snapshot(plan)
    for command in ("report.md", "export.json", "export.xlsx"):
        args, extension = FILES[command]
        assert_clear(worker.run(*args, tmp_path / f"build/out{extension}", "--root", plan,
                                cwd=plan), 0)
    assert_clear(worker.run(*FOLDERS["export.csv"], tmp_path / "build/csv", "--root", plan,
                            cwd=plan), 0)
    assert (tmp_path / "build/csv/measures.csv").is_file()
    assert not changes(before, snapshot(plan))
