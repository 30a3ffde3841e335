"""`dotool collect`: the half-year collection with the lead units, through spreadsheets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from dotool.cli.common import LangOption, RootOption, handle_errors, parse_half

app = typer.Typer(
    help="The half-year collection: workbooks out to the lead units, back in, who is missing.",
    invoke_without_command=True, no_args_is_help=False, rich_markup_mode="markdown")

HalfOption = Annotated[str | None, typer.Option("--half", help="The half: YYYY-H1 or YYYY-H2.",
                                                show_default=False)]


@app.callback()
@handle_errors
def collect(
    ctx: typer.Context,
    half: HalfOption = None,
    out: Annotated[Path | None, typer.Option(
        "-o", "--out", help="Folder for the workbooks (created if missing; never a folder of "
        "the plan, never through a symbolic link inside it).", show_default=False)] = None,
    due: Annotated[str | None, typer.Option("--due", help="Return by this day (YYYY-MM-DD), "
                                            "shown in the instructions.",
                                            show_default=False)] = None,
    reply_to: Annotated[str | None, typer.Option("--reply-to", help="Whom to send the "
                                                 "workbook back to (an office's address).",
                                                 show_default=False)] = None,
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace workbooks already in the "
                                        "folder.")] = False,
    root: RootOption = None,
) -> None:
    """Write one workbook per lead unit for the half: its measures active in the half, their
    KPIs and open milestones, with drop-down lists and checks while typing.

    Examples:

    * `dotool collect --half 2026-H1 -o build/collect --due 2026-07-15 --reply-to
      digital@winsen.example`
    * `dotool collect apply build/returned/*.xlsx --dry-run`
    * `dotool collect status --half 2026-H1`
    """
    if ctx.invoked_subcommand is not None:
        return
    from dotool.choices import choose
    from dotool.cli.common import err_console, resolve_root
    from dotool.collect.make import collect as make
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t

    base = resolve_root(root)  # first: the refusals below speak the plan's language
    if half is None or out is None:
        raise UsageError(t("--half and -o are required to write the workbooks"),
                         hint=t("for example: {command}",
                                command="dotool collect --half 2026-H1 -o build/collect"))
    lang = choose("--lang", lang, ("de", "en"))
    from dotool.collect import texts
    from dotool.i18n import translations
    from dotool.text import shown

    made = make(base, half=parse_half(half), out=out, lang=lang, due=_day(due),
                reply_to=reply_to, force=force)
    console = err_console()
    for m in made:
        gettext = translations(m.lang).gettext
        console.print(gettext(texts.MADE) % {
            "path": shown(str(m.path)), "unit": shown(m.unit), "measures": m.measures,
            "kpis": m.kpis, "milestones": m.milestones}, markup=False, highlight=False)
    if not made:
        from dotool.collect.make import plan_language

        gettext = translations(lang or plan_language(base)).gettext
        console.print(gettext(texts.NONE_ACTIVE) % {"half": half}, markup=False)


def _day(text: str | None) -> Any:
    if text is None:
        return None
    from dotool.authoring.checking import option_day

    return option_day("--due", text)


@app.command("apply")
@handle_errors
def apply(
    files: Annotated[list[Path], typer.Argument(help="Returned workbooks (.xlsx).",
                                                dir_okay=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would change; write "
                                          "nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Apply also to measures whose file "
                                        "changed after the workbook was made.")] = False,
    commit: Annotated[bool, typer.Option("--commit", help="One git commit per workbook.")] =
    False,
    root: RootOption = None,
) -> None:
    """Apply returned workbooks: each one whole or not at all, errors located by file, sheet
    and cell. Exit 1 if any workbook was refused."""
    from dotool.cli.common import resolve_root
    from dotool.collect.apply import apply_workbooks
    from dotool.errors import ExitCode
    from dotool.output.collect import print_outcomes

    outcomes = apply_workbooks(resolve_root(root), files, dry_run=dry_run, force=force,
                               commit=commit)
    if not print_outcomes(outcomes, dry_run=dry_run):
        raise typer.Exit(int(ExitCode.INVALID))


@app.command("status")
@handle_errors
def status(
    half: Annotated[str, typer.Option("--half", help="The half: YYYY-H1 or YYYY-H2.")],
    output: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    root: RootOption = None,
) -> None:
    """Per lead unit, the measures that still have no update for the half (for reminders)."""
    from dotool.choices import choose
    from dotool.cli.common import resolve_root
    from dotool.collect.make import plan_language
    from dotool.collect.status import collection_status
    from dotool.output.collect import print_status

    base = resolve_root(root)  # first: a refusal speaks the plan's language
    output = str(choose("--format", output, ("text", "json")))
    print_status(collection_status(base, parse_half(half)), half=half, output=output,
                 lang=plan_language(base))
