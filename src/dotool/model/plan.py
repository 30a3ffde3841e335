"""The whole plan, as loaded and validated: masterplan, measures and adoptions."""

from __future__ import annotations

from dataclasses import dataclass, field

from dotool.model.adoption import Adoption, latest
from dotool.model.dates import Half
from dotool.model.masterplan import Masterplan
from dotool.model.measure import Measure
from dotool.model.vorlage import Vorlage


@dataclass(frozen=True)
class Plan:
    """A valid plan. `paths` maps each measure id to its file (repository-relative);
    `vorlagen` holds the council paper of each half's report that has one."""

    masterplan: Masterplan
    measures: tuple[Measure, ...]
    adoptions: tuple[Adoption, ...] = ()
    paths: dict[str, str] = field(default_factory=dict)
    vorlagen: dict[Half, Vorlage] = field(default_factory=dict)

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def latest_reported_half(self) -> Half | None:
        """The latest half any measure has an update for."""
        halves = [u.half for m in self.measures for u in m.updates]
        return max(halves) if halves else None

    def adoption_in_force(self, half: Half) -> Adoption | None:
        """The latest adoption dated on or before the end of `half`."""
        return latest(a for a in self.adoptions if a.date <= half.end)

    def vorlage(self, half: Half) -> Vorlage | None:
        """The council paper of the report for `half` (`masterplan/reports/<half>.yaml`)."""
        return self.vorlagen.get(half)

    def latest_adoption(self) -> Adoption | None:
        """The adoption in force today: the latest one recorded."""
        return latest(self.adoptions)
