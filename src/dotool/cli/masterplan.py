"""`dotool masterplan`: the masterplan document."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import LangOption, RootOption, handle_errors
from dotool.cli.rendering import FormatOption, InternalOption, OutputOption


@handle_errors
def masterplan(
    output: OutputOption = None,
    fmt: FormatOption = None,
    lang: LangOption = None,
    internal: InternalOption = False,
    root: RootOption = None,
    at: Annotated[str | None, typer.Option("--at", metavar="REF", help="Render the plan as it "
                                           "stood at a git ref, e.g. the adopted tag "
                                           "masterplan-1.0.", show_default=False)] = None,
) -> None:
    """Render the masterplan document: vision, goals, fields with profile sheets, roadmap.

    Examples:

    * `dotool masterplan` (Markdown on stdout)
    * `dotool masterplan -o build/masterplan.pdf`
    * `dotool masterplan --lang en -o masterplan.docx`
    * `dotool masterplan --at masterplan-1.0 -o masterplan-1.0.pdf` (as adopted)
    """
    from dotool.app.documents import render_masterplan
    from dotool.cli.common import choose_lang, resolve_root
    from dotool.cli.rendering import check_output, emit, pick_format

    where = resolve_root(root)  # first: its plan's language is the terminal's
    lang = choose_lang(lang)
    kind = pick_format(output, fmt)
    check_output(output, where)
    emit(render_masterplan(where, fmt=kind, lang=lang, internal=internal, at=at), output)
