"""Pieces of the views that both documents share: plan header, fields, measure profile rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dotool.model.adoption import Adoption
from dotool.model.measure import Measure
from dotool.model.plan import Plan


@dataclass(frozen=True)
class AdoptionView:
    """The council decision a document rests on."""

    version: str
    date: date
    body: str | None
    resolution: str


@dataclass(frozen=True)
class PlanHeader:
    """What every document says about the plan itself (never a person's name)."""

    municipality: str
    title: str
    committee: str
    owner: str | None
    sample: bool
    vision: str | None
    situation: str | None
    governance: str | None


@dataclass(frozen=True)
class FieldRef:
    key: str
    title: str
    description: str | None


def header_of(plan: Plan) -> PlanHeader:
    """The plan's header fields."""
    mp = plan.masterplan
    return PlanHeader(
        municipality=mp.municipality, title=mp.title, committee=mp.committee, owner=mp.owner,
        sample=mp.sample, vision=mp.vision, situation=mp.situation, governance=mp.governance,
    )


def adoption_view(adoption: Adoption | None) -> AdoptionView | None:
    """The adoption as plain data (None when the plan has not been adopted yet)."""
    if adoption is None:
        return None
    return AdoptionView(adoption.version, adoption.date, adoption.body, adoption.resolution)


def fields_of(plan: Plan) -> tuple[FieldRef, ...]:
    """The fields of action in the order the plan lists them."""
    return tuple(FieldRef(f.key, f.title, f.description) for f in plan.masterplan.fields)


def field_title(plan: Plan, key: str) -> str:
    return plan.masterplan.field_title(key)


def restricted(measure: Measure, internal: bool) -> bool:
    """A non-public measure is shown by its title only unless the output is internal."""
    return not measure.public and not internal


def mean(values: list[int]) -> float | None:
    """The arithmetic mean, None for no values (an empty field has no progress)."""
    return sum(values) / len(values) if values else None
