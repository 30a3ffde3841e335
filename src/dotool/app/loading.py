"""A valid plan loaded for rendering, with its date of the data (the one place it is decided)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

if TYPE_CHECKING:
    from dotool.model.adoption import Adoption
    from dotool.model.dates import Half
    from dotool.model.plan import Plan

#: The date a document carries when nothing else dates its data (no git, no update, no
#: adoption): fixed, never the clock, so the same files always render the same bytes.
UNDATED = date(2000, 1, 1)


@overload
def data_date(root: Path, plan: Plan, *, half: Half | None = ..., commit: str | None = ...,
              document: Literal[True]) -> date: ...


@overload
def data_date(root: Path, plan: Plan, *, half: Half | None = ..., commit: str | None = ...,
              document: bool = ...) -> date | None: ...


def data_date(root: Path, plan: Plan, *, half: Half | None = None, commit: str | None = None,
              document: bool = False) -> date | None:
    """The date of the data, never the clock.

    The day of the latest commit touching the plan (looking back from `commit`, a verified
    commit id, else from HEAD); without one, the end of `half` when a report on it is made,
    else the end of the latest reported half. A `document` (the masterplan) must carry a date:
    then the latest adoption's, else `UNDATED`. Otherwise None when nothing tells (the open
    data and the site then say no date).
    """
    from dotool.store.git import Git

    with Git(root) as git:
        found = git.last_data_date(commit)
    if found:
        return date.fromisoformat(found)
    if half is None:
        half = plan.latest_reported_half()
    if half is not None:
        return half.end
    if not document:
        return None
    return max((a.date for a in plan.adoptions), default=UNDATED)


@dataclass(frozen=True)
class LoadedPlan:
    """A valid plan, the date of its data and, at a git ref, the adoption recorded for it."""

    plan: Plan
    data_date: date
    adoption: Adoption | None = None


def load_for_rendering(root: Path, *, at: str | None = None) -> LoadedPlan:
    """The valid plan of the working tree, or as it stood at git ref `at`, dated for a document
    (exit 1 when it is invalid, 2 for a ref that does not exist)."""
    if at is None:
        from dotool.checks.run import load_valid_plan

        plan = load_valid_plan(root)
        return LoadedPlan(plan, data_date(root, plan, document=True))
    from dotool.app.past import snapshot

    state = snapshot(root, at)
    return LoadedPlan(state.plan, data_date(root, state.plan, commit=state.commit,
                                            document=True), state.adoption)
