"""One adopted version of the plan: `masterplan/adoptions/<version>.yaml`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import StringConstraints

from dotool.i18n.terminal import t
from dotool.model.base import Day, Expects, StrictModel, Text, described
from dotool.model.patterns import VERSION_PATTERN

Version = Annotated[str, StringConstraints(pattern=rf"^{VERSION_PATTERN}$"),
                    Expects(t("a version number: digits, parts separated by dots"), "1.0")]
#: The most measures an adoption lists (far more than a plan has).
MAX_ADOPTED = 10_000


class Adoption(StrictModel):
    """A council decision adopting a version of the plan."""

    version: Version = described("Versionsnummer des beschlossenen Plans.", "1.0")
    date: Day = described("Datum des Beschlusses (JJJJ-MM-TT).", "2020-09-24")
    body: str | None = described("Beschließendes Gremium.", "Rat der Stadt Winsen (Luhe)",
                                 default=None)
    resolution: Text = described("Drucksache / Beschlussvorlage.", "BV/0123/2020")
    measures: list[str] = described("IDs der Maßnahmen des beschlossenen Plans.",
                                    ["M-001", "M-002"], max_length=MAX_ADOPTED)
    commit: str | None = described("Der beschlossene Git-Commit (wenn im Git).", "3f2c9a1",
                                   default=None)
    tag: str | None = described("Das von `dotool adopt` erzeugte Git-Tag.", "masterplan-1.0",
                                default=None)


def latest(adoptions: Iterable[Adoption]) -> Adoption | None:
    """The latest of `adoptions` (by date, then version), None for none."""
    return max(adoptions, key=lambda a: (a.date, a.version), default=None)
