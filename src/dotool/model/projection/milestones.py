"""A measure's milestones, each with its place in the file (findings point at it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dotool.model.measure import Measure, Milestone


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


def milestones(measure: Measure) -> tuple[MilestoneRef, ...]:
    """Every milestone of `measure`, by due date."""
    return tuple(MilestoneRef(measure.id, measure.title, i, m)
                 for i, m in sorted(enumerate(measure.milestones), key=lambda im: im[1].due))
