"""`dotool show ID`: one measure in detail."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors


@handle_errors
def show(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="The measure's id, e.g. M-007.")],
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Show one measure: profile, state, costs, key figures, milestones, next steps and every
    half-yearly update, in the plan's language.

    Only the measure's file, masterplan.yaml and the adoption records are read; a file among
    them that does not load is an error (exit 1). JSON keeps the keys of the files.

    Examples:

    * `dotool show M-007`
    * `dotool show M-007 --format json`
    """
    from dotool.app.show import measure_view
    from dotool.choices import choose
    from dotool.cli.common import resolve_root
    from dotool.output import detail

    found = resolve_root(root)  # first: a refused option is worded in the plan's language
    # `table` was the name of the text output before it stopped being a table: still accepted.
    fmt = choose("--format", "text" if fmt == "table" else fmt, ("text", "json")) or "text"
    view = measure_view(found, measure_id)
    if fmt == "json":
        print(detail.as_json(view))
    else:
        detail.print_measure(view)
