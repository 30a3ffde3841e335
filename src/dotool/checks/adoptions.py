"""Rules for the records of council decisions (`masterplan/adoptions/<version>.yaml`)."""

from __future__ import annotations

from dotool.checks.context import Context
from dotool.i18n.terminal import t


def check_adoptions(ctx: Context) -> None:
    """No adoption is dated after the day of the check (as no milestone is done then)."""
    for path, adoption in ctx.loaded.adoptions:
        if adoption.date > ctx.today:
            ctx.report("adoption-in-future", path, ("date",),
                       t("adopted on {day}, which is in the future", day=adoption.date),
                       t("record the adoption once the council has decided"))
