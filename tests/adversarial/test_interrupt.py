"""Interrupted and concurrent writing commands never leave a partial or lost file.

Every writing command is killed with SIGKILL at every point where it is about to make a write
visible (fault injection, `faults/sitecustomize.py`), and a few times at random moments. After
each kill every file is either as it was before or as a complete run leaves it, any leftover is
a hidden temporary file that validation ignores, and the plan still validates. Several
`add-measure` and `update` processes at once each get their own id or keep their own update.
"""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.adversarial.helpers import (
    DOTOOL,
    Worker,
    assert_clear,
    changes,
    commit_all,
    dotool,
    env,
    git,
    snapshot,
)
from tests.conftest import copy_base

FAULTS = Path(__file__).with_name("faults")
# The n-th write to interrupt: every one of the first few, then ever sparser (the site writes
# dozens of files, each the same code path), until a run gets through to its end.
KILL_POINTS = (1, 2, 3, 4, 6, 9, 14, 22, 35, 60, 100)
KILLED = -signal.SIGKILL
ADD = ("add-measure", "--no-input", "--title", "Neue Maßnahme", "--field", "rathaus", "--scope",
       "internal", "--kind", "project", "--lead", "Hauptamt", "--summary", "Neu.")
UPDATE = ("update", "M-003", "--half", "2021-H2", "--status", "ongoing", "--rag", "amber",
          "--rag-reason", "Verzug", "--text", "Läuft.")

# name → (arguments, in git?) — `{out}` is a folder outside the repository.
WRITERS: dict[str, tuple[tuple[str, ...], bool]] = {
    "add-measure": (ADD, False),
    "update": (UPDATE, False),
    "adopt": (("adopt", "2.0", "--date", "2021-01-20", "--resolution", "BV/2/2021"), True),
    "init": (("init", "{root}/new", "--municipality", "Neustadt", "--committee", "Rat"), False),
    "schema": (("schema",), False),
    "report": (("report", "--half", "2020-H2", "-o", "{root}/build/r.md"), False),
    "site": (("site", "-o", "{root}/build/site"), False),
    "export": (("export", "-o", "{root}/build/plan.json"), False),
}


def _fresh(base: Path, name: str, in_git: bool) -> Path:
    root = copy_base(base / name)
    if in_git:
        git(root, "init", "-q", "-b", "main")
        commit_all(root, "Initial plan")
    return root


def _argv(name: str, root: Path) -> list[str]:
    args = [a.format(root=root) for a in WRITERS[name][0]]
    return args if name == "init" else [*args, "--root", str(root)]


def _run(argv: list[str], root: Path, cache: Path, kill: str | None) -> int:
    extra = {"PYTHONPATH": f"{FAULTS}:{env(cache)['PYTHONPATH']}"}
    if kill:
        extra["DOTOOL_TEST_KILL"] = kill
    done = subprocess.run([*DOTOOL, *argv], cwd=root, env=env(cache, **extra),
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=60, check=False)
    assert done.returncode in (0, KILLED), done
    return done.returncode


