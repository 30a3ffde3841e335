"""`dotool add-measure`: create a measure file, by prompts on a terminal or by flags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from dotool.cli.common import RootOption, handle_errors
from dotool.cli.prompts import NoInputOption

if TYPE_CHECKING:
    from dotool.i18n.terminal import Message



def _questions() -> dict[str, tuple[Message, Message | None]]:
    """The prompts in order, in the terminal's language: name → (question, note).

    The flag of each is `--` + its name; the question alone names it in a refusal.
    """
    from dotool.i18n.terminal import t

    date_note = t("YYYY-MM or YYYY-MM-DD")
    return {"title": (t("Title"), None), "field": (t("Field of action"), None),
            "goals": (t("Goals"), t("several separated by commas")),
            "scope": (t("Scope"), None), "kind": (t("Kind"), None),
            "lead": (t("Lead"), t("an organisational unit, never a person")),
            "priority": (t("Priority"), None), "start": (t("Start"), date_note),
            "end": (t("Planned end"), date_note), "summary": (t("Summary"), None)}


@handle_errors
def add_measure(
    title: Annotated[str | None, typer.Option(help="The measure's title.",
                                              show_default=False)] = None,
    field: Annotated[str | None, typer.Option(help="The key of its field of action.",
                                              show_default=False)] = None,
    goals: Annotated[str | None, typer.Option(help="Goal keys, comma-separated.",
                                              show_default=False)] = None,
    scope: Annotated[str | None, typer.Option(help="internal or external.",
                                              show_default=False)] = None,
    kind: Annotated[str | None, typer.Option(help="project, advisory, innovation, strategy or "
                                             "infrastructure.", show_default=False)] = None,
    lead: Annotated[str | None, typer.Option(help="The lead unit (an organisational unit, "
                                             "never a person).", show_default=False)] = None,
    priority: Annotated[str | None, typer.Option(help="high, medium or low.",
                                                 show_default=False)] = None,
    start: Annotated[str | None, typer.Option(help="Start, YYYY-MM or YYYY-MM-DD.",
                                              show_default=False)] = None,
    end: Annotated[str | None, typer.Option(help="Planned end, YYYY-MM or YYYY-MM-DD.",
                                            show_default=False)] = None,
    summary: Annotated[str | None, typer.Option(help="What the measure does, in a few "
                                                "sentences (Markdown).",
                                                show_default=False)] = None,
    root: RootOption = None, no_input: NoInputOption = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print path and content; write "
                                          "nothing.")] = False,
    edit: Annotated[bool, typer.Option("--edit", help="Open the new file in $EDITOR, then "
                                       "validate again.")] = False,
) -> None:
    """Create `measures/<ID>-<slug>.yaml` with the next free id (prompts on a terminal).

    Examples:

    * `dotool add-measure` (asks for everything)
    * `dotool add-measure --no-input --title "E-Rechnung" --field verwaltung --scope internal
      --kind project --lead Kämmerei --summary "XRechnung empfangen und verarbeiten."`
    """
    from dotool.authoring import new_measure as core
    from dotool.cli.common import err_console, resolve_root
    from dotool.cli.prompts import interactive, missing
    from dotool.errors import InvalidContent
    from dotool.i18n.terminal import t
    from dotool.output.findings import print_text

    base = resolve_root(root)
    masterplan = core.load_masterplan(base)
    given = dict(title=title, field=field, goals=goals, scope=scope, kind=kind, lead=lead,
                 priority=priority, start=start, end=end, summary=summary)
    for name, value in given.items():
        if value is not None:
            given[name] = core.check_value(masterplan, name, value)
    asking = interactive(no_input)
    absent = [f"--{name}" for name, value in given.items()
              if value is None and name in core.REQUIRED]
    if absent and not asking:
        raise missing(*absent)
    questions = _questions()
    asked = []
    for name, value in given.items():
        if value is None and asking and core.applies(masterplan, name):
            given[name] = _ask(masterplan, name, questions[name], given)
            asked.append(name)
    while True:
        try:
            created = core.create_measure(base, core.Draft(**given), dry_run=dry_run,
                                          masterplan=masterplan)
            break
        except InvalidContent as exc:
            # Validation of the whole file found what the single answers could not show:
            # ask again only the questions it names, keeping every other answer.
            again = [n for n in asked if any(f.loc[:1] == (n,) for f in exc.findings)]
            if not again:
                raise
            print_text(exc.findings, console=err_console(), sources={})
            for name in again:
                given[name] = _ask(masterplan, name, questions[name], given)
    rel = created.path.relative_to(base).as_posix()
    if dry_run:
        err_console().print(str(t("would write {path}:", path=rel)), markup=False)
        print(created.text, end="")
        return
    if edit:
        from dotool.cli.prompts import edit as open_editor
        from dotool.output.styled import markup

        open_editor(created.path)
        findings = core.check_written(base, rel)
        if any(f.severity == "error" for f in findings):
            print_text(findings, console=err_console(), sources={})
            kept = t("{path} is not valid after editing: it is kept as it is; correct it and "
                     "check it again with `dotool validate`", path=rel)
            err_console().print(f"[red]{markup(str(kept))}[/]")
            print(rel)
            raise typer.Exit(1)
    print(rel)


def _ask(masterplan: Any, name: str, question: tuple[Message, Message | None],
         given: dict[str, str | None]) -> str:
    """One answer, checked as it is given; the dates also against each other."""
    from dotool.authoring import new_measure as core
    from dotool.cli.prompts import ask

    label, note = question

    def check(answer: str) -> str:
        value = core.check_value(masterplan, name, answer, option=label)
        if name in ("start", "end"):
            dates = {"start": given["start"], "end": given["end"], name: value}
            core.check_period(dates["start"], dates["end"], option=label)
        return value

    return ask(label, check=check, optional=name not in core.REQUIRED, note=note,
               choices=core.choices(masterplan, name))
