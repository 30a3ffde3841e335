"""`dotool list`: the measures as a table, JSON or CSV, with filters."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors, parse_half


@handle_errors
def list_measures(
    root: RootOption = None,
    field: Annotated[str | None, typer.Option("--field", help="Only this field of action (key).",
                                              show_default=False)] = None,
    status: Annotated[str | None, typer.Option("--status", help="Only this status, e.g. "
                                               "in_progress.", show_default=False)] = None,
    scope: Annotated[str | None, typer.Option("--scope", help="internal or external.",
                                              show_default=False)] = None,
    rag: Annotated[str | None, typer.Option("--rag", help="green, amber or red.",
                                            show_default=False)] = None,
    half: Annotated[str | None, typer.Option("--half", help="State as of this half (default: "
                                             "the latest update).", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """List the measures with their state.

    Examples:

    * `dotool list`
    * `dotool list --rag red --half 2021-H1`
    * `dotool list --format csv > measures.csv`
    """
    from dotool import choices
    from dotool.checks.run import load_valid_plan
    from dotool.cli.common import out_console, resolve_root
    from dotool.i18n.terminal import current
    from dotool.output import measure_list

    found = resolve_root(root)  # first: its plan's language is the terminal's
    fmt = choices.choose("--format", fmt, ("table", "json", "csv")) or fmt
    plan = load_valid_plan(found)
    status = choices.vocabulary("--status", status, "status")
    scope = choices.vocabulary("--scope", scope, "scope")
    rag = choices.vocabulary("--rag", rag, "rag")
    field = choices.field("--field", field, {f.key: f.title for f in plan.masterplan.fields})
    at = parse_half(half)
    rows = measure_list.select(plan, half=at, field=field, status=status, scope=scope, rag=rag)
    if fmt == "json":
        print(measure_list.as_json(rows))
    elif fmt == "csv":
        measure_list.write_csv(rows)
    else:
        title = f"{plan.masterplan.title} – {plan.masterplan.municipality}" + (
            f" ({at})" if at else "")
        measure_list.print_table(rows, console=out_console(), title=title, lang=current(),
                           fields={f.key: f.title for f in plan.masterplan.fields})
