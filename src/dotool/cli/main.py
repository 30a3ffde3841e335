"""The `dotool` application: global options and the list of commands."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Annotated, Any

import typer
from typer._click.exceptions import UsageError  # typer's own click: the one that parses

from dotool import __version__, clock
from dotool.cli import add_measure as add_measure_cmd
from dotool.cli import adopt as adopt_cmd
from dotool.cli import collect as collect_cmd
from dotool.cli import diff as diff_cmd
from dotool.cli import export as export_cmd
from dotool.cli import history as history_cmd
from dotool.cli import import_ as import_cmd
from dotool.cli import init as init_cmd
from dotool.cli import list_ as list_cmd
from dotool.cli import masterplan as masterplan_cmd
from dotool.cli import report as report_cmd
from dotool.cli import schema as schema_cmd
from dotool.cli import show as show_cmd
from dotool.cli import site as site_cmd
from dotool.cli import update as update_cmd
from dotool.cli import validate as validate_cmd
from dotool.cli.common import handle_errors, set_debug
from dotool.cli.fastparams import PlainGroup


class _Group(PlainGroup):
    """The command group; asked for help, it words the help in the terminal's language, and so
    it does typer's complaints about the command line (an unknown option, a missing value)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Before click reads the arguments: `--help` is answered while they are read, and the
        # help of a command is read from the command that this group built, translated here.
        if _help_asked(args):
            from dotool.cli import helptext

            helptext.translate(self, ctx, args)
        # A copy: click's parser consumes the list it reads. The command's own options (--root,
        # --lang) are among these, for the errors about the command's arguments.
        given = ctx.meta[_ARGS] = list(args)
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            _reword(error, given)
            raise

    def invoke(self, ctx: Any) -> Any:
        # The command's arguments are read here, by the context click makes for the command.
        try:
            return super().invoke(ctx)
        except UsageError as error:
            _reword(error, ctx.meta.get(_ARGS, []))
            raise


_ARGS = "dotool.args"


def _reword(error: UsageError, args: list[str]) -> None:
    """Word `error` in the terminal's language; found only now, as for help."""
    from dotool.cli import clickwords

    clickwords.reword(error, args)


def _help_asked(args: list[str]) -> bool:
    """Whether the arguments ask for help: `-h`/`--help` before a `--`, or none at all
    (`dotool` alone shows its help)."""
    words = args[:args.index("--")] if "--" in args else args
    return not words or "--help" in words or "-h" in words


app = typer.Typer(
    name="dotool",
    help="The masterplan as code: validate, inspect and render a municipal digital masterplan.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    cls=_Group,  # options without pydantic: faster start of every command
)


def _version(value: bool) -> None:
    if value:
        print(f"dotool {__version__}")
        raise typer.Exit()


@handle_errors
def _check_clock() -> None:
    clock.today()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks (for "
                                        "reporting bugs).")] = False,
) -> None:
    """Exit codes: 0 success (warnings allowed), 1 invalid content, 2 usage or environment
    error, 3 internal error (a bug)."""
    set_debug(debug)
    if os.environ.get(clock.ENV):
        _check_clock()  # a malformed DOTOOL_TODAY is refused by every command, not only some


# Commands in the order of the Digital Officer's year, grouped in `--help`.
CHECK, WRITE, RENDER, PAST = "Check and inspect", "Write the plan", "Render and publish", \
    "The plan over time"
app.command("validate", rich_help_panel=CHECK)(validate_cmd.validate)
app.command("list", rich_help_panel=CHECK)(list_cmd.list_measures)
app.command("show", rich_help_panel=CHECK)(show_cmd.show)
app.command("schema", rich_help_panel=CHECK)(schema_cmd.schema)
app.command("init", rich_help_panel=WRITE)(init_cmd.init)
app.command("add-measure", rich_help_panel=WRITE)(add_measure_cmd.add_measure)
app.command("update", rich_help_panel=WRITE)(update_cmd.update)
app.command("adopt", rich_help_panel=WRITE)(adopt_cmd.adopt)
app.add_typer(collect_cmd.app, name="collect", rich_help_panel=WRITE)
app.command("import", rich_help_panel=WRITE)(import_cmd.import_table)
app.command("report", rich_help_panel=RENDER)(report_cmd.report)
app.command("masterplan", rich_help_panel=RENDER)(masterplan_cmd.masterplan)
app.command("export", rich_help_panel=RENDER)(export_cmd.export)
app.command("site", rich_help_panel=RENDER)(site_cmd.site)
app.command("diff", rich_help_panel=PAST)(diff_cmd.diff)
app.command("history", rich_help_panel=PAST)(history_cmd.history)


def _tolerant_streams() -> None:
    """Make stdout and stderr write what their encoding cannot hold as `\\xNN` escapes.

    `PYTHONIOENCODING=ascii`, a Latin-1 terminal or a file name that is not UTF-8 would
    otherwise end a command with a UnicodeEncodeError (exit 3) in the middle of its output.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A stream that cannot change now is left as it is.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def run() -> None:
    """Console-script entry point."""
    _tolerant_streams()
    # Asked by scripts, CI logs and bug reports: answered before typer builds every command's
    # parser, which would double the cost of `dotool --version` (`make bench`).
    if sys.argv[1:] == ["--version"]:
        print(f"dotool {__version__}")
        return
    try:
        app()
    except SystemExit:
        # What is still buffered goes out now, where a reader that went away is an exit code
        # and not "Exception ignored … BrokenPipeError" at interpreter exit.
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            from dotool.cli.common import BROKEN_PIPE, reader_gone

            reader_gone()
            raise SystemExit(BROKEN_PIPE) from None
        raise
