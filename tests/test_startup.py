"""`dotool --version` and `--help` stay fast: they import none of the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("pydantic", "jinja2", "yaml", "rich", "typst", "matplotlib", "docx", "babel", "openpyxl",
         "markdown_it", "dotool")
# What each invocation may load: help is drawn by rich (markdown_it for its markup). typer 0.29
# coerces a command's parameters with pydantic; `dotool.cli.fastparams` passes plain options
# through without it, so a command's help loads no pydantic either (that is how the test knows
# the shim is active). None may load YAML, Jinja, the renderers or dotool's models and checks.
# (`dotool` alone is the package's __init__; `dotool.cli` covers the command modules;
# `dotool.clock`, standard library only, checks DOTOOL_TODAY for every command;
# `dotool.output.reporters`, standard library only, names validate's --format choices.)
LIGHT = {"dotool", "dotool.cli", "dotool.clock", "dotool.output.reporters"}
# Help is worded in the terminal's language: it looks for the plan's root to read its
# `language`, and reads the terminal catalogue (`dotool.cli.helptext`) — standard library only
# (`dotool.store.oswords` words the system's reasons when the plan cannot be read).
HELP_LANGUAGE = {"dotool.i18n", "dotool.store.root", "dotool.store.files", "dotool.store.reading",
                 "dotool.store.oswords", "dotool.errors", "dotool.findings", "dotool.text"}
ALLOWED = {
    "--version": LIGHT,
    "--help": LIGHT | HELP_LANGUAGE | {"rich", "markdown_it"},
    "validate --help": LIGHT | HELP_LANGUAGE | {"rich", "markdown_it"},
}
#: Packages whose __init__ alone may be loaded (a docstring, no imports).
INITS = {"dotool", "dotool.output", "dotool.store"}


def _allowed(module: str, allowed: set[str]) -> bool:
    if module in INITS:
        return True
    return any(module == a or (a != "dotool" and module.startswith(a + ".")) for a in allowed)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["validate", "--help"]])
def test_startup_imports_nothing_heavy(args: list[str]) -> None:
    # The start as a user meets it: without DOTOOL_TODAY, which makes every command check it.
    env = {k: v for k, v in os.environ.items() if k != "DOTOOL_TODAY"}
    loaded, _out = _imports_of(args, env)
    allowed = ALLOWED[" ".join(args)]
    unexpected = sorted(m for m in loaded if not _allowed(m, allowed))
    assert not unexpected, f"{' '.join(args)} imported {unexpected}"


def test_only_help_words_the_help(sample_dir) -> None:  # type: ignore[no-untyped-def]
    """Translating the help looks for the root and reads the catalogue: a command not asked
    for its help does neither for it, and `--version` loads nothing of it either. Nor of the
    wording of typer's usage errors, which only a wrong command line needs."""
    env = {k: v for k, v in os.environ.items() if k != "DOTOOL_TODAY"}
    for args in (["--version"], ["validate", "--root", str(sample_dir)]):
        loaded, _out = _imports_of(args, env)
        assert "dotool.cli.helptext" not in loaded, args
        assert "dotool.cli.clickwords" not in loaded, args
    loaded, _out = _imports_of(["validate", "--help"], env)
    assert "dotool.cli.helptext" in loaded
    loaded, _out = _imports_of(["validate", "--stauts"], env)
    assert "dotool.cli.clickwords" in loaded


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


