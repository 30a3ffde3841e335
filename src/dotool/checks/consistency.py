"""Rules within one measure: dates, the order and content of updates, and the warnings."""

from __future__ import annotations

import re

from dotool.checks.context import Context
from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.vocab import CLOSED_STATUSES

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def check_dates(ctx: Context, path: str, measure: Measure) -> None:
    """`start <= end`; milestones not done in the future."""
    if measure.start and measure.end and measure.end.last_day < measure.start.first_day:
        ctx.error("start-after-end", path, ("end",),
                  f"the planned end {measure.end} is before the start {measure.start}")
    for index, milestone in enumerate(measure.milestones):
        if milestone.done and milestone.done > ctx.today:
            ctx.error("done-in-future", path, ("milestones", index, "done"),
                      f"milestone marked done on {milestone.done}, which is in the future",
                      "record `done` once the milestone is reached")


def check_updates(ctx: Context, path: str, measure: Measure) -> None:
    """Order, completeness and the closing rules of the half-yearly updates."""
    current = Half.of(ctx.today)
    start_half = measure.start.half if measure.start else None
    previous = None
    for index, update in enumerate(measure.updates):
        loc = ("updates", index)
        if previous is not None and update.half <= previous.half:
            ctx.error("update-order", path, (*loc, "half"),
                      f"update for {update.half} comes after the one for {previous.half}",
                      "updates are listed oldest first, one per half")
        if update.half > current:
            ctx.error("half-in-future", path, (*loc, "half"),
                      f"update for {update.half}, which has not begun yet (now: {current})")
        if start_half and update.half < start_half:
            ctx.error("update-before-start", path, (*loc, "half"),
                      f"update for {update.half}, before the measure starts ({measure.start})",
                      "correct `start`, or remove the update")
        if update.progress is None and update.status != "ongoing":
            ctx.error("progress-missing", path, loc,
                      f"update {update.half} has no `progress`",
                      "give the progress in percent (only `ongoing` measures may omit it)",
                      key=True)
        if (update.replanned_end and measure.start
                and update.replanned_end.last_day < measure.start.first_day):
            ctx.error("start-after-end", path, (*loc, "replanned_end"),
                      f"the re-planned end {update.replanned_end} is before the start "
                      f"{measure.start}")
        if update.status == "completed" and update.progress not in (None, 100):
            ctx.error("completed-progress", path, (*loc, "progress"),
                      f"a completed measure has progress 100, found {update.progress}")
        if update.rag in ("amber", "red") and not (update.rag_reason or "").strip():
            ctx.error("rag-reason-missing", path, (*loc, "rag"),
                      f"Ampel {update.rag} needs a `rag_reason`",
                      "say in one sentence what is wrong and what is done about it")
        if previous is not None:
            if previous.status in CLOSED_STATUSES and update.status == previous.status:
                ctx.error("update-after-close", path, (*loc, "status"),
                          f"the measure was already {previous.status} in {previous.half}",
                          "remove this update, or give the status it changed to")
            if (previous.progress is not None and update.progress is not None
                    and update.progress < previous.progress):
                ctx.warning("progress-down", path, (*loc, "progress"),
                            f"progress goes down from {previous.progress} to {update.progress}",
                            "explain it in the text, or correct the figure")
        previous = update


def check_warnings(ctx: Context, path: str, measure: Measure) -> None:
    """Overdue ends and milestones, missing updates, e-mail addresses in public contacts."""
    ref = ctx.reference
    if measure.public and measure.contact and _EMAIL.search(measure.contact):
        ctx.warning("contact-email", path, ("contact",),
                    "contact looks like an e-mail address in a public measure",
                    "name an office and an extension; personal addresses do not belong in git")
    if ref is None:
        return
    status = measure.status_as_of(ref)
    if status in CLOSED_STATUSES:
        return
    end = measure.planned_end(ref)
    replanned = any(u.replanned_end for u in measure.updates if u.half <= ref)
    if end and end.last_day < ref.end:
        ctx.warning("past-end", path, ("end",),
                    f"still {status.replace('_', ' ')} after its planned end {end} "
                    f"(as of {ref})",
                    "add `replanned_end` to the latest update, or close the measure"
                    if not replanned else "the re-planned end has passed too: re-plan again")
    for index, milestone in enumerate(measure.milestones):
        if milestone.done is None and milestone.due < ref.end:
            ctx.warning("milestone-overdue", path, ("milestones", index, "due"),
                        f"milestone \"{milestone.title}\" was due {milestone.due} "
                        f"and is not done (as of {ref})")
    # A measure is due to report once it has started by the end of the half (or, unscheduled,
    # once it has reported before).
    if measure.start:
        started = measure.start.first_day <= ref.end
    else:
        started = any(u.half <= ref for u in measure.updates)
    has_update = any(u.half == ref for u in measure.updates)
    if started and not has_update:
        if ctx.required_half == ref:
            ctx.error("update-missing", path, ("updates",),
                      f"no update for {ref}, which --half requires of every active measure",
                      f"add one with `dotool update {measure.id} --half {ref} …`", key=True)
        else:
            ctx.warning("update-missing", path, ("updates",),
                        f"no update for {ref}, the plan's latest reported half",
                        f"add one with `dotool update {measure.id} --half {ref} …`", key=True)
