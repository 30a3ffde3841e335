"""`dotool init`: scaffold a new masterplan repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dotool.cli.common import handle_errors
from dotool.cli.prompts import NoInputOption


@handle_errors
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder of the new "
                                              "repository (created if missing).",
                                              file_okay=False)] = Path(),
    municipality: Annotated[str | None, typer.Option(
        "--municipality", help="Name of the municipality, e.g. \"Winsen (Luhe)\".",
        show_default=False)] = None,
    committee: Annotated[str | None, typer.Option(
        "--committee", help="The council committee that receives the half-yearly report.",
        show_default=False)] = None,
    dotool_spec: Annotated[str | None, typer.Option(
        "--dotool-spec", help="What CI installs dotool by (a pip requirement), e.g. "
        "\"dotool[render]==0.1.0\" or \"dotool[render] @ git+https://…/dotool@v0.1.0\". "
        "Default: this dotool's release, or the git commit it was installed from.",
        show_default=False)] = None,
    no_input: NoInputOption = False,
) -> None:
    """Start a masterplan repository: masterplan.yaml, measures/, schemas, CI, pre-commit, README.

    Never overwrites anything: if any of the files exists, nothing is written. Runs `git init`
    when the folder is not in a git repository yet.

    Examples:

    * `dotool init masterplan-musterstadt --municipality Musterstadt --committee "Ausschuss für
      Digitales"`
    * `dotool init` (asks for municipality and committee)
    * `dotool init --dotool-spec "dotool[render] @ git+https://github.com/ORG/dotool@v0.1.0"`
    """
    from rich.markup import escape

    from dotool.authoring.scaffold import init as scaffold
    from dotool.cli.common import err_console
    from dotool.cli.prompts import ask, interactive, missing, not_empty
    from dotool.i18n.terminal import t

    values = {"--municipality": municipality, "--committee": committee}
    absent = [flag for flag, value in values.items() if value is None]
    if absent and not interactive(no_input):
        raise missing(*absent)
    questions = {"--municipality": t("Municipality"),
                 "--committee": t("Committee that receives the half-yearly report")}
    for flag in absent:
        values[flag] = ask(questions[flag], check=not_empty(questions[flag]))
    from dotool.store.reading import resolved

    done = scaffold(resolved(directory), municipality=values["--municipality"] or "",
                    committee=values["--committee"] or "", spec=dotool_spec)
    console = err_console()
    for rel in done.written:
        console.print(str(t("created {path}", path=rel)), markup=False)
    if done.git_initialised:
        console.print(str(t("initialised a git repository")))
    elif done.git_missing:
        no_git = t("git is not installed: history commands will not work")
        console.print(f"[yellow]{escape(str(no_git))}[/]")
    console.print(str(t("CI installs {spec} (change it with the repository variable "
                        "DOTOOL_SPEC, see README.md)", spec=done.source.spec)), markup=False)
    if done.source.note:
        note = t("note:")
        console.print(f"[yellow]{escape(str(note))}[/] {escape(done.source.note)}")
    console.print(str(t("next: edit {path}, then `dotool validate` and `dotool add-measure`",
                        path=directory / "masterplan" / "masterplan.yaml")), markup=False)
