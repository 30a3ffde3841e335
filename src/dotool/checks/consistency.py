"""Rules within one measure: dates, the order and content of updates, and the warnings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dotool.checks.context import Context, per_measure
from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.vocab import CLOSED_STATUSES

if TYPE_CHECKING:
    from dotool.model.projection import MeasureState

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def number(value: float) -> str:
    """An amount in a message: whole euros without a spurious `.0`, else two decimals."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


@per_measure
def check_dates(ctx: Context, path: str, measure: Measure) -> None:
    """`start <= end`; milestones not done in the future."""
    if measure.start and measure.end and measure.end.last_day < measure.start.first_day:
        ctx.report("start-after-end", path, ("end",),
                   f"the planned end {measure.end} is before the start {measure.start}")
    for index, milestone in enumerate(measure.milestones):
        if milestone.done and milestone.done > ctx.today:
            ctx.report("done-in-future", path, ("milestones", index, "done"),
                       f"milestone marked done on {milestone.done}, which is in the future",
                       "record `done` once the milestone is reached")


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
                       f"update for {update.half} comes after the one for {previous.half}",
                       "updates are listed oldest first, one per half")
        if update.half > current:
            ctx.report("half-in-future", path, (*loc, "half"),
                       f"update for {update.half}, which has not begun yet (now: {current})")
        if start_half and update.half < start_half:
            ctx.report("update-before-start", path, (*loc, "half"),
                       f"update for {update.half}, before the measure starts ({measure.start})",
                       "correct `start`, or remove the update")
        if update.progress is None and update.status != "ongoing":
            ctx.report("progress-missing", path, loc,
                       f"update {update.half} has no `progress`",
                       "give the progress in percent (only `ongoing` measures may omit it)",
                       key=True)
        if (update.replanned_end and measure.start
                and update.replanned_end.last_day < measure.start.first_day):
            ctx.report("start-after-end", path, (*loc, "replanned_end"),
                       f"the re-planned end {update.replanned_end} is before the start "
                       f"{measure.start}")
        if update.status == "completed" and update.progress not in (None, 100):
            ctx.report("completed-progress", path, (*loc, "progress"),
                       f"a completed measure has progress 100, found {update.progress}")
        if update.rag in ("amber", "red") and not (update.rag_reason or "").strip():
            ctx.report("rag-reason-missing", path, (*loc, "rag"),
                       f"Ampel {update.rag} needs a `rag_reason`",
                       "say in one sentence what is wrong and what is done about it")
        if previous is not None:
            if previous.status in CLOSED_STATUSES and update.status == previous.status:
                ctx.report("update-after-close", path, (*loc, "status"),
                           f"the measure was already {previous.status} in {previous.half}",
                           "remove this update, or give the status it changed to")
            if (previous.progress is not None and update.progress is not None
                    and update.progress < previous.progress):
                ctx.report("progress-down", path, (*loc, "progress"),
                           f"progress goes down from {previous.progress} to {update.progress}",
                           "explain it in the text, or correct the figure")
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
                       f"update {update.half} has an empty `budget`",
                       "give the revised one_off, annual or note, or remove `budget`")
        if update.funding_status is not None and funding is None:
            ctx.report("funding-status-without-funding", path, (*loc, "funding_status"),
                       f"update {update.half} gives a funding status, but the measure has no "
                       "`budget.funding`",
                       "add budget.funding (programme, share, status at planning) to the measure")


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
                   "contact looks like an e-mail address in a public measure",
                   "name an office and an extension; personal addresses do not belong in git")
    if ref is None:
        return
    state = measure_state(measure, ref)
    if state.past_end and state.current_end is not None:
        ctx.report("past-end", path, ("end",),
                   f"still {state.status.replace('_', ' ')} after its planned end "
                   f"{state.current_end} (as of {ref})",
                   "the re-planned end has passed too: re-plan again"
                   if state.replanned_since_adoption
                   else "add `replanned_end` to the latest update, or close the measure")
    for m in state.overdue:
        closing = (f"; the measure is {state.status}: record `done` or remove the milestone"
                   if state.closed else "")
        done = (f"was not done by the end of {ref} (done {m.done})" if m.done
                else f"is not done (as of {ref})")
        ctx.report("milestone-overdue", path, ("milestones", m.index, "due"),
                   f"milestone \"{m.title}\" was due {m.due} and {done}{closing}")
    for m in state.open_after_close:
        if m not in state.overdue:
            ctx.report("milestone-open", path, ("milestones", m.index),
                       f"milestone \"{m.title}\" is not done, but the measure is "
                       f"{state.status} (as of {ref})",
                       "record `done`, or remove the milestone", key=True)
    _check_spend(ctx, path, state)
    if state.missing_report:
        required = ctx.required_half == ref
        ctx.report("update-missing", path, ("updates",),
                   f"no update for {ref}, which --half requires of every active measure"
                   if required else f"no update for {ref}, the plan's latest reported half",
                   f"add one with `dotool update {measure.id} --half {ref} …`", key=True,
                   severity="error" if required else None)


def _check_spend(ctx: Context, path: str, state: MeasureState) -> None:
    updates = state.measure.updates
    for index, before, after in state.spend_drops:
        ctx.report("spend-down", path, ("updates", index, "spent"),
                   f"cumulative spend goes down from {number(before)} € to {number(after)} € "
                   f"({updates[index].half})",
                   "`spent` is the total spent so far; correct the figure")
    if state.spent is None or state.spent_at is None:
        return
    loc = ("updates", state.spent_at, "spent")
    if state.spend_unplanned:
        ctx.report("spend-unplanned", path, loc,
                   f"{number(state.spent)} € spent (as of {state.half}), but no cost is planned",
                   "give the planned cost in `budget` (or, revised, in an update's `budget`)")
    elif state.spend_over_plan:
        money = state.money
        ctx.report("spend-over-plan", path, loc,
                   f"{number(state.spent)} € spent (as of {state.half}), more than the planned "
                   f"one-off cost {number(money.one_off or 0)} € plus "
                   f"{number(money.annual or 0)} € a year for {state.years_elapsed:g} "
                   f"year{'' if state.years_elapsed == 1 else 's'}",
                   "record the revised Ansatz in the update's `budget`, or correct `spent`")
