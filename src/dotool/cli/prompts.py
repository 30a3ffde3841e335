"""Asking on a terminal, and only there: with `--no-input`, `CI` or a pipe, a missing value is
exit 2 naming its flag."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dotool.i18n.terminal import Message

NoInputOption = Annotated[bool, typer.Option(
    "--no-input", help="Never prompt: a missing value is an error naming its flag (also when "
    "CI is set or stdin is not a terminal).")]


def interactive(no_input: bool) -> bool:
    """Prompts only when stdin is a terminal, `CI` is unset and `--no-input` was not given."""
    return not no_input and not os.environ.get("CI") and sys.stdin.isatty()


def missing(*flags: str) -> Exception:
    """The error for values that were neither passed nor may be asked for (all named at once)."""
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t, tn

    names = ", ".join(flags)
    return UsageError(tn("{names} is missing", "{names} are missing", len(flags), names=names),
                      hint=t("pass {names} (questions are asked only on a terminal, without "
                             "--no-input and without CI)", names=names))


def not_empty(name: str | Message) -> Callable[[str], str]:
    """A check for free text that must not be blank (`name`: the flag or the question)."""

    def check(answer: str) -> str:
        from dotool.errors import UsageError
        from dotool.i18n.terminal import t

        if not answer.strip():
            raise UsageError(t("{option} must not be empty", option=name))
        return answer.strip()

    return check


#: Choices longer than this together are listed one a line rather than after the question.
_INLINE = 70


def ask(question: str | Message, *, check: Callable[[str], str], choices: Sequence[str] = (),
        optional: bool = False, note: str | Message | None = None) -> str:
    """Ask until `check` accepts the answer (it raises `UsageError` with the reason).

    The same question is asked again after a refused answer; what was answered before stays.
    `choices` (the values accepted, as the user may type them) and `note` (how to answer) are
    shown after the question.
    """
    from rich.markup import escape
    from rich.prompt import Prompt

    from dotool.cli.common import err_console
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t

    console = err_console()
    hint = f" [dim]({escape(str(note))})[/]" if note else ""
    inline = ", ".join(choices)
    if len(inline) > _INLINE:  # long titles of fields: one a line above the question
        console.print("\n".join(f"  [dim]·[/] {escape(choice)}" for choice in choices))
    elif choices:
        hint += f" [dim]({escape(inline)})[/]"
    skip = t("optional, Enter to skip")
    hint += f" [dim]({escape(str(skip))})[/]" if optional else ""
    hint_label = t("hint:")
    while True:
        try:
            answer = str(Prompt.ask(f"{escape(str(question))}{hint}", console=console,
                                    default="" if optional else ..., show_default=False))
        except EOFError:  # the input ended (a pipe, Ctrl-D): no answer will come
            console.print()
            raise UsageError(t("no answer to the question “{question}”: the input ended",
                               question=question)) from None
        if optional and not answer.strip():
            return ""
        try:
            return check(answer)
        except UsageError as exc:
            console.print(f"[red]{escape(exc.message)}[/]")
            if exc.hint:
                console.print(f"[dim]{escape(str(hint_label))}[/] {escape(exc.hint)}")


def edit(path: Path) -> None:
    """Open `path` in `$VISUAL`/`$EDITOR` and wait for it to close."""
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.store.oswords import os_reason

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError(t("--edit needs an editor: set $EDITOR (e.g. export EDITOR=nano)"))
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        raise UsageError(t("cannot start the editor `{editor}`: {reason}", editor=editor,
                           reason=os_reason(exc))) from None
