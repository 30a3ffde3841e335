"""`dotool history ID`: one measure over time."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import LangOption, RootOption, handle_errors


@handle_errors
def history(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="The measure, e.g. M-007.")],
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    lang: LangOption = None,
) -> None:
    """Show a measure's updates and the commits that touched its file (following renames).

    Without git only the updates are shown.

    Examples:

    * `dotool history M-007`
    * `dotool history M-007 --format json`
    """
    from dotool.app.history import history as measure_history
    from dotool.choices import choose
    from dotool.cli.common import choose_lang, err_console, out_console, resolve_root
    from dotool.i18n.terminal import t
    from dotool.output import changes

    found = resolve_root(root)  # first: its plan's language is the terminal's
    fmt = choose("--format", fmt, ("text", "json")) or fmt
    choose_lang(lang)
    result = measure_history(found, measure_id)
    if result.commits is None:
        no_git = t("not in a git repository: no commits to show")
        err_console().print(f"[dim]{no_git}[/]")
    if fmt == "json":
        print(changes.history_json(result))
    else:
        changes.print_history(result, console=out_console())
