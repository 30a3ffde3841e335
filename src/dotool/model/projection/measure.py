"""One measure as of a half: the only place that derives a measure's state from its file.

Every output (report, masterplan, site, `list`, `show`, `export`) and every date- or money-
dependent warning of `validate` reads a `MeasureState`; none of them looks at the updates
itself. The rules are written out in `docs/figures.md` (generated from `dotool.render.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from dotool.model.dates import Half, PartialDate
from dotool.model.measure import Measure, Update
from dotool.model.projection.budget import Money, money_of, spent_of
from dotool.model.projection.milestones import MilestoneRef, milestones
from dotool.model.vocab import CLOSED_STATUSES, ampel, percent


@dataclass(frozen=True)
class MeasureState:
    """A measure as of the end of `half` (None: every update counts, no half-specific lists).

    Built from the updates up to the half (`upto`) and up to the half before (`before`); each
    figure is computed when first asked for, so a check that needs three of them pays for three.
    """

    measure: Measure
    half: Half | None
    upto: tuple[Update, ...]  # the updates up to the end of the half, oldest first
    before: tuple[Update, ...]  # the updates up to the end of the half before

    @cached_property
    def update(self) -> Update | None:
        """The latest update up to the half."""
        return self.upto[-1] if self.upto else None

    @cached_property
    def previous(self) -> Update | None:
        """The latest update up to the half before."""
        return self.before[-1] if self.before else None

    @cached_property
    def status(self) -> str:
        return self.update.status if self.update else "planned"

    @cached_property
    def status_prev(self) -> str:
        return self.previous.status if self.previous else "planned"

    @cached_property
    def progress(self) -> int | None:
        """None for a standing task; 0 before the first update."""
        return _progress(self.update)

    @cached_property
    def progress_prev(self) -> int | None:
        return _progress(self.previous)

    @cached_property
    def _spend(self) -> tuple[float | None, int | None, tuple[tuple[int, float, float], ...]]:
        return spent_of(self.measure, self.half)

    @property
    def spent(self) -> float | None:
        """The latest cumulative spend reported up to the half."""
        return self._spend[0]

    @property
    def spent_at(self) -> int | None:
        """The index of the update that reported `spent`."""
        return self._spend[1]

    @property
    def spend_drops(self) -> tuple[tuple[int, float, float], ...]:
        """(update index, before, after) of every drop of cumulative spend up to the half."""
        return self._spend[2]

    @cached_property
    def kpis(self) -> dict[str, float]:
        """KPI key → the latest value reported up to the half."""
        return _kpis(self.upto)

    @cached_property
    def kpis_prev(self) -> dict[str, float]:
        return _kpis(self.before)

    @property
    def end(self) -> PartialDate | None:
        """The planned end as the plan gives it (`end`)."""
        return self.measure.end

    @cached_property
    def current_end(self) -> PartialDate | None:
        """The latest `replanned_end` up to the half, else `end`."""
        return _end(self.measure, self.upto)

    @cached_property
    def end_prev(self) -> PartialDate | None:
        """The planned end as of the half before."""
        return _end(self.measure, self.before)

    @cached_property
    def money(self) -> Money:
        """Planned costs and funding as of the half."""
        return money_of(self.measure, self.upto)

    @cached_property
    def money_prev(self) -> Money:
        return money_of(self.measure, self.before)

    @cached_property
    def _milestones(self) -> tuple[MilestoneRef, ...]:
        return milestones(self.measure)

    def _open_at_end(self, m: MilestoneRef) -> bool:
        return self.half is not None and (m.done is None or m.done > self.half.end)

    @cached_property
    def reached(self) -> tuple[MilestoneRef, ...]:
        """Milestones done within the half."""
        half = self.half
        return () if half is None else tuple(
            m for m in self._milestones
            if m.done is not None and half.start <= m.done <= half.end)

    @cached_property
    def overdue(self) -> tuple[MilestoneRef, ...]:
        """Milestones due by the end of the half and not done by then."""
        half = self.half
        return () if half is None else tuple(
            m for m in self._milestones if m.due <= half.end and self._open_at_end(m))

    @cached_property
    def due_next(self) -> tuple[MilestoneRef, ...]:
        """Milestones due in the next half and not done by the end of this one."""
        if self.half is None:
            return ()
        nxt = self.half.next()
        return tuple(m for m in self._milestones
                     if nxt.start <= m.due <= nxt.end and self._open_at_end(m))

    @cached_property
    def open_after_close(self) -> tuple[MilestoneRef, ...]:
        """Milestones not done by the end of the half, of a measure completed or dropped."""
        return tuple(m for m in self._milestones if self.closed and self._open_at_end(m))

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def rag(self) -> str | None:
        """The Ampel of the latest update; none before the first update or once dropped."""
        return ampel(self.update.status, self.update.rag) if self.update else None

    @property
    def rag_reason(self) -> str | None:
        """The reason for the Ampel, where there is an Ampel."""
        return self.update.rag_reason if self.update and self.rag else None

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


def measure_state(measure: Measure, half: Half | None) -> MeasureState:
    """The state of `measure` as of the end of `half` (None: with every update)."""
    upto = tuple(u for u in measure.updates if half is None or u.half <= half)
    before = tuple(u for u in upto if half is not None and u.half < half)
    return MeasureState(measure, half, upto, before)


def _progress(update: Update | None) -> int | None:
    if update is None:
        return 0  # not begun: nothing of it is done
    return percent(update.status, update.progress)


def _kpis(upto: tuple[Update, ...]) -> dict[str, float]:
    values: dict[str, float] = {}
    for update in upto:
        values.update(update.kpis)
    return values


def _end(measure: Measure, upto: tuple[Update, ...]) -> PartialDate | None:
    end = measure.end
    for update in upto:
        if update.replanned_end is not None:
            end = update.replanned_end
    return end
