"""Lines of styled text: printed with rich on a terminal, as plain text everywhere else.

Output piped into a file or another program shows no styles, so there the same lines are
written without loading rich, whose import costs about a fifth of a warm `dotool validate`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from dotool.text import shown

if TYPE_CHECKING:
    from rich.console import Console

#: One output line: pieces of (text, rich style or None). Each piece is shown escaped
#: (`dotool.text.shown`): whatever text of the plan a piece holds, it stays on its line.
Line = list[tuple[str, str | None]]


def err_console() -> Console:
    """The console for the conversation (stderr); stdout is reserved for the product."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Console:
    """The console for the product on stdout (a list, a table, a measure)."""
    from rich.console import Console

    class Product(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1, dotool's code for invalid content: the command's error
            # boundary turns the reader going away into its own exit code instead.
            self.quiet = True
            raise BrokenPipeError

    return Product(highlight=False, soft_wrap=True)


def wants_styles(stream: TextIO | None = None) -> bool:
    """True when `stream` (default: stdout) is a terminal, or colour is forced."""
    stream = stream or sys.stdout
    return (stream.isatty() or bool(os.environ.get("FORCE_COLOR"))
            or bool(os.environ.get("TTY_COMPATIBLE")))


def markup(text: str, *, lines: bool = False) -> str:
    """The plan's `text` inside a rich markup string: its control characters shown escaped (see
    `dotool.text.shown`; `lines` keeps its line breaks) and `[` escaped, so it is only text."""
    from rich.markup import escape

    return escape(shown(text, lines=lines))


def print_lines(lines: Sequence[Line], *, console: Console) -> None:
    """The lines through rich, with their styles (rich's markup is never parsed: text is text)."""
    from rich.text import Text

    for line in lines:
        console.print(Text.assemble(*((shown(t), s) if s else shown(t) for t, s in line)))


def write_lines(lines: Sequence[Line], *, stream: TextIO) -> None:
    """The lines as plain text: what rich prints to a file, without loading it."""
    for line in lines:
        stream.write("".join(shown(t) for t, _ in line) + "\n")


def emit(lines: Sequence[Line], *, stream: TextIO | None = None) -> None:
    """Styled on a terminal, plain otherwise (stdout by default)."""
    stream = stream or sys.stdout
    if wants_styles(stream):
        from rich.console import Console

        print_lines(lines, console=Console(file=stream, highlight=False, soft_wrap=True))
    else:
        write_lines(lines, stream=stream)


def say(text: str) -> None:
    """One unstyled line of the conversation on stderr (a file written, a note): like `emit`,
    written without loading rich where stderr is no terminal."""
    emit([[(text, None)]], stream=sys.stderr)
