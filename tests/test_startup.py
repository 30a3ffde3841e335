"""`dotool --version` and `--help` stay fast: they import none of the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("pydantic", "jinja2", "yaml", "rich", "typst", "matplotlib", "docx", "babel", "openpyxl",
         "markdown_it", "dotool")
# What each invocation may load: help is drawn by rich (markdown_it for its markup), and typer
# 0.29 coerces a command's parameters with pydantic, so a command's help loads it too. None of
# them may load YAML, Jinja, the renderers or dotool's own models and checks.
# (`dotool` alone is the package's __init__; `dotool.cli` covers the command modules;
# `dotool.clock`, standard library only, checks DOTOOL_TODAY for every command.)
ALLOWED = {
    "--version": {"dotool", "dotool.cli", "dotool.clock"},
    "--help": {"dotool", "dotool.cli", "dotool.clock", "rich", "markdown_it"},
    "validate --help": {"dotool", "dotool.cli", "dotool.clock", "rich", "markdown_it",
                        "pydantic", "pydantic_core"},
}


def _allowed(module: str, allowed: set[str]) -> bool:
    if module == "dotool":
        return True
    return any(module == a or (a != "dotool" and module.startswith(a + ".")) for a in allowed)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["validate", "--help"]])
def test_startup_imports_nothing_heavy(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from dotool.cli.main import app\n"
        f"try:\n    app({args!r}, prog_name='dotool')\n"
        "except SystemExit:\n    pass\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}"
        " or m.startswith('pydantic_core'))\n"
        "print('HEAVY:' + ','.join(heavy), file=sys.stderr)\n"
    )
    # The start as a user meets it: without DOTOOL_TODAY, which makes every command check it.
    env = {k: v for k, v in os.environ.items() if k != "DOTOOL_TODAY"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=env)
    marker = [line for line in done.stderr.splitlines() if line.startswith("HEAVY:")]
    assert marker, done.stderr
    loaded = [m for m in marker[0].removeprefix("HEAVY:").split(",") if m]
    allowed = ALLOWED[" ".join(args)]
    unexpected = sorted(m for m in loaded if not _allowed(m, allowed))
    assert not unexpected, f"{' '.join(args)} imported {unexpected}"


def test_version_prints_version() -> None:
    from dotool import __version__

    done = subprocess.run([sys.executable, "-m", "dotool", "--version"], capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == f"dotool {__version__}"


def test_help_groups_the_commands(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("--help").stdout
    panels = ["Check and inspect", "Write the plan", "Render and publish", "The plan over time"]
    positions = [out.index(p) for p in panels]
    assert positions == sorted(positions)
    assert out.index("add-measure") > out.index("Write the plan") > out.index("schema")
