"""`dotool update ID --half H …`: add a half-yearly update, or change only the fields given."""

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
    funding_status: Annotated[str | None, typer.Option(
        help="The funding's new state this half: planned, applied, approved, received or "
             "rejected.", show_default=False)] = None,
    budget_one_off: Annotated[float | None, typer.Option(
        min=0, help="Revised one-off cost (EUR) as of this half.", show_default=False)] = None,
    budget_annual: Annotated[float | None, typer.Option(
        min=0, help="Revised annual cost (EUR) as of this half.", show_default=False)] = None,
    budget_note: Annotated[str | None, typer.Option(
        help="Revised note on the costs as of this half.", show_default=False)] = None,
    unset: Annotated[list[str] | None, typer.Option(
        "--unset", metavar="FIELD", help="Remove one field of the existing update, e.g. "
        "spent, next, kpis.KEY, budget.one_off (repeatable).", show_default=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Rewrite the whole existing "
                                          "update from the values given.")] = False,
    root: RootOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the new file; write "
                                          "nothing.")] = False,
) -> None:
    """Add the update of a half to a measure, or change the fields given of the one it has.

    A new half's update holds exactly the values given: --status, --rag, --text and (unless
    ongoing) --progress are required. For a half that has an update, only the fields given
    change — every other field, comment and byte of the file stays; --unset FIELD removes one
    field and --replace rewrites the whole update. Each change is printed as old → new. The
    plan is validated with the change before anything is written.

    Examples:

    * `dotool update M-007 --half 2021-H1 --status in_progress --rag green --progress 60
      --text "Pilot läuft." --kpi erechnung_share=35`
    * `dotool update M-007 --half 2021-H1 --rag amber --rag-reason "Lieferverzug."`
      (changes only the Ampel and its reason)
    * `dotool update M-014 --half 2021-H2 --funding-status rejected --budget-note "Ohne
      Förderung nicht finanziert."`
    * `dotool update M-007 --half 2021-H1 --unset next`
    """
    from dotool import choices
    from dotool.authoring.update import UpdateValues, parse_kpis, update_measure
    from dotool.cli.common import err_console, resolve_root
    from dotool.i18n.terminal import t
    from dotool.text import shown

    base = resolve_root(root)  # first: the refusals below speak the plan's language
    budget = {k: v for k, v in (("one_off", budget_one_off), ("annual", budget_annual),
                                ("note", budget_note)) if v is not None}
    values = UpdateValues(parse_half(half), status=choices.vocabulary("--status", status, "status"),
                          rag=choices.vocabulary("--rag", rag, "rag"), rag_reason=rag_reason,
                          progress=progress, spent=spent, kpis=parse_kpis(kpi or []),
                          text=text, next=next_steps, replanned_end=replanned_end,
                          funding_status=choices.vocabulary("--funding-status", funding_status,
                                                            "funding_status"),
                          budget=budget, unset=tuple(unset or ()), replace=replace)
    done = update_measure(base, measure_id, values, dry_run=dry_run)
    rel = shown(done.path.relative_to(base).as_posix())
    if dry_run:
        print(shown(done.text, lines=True), end="")
    console = err_console()

    def say(line: object) -> None:  # file text, shown as it is: no markup, emoji or wrapping
        console.print(str(line), markup=False, highlight=False, emoji=False, soft_wrap=True)

    half_ = str(values.half)
    if done.action == "unchanged":
        say(t("nothing changed: the update {half} in {path} already has these values",
              half=half_, path=rel))
        return
    said = {
        ("added", False): t("added the update {half} in {path}:", half=half_, path=rel),
        ("changed", False): t("changed the update {half} in {path}:", half=half_, path=rel),
        ("replaced", False): t("replaced the update {half} in {path}:", half=half_, path=rel),
        ("added", True): t("would have added the update {half} in {path}:", half=half_,
                           path=rel),
        ("changed", True): t("would have changed the update {half} in {path}:", half=half_,
                             path=rel),
        ("replaced", True): t("would have replaced the update {half} in {path}:", half=half_,
                              path=rel),
    }
    say(said[done.action, dry_run])
    for name, old, new in done.changes:
        say(f"  {name}: {_shown(name, old)} → {_shown(name, new)}")


def _shown(name: str, value: object) -> str:
    """A changed value as `update` prints it: a status, Ampel or funding state by its label."""
    from dotool.i18n.terminal import current
    from dotool.model.vocab import KEYS, label
    from dotool.text import brief

    if name in KEYS and isinstance(value, str):
        return brief(label(name, value, current()))
    return brief(value)
