"""The council paper a half's report is, as plain data for the report view.

(The milestones, finances and KPIs of a half that lived here are figures, computed by
`dotool.model.projection`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dotool.model.vorlage import Vorlage


@dataclass(frozen=True)
class PaperView:
    """The council paper the report is (`masterplan/reports/<half>.yaml`, with defaults)."""

    given: bool  # the file exists
    number: str | None  # Vorlagen-Nr.
    session: date | None
    body: str  # the body the report goes to (default: the plan's committee)
    beratungsfolge: tuple[str, ...]
    proposal: str | None  # Markdown; None: the body takes note (the templates word it)
    introduction: str | None
    conclusion: str | None
    financial_effects: str | None
    signature: str | None


def paper_of(vorlage: Vorlage | None, committee: str) -> PaperView:
    """The paper of a half's report; without a file, one that goes to the committee."""
    v = vorlage or Vorlage()
    return PaperView(vorlage is not None, v.vorlage, v.session, v.body or committee,
                     tuple(v.beratungsfolge), v.proposal, v.introduction, v.conclusion,
                     v.financial_effects, v.signature)
