"""The `dotool` application: global options and the list of commands."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer
from typer._click.exceptions import UsageError  # typer's own click: the one that parses

from dotool import __version__, clock
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


def _new_app() -> typer.Typer:
    return typer.Typer(
        name="dotool",
        help="The masterplan as code: validate, inspect and render a municipal digital "
             "masterplan.",
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
def _check_clock(args: list[str]) -> None:
    from dotool.errors import DotoolError

    try:
        clock.today()
    except DotoolError:
        # Worded as an error about the command line is: in the language of `--lang`,
        # `DOTOOL_LANG`, the plan (from `--root` or the working folder) or the locale.
        from dotool.cli import helptext

        helptext.language(args)
        clock.today()  # raised again, worded now (an error is worded when it is made)


def main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show Python tracebacks (for "
                                        "reporting bugs).")] = False,
) -> None:
    """Exit codes: 0 success (warnings allowed), 1 invalid content, 2 usage or environment
    error, 3 internal error (a bug)."""
    set_debug(debug)
    if os.environ.get(clock.ENV):
        # A malformed DOTOOL_TODAY is refused by every command, not only some.
        _check_clock(list(ctx.meta.get(_ARGS, [])))


# Commands in the order of the Digital Officer's year, grouped in `--help`: name → (panel,
# module in dotool.cli, function; `app` is a group of commands of its own).
CHECK, WRITE, RENDER, PAST = "Check and inspect", "Write the plan", "Render and publish", \
    "The plan over time"
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": (CHECK, "validate", "validate"),
    "list": (CHECK, "list_", "list_measures"),
    "show": (CHECK, "show", "show"),
    "schema": (CHECK, "schema", "schema"),
    "init": (WRITE, "init", "init"),
    "add-measure": (WRITE, "add_measure", "add_measure"),
    "update": (WRITE, "update", "update"),
    "adopt": (WRITE, "adopt", "adopt"),
    "collect": (WRITE, "collect", "app"),
    "import": (WRITE, "import_", "import_table"),
    "report": (RENDER, "report", "report"),
    "masterplan": (RENDER, "masterplan", "masterplan"),
    "export": (RENDER, "export", "export"),
    "site": (RENDER, "site", "site"),
    "diff": (PAST, "diff", "diff"),
    "history": (PAST, "history", "history"),
}


def build_app(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The application with the commands `names` (all of them unless told)."""
    built = _new_app()
    built.callback()(main)
    for name in names:
        panel, module_name, function = COMMANDS[name]
        target = getattr(importlib.import_module(f"dotool.cli.{module_name}"), function)
        if isinstance(target, typer.Typer):
            built.add_typer(target, name=name, rich_help_panel=panel)
        else:
            built.command(name, rich_help_panel=panel)(target)
    return built


def app_for(args: Sequence[str]) -> typer.Typer:
    """The application that runs `dotool ARGS`: with only the command they name.

    typer builds a parser for every command it holds, from each function's signature, before
    it reads a single argument: for one command that costs a fifth of a warm `validate`
    (`make bench`). The whole application serves what needs every command: `dotool` alone,
    its `--help` (also when a command name follows it: click answers the eager `--help` first),
    and a command name it does not know (for its did-you-mean).
    """
    name = next((arg for arg in args if not arg.startswith("-")), None)
    before = list(args[:args.index(name)]) if name is not None else list(args)
    if name in COMMANDS and not {"--", "--help", "-h"} & set(before):
        return build_app([name])
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    # `dotool.cli.main.app`, the application with every command, as tests and the catalogue
    # extraction use it: built on first use, not on every start.
    if name == "app":
        app = globals()["app"] = build_app()
        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        app_for(sys.argv[1:])()
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
