"""What `dotool report` and `dotool masterplan` share: options, the output format, writing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dotool.app.documents import Rendered


OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Write to this file; the format follows "
                              "the extension (.md .html .pdf .docx). Default: Markdown on "
                              "stdout.", show_default=False),
]
FormatOption = Annotated[
    str | None, typer.Option("--format", help="md, html, pdf or docx (default: from the "
                             "extension of -o, else md).", show_default=False),
]
InternalOption = Annotated[
    bool, typer.Option("--internal", help="Include non-public measures in full (for internal "
                       "use only; `contact` is never shown)."),
]


def pick_format(output: Path | None, fmt: str | None) -> str:
    """`--format`, else the extension of `-o`, else Markdown; exit 2 for anything else."""
    from dotool.app.documents import FORMATS
    from dotool.choices import choose
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.text import shown

    if fmt is not None:
        chosen = choose("--format", fmt.lstrip("."), FORMATS) or fmt
    elif output is not None:
        chosen = output.suffix.lower().lstrip(".")
        if chosen not in FORMATS:
            raise UsageError(t("cannot tell the format from `{name}`", name=shown(output.name)),
                             hint=t("use an extension .md .html .pdf .docx, or pass --format"))
    else:
        chosen = "md"
    if output is None and chosen != "md":
        raise UsageError(t("{format} cannot go to the terminal", format=chosen),
                         hint=t("pass -o FILE"))
    return chosen


def note_images(refused: dict[str, str]) -> None:
    """Say which images of the text an output does not show, and why (on stderr)."""
    import re

    from dotool.i18n.terminal import t
    from dotool.output.styled import say
    from dotool.text import brief

    for path, why in sorted(refused.items()):
        # `why` is worded in the terminal's language by the image policy (render.markdown) and
        # the image reader (store.assets). An address of another scheme than the web's
        # (`data:`, `mailto:`) is no link in any output: only the image's text is shown.
        shown = brief(path, 80)
        if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", path) and not re.match(r"(?i)https?:", path):
            say(str(t("note: the image {path} is shown as its text only: it {why}",
                      path=shown, why=why)))
        else:
            say(str(t("note: the image {path} is shown as a link: it {why}", path=shown,
                      why=why)))


def check_output(output: Path | None, root: Path) -> None:
    """Refuse an output path that is not a regular file or a new name, or that lies in one of
    the plan's folders under `root` (measures/, masterplan/, templates/, schema/, .git/) —
    before any work."""
    if output is not None:
        from dotool.store.atomic import refuse_special
        from dotool.store.files import plan_folders
        from dotool.store.tree import check_target_file

        check_target_file(output, plan_folders(root))
        refuse_special(output)


def emit(rendered: Rendered, output: Path | None) -> None:
    """Markdown to stdout, or the file (and its images under assets/) written atomically.

    The file and the images may replace regular files only: never a device, a FIFO, a folder
    or a symbolic link (nor a link in the way to assets/)."""
    import sys

    from dotool.store.atomic import write_atomic

    note_images(rendered.refused)
    if output is None:
        sys.stdout.write(rendered.data.decode("utf-8"))
        sys.stdout.flush()
        return
    if rendered.assets:  # beside the file, and never through a link at assets/ or below
        from dotool.store.tree import write_tree

        write_tree(output.parent, {f"assets/{name}": data
                                   for name, data in rendered.assets.items()})
    write_atomic(output, rendered.data, regular=True)
    wrote(output)


def wrote(path: Path | str) -> None:
    """Say on stderr that a file was written."""
    from dotool.i18n.terminal import t
    from dotool.output.styled import say

    say(str(t("wrote {path}", path=str(path))))
