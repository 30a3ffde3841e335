"""`dotool update ID --half H …`: add or replace a measure's half-yearly update."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors, parse_half

Text = Annotated[str | None, typer.Option(show_default=False)]


@handle_errors
def update(
    measure_id: Annotated[str, typer.Argument(metavar="ID", help="The measure, e.g. M-007.")],
    half: Annotated[str, typer.Option("--half", help="The half: YYYY-H1 or YYYY-H2.")],
    status: Annotated[str | None, typer.Option(help="planned, in_progress, ongoing, completed, "
                                               "on_hold or dropped.", show_default=False)] = None,
    rag: Annotated[str | None, typer.Option(help="Ampel: green, amber or red.",
                                            show_default=False)] = None,
    rag_reason: Annotated[str | None, typer.Option(help="Why amber or red (required then).",
                                                   show_default=False)] = None,
    progress: Annotated[int | None, typer.Option(min=0, max=100, help="Percent, 0..100.",
                                                 show_default=False)] = None,
    spent: Annotated[float | None, typer.Option(min=0, help="Cumulative spend (EUR).",
                                                show_default=False)] = None,
    kpi: Annotated[list[str] | None, typer.Option(help="KPI value KEY=VALUE (repeatable).",
                                                  show_default=False)] = None,
    text: Annotated[str | None, typer.Option(help="What happened (Markdown).",
                                             show_default=False)] = None,
    next_steps: Annotated[str | None, typer.Option("--next", help="Next steps (Markdown).",
                                                   show_default=False)] = None,
    replanned_end: Annotated[str | None, typer.Option(help="New planned end, YYYY-MM.",
                                                      show_default=False)] = None,
    root: RootOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the new file; write "
                                          "nothing.")] = False,
) -> None:
    """Add the update of a half to a measure, or replace the one it has for that half.

    Every other byte of the file — comments, quoting, key order, blank lines — stays as it was.
    The plan is validated with the change before anything is written.

    Examples:

    * `dotool update M-007 --half 2021-H1 --status in_progress --rag green --progress 60
      --text "Pilot läuft." --kpi online_share=35`
    * `dotool update M-009 --half 2021-H1 --status in_progress --rag amber --progress 20
      --rag-reason "Förderbescheid fehlt." --text "Antrag gestellt." --replanned-end 2022-06`
    """
    from dotool.authoring.update import UpdateValues, parse_kpis, update_measure
    from dotool.cli.common import err_console, resolve_root
    from dotool.text import shown

    values = UpdateValues(parse_half(half), status=status, rag=rag, rag_reason=rag_reason,
                          progress=progress, spent=spent, kpis=parse_kpis(kpi or []),
                          text=text, next=next_steps, replanned_end=replanned_end)
    base = resolve_root(root)
    done = update_measure(base, measure_id, values, dry_run=dry_run)
    rel = done.path.relative_to(base).as_posix()
    if dry_run:
        print(shown(done.text, lines=True), end="")
        return
    verb = "replaced" if done.replaced else "added"
    err_console().print(f"{verb} the update {values.half} in {shown(rel)}", markup=False)
