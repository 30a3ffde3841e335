"""Shared fixtures: run the CLI and explain failures; build plan folders and git repositories."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

# The property tests draw the same examples on every run, so that `make test` on a fresh clone
# gives the result CI gave; `HYPOTHESIS_PROFILE=explore make test` draws new ones to look for
# what the fixed draw misses.
settings.register_profile("default", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BASE = HERE / "cases" / "base"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (f"exit code {self.exit_code}\n--- stdout ---\n{self.stdout}\n"
                f"--- stderr ---\n{self.stderr}")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test starts without CI-specific variables, with its own cache folder, and with a
    fixed git identity and date for commands that write to git (tags), whatever the machine's
    git configuration.

    dotool reads the day from its one clock (`DOTOOL_TODAY`, else the machine's). Tests whose
    result depends on the day set it themselves; `make test-clock` runs them with the machine's
    day simulated by `DOTOOL_TEST_TODAY` to prove that none of them depends on the real one."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "DOTOOL_ROOT", "DOTOOL_DEBUG",
                 "DOTOOL_TODAY"):
        monkeypatch.delenv(name, raising=False)
    simulated = os.environ.get("DOTOOL_TEST_TODAY")
    if simulated:
        monkeypatch.setenv("DOTOOL_TODAY", simulated)
    monkeypatch.setenv("DOTOOL_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # The terminal speaks the plan's language (German for the sample); the suite's own
    # expectations are in English, and the tests of the German terminal unset this.
    monkeypatch.setenv("DOTOOL_LANG", "en")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2021-02-01T12:00:00+01:00")


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run `dotool ARGS` in-process; assert the exit code and show all output when it differs."""

    def run(*args: str | Path, exit_code: int | None = 0, input: str | None = None) -> Result:
        from dotool.cli.main import app_for

        # The application as the console script builds it for these arguments (only the
        # command they name), so the suite runs what users run.
        words = [str(a) for a in args]
        runner = CliRunner()
        outcome = runner.invoke(app_for(words), words, input=input, catch_exceptions=True)
        result = Result(outcome.exit_code, outcome.stdout, outcome.stderr)
        if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
            raise AssertionError(f"dotool {' '.join(map(str, args))} raised\n{result}") \
                from outcome.exception
        if exit_code is not None:
            assert result.exit_code == exit_code, f"dotool {' '.join(map(str, args))}\n{result}"
        return result

    return run


def flat(text: str) -> str:
    """Terminal output without rich's boxes, bullets and line breaks: a message or help text
    wrapped over several lines is one sentence again, to look for as written."""
    return " ".join(re.sub(r"[│╭╮╰╯─•]", " ", text).split())


class Counts:
    """What a run parsed (YAML) and loaded (parsed, or restored from the cache), by path, and
    whether each check of a change was answered from the recorded facts of the other measures
    (`dotool.checks.facts.narrowed`): the tests that the cache spares work count with it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from dotool.checks import facts, load

        self.parsed: list[str] = []
        self.loaded: list[str] = []
        self.narrowed: list[bool] = []
        real_yaml, real_parse, real_narrowed = load.load_yaml, load._parse, facts.narrowed

        def counting_yaml(data: bytes, *, path: str) -> object:
            self.parsed.append(path)
            return real_yaml(data, path=path)

        def counting_parse(raw, *args):  # type: ignore[no-untyped-def]
            self.loaded.append(raw.path)
            return real_parse(raw, *args)

        def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
            answer = real_narrowed(*args, **kwargs)
            self.narrowed.append(answer is not None)
            return answer

        monkeypatch.setattr(load, "load_yaml", counting_yaml)
        monkeypatch.setattr(load, "_parse", counting_parse)
        monkeypatch.setattr(facts, "narrowed", spying)

    def measures(self) -> list[str]:
        """The measure files loaded, in order."""
        return [p for p in self.loaded if p.startswith("measures/")]

    def clear(self) -> None:
        self.parsed.clear()
        self.loaded.clear()
        self.narrowed.clear()


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    """Counts of what the commands run from here on parse and load (see `Counts`)."""
    return Counts(monkeypatch)


#: The "today" of the generated test plan: it reports up to the half before (benchmarks/).
GENERATED_TODAY = date(2026, 7, 1)


def generate_plan(root: Path, *, measures: int = 150) -> Path:
    """A plan we did not write ourselves: `benchmarks/generate.py` with a fixed seed, twelve
    halves of updates, reporting up to the half before `GENERATED_TODAY`."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    generate(root, measures=measures, n_halves=12, seed=3, today=GENERATED_TODAY)
    return root


def copy_base(target: Path) -> Path:
    """A small valid plan (tests/cases/base) copied to `target`."""
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    return target


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A fresh copy of the small valid base plan."""
    return copy_base(tmp_path / "plan")


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    """A fresh copy of the bundled Winsen (Luhe) sample plan."""
    target = tmp_path / "sample"
    for name in ("masterplan", "measures"):
        shutil.copytree(REPO / name, target / name)
    return target


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Author", "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(cwd: Path, *args: str, date: str = "2021-01-15T12:00:00+01:00") -> str:
    """Run git with a fixed identity and date; return stdout."""
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True)
    return done.stdout


@pytest.fixture
def make_repo(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Build a real git repository: `make_repo({path: text}, history=[(date, msg, {path: text})])`.

    Files map paths to text (None deletes); every history step is one commit at its date.
    """

    def build(files: dict[str, str] | None = None,
              history: list[tuple[str, str, dict[str, str | None]]] | None = None,
              base: bool = True) -> Path:
        root = tmp_path / "repo"
        root.mkdir()
        git(root, "init", "-q", "-b", "main")
        steps = list(history or [])
        initial: dict[str, str | None] = dict(files or {})
        if base:
            copy_base(root)
        _apply(root, initial)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "Initial plan", date="2020-09-01T10:00:00+02:00")
        for when, message, change in steps:
            _apply(root, change)
            git(root, "add", "-A")
            git(root, "commit", "-q", "-m", message, date=when)
        return root

    yield build


def _apply(root: Path, files: dict[str, str | None]) -> None:
    for rel, text in files.items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def pytest_report_header() -> str | None:
    simulated = os.environ.get("DOTOOL_TEST_TODAY")
    return f"machine clock simulated as {simulated} (DOTOOL_TEST_TODAY)" if simulated else None


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites the golden files under tests/golden/ instead of comparing."""
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="regenerate tests/golden/* from the current output")


#: Variables with which git works on another repository than the folder it runs in.
REDIRECTING_GIT = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
                   "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE")


def pytest_configure(config: pytest.Config) -> None:
    """Run every git command of the suite on the repository of its own folder.

    A suite started from a git hook or `git rebase --exec` inherits GIT_DIR (and friends): every
    `git init` and `git commit` in a temporary plan would then write into the developer's own
    repository — its config and HEAD included. Removed before any fixture runs.
    """
    for name in REDIRECTING_GIT:
        os.environ.pop(name, None)
