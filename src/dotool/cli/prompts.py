"""Asking on a terminal, and only there: with `--no-input`, `CI` or a pipe, a missing value is
exit 2 naming its flag."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

import typer

NoInputOption = Annotated[bool, typer.Option(
    "--no-input", help="Never prompt: a missing value is an error naming its flag (also when "
    "CI is set or stdin is not a terminal).")]


def interactive(no_input: bool) -> bool:
    """Prompts only when stdin is a terminal, `CI` is unset and `--no-input` was not given."""
    return not no_input and not os.environ.get("CI") and sys.stdin.isatty()


def missing(*flags: str) -> Exception:
    """The error for values that were neither passed nor may be asked for (all named at once)."""
    from dotool.errors import UsageError

    names = ", ".join(flags)
    return UsageError(f"{names} {'is' if len(flags) == 1 else 'are'} missing",
                      hint=f"pass {names} (prompts appear only on a terminal without "
                      "--no-input or CI)")


def not_empty(flag: str) -> Callable[[str], str]:
    """A check for free text that must not be blank."""

    def check(answer: str) -> str:
        from dotool.errors import UsageError

        if not answer.strip():
            raise UsageError(f"{flag} must not be empty")
        return answer.strip()

    return check


def ask(question: str, *, check: Callable[[str], str], choices: Sequence[str] = (),
        optional: bool = False) -> str:
    """Ask until `check` accepts the answer (it raises `UsageError` with the reason)."""
    from rich.markup import escape
    from rich.prompt import Prompt

    from dotool.cli.common import err_console
    from dotool.errors import UsageError

    console = err_console()
    hint = f" [dim]({', '.join(choices)})[/]" if choices else ""
    hint += " [dim](optional, Enter to skip)[/]" if optional else ""
    while True:
        answer = str(Prompt.ask(f"{question}{hint}", console=console,
                                default="" if optional else ..., show_default=False))
        if optional and not answer.strip():
            return ""
        try:
            return check(answer)
        except UsageError as exc:
            console.print(f"[red]{escape(exc.message)}[/]")


def edit(path: Path) -> None:
    """Open `path` in `$VISUAL`/`$EDITOR` and wait for it to close."""
    from dotool.errors import UsageError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("--edit needs an editor: set $EDITOR (e.g. export EDITOR=nano)")
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        raise UsageError(f"cannot start the editor `{editor}`: {exc.strerror or exc}") from None
