"""Hostile and broken files of every kind a plan repository holds, through every command.

Each payload (alias bomb, deep nesting, huge, empty, binary, broken encodings, a Python tag,
many documents) replaces one file — masterplan.yaml, a measure, the adoption record — and is
committed on top of the valid base plan (so the git commands read it from history too). Then
every command runs against the repository: the reading and rendering ones must refuse with
exit 1 and leave every byte as it was; the writing ones may only write what they are for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import Run, Worker, assert_clear, changes, commit_all, snapshot
from tests.adversarial.payloads import PAYLOADS

KINDS = {
    "masterplan": "masterplan/masterplan.yaml",
    "measure": "measures/M-003-e-akte.yaml",
    "adoption": "masterplan/adoptions/1.0.yaml",
}

# Commands that read the plan: all refuse an invalid plan (exit 1) and change nothing.
READERS: list[tuple[str, ...]] = [
    ("validate",),
    ("validate", "--format", "json"),
    ("list",),
    ("report", "--half", "2020-H2"),
    ("report", "--half", "2020-H2", "-o", "{out}/report.html"),
    ("masterplan", "-o", "{out}/plan.md"),
    ("masterplan", "--at", "HEAD"),
    ("diff", "HEAD~1"),
    ("diff", "HEAD~1", "HEAD"),
    ("export",),
    ("export", "--public", "--format", "csv", "-o", "{out}/csv"),
    ("site", "-o", "{out}/site"),
    ("adopt", "9.0", "--date", "2021-01-01", "--resolution", "BV/9/2021"),
]


def _repo(base: Path, kind: str, payload: str) -> Path:
    from tests.adversarial.helpers import git
    from tests.conftest import copy_base

    root = copy_base(base / f"{kind}-{payload}")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Initial plan")
    (root / KINDS[kind]).write_bytes(PAYLOADS[payload])
    commit_all(root, f"A hostile {kind}")
    return root


def _run(worker: Worker, root: Path, out: Path, args: tuple[str, ...]) -> Run:
    argv = [a.format(out=out) for a in args]
    return worker.run(*argv, "--root", str(root), cwd=root)


@pytest.mark.slow
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_command_refuses_a_hostile_file(worker: Worker, tmp_path: Path, kind: str,
                                              payload: str) -> None:
    root = _repo(tmp_path, kind, payload)
    out = tmp_path / "out"
    before = snapshot(root)
    for args in READERS:
        run = _run(worker, root, out, args)
        assert_clear(run, 1)
        assert not changes(before, snapshot(root)), run
    assert not out.exists() or not any(out.rglob("*")), "a refused rendering wrote output"
    # The plan as it stood before the hostile commit is still there, and renders.
    assert_clear(_run(worker, root, out, ("masterplan", "--at", "HEAD~1")), 0)
    # History reads one measure's file: the others' state does not matter to it.
    assert_clear(_run(worker, root, out, ("history", "M-001")), 0)
    if kind == "measure":
        assert_clear(_run(worker, root, out, ("history", "M-003")), 1)
    # Show reads one measure's file, the masterplan and the adoptions: another measure's file
    # does not matter to it, its own and the plan's files do.
    assert_clear(_run(worker, root, out, ("show", "M-001")), 0 if kind == "measure" else 1)
    if kind == "measure":
        assert_clear(_run(worker, root, out, ("show", "M-003")), 1)
    assert not (root / "PWNED").exists() and not Path("PWNED").exists()
