"""What every command shares: options, the error boundary, the two consoles."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

F = TypeVar("F", bound=Callable[..., Any])

RootOption = Annotated[
    Path | None,
    typer.Option("--root", envvar="DOTOOL_ROOT", help="Masterplan root (default: walk up from "
                 "the working folder to the first one holding masterplan/masterplan.yaml).",
                 show_default=False, file_okay=False),
]
LangOption = Annotated[
    str | None, typer.Option("--lang", help="Language of the output: de or en (default: the "
                             "plan's `language`).", show_default=False),
]

INTERNAL_ERROR = 3
BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for any program whose reader went away
_state = {"debug": False}


def set_debug(value: bool) -> None:
    _state["debug"] = value or bool(os.environ.get("DOTOOL_DEBUG"))


def err_console() -> Console:
    """The console for the conversation (stderr): `dotool.output.styled.err_console`."""
    from dotool.output.styled import err_console as console

    return console()


def out_console() -> Console:
    """The console for the product (stdout): `dotool.output.styled.out_console`."""
    from dotool.output.styled import out_console as console

    return console()


def handle_errors(func: F) -> F:
    """Turn every `DotoolError` into a message on stderr and its exit code, in one place."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from dotool.errors import DotoolError
        from dotool.i18n import terminal

        terminal.reset(kwargs.get("lang"))
        try:
            _refuse_undecodable(kwargs)
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except DotoolError as exc:
            if _state["debug"]:
                raise
            _print_error(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            reader_gone()
            raise typer.Exit(BROKEN_PIPE) from None
        except KeyboardInterrupt:
            interrupted = terminal.t("interrupted")
            err_console().print(f"[red]{interrupted}[/]")
            raise typer.Exit(130) from None
        except BaseException as exc:  # a bug: say so briefly, the traceback is for --debug
            # BaseException, not Exception: a panic in a Rust extension (Typst, pydantic-core)
            # reaches Python as pyo3's PanicException, which is not an Exception.
            if _state["debug"] or not (isinstance(exc, Exception) or _is_panic(exc)):
                raise
            known = _known_failure(exc) if isinstance(exc, Exception) else None
            if known is not None:  # not a bug: a broken template override, a file system error
                _print_error(known)
                raise typer.Exit(int(known.exit_code)) from None
            from dotool.output.styled import markup

            bug = terminal.t("This is a bug in dotool. Run the command again with --debug for "
                             "the traceback and report it.")
            internal = terminal.t("internal error:")
            err_console().print(f"[bold red]{internal}[/] {type(exc).__name__}: "
                                f"{markup(str(exc))}\n{bug}", markup=True)
            raise typer.Exit(INTERNAL_ERROR) from None

    return wrapper  # type: ignore[return-value]


def _is_panic(exc: BaseException) -> bool:
    """Whether `exc` is a Rust extension's panic (pyo3 raises it as `PanicException`)."""
    return type(exc).__name__ == "PanicException"


def reader_gone() -> None:
    """The reader of stdout went away (`dotool list | head`): nothing to say, and nobody to say
    it to. Python would still report the failed flush at exit, so stdout goes to /dev/null."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _refuse_undecodable(values: dict[str, Any]) -> None:
    """Refuse a text option or argument holding bytes that are not UTF-8 (exit 2).

    Python keeps such bytes as lone surrogates, which no file, YAML or terminal can hold. Paths
    are left alone: a folder or output file with such a name works like any other.
    """
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.text import shown

    for name, value in values.items():
        for item in value if isinstance(value, list | tuple) else (value,):
            if isinstance(item, str) and any("\udc80" <= c <= "\udcff" for c in item):
                raise UsageError(t("{option}: `{value}` is not valid UTF-8",
                                   option=name.replace("_", "-"), value=shown(item)),
                                 hint=t("dotool reads its command line as UTF-8: check the "
                                        "terminal's encoding, or type the value again"))


def _known_failure(exc: Exception) -> Any:
    """The `DotoolError` an exception from outside dotool's own checks stands for, or None.

    Converted here, once for every command, rather than at each call: a missing library of the
    `render` extra, and an `OSError` (a folder that cannot be written, a path through a file) —
    the environment's fault, exit 2, not a bug. (A failing repository template override comes
    here already as a `ContentError`: rendering converts it, `render.templates`.)
    """
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.store.oswords import os_reason

    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] in _RENDER_LIBS:
        # PDF, DOCX and charts come with the optional `render` extra (validation in CI does
        # without them): an installation to complete, not a bug.
        return UsageError(t("this output needs {module}, which is not installed",
                            module=exc.name),
                          hint=t("install the rendering libraries: pip install 'dotool[render]'"))
    if isinstance(exc, OSError):
        problem = os_reason(exc)
        if exc.filename:
            return UsageError(t("cannot read or write {path}: {problem}",
                                path=str(exc.filename), problem=problem))
        return UsageError(t("cannot read or write: {problem}", problem=problem))
    return None


#: The libraries of the `render` extra (pyproject.toml), by import name.
_RENDER_LIBS = frozenset({"typst", "matplotlib", "docx"})


def _print_error(exc: Any) -> None:
    """The message (and hint) of `exc` on stderr; text in it from files or the command line is
    shown escaped (`dotool.output.styled.markup`)."""
    from dotool.errors import ContentError, InvalidContent
    from dotool.i18n.terminal import t
    from dotool.output.styled import markup

    console = err_console()
    error = t("error:")
    if isinstance(exc, InvalidContent):
        from dotool.output.findings import print_text

        print_text(exc.findings, console=console, sources={}, left_out=exc.left_out)
        console.print(f"[bold red]{error}[/] {markup(exc.message)}")
        return
    where = ""
    if isinstance(exc, ContentError):
        where = exc.path + (f":{exc.line}" if exc.line else "") + (
            f":{exc.col}" if exc.col else "") + ": "
    console.print(f"[bold red]{error}[/] {markup(where + exc.message)}")
    if exc.hint:
        hint = t("hint:")
        console.print(f"[dim]{hint}[/] {markup(exc.hint)}")


def resolve_root(root: Path | None) -> Path:
    from dotool.store.root import find_root

    found = find_root(root)
    _use_plan_language(found)
    return found


def _use_plan_language(root: Path) -> None:
    """The terminal speaks the plan's language from here on (`dotool.i18n.terminal`)."""
    from dotool.i18n import terminal
    from dotool.store.reading import Unreadable, read_inside, real_path

    # By the rule every plan file is read by: a FIFO or a device put there by a pull request
    # must neither block nor flood this read (validation reports it).
    try:
        data = read_inside(real_path(root), "masterplan/masterplan.yaml", limit=1 << 20)
    except (Unreadable, OSError):
        return
    terminal.use_plan_text(data[:1 << 20].decode("utf-8", "replace"))


