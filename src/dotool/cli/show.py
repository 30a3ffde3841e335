"""`dotool show ID`: one measure in detail."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors


@handle_errors
def show(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="The measure's id, e.g. M-007.")],
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Show one measure: profile, milestones and every half-yearly update.

    Examples:

    * `dotool show M-007`
    * `dotool show M-007 --format json`
    """
    from dotool.checks.run import load_valid_plan
    from dotool.cli.common import out_console, resolve_root
    from dotool.errors import UsageError
    from dotool.output import detail

    if fmt not in ("table", "json"):
        raise UsageError(f"--format must be table or json, not `{fmt}`")
    plan = load_valid_plan(resolve_root(root))
    measure = plan.measure(measure_id.upper())
    if measure is None:
        from dotool.findings import did_you_mean

        raise UsageError(f"no measure {measure_id}",
                         hint=did_you_mean(measure_id.upper(), [m.id for m in plan.measures])
                         or "`dotool list` shows all")
    if fmt == "json":
        print(detail.as_json(measure, plan))
    else:
        detail.print_measure(measure, plan, console=out_console())
