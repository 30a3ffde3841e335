"""`dotool diff REF1 [REF2]`: what changed in the plan between two git refs."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import LangOption, RootOption, handle_errors


@handle_errors
def diff(
    ref1: Annotated[str, typer.Argument(metavar="REF1", help="The earlier state: a tag, "
                                        "branch or commit.")],
    ref2: Annotated[str | None, typer.Argument(metavar="REF2", help="The later state "
                                               "(default: the working tree).",
                                               show_default=False)] = None,
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    lang: LangOption = None,
) -> None:
    """List measures added, removed, re-planned (dates, budget, field) and status changes.

    Examples:

    * `dotool diff masterplan-1.0` (adopted version → working tree)
    * `dotool diff masterplan-1.0 masterplan-2.0 --format json`
    """
    from dotool.app.past import diff as plan_diff
    from dotool.choices import choose
    from dotool.cli.common import choose_lang, resolve_root
    from dotool.output import changes
    from dotool.output.styled import emit

    found = resolve_root(root)  # first: its plan's language is the terminal's
    fmt = choose("--format", fmt, ("text", "json")) or fmt
    choose_lang(lang)
    found_changes = plan_diff(found, ref1, ref2)
    if fmt == "json":
        print(changes.diff_json(found_changes))
    else:
        emit(changes.diff_lines(found_changes))
