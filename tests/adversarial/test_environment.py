"""The environment a command runs in: odd bytes, encodings, git metadata, loops — never exit 3.

File names and command-line values that are not UTF-8, any `PYTHONIOENCODING`, any byte in a
commit's author or subject, and symlink loops or FIFOs where the root or the cache should be:
each case gives its documented exit code and a clear message, never an internal error. These
run as real processes (the encoding, the argv bytes and the environment are the point).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.adversarial.helpers import DOTOOL, Run, assert_clear, commit_all, dotool, env, git
from tests.conftest import copy_base

# A plan with umlauts and a control character in its text, and one error (an unknown key), so
# that both the findings and the documents have characters an encoding may lack.
TITLE = "Bürgerbüro \x1b[31m “Termine” ✓"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    root = copy_base(tmp_path / "plan")
    path = root / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "title: Online-Terminvergabe", 'title: "Bürgerbüro \\e[31m “Termine” ✓"')
    path.write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Initial plan")
    return root


def _raw(args: list[bytes | str], *, cwd: Path, cache: Path, **extra: str) -> Run:
    """dotool with argv given as bytes where wanted (what a shell passes from any locale)."""
    argv = [a if isinstance(a, bytes) else a.encode() for a in args]
    done = subprocess.run([sys.executable.encode(), b"-m", b"dotool", *argv], cwd=cwd,
                          env=env(cache, **extra), stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=60, check=False)
    return Run([os.fsdecode(a) for a in argv], done.returncode,
               done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def _no_raw_controls(run: Run) -> None:
    for stream in (run.stdout, run.stderr):
        assert "\x1b" not in stream and "\x07" not in stream, run


ENCODINGS = ["ascii", "ascii:strict", "latin-1", "cp1252", "cp437", "koi8-r", "utf-16",
             "utf-8:strict"]
COMMANDS = [("validate",), ("list",), ("show", "M-001"), ("report", "--half", "2021-H1"),
            ("history", "M-001"), ("export", "--public"), ("list", "--status", "fertig—✓")]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_any_output_encoding_gives_output_not_a_crash(plan: Path, tmp_path: Path,
                                                      encoding: str) -> None:
    for args in COMMANDS:
        run = _raw([*args, "--root", str(plan)], cwd=plan, cache=tmp_path / "cache",
                   PYTHONIOENCODING=encoding)
        assert_clear(run, {0, 2})  # the bad --status is a usage error


def _text_options() -> list[tuple[str, str, list[str]]]:
    """(command, option, the other arguments it needs) for every text option of every command,
    taken from the application itself, so a new option is covered without editing this test."""
    import typer.main

    from dotool.cli.main import app

    group: Any = typer.main.get_command(app)
    needs = {"update": ["M-001", "--half", "2021-H1"], "show": ["M-001"],
             "history": ["M-001"], "adopt": ["9.0", "--date", "2021-01-01", "--resolution", "R"],
             "diff": ["HEAD"], "site": ["-o", "site"],
             # The odd value is refused before the table is looked for: it need not exist.
             "import": ["massnahmen.csv"]}
    found = []
    for name, command in sorted(group.commands.items()):
        for param in command.params:  # typer's own click: what a parameter takes, as typer says
            kind = param.type_descriptor.annotation
            if kind not in (str, list[str]) or param.name == "lang":
                continue
            if param.param_type_name == "option":
                found.append((name, param.opts[-1], needs.get(name, [])))
            elif param.param_type_name == "argument":
                found.append((name, "", needs.get(name, [])[1:]))
    return found


@pytest.mark.parametrize(("command", "option", "rest"), _text_options(),
                         ids=[f"{c}{o}" for c, o, _ in _text_options()])
def test_a_text_value_that_is_not_utf8_is_a_usage_error(plan: Path, tmp_path: Path,
                                                       command: str, option: str,
                                                       rest: list[str]) -> None:
    value = b"M-00\xff\xfe"
    args: list[bytes | str] = [command, *rest]
    if not option:  # the argument: first
        args.insert(1, value)
    elif option in rest:  # an option the command needs anyway: this value instead
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    args += [str(tmp_path / "new")] if command == "init" else ["--root", str(plan)]
    if command in ("add-measure", "init"):
        args.append("--no-input")
    run = _raw(args, cwd=plan, cache=tmp_path / "cache")
    assert_clear(run, 2, says="not valid UTF-8")
    assert "\\xff\\xfe" in run.stderr  # the odd bytes shown, escaped


@pytest.mark.parametrize("where", ["output", "root"])
def test_a_path_that_is_not_utf8_works(plan: Path, tmp_path: Path, where: str) -> None:
    odd = os.fsencode(tmp_path) + b"/stra\xdfe-\xff"
    if where == "root":
        os.rename(plan, odd)
        run = _raw(["report", "--half", "2021-H1", "--root", odd], cwd=tmp_path,
                   cache=tmp_path / "cache")
        assert_clear(run, 0)
    else:
        run = _raw(["report", "--half", "2021-H1", "-o", odd + b".html", "--root", str(plan)],
                   cwd=plan, cache=tmp_path / "cache")
        assert_clear(run, 0, says="\\xff")
        assert os.path.exists(odd + b".html")


NAMES = {"latin-1": b"M-004-stra\xdfe.yaml", "lone-continuation": b"M-004-\x80.yaml",
         "truncated": b"M-004-\xc3.yaml", "encoded-surrogate": b"M-004-\xed\xa0\x80.yaml",
         "escape": b"M-004-\x1b[2J.yaml", "newline": b"M-004-a\nb.yaml"}


@pytest.mark.parametrize("name", sorted(NAMES))
@pytest.mark.parametrize("where", ["working-tree", "git-tree"])
def test_a_file_name_that_is_not_plain_utf8_is_a_finding(plan: Path, tmp_path: Path, name: str,
                                                        where: str) -> None:
    folder = os.fsencode(plan / "measures")
    # An invalid measure (no lead), so that every variant prints a finding naming the file.
    data = (plan / "measures" / "M-003-e-akte.yaml").read_bytes().replace(b"M-003", b"M-004") \
        .replace(b"lead: Hauptamt\n", b"")
    with open(folder + b"/" + NAMES[name], "wb") as handle:
        handle.write(data)
    if where == "git-tree":
        commit_all(plan, "An odd name")
        args = ["masterplan", "--at", "HEAD"]
    else:
        args = ["validate"]
    run = dotool(*args, "--root", plan, cwd=plan, cache=tmp_path / "cache")
    _no_raw_controls(run)
    if name in ("escape", "newline"):  # UTF-8, read as any file; its name shown escaped
        assert_clear(run, 1, says="M-004-\\x1b[2J.yaml" if name == "escape"
                     else "M-004-a\\x0ab.yaml")
    else:
        assert_clear(run, 1, says="not UTF-8")


ODD = ["\x1e", "\x1f", "\x1e\x1f", "\x1b[2J\x1b]0;PWN\x07", "a\rb", "\u2028", "%x1e%x1f",
       "@0123456789abcdef0123456789abcdef@"]


@pytest.mark.parametrize("odd", ODD, ids=[repr(o) for o in ODD])
def test_odd_characters_in_commit_metadata_are_data(plan: Path, tmp_path: Path, odd: str) -> None:
    path = plan / "measures" / "M-001-termine.yaml"
    for i, who in enumerate((f"Autor{odd}Name", "Normal")):
        path.write_text(path.read_text(encoding="utf-8") + f"# {i}\n", encoding="utf-8")
        git(plan, "add", "-A")
        subprocess.run(["git", "-c", f"user.name={who}", "-c", "user.email=a@b.invalid",
                        "commit", "-q", "-m", f"Betreff{odd}Ende {i}"], cwd=plan, check=True,
                       env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull,
                            "GIT_CONFIG_SYSTEM": os.devnull})
    for fmt in ("text", "json"):
        run = dotool("history", "M-001", "--format", fmt, "--root", plan, cwd=plan,
                     cache=tmp_path / "cache")
        assert_clear(run, 0)
        _no_raw_controls(run)
        assert run.stdout.count("Betreff") == 2 and "Initial plan" in run.stdout, run


def test_bytes_that_are_not_utf8_in_commit_metadata_are_data(plan: Path, tmp_path: Path) -> None:
    path = plan / "measures" / "M-001-termine.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# x\n", encoding="utf-8")
    git(plan, "add", "-A")
    subprocess.run([b"git", b"-c", b"user.name=M\xfcller", b"-c", b"user.email=a@b.invalid",
                    b"-c", b"i18n.commitEncoding=latin-1", b"commit", b"-q", b"-m",
                    b"\xc4nderung \xff"], cwd=plan, check=True)
    run = dotool("history", "M-001", "--root", plan, cwd=plan, cache=tmp_path / "cache")
    assert_clear(run, 0, says="nderung")


LOOPS = {
    "loop": lambda p: p.symlink_to(p.name),
    "dangling": lambda p: p.symlink_to("nowhere"),
    "fifo": lambda p: os.mkfifo(p),
    "file": lambda p: p.write_text("x"),
}


@pytest.mark.parametrize("kind", sorted(LOOPS))
def test_a_bad_root_is_a_usage_error(plan: Path, tmp_path: Path, kind: str) -> None:
    bad = tmp_path / "bad-root"
    LOOPS[kind](bad)
    for args in (("validate",), ("report", "--half", "2021-H1"), ("site", "-o", "x")):
        run = dotool(*args, "--root", bad, cwd=tmp_path, cache=tmp_path / "cache")
        assert_clear(run, 2, says="bad-root")
        run = dotool(*args, cwd=tmp_path, cache=tmp_path / "cache",
                     extra_env={"DOTOOL_ROOT": str(bad)})
        assert_clear(run, 2, says="bad-root")


@pytest.mark.parametrize("kind", sorted(LOOPS))
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_bad_cache_costs_speed_not_results(plan: Path, tmp_path: Path, kind: str,
                                             what: str) -> None:
    from dotool.store.cache import PlanCache

    folder = tmp_path / "cache"
    if what == "folder":
        LOOPS[kind](folder)
    else:
        folder.mkdir()
        LOOPS[kind](PlanCache(folder, plan.resolve()).files.file)
    for _ in range(2):  # a cold run (which tries to save) and a warm one (which tries to read)
        run = dotool("validate", "--root", plan, cwd=plan, cache=folder)
        assert_clear(run, 0)
        run = dotool("report", "--half", "2021-H1", "--root", plan, cwd=plan, cache=folder)
        assert_clear(run, 0, says="Bürgerbüro")


def test_a_measures_folder_that_loops_is_a_finding(plan: Path, tmp_path: Path) -> None:
    (plan / "measures").rename(tmp_path / "old")
    (plan / "measures").symlink_to("measures")
    for args in (("validate",), ("list",), ("report", "--half", "2021-H1"),
                 ("add-measure", "--no-input", "--title", "x", "--field", "rathaus", "--scope",
                  "internal", "--kind", "project", "--lead", "a", "--summary", "s")):
        run = dotool(*args, "--root", plan, cwd=plan, cache=tmp_path / "cache")
        assert_clear(run, {1, 2}, says="measures")


def test_dotool_runs_as_a_module_with_the_same_streams() -> None:
    """The entry point the suite uses (`python -m dotool`) is the console script's `run`."""
    assert DOTOOL[-1] == "dotool"
    from dotool.__main__ import run
    from dotool.cli.main import run as console

    assert run is console
