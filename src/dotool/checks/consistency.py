"""Rules within one measure: dates, the order and content of updates, and the warnings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dotool.checks.context import Context, per_measure
from dotool.i18n.terminal import current, t, tn
from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.vocab import CLOSED_STATUSES, label

if TYPE_CHECKING:
    from dotool.model.projection import MeasureState

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def number(value: float) -> str:
    """An amount in a message: whole euros without a spurious `.0`, else two decimals (with a
    decimal comma in German)."""
    return _decimal(f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}")


def _decimal(text: str) -> str:
    """A number written with a decimal point, with a decimal comma in German."""
    return text.replace(".", ",") if current() == "de" else text


def _status(key: str, vocabulary: str = "status") -> str:
    """A status (or a key of another vocabulary) as the terminal's language names it (`in
    progress`, `in Umsetzung`)."""
    return label(vocabulary, key, current())


@per_measure
def check_dates(ctx: Context, path: str, measure: Measure) -> None:
    """`start <= end`; milestones not done in the future."""
    if measure.start and measure.end and measure.end.last_day < measure.start.first_day:
        ctx.report("start-after-end", path, ("end",),
                   t("the planned end {end} is before the start {start}", end=measure.end,
                     start=measure.start))
    for index, milestone in enumerate(measure.milestones):
        if milestone.done and milestone.done > ctx.today:
            ctx.report("done-in-future", path, ("milestones", index, "done"),
                       t("milestone marked done on {day}, which is in the future",
                         day=milestone.done),
                       t("record `done` once the milestone is reached"))


@per_measure
def check_updates(ctx: Context, path: str, measure: Measure) -> None:
    """Order, completeness and the closing rules of the half-yearly updates."""
    current = Half.of(ctx.today)
    start_half = measure.start.half if measure.start else None
    previous = None
    for index, update in enumerate(measure.updates):
        loc = ("updates", index)
        if previous is not None and update.half <= previous.half:
            ctx.report("update-order", path, (*loc, "half"),
                       t("update for {half} comes after the one for {previous}",
                         half=update.half, previous=previous.half),
                       t("updates are listed oldest first, one per half"))
        if update.half > current:
            ctx.report("half-in-future", path, (*loc, "half"),
                       t("update for {half}, which has not begun yet (now: {now})",
                         half=update.half, now=current))
        if start_half and update.half < start_half:
            ctx.report("update-before-start", path, (*loc, "half"),
                       t("update for {half}, before the measure starts ({start})",
                         half=update.half, start=measure.start),
                       t("correct `start`, or remove the update"))
        if update.progress is None and update.status != "ongoing":
            ctx.report("progress-missing", path, loc,
                       t("update {half} has no `progress`", half=update.half),
                       t("give the progress in percent (only `ongoing` measures may omit it)"),
                       key=True)
        if (update.replanned_end and measure.start
                and update.replanned_end.last_day < measure.start.first_day):
            ctx.report("start-after-end", path, (*loc, "replanned_end"),
                       t("the re-planned end {end} is before the start {start}",
                         end=update.replanned_end, start=measure.start))
        if update.status == "completed" and update.progress not in (None, 100):
            ctx.report("completed-progress", path, (*loc, "progress"),
                       t("a completed measure has progress 100, found {progress}",
                         progress=update.progress))
        if update.rag in ("amber", "red") and not (update.rag_reason or "").strip():
            ctx.report("rag-reason-missing", path, (*loc, "rag"),
                       t("Ampel {rag} needs a `rag_reason`",
                         rag=_status(update.rag, "rag")),
                       t("say in one sentence what is wrong and what is done about it"))
        if previous is not None:
            if previous.status in CLOSED_STATUSES and update.status == previous.status:
                ctx.report("update-after-close", path, (*loc, "status"),
                           t("the measure was already {status} in {half}",
                             status=_status(previous.status), half=previous.half),
                           t("remove this update, or give the status it changed to"))
            if (previous.progress is not None and update.progress is not None
                    and update.progress < previous.progress):
                ctx.report("progress-down", path, (*loc, "progress"),
                           t("progress goes down from {before} to {after}",
                             before=previous.progress, after=update.progress),
                           t("explain it in the text, or correct the figure"))
        previous = update


@per_measure
def check_money(ctx: Context, path: str, measure: Measure) -> None:
    """Budget revisions say something; funding news needs a funding."""
    funding = measure.budget.funding if measure.budget else None
    for index, update in enumerate(measure.updates):
        loc = ("updates", index)
        if update.budget is not None and update.budget.one_off is None \
                and update.budget.annual is None and update.budget.note is None:
            ctx.report("budget-empty", path, (*loc, "budget"),
                       t("update {half} has an empty `budget`", half=update.half),
                       t("give the revised one_off, annual or note, or remove `budget`"))
        if update.funding_status is not None and funding is None:
            ctx.report("funding-status-without-funding", path, (*loc, "funding_status"),
                       t("update {half} gives a funding status, but the measure has no "
                         "`budget.funding`", half=update.half),
                       t("add budget.funding (programme, share, status at planning) to the "
                         "measure"))


@per_measure
def check_warnings(ctx: Context, path: str, measure: Measure) -> None:
    """Overdue ends and milestones, spend beyond the plan, missing updates, e-mail contacts.

    Every figure comes from the projection as of the reference half (docs/figures.md), so
    `validate --half H` warns about exactly what the report of H shows.
    """
    from dotool.model.projection import measure_state

    ref = ctx.reference
    if measure.public and measure.contact and _EMAIL.search(measure.contact):
        ctx.report("contact-email", path, ("contact",),
                   t("contact looks like an e-mail address in a public measure"),
                   t("name an office and an extension; personal addresses do not belong in git"))
    if ref is None:
        return
    state = measure_state(measure, ref)
    if state.past_end and state.current_end is not None:
        ctx.report("past-end", path, _end_given(measure, ref),
                   t("still {status} after its planned end {end} (as of {half})",
                     status=_status(state.status), end=state.current_end, half=ref),
                   t("the re-planned end has passed too: re-plan again")
                   if state.replanned_since_adoption
                   else t("add `replanned_end` to the latest update, or close the measure"))
    for m in state.overdue:
        done = (t("was not done by the end of {half} (done {day})", half=ref, day=m.done)
                if m.done else t("is not done (as of {half})", half=ref))
        message = t("milestone \"{title}\" was due {due} and {done}", title=m.title, due=m.due,
                    done=done)
        if state.closed:
            message = t("{message}; the measure is {status}: record `done` or remove the "
                        "milestone", message=message, status=_status(state.status))
        ctx.report("milestone-overdue", path, ("milestones", m.index, "due"), message)
    for m in state.open_after_close:
        if m not in state.overdue:
            ctx.report("milestone-open", path, ("milestones", m.index),
                       t("milestone \"{title}\" is not done, but the measure is {status} "
                         "(as of {half})", title=m.title, status=_status(state.status),
                         half=ref),
                       t("record `done`, or remove the milestone"), key=True)
    _check_spend(ctx, path, state)
    if state.missing_report:
        required = ctx.required_half == ref
        command = " ".join(("dotool update", measure.id, "--half", str(ref), "…"))
        ctx.report("update-missing", path, ("updates",),
                   t("no update for {half}, which --half requires of every active measure",
                     half=ref)
                   if required else t("no update for {half}, the plan's latest reported half",
                                      half=ref),
                   t("add one with `{command}`", command=command), key=True,
                   severity="error" if required else None)


def _check_spend(ctx: Context, path: str, state: MeasureState) -> None:
    updates = state.measure.updates
    for index, before, after in state.spend_drops:
        ctx.report("spend-down", path, ("updates", index, "spent"),
                   t("cumulative spend goes down from {before} € to {after} € ({half})",
                     before=number(before), after=number(after), half=updates[index].half),
                   t("`spent` is the total spent so far; correct the figure"))
    if state.spent is None or state.spent_at is None:
        return
    loc = ("updates", state.spent_at, "spent")
    if state.spend_unplanned:
        ctx.report("spend-unplanned", path, loc,
                   t("{spent} € spent (as of {half}), but no cost is planned",
                     spent=number(state.spent), half=state.half),
                   t("give the planned cost in `budget` (or, revised, in an update's `budget`)"))
    elif state.spend_over_plan:
        money = state.money
        ctx.report("spend-over-plan", path, loc,
                   tn("{spent} € spent (as of {half}), more than the planned one-off cost "
                      "{one_off} € plus {annual} € a year for {years} year",
                      "{spent} € spent (as of {half}), more than the planned one-off cost "
                      "{one_off} € plus {annual} € a year for {years} years",
                      1 if state.years_elapsed == 1 else 2, spent=number(state.spent),
                      half=state.half, one_off=number(money.one_off or 0),
                      annual=number(money.annual or 0), years=_decimal(f"{state.years_elapsed:g}")),
                   t("record the revised Ansatz in the update's `budget`, or correct `spent`"))


def _end_given(measure: Measure, half: Half) -> tuple[str | int, ...]:
    """Where the planned end as of `half` is written: the latest update up to `half` that
    re-planned it, else `end` (a measure may have no `end` and only a re-planned one)."""
    for index in range(len(measure.updates) - 1, -1, -1):
        update = measure.updates[index]
        if update.half <= half and update.replanned_end is not None:
            return ("updates", index, "replanned_end")
    return ("end",)
