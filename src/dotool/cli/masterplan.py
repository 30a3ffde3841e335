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
    from dotool.checks.run import load_valid_plan
    from dotool.cli.common import resolve_root
    from dotool.cli.rendering import emit, pick_format, pick_lang, stand_date
    from dotool.render.document import render_masterplan
    from dotool.store.assets import repo_file_reader

    kind = pick_format(output, fmt)
    where = resolve_root(root)
    adoption = at_date = None
    if at is None:
        plan = load_valid_plan(where)
    else:
        from dotool.authoring.past import snapshot

        state = snapshot(where, at)
        plan, adoption, at_date = state.plan, state.adoption, state.data_date
    latest = plan.latest_reported_half()
    fallback = latest.end if latest else max((a.date for a in plan.adoptions),
                                             default=None)
    if fallback is None:
        from datetime import date

        fallback = date(2000, 1, 1)  # nothing dated at all: a fixed date, never the clock
    rendered = render_masterplan(
        plan, fmt=kind, lang=pick_lang(lang, plan.masterplan.language),
        stand=(at_date or fallback) if at else stand_date(where, fallback), internal=internal,
        adoption=adoption, repo=where,
        resolve=repo_file_reader(where))
    emit(rendered, output)
