"""`dotool add-measure`: create a measure file, by prompts on a terminal or by flags."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors
from dotool.cli.prompts import NoInputOption

Value = Annotated[str | None, typer.Option(show_default=False)]
QUESTIONS = {"title": "Title", "field": "Field of action", "goals": "Goals (comma-separated)",
             "scope": "Scope", "kind": "Kind", "lead": "Lead (an organisational unit)",
             "priority": "Priority", "start": "Start (YYYY-MM)", "end": "Planned end (YYYY-MM)",
             "summary": "Summary"}


@handle_errors
def add_measure(
    title: Value = None, field: Value = None,
    goals: Annotated[str | None, typer.Option(help="Goal keys, comma-separated.",
                                              show_default=False)] = None,
    scope: Annotated[str | None, typer.Option(help="internal or external.",
                                              show_default=False)] = None,
    kind: Annotated[str | None, typer.Option(help="project, advisory, innovation, strategy or "
                                             "infrastructure.", show_default=False)] = None,
    lead: Value = None,
    priority: Annotated[str | None, typer.Option(help="high, medium or low.",
                                                 show_default=False)] = None,
    start: Value = None, end: Value = None, summary: Value = None,
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
    from dotool.cli.prompts import ask, interactive, missing

    base = resolve_root(root)
    masterplan = core.load_masterplan(base)
    given = dict(title=title, field=field, goals=goals, scope=scope, kind=kind, lead=lead,
                 priority=priority, start=start, end=end, summary=summary)
    absent = []
    for name, value in given.items():
        def check(answer: str, name: str = name) -> str:
            return core.check_value(masterplan, name, answer)
        if value is not None:
            given[name] = check(value)
        elif interactive(no_input) and core.applies(masterplan, name):
            given[name] = ask(QUESTIONS[name], check=check, optional=name not in core.REQUIRED,
                              choices=core.choices(masterplan, name))
        elif name in core.REQUIRED:
            absent.append(f"--{name}")
    if absent:
        raise missing(*absent)
    created = core.create_measure(base, core.Draft(**given), dry_run=dry_run,
                                  masterplan=masterplan)
    rel = created.path.relative_to(base).as_posix()
    if dry_run:
        err_console().print(f"would write {rel}:")
        print(created.text, end="")
        return
    if edit:
        from dotool.cli.prompts import edit as open_editor

        open_editor(created.path)
        findings = core.check_written(base, rel)
        if any(f.severity == "error" for f in findings):
            from dotool.output.findings import print_text

            print_text(findings, console=err_console(), sources={})
            err_console().print(f"[red]{rel} is not valid after editing[/]: it is kept; fix it "
                                "and run `dotool validate`")
            print(rel)
            raise typer.Exit(1)
    print(rel)
