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
    from dotool.cli.common import choose_lang, resolve_root
    from dotool.cli.rendering import check_output, data_date, emit, pick_format, pick_lang
    from dotool.render.document import render_masterplan
    from dotool.store.assets import repo_image_reader

    where = resolve_root(root)  # first: its plan's language is the terminal's
    lang = choose_lang(lang)
    kind = pick_format(output, fmt)
    check_output(output)
    adoption = at_date = None
    if at is None:
        plan = load_valid_plan(where)
    else:
        from dotool.authoring.past import snapshot

        state = snapshot(where, at)
        plan, adoption, at_date = state.plan, state.adoption, state.data_date
    from datetime import date

    # The date of the data (never the clock): at REF its commit's date; else git, else the end
    # of the latest reported half; a plan with no date at all gets that of its latest adoption,
    # or a fixed one.
    dated = at_date if at else data_date(where, plan)
    adopted = max((a.date for a in plan.adoptions), default=None)
    rendered = render_masterplan(
        plan, fmt=kind, lang=pick_lang(lang, plan.masterplan.language),
        stand=dated or adopted or date(2000, 1, 1), internal=internal,
        adoption=adoption, repo=where,
        resolve=repo_image_reader(where))
    emit(rendered, output)
