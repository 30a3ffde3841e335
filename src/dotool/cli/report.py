"""`dotool report --half H`: the half-yearly committee report (Sachstandsbericht)."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import LangOption, RootOption, handle_errors, parse_half
from dotool.cli.rendering import FormatOption, InternalOption, OutputOption


@handle_errors
def report(
    half: Annotated[str | None, typer.Option("--half", help="The half to report on, YYYY-H1 or "
                                             "YYYY-H2 (default: the last half that has ended).",
                                             show_default=False)] = None,
    output: OutputOption = None,
    fmt: FormatOption = None,
    lang: LangOption = None,
    internal: InternalOption = False,
    root: RootOption = None,
    init: Annotated[bool, typer.Option("--init", help="Write `masterplan/reports/<half>.yaml`, "
                                       "the council paper of the report (Vorlagen-Nr., session, "
                                       "Beratungsfolge, introduction, conclusion, financial "
                                       "effects), to fill in; render nothing.")] = False,
) -> None:
    """Render the half-yearly report to the committee (a Mitteilungsvorlage).

    Examples:

    * `dotool report --half 2020-H2` (Markdown on stdout)
    * `dotool report --half 2020-H2 -o build/bericht-2020-H2.pdf`
    * `dotool report --half 2021-H1 --lang en -o report.html`
    * `dotool report --half 2021-H2 --init` (the paper's number, session and texts, to fill in)
    """
    from dotool.app.documents import init_paper, render_report, report_half
    from dotool.cli.common import choose_lang, err_console, resolve_root
    from dotool.cli.rendering import check_output, emit, pick_format, wrote
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t

    where = resolve_root(root)  # first: its plan's language is the terminal's
    lang = choose_lang(lang)
    wanted = report_half(parse_half(half))  # first: a half not begun is refused before all
    if init:
        if output is not None or fmt is not None:
            raise UsageError(t("--init writes the report's paper and renders nothing"),
                             hint=t("leave out -o and --format"))
        wrote(init_paper(where, half=wanted))
        return
    kind = pick_format(output, fmt)
    check_output(output, where)
    made = render_report(where, half=wanted, fmt=kind, lang=lang, internal=internal)
    if made.unreported:
        # Not an error (the report says "kein Sachstand gemeldet"), but rarely what was meant.
        chosen, latest = made.half, made.latest
        note = t("note:")
        text = (t("no measure has an update for {half}; the latest reported half is {latest} "
                  "(pass --half {latest})", half=str(chosen), latest=str(latest)) if latest
                else t("no measure has an update for {half}", half=str(chosen)))
        err_console().print(f"[yellow]{note}[/] {text}")
    emit(made.rendered, output)