def choose_lang(lang: str | None) -> str | None:
    """`--lang` as `de` or `en` (also typed as a language's name), the terminal's language from
    now on; None when not given. Exit 2 with the choices for anything else."""
    from dotool.choices import choose
    from dotool.i18n import terminal

    names = {"de": ("Deutsch", "German"), "en": ("Englisch", "English")}
    if terminal.current() == "en":
        names = {key: (english, german) for key, (german, english) in names.items()}
    key = choose("--lang", lang, terminal.LANGUAGES, names)
    if key is not None:
        terminal.reset(key)  # an override outranks the plan's language, which reset forgets
    return key


def parse_half(text: str | None) -> Any:
    """`--half` as a Half; a malformed one is a usage error (exit 2)."""
    if text is None:
        return None
    from dotool.errors import UsageError
    from dotool.model.dates import Half

    try:
        return Half.parse(text)
    except ValueError:
        from dotool.i18n.terminal import t
        from dotool.model.dates import MAX_YEAR, MIN_YEAR
        from dotool.model.patterns import HALF_RE
        from dotool.text import shown

        if HALF_RE.match(text.strip()):
            raise UsageError(t("--half: `{value}` is not a half of a plan: the year is not "
                               "between {low} and {high}", value=shown(text), low=MIN_YEAR,
                               high=MAX_YEAR)) from None
        raise UsageError(t("--half: `{value}` is not a half", value=shown(text)),
                         hint=t("write YYYY-H1 or YYYY-H2, e.g. 2020-H2")) from None