def _check_old_or_new(root: Path, before: dict, after: dict, worker: Worker) -> None:  # type: ignore[type-arg]
    now = snapshot(root)
    for path in now.keys() | before.keys() | after.keys():
        if now.get(path) in (before.get(path), after.get(path)):
            continue
        name = path.rsplit("/", 1)[-1]
        # A write interrupted before its rename leaves its hidden temporary file, never a part
        # of the target; a folder created on the way is no partial file either.
        assert (name.startswith(".") and name.endswith(".tmp")) or \
            (path in now and now[path][1] == b"" and path not in after
             and not Path(root, path).is_file()) or path.startswith(".git/"), \
            f"{path} is neither the old nor the new file"
    run = worker.run("validate", "--root", root, cwd=root)
    assert_clear(run, 0)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_sigkill_at_every_write_leaves_old_or_new(worker: Worker, tmp_path: Path,
                                                  name: str) -> None:
    in_git = WRITERS[name][1]
    reference = _fresh(tmp_path, "reference", in_git)
    before = snapshot(reference)
    assert _run(_argv(name, reference), reference, tmp_path / "cache-ref", None) == 0
    after = snapshot(reference)
    assert changes(before, after)
    points = 0
    for hook in ("fsync", "unlink"):
        for n in KILL_POINTS:
            root = _fresh(tmp_path, f"{hook}-{n}", in_git)
            code = _run(_argv(name, root), root, tmp_path / f"cache-{hook}-{n}", f"{hook}:{n}")
            _check_old_or_new(root, before, after, worker)
            shutil.rmtree(root)
            if code == 0:  # ran to the end: no later write to interrupt
                break
            points += 1
        else:
            raise AssertionError(f"{name} was still writing at its {n}th {hook}")
    assert points >= 1


@pytest.mark.slow
@pytest.mark.parametrize("name", ["add-measure", "update", "schema"])
def test_sigkill_at_random_moments_leaves_old_or_new(worker: Worker, tmp_path: Path,
                                                     name: str) -> None:
    reference = _fresh(tmp_path, "reference", False)
    before = snapshot(reference)
    _run(_argv(name, reference), reference, tmp_path / "cache-ref", None)
    after = snapshot(reference)
    rng = random.Random(7)
    for i in range(5):
        root = _fresh(tmp_path, f"run-{i}", False)
        proc = subprocess.Popen([*DOTOOL, *_argv(name, root)], cwd=root,
                                env=env(tmp_path / f"cache-{i}"), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        _check_old_or_new(root, before, after, worker)


def _parallel(commands: list[list[str]], root: Path, cache: Path) -> list[subprocess.Popen[str]]:
    procs = [subprocess.Popen([*DOTOOL, *argv, "--root", str(root)], cwd=root, env=env(cache),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for argv in commands]
    for proc in procs:
        proc.wait(timeout=120)
    return procs


def test_concurrent_add_measure_gets_distinct_ids(worker: Worker, tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    commands = [[*ADD[:3], f"Maßnahme {i}", *ADD[4:]] for i in range(6)]
    procs = _parallel(commands, root, tmp_path / "cache")
    outputs = [p.stdout.read().strip() for p in procs if p.stdout]  # type: ignore[union-attr]
    assert all(p.returncode == 0 for p in procs), [p.stderr.read() for p in procs if p.stderr]
    for proc in procs:
        proc.stdout.close(), proc.stderr.close()  # type: ignore[union-attr,func-returns-value]
    ids = sorted(o.split("/")[1][:5] for o in outputs)
    assert ids == [f"M-{n:03d}" for n in range(4, 10)], outputs
    assert_clear(worker.run("validate", "--root", root, cwd=root), 0)


@pytest.mark.clock
def test_concurrent_updates_of_one_measure_lose_nothing(worker: Worker, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")  # every half below has begun
    root = copy_base(tmp_path / "plan")
    halves = ["2021-H2", "2022-H1", "2022-H2", "2023-H1"]
    commands = [[*UPDATE[:3], half, *UPDATE[4:]] for half in halves]
    procs = _parallel(commands, root, tmp_path / "cache")
    for proc in procs:
        assert proc.returncode == 0, proc.stderr.read()  # type: ignore[union-attr]
        proc.stdout.close(), proc.stderr.close()  # type: ignore[union-attr,func-returns-value]
    text = (root / "measures" / "M-003-e-akte.yaml").read_text()
    assert all(f"half: {half}" in text for half in halves), text
    assert_clear(worker.run("validate", "--root", root, cwd=root), 0)


def test_dotool_run_helper_guards_time(tmp_path: Path) -> None:
    run = dotool("--version", cwd=tmp_path, cache=tmp_path / "cache", timeout=60)
    assert_clear(run, 0, says="dotool")
