"""One measure as of a half: the only place that derives a measure's state from its file.

Every output (report, masterplan, site, `list`, `show`, `export`) and every date- or money-
dependent warning of `validate` reads a `MeasureState`; none of them looks at the updates
itself. The rules are written out in `docs/figures.md` (generated from `dotool.render.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dotool.model.dates import Half, PartialDate
from dotool.model.measure import Measure, Milestone, Update
from dotool.model.projection.budget import Money, money_of
from dotool.model.vocab import CLOSED_STATUSES


@dataclass(frozen=True)
class MilestoneRef:
    """A milestone with its place in the measure's list (for locating findings)."""

    measure_id: str
    measure_title: str
    index: int
    milestone: Milestone

    @property
    def title(self) -> str:
        return self.milestone.title

    @property
    def due(self) -> date:
        return self.milestone.due

    @property
    def done(self) -> date | None:
        return self.milestone.done


@dataclass(frozen=True)
class MeasureState:
    """A measure as of the end of `half` (None: every update counts, no half-specific lists)."""

    measure: Measure
    half: Half | None
    update: Update | None  # the latest update up to the half
    previous: Update | None  # the latest update up to the half before
    status: str
    status_prev: str
    progress: int | None  # None: a standing task; 0 before the first update
    progress_prev: int | None
    spent: float | None  # the latest cumulative spend reported up to the half
    spent_at: int | None  # index of the update that reported it
    spend_drops: tuple[tuple[int, float, float], ...]  # (update index, before, after) up to it
    kpis: dict[str, float]  # KPI key → latest value reported up to the half
    kpis_prev: dict[str, float]
    end: PartialDate | None  # the planned end as the plan has it (`end`)
    current_end: PartialDate | None  # the latest `replanned_end` up to the half, else `end`
    end_prev: PartialDate | None  # the current end as of the half before
    money: Money
    money_prev: Money
    reached: tuple[MilestoneRef, ...]  # done within the half
    overdue: tuple[MilestoneRef, ...]  # due by the end of the half, not done by then
    due_next: tuple[MilestoneRef, ...]  # due in the next half, not done by the end of this one
    open_after_close: tuple[MilestoneRef, ...]  # not done, of a measure completed or dropped

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def rag(self) -> str | None:
        return self.update.rag if self.update else None

    @property
    def rag_reason(self) -> str | None:
        return self.update.rag_reason if self.update else None

    @property
    def reported(self) -> bool:
        """The measure has an update for exactly this half."""
        return self.update is not None and self.half is not None and self.update.half == self.half

    @property
    def closed(self) -> bool:
        """Completed or dropped as of the half."""
        return self.status in CLOSED_STATUSES

    @property
    def closed_before(self) -> bool:
        """Completed or dropped in an earlier half, with no update in this one."""
        return (self.previous is not None and self.previous.status in CLOSED_STATUSES
                and not self.reported)

    @property
    def started(self) -> bool:
        """Begun by the end of the half: its start has come, or it has reported."""
        if self.update is not None:
            return True
        start = self.measure.start
        return start is not None and self.half is not None and start.first_day <= self.half.end

    @property
    def not_started(self) -> bool:
        return not self.started

    @property
    def missing_report(self) -> bool:
        """Begun, not closed, and no update for this half ("kein Sachstand gemeldet")."""
        return self.started and not self.reported and not self.closed

    @property
    def in_average(self) -> bool:
        """Carries a percentage into progress averages: not dropped, not a standing task."""
        return self.status != "dropped" and self.progress is not None

    @property
    def progress_delta(self) -> int | None:
        if self.progress is None or self.progress_prev is None:
            return None
        return self.progress - self.progress_prev

    @property
    def completed_in_half(self) -> bool:
        return self.reported and self.status == "completed" and self.status_prev != "completed"

    @property
    def started_in_half(self) -> bool:
        return (self.reported and self.status_prev == "planned"
                and self.status in ("in_progress", "ongoing", "completed"))

    @property
    def replanned_in_half(self) -> bool:
        """The update of this half moves the planned end (repeating last half's is no move)."""
        return (self.reported and self.update is not None
                and self.update.replanned_end is not None
                and self.update.replanned_end != self.end_prev)

    @property
    def replanned_since_adoption(self) -> bool:
        """The planned end as of the half differs from the end the plan gives."""
        return self.current_end != self.end

    @property
    def past_end(self) -> bool:
        """Not closed, and the current planned end lies before the end of the half."""
        return (not self.closed and self.current_end is not None and self.half is not None
                and self.current_end.last_day < self.half.end)

    @property
    def ends_next(self) -> bool:
        """Not closed, and planned (or re-planned) to end in the next half."""
        return (not self.closed and self.current_end is not None and self.half is not None
                and self.current_end.half == self.half.next())

    @property
    def starts_next(self) -> bool:
        start = self.measure.start
        return start is not None and self.half is not None and start.half == self.half.next()

    @property
    def next_steps(self) -> str | None:
        """The next steps the update of this half names."""
        return self.update.next if self.reported and self.update else None

    @property
    def years_elapsed(self) -> float:
        """Years from the half the measure started in (or first reported) to the end of this one,
        counted in halves: the span over which annual costs may have accrued."""
        first = self.measure.start.half if self.measure.start else (
            self.measure.updates[0].half if self.measure.updates else None)
        if first is None or self.half is None or first > self.half:
            return 0.0
        halves = (self.half.year - first.year) * 2 + self.half.number - first.number + 1
        return halves / 2

    @property
    def spend_unplanned(self) -> bool:
        """Money was spent although no cost is planned."""
        return bool(self.spent) and not self.money.planned

    @property
    def spend_over_plan(self) -> bool:
        """Spend above the planned one-off cost plus the annual cost of the years elapsed."""
        return (self.spent is not None and self.money.planned
                and self.spent > self.money.ceiling(self.years_elapsed))


