"""`dotool schema`: write the JSON Schemas to schema/ (or check that they are current)."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors


@handle_errors
def schema(
    root: RootOption = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 when the files "
                                        "in schema/ differ from what would be written.")] = False,
) -> None:
    """Write the draft-07 JSON Schemas of masterplan.yaml, measures and adoptions to schema/.

    Examples:

    * `dotool schema`
    * `dotool schema --check` (in CI: the committed schemas are current)
    """
    from dotool.app.schemas import write_schemas
    from dotool.cli.common import err_console, resolve_root
    from dotool.i18n.terminal import t

    result = write_schemas(resolve_root(root), check=check)
    console = err_console()
    for path in result.written:
        console.print(t("wrote {path}", path=path), markup=False)
    if check and result.stale:
        label = t("out of date:")
        advice = t("run `dotool schema` and commit the result")
        console.print(f"[red]{label}[/] {', '.join(result.stale)}; {advice}")
        raise typer.Exit(1)
    if not result.stale:
        console.print(t("{folder} is up to date", folder="schema/"), markup=False)
