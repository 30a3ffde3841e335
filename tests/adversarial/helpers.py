"""Shared tools of the adversarial suite: run dotool with a hang guard, compare repositories.

Every case checks the same four things: the exit code, a clear message (no traceback, no
"internal error"), a bounded time (a subprocess `timeout` — a hang guard, not a timing
assertion) and, where the command failed, a repository byte-identical to before (`snapshot`).
"""

from __future__ import annotations

import json
import os
import select
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import GIT_ENV, REPO

HANG = 60  # seconds: far above any command here; only a hang (or an alias bomb) reaches it
DOTOOL = [sys.executable, "-m", "dotool"]


@dataclass
class Run:
    """The outcome of one command."""

    argv: list[str]
    exit: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (f"dotool {' '.join(self.argv)}\nexit code {self.exit}\n--- stdout ---\n"
                f"{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}")


def env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a dotool process: own cache, no CI variables, fixed git identity."""
    out = {k: v for k, v in os.environ.items()
           if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "DOTOOL_ROOT", "DOTOOL_DEBUG",
                        "CI")}
    out.update(GIT_ENV, DOTOOL_CACHE_DIR=str(cache), NO_COLOR="1", COLUMNS="200",
               PYTHONPATH=os.pathsep.join([str(REPO), out.get("PYTHONPATH", "")]).rstrip(":"),
               GIT_COMMITTER_DATE="2021-02-01T12:00:00+01:00")
    out.update(extra)
    return out


def dotool(*args: str | Path, cwd: Path, cache: Path, timeout: float = HANG,
           extra_env: dict[str, str] | None = None) -> Run:
    """Run `dotool ARGS` as its own process (for kills, concurrency and real exit codes)."""
    argv = [str(a) for a in args]
    try:
        done = subprocess.run([*DOTOOL, *argv], cwd=cwd, env=env(cache, **(extra_env or {})),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"dotool {' '.join(argv)} did not finish in {timeout} s") from None
    return Run(argv, done.returncode, done.stdout, done.stderr)


class Worker:
    """One long-lived dotool process answering requests (see `_worker.py`), each with a timeout."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).with_name("_worker.py"))],
                env=env(self.cache), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True)
        return self._proc

    def run(self, *args: str | Path, cwd: Path, timeout: float = HANG) -> Run:
        """Run one command in the worker; a hang kills it and fails the test."""
        argv = [str(a) for a in args]
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps({"argv": argv, "cwd": str(cwd)}) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        line = proc.stdout.readline() if ready else ""
        if not line:
            self.close()
            raise AssertionError(f"dotool {' '.join(argv)} did not finish in {timeout} s "
                                 "(or its process died)")
        answer = json.loads(line)
        return Run(argv, answer["exit"], answer["stdout"], answer["stderr"])

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
            self._proc = None


def assert_clear(run: Run, exit_code: int | set[int], *, says: str | None = None) -> None:
    """The exit code is as expected and the message is one a person can act on."""
    codes = {exit_code} if isinstance(exit_code, int) else exit_code
    assert run.exit in codes, run
    text = run.stdout + run.stderr
    assert "Traceback" not in text, run
    assert "internal error" not in text, run
    if run.exit != 0:
        assert run.stderr.strip() or run.stdout.strip(), run
    if says is not None:
        assert says in text, run


_GIT_NOISE = (".git/objects/", ".git/logs/")


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every path under `root` → (mode, bytes; a symlink's target) — to compare before/after.

    Includes `.git` (refs, index, config) but not its object store and logs, which git may
    touch without changing anything a user sees.
    """
    out: dict[str, tuple[int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(_GIT_NOISE):
            continue
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            out[rel] = (info.st_mode, os.readlink(path).encode())
        elif stat.S_ISREG(info.st_mode):
            out[rel] = (info.st_mode, path.read_bytes())
        else:
            out[rel] = (info.st_mode, b"")
    return out


def changes(before: dict[str, tuple[int, bytes]], after: dict[str, tuple[int, bytes]]) -> list[str]:
    """The paths that differ between two snapshots (added, removed or changed)."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def git(cwd: Path, *args: str) -> str:
    """Git with the suite's fixed identity."""
    fixed = {"GIT_AUTHOR_DATE": "2021-01-15T12:00:00+01:00",
             "GIT_COMMITTER_DATE": "2021-01-15T12:00:00+01:00"}  # the same commit ids each run
    done = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV, **fixed},
                          text=True, capture_output=True, check=True)
    return done.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