def milestones(measure: Measure) -> tuple[MilestoneRef, ...]:
    """Every milestone of `measure`, by due date."""
    return tuple(MilestoneRef(measure.id, measure.title, i, m)
                 for i, m in sorted(enumerate(measure.milestones), key=lambda im: im[1].due))


def measure_state(measure: Measure, half: Half | None) -> MeasureState:
    """The state of `measure` as of the end of `half` (None: with every update)."""
    upto = [u for u in measure.updates if half is None or u.half <= half]
    before = [u for u in upto if half is not None and u.half < half]
    update = upto[-1] if upto else None
    previous = before[-1] if before else None
    spent, spent_at, drops = _spent(measure, half)
    refs = milestones(measure)
    status = update.status if update else "planned"
    lists: tuple[tuple[MilestoneRef, ...], ...] = ((), (), (), ())
    if half is not None:
        nxt = half.next()

        def open_at_end(m: MilestoneRef) -> bool:
            return m.done is None or m.done > half.end

        lists = (
            tuple(m for m in refs if m.done is not None and half.start <= m.done <= half.end),
            tuple(m for m in refs if m.due <= half.end and open_at_end(m)),
            tuple(m for m in refs if nxt.start <= m.due <= nxt.end and open_at_end(m)),
            tuple(m for m in refs if status in CLOSED_STATUSES and open_at_end(m)),
        )
    return MeasureState(
        measure=measure, half=half, update=update, previous=previous,
        status=status, status_prev=previous.status if previous else "planned",
        progress=_progress(update), progress_prev=_progress(previous),
        spent=spent, spent_at=spent_at, spend_drops=drops,
        kpis=_kpis(upto), kpis_prev=_kpis(before),
        end=measure.end, current_end=_end(measure, upto), end_prev=_end(measure, before),
        money=money_of(measure, upto), money_prev=money_of(measure, before),
        reached=lists[0], overdue=lists[1], due_next=lists[2], open_after_close=lists[3],
    )


def _progress(update: Update | None) -> int | None:
    if update is None:
        return 0  # not begun: nothing of it is done
    return None if update.status == "ongoing" else update.progress


def _spent(measure: Measure, half: Half | None
           ) -> tuple[float | None, int | None, tuple[tuple[int, float, float], ...]]:
    """The latest cumulative spend up to `half`, its update, and every drop on the way."""
    spent: float | None = None
    at: int | None = None
    drops = []
    for index, update in enumerate(measure.updates):
        if (half is None or update.half <= half) and update.spent is not None:
            if spent is not None and update.spent < spent:
                drops.append((index, spent, update.spent))
            spent, at = update.spent, index
    return spent, at, tuple(drops)


def _kpis(upto: list[Update]) -> dict[str, float]:
    values: dict[str, float] = {}
    for update in upto:
        values.update(update.kpis)
    return values


def _end(measure: Measure, upto: list[Update]) -> PartialDate | None:
    end = measure.end
    for update in upto:
        if update.replanned_end is not None:
            end = update.replanned_end
    return end