def _imports_of(args: list[str], env: dict[str, str], *,
                heavy: tuple[str, ...] = HEAVY, prelude: str = "") -> tuple[list[str], str]:
    """The modules under `heavy` a whole command loaded, and what it printed; `prelude` runs
    first in the same process (to settle a module's setting for the test)."""
    code = (
        "import sys\n" + prelude
        + "from dotool.cli.main import app\n"
        f"try:\n    app({args!r}, prog_name='dotool')\n"
        "except SystemExit:\n    pass\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}"
        " or m.startswith('pydantic_core'))\n"
        "print('HEAVY:' + ','.join(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=env)
    marker = [line for line in done.stderr.splitlines() if line.startswith("HEAVY:")]
    assert marker, done.stderr
    return [m for m in marker[0].removeprefix("HEAVY:").split(",") if m], done.stdout


def test_a_document_written_to_a_file_says_so_without_rich(sample_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Where stderr is no terminal, "wrote FILE" is a plain line: rich (a few per cent of
    rendering a Markdown report) is not loaded for it, and the line says what it said."""
    out = tmp_path / "bericht.md"
    args = ["report", "--half", "2021-H2", "--root", str(sample_dir), "-o", str(out)]
    loaded, _stdout = _imports_of(args, dict(os.environ))
    assert out.is_file() and "jinja2" in loaded
    assert "rich" not in loaded
    done = subprocess.run([sys.executable, "-m", "dotool", *args], capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stderr == f"wrote {out}\n"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_history_from_the_cache_imports_no_model(sample_dir, tmp_path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """`history` of an unchanged measure file reads it from the cache: no YAML, no pydantic,
    no model — and prints exactly what the first run printed from the models."""
    env = {k: v for k, v in os.environ.items() if k != "DOTOOL_TODAY"}
    env["DOTOOL_CACHE_DIR"] = str(tmp_path / "cache")
    args = ["history", "M-004", "--root", str(sample_dir), "--format", fmt]
    cold, first = _imports_of(args, env)
    assert "pydantic" in cold and "yaml" in cold  # the first run loads the file
    warm, second = _imports_of(args, env)
    allowed = {"dotool", "dotool.cli", "dotool.clock", "dotool.app.history",
               "dotool.authoring.checking", "dotool.checks.run", "dotool.store", "dotool.errors",
               "dotool.findings", "dotool.output", "dotool.i18n", "dotool.model.vocab",
               "dotool.model.patterns",
               "dotool.text", "dotool.palette", "dotool.choices", "rich", "markdown_it"}
    packages = {"dotool.app", "dotool.authoring", "dotool.checks",
                "dotool.model"}  # their __init__ only
    assert not [m for m in warm if not _allowed(m, allowed) and m not in packages], warm
    assert second == first and "M-004" in second
    # A changed file is read again, not served from the cache.
    path = next((sample_dir / "measures").glob("M-004-*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: ", "title: Neu ", 1), encoding="utf-8")
    changed, third = _imports_of(args, env)
    assert "pydantic" in changed and "Neu Online" in third


def test_the_plain_options_shim_fails_safe(run_cli, sample_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A typer whose internals differ (here: the shim cannot be built, or its coercion fails)
    costs the shim's speed, never a command: typer coerces the options as it always would."""
    from dotool.cli import fastparams

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("RuntimeParam.__init__() got an unexpected keyword argument")

    with monkeypatch.context() as patched:
        patched.setattr(fastparams, "_Plain", broken)
        assert "valid" in run_cli("validate", "--root", sample_dir).stdout

    def failing(self: object, value: object, param: object, ctx: object) -> None:
        raise AttributeError("'TyperOption' object has no attribute 'type_descriptor'")

    with monkeypatch.context() as patched:
        patched.setattr(fastparams._Plain, "_plain", failing)
        assert "valid" in run_cli("validate", "--root", sample_dir).stdout
        # click's own refusal of a value still reaches the user, with its exit code.
        assert "does not exist" in run_cli("validate", "--root", sample_dir / "nope",
                                           exit_code=2).stderr


@pytest.mark.parametrize(("args", "built"), [
    (["validate", "--help"], {"validate"}),
    (["--debug", "history", "--help"], {"history"}),
    (["collect", "apply", "--help"], {"collect"}),
])
def test_a_command_builds_only_its_own_parser(args: list[str], built: set[str]) -> None:
    # typer builds a parser from every command's signature it holds before it reads an
    # argument: the console script holds only the command asked for (a fifth of a warm
    # `validate`, `make bench`).
    code = (
        "import sys\nfrom dotool.cli import main\n"
        f"sys.argv = ['dotool', *{args!r}]\n"
        "try:\n    main.run()\nexcept SystemExit:\n    pass\n"
        "commands = {'dotool.cli.' + module for _panel, module, _f in main.COMMANDS.values()}\n"
        "print('CLI:' + ','.join(sorted(m.removeprefix('dotool.cli.') for m in sys.modules"
        " if m in commands)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "COLUMNS": "100"})
    assert "Usage: dotool" in done.stdout or "Aufruf: dotool" in done.stdout, done.stderr
    marker = [line for line in done.stderr.splitlines() if line.startswith("CLI:")]
    assert marker and set(marker[0].removeprefix("CLI:").split(",")) == built, done.stderr


def test_the_whole_application_answers_an_unknown_command(run_cli) -> None:  # type: ignore[no-untyped-def]
    # A name the console script does not know is looked up among all commands, for the
    # did-you-mean; `dotool` alone lists them all.
    assert "Did you mean 'validate'" in run_cli("validat", exit_code=2).stderr
    listed = run_cli(exit_code=None).stdout
    assert all(name in listed for name in ("validate", "add-measure", "collect", "history"))


@pytest.mark.parametrize("args", [("--help", "validate"), ("-h", "list"),
                                  ("--debug", "--help", "collect")])
def test_help_before_a_command_name_lists_every_command(run_cli, args) -> None:  # type: ignore[no-untyped-def]
    """`dotool --help validate` is the application's help (click answers the eager --help
    before it reads the command name): it lists every command, not only the one named."""
    out = run_cli(*args).stdout
    for name in ("validate", "add-measure", "collect", "masterplan", "history"):
        assert name in out, (args, name)


@pytest.mark.parametrize("args", [["export", "--format", "xlsx", "-o", "plan.xlsx"],
                                  ["collect", "--half", "2022-H1", "-o", "books"]])
def test_workbooks_are_written_without_numpy(sample_dir, tmp_path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """openpyxl imports numpy when it can (as long again to load as openpyxl itself); the
    workbooks dotool writes hold no numpy numbers, so neither `export --format xlsx` nor
    `collect` loads it — and the workbook is still whole."""
    from openpyxl import load_workbook

    target = tmp_path / args[-1]
    args = [*args[:-1], str(target), "--root", str(sample_dir)]
    loaded, _out = _imports_of(args, {**os.environ, "DOTOOL_CACHE_DIR": str(tmp_path / "c")},
                               heavy=("numpy", "openpyxl"))
    assert "openpyxl" in loaded and "numpy" not in loaded, loaded
    book = load_workbook(target if target.is_file() else next(target.glob("*.xlsx")))
    assert "Maßnahmen" in book.sheetnames
    assert book["Maßnahmen"].max_row > 1 and book["Maßnahmen"]["A2"].value
