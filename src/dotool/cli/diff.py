"""`dotool diff REF1 [REF2]`: what changed in the plan between two git refs."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors


@handle_errors
def diff(
    ref1: Annotated[str, typer.Argument(metavar="REF1", help="The earlier state: a tag, "
                                        "branch or commit.")],
    ref2: Annotated[str | None, typer.Argument(metavar="[REF2]", help="The later state "
                                               "(default: the working tree).",
                                               show_default=False)] = None,
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    lang: Annotated[str | None, typer.Option("--lang", help="Language of status labels: de "
                                             "or en.", show_default=False)] = None,
) -> None:
    """List measures added, removed, re-planned (dates, budget, field) and status changes.

    Examples:

    * `dotool diff masterplan-1.0` (adopted version → working tree)
    * `dotool diff masterplan-1.0 masterplan-2.0 --format json`
    """
    from dotool.authoring.past import diff as plan_diff
    from dotool.cli.common import resolve_root
    from dotool.errors import UsageError
    from dotool.output import past
    from dotool.output.styled import emit

    if fmt not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not `{fmt}`")
    if lang not in (None, "de", "en"):
        raise UsageError(f"--lang must be de or en, not `{lang}`")
    changes = plan_diff(resolve_root(root), ref1, ref2)
    if fmt == "json":
        print(past.diff_json(changes))
    else:
        emit(past.diff_lines(changes, lang=lang or "de"))
