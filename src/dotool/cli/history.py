"""`dotool history ID`: one measure over time."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors


@handle_errors
def history(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="The measure, e.g. M-007.")],
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    lang: Annotated[str | None, typer.Option("--lang", help="Language of status labels: de "
                                             "or en.", show_default=False)] = None,
) -> None:
    """Show a measure's updates and the commits that touched its file (following renames).

    Without git only the updates are shown.

    Examples:

    * `dotool history M-007`
    * `dotool history M-007 --format json`
    """
    from dotool.authoring.history import history as measure_history
    from dotool.cli.common import err_console, out_console, resolve_root
    from dotool.errors import UsageError
    from dotool.output import past

    if fmt not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not `{fmt}`")
    if lang not in (None, "de", "en"):
        raise UsageError(f"--lang must be de or en, not `{lang}`")
    result = measure_history(resolve_root(root), measure_id)
    if result.commits is None:
        err_console().print("[dim]not in a git repository: no commits to show[/]")
    if fmt == "json":
        print(past.history_json(result))
    else:
        past.print_history(result, console=out_console(), lang=lang or "de")
