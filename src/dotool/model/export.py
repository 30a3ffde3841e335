"""The open-data export (`dotool export --format json`) as models: its JSON Schema comes from here.

An exported measure is the measure file as written, without `contact`, plus `derived`: the
values a reader would otherwise have to compute from the updates and adoptions (SPEC §2).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from dotool.model.adoption import Adoption, latest
from dotool.model.base import Day, Euro, Markdown, StrictModel, described
from dotool.model.dates import Half, PartialDate
from dotool.model.masterplan import Masterplan
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.model.vocab import Rag, Status

FORMAT_VERSION = 1


class Derived(StrictModel):
    """The current state of a measure, derived from its updates and the adoptions."""

    half: Half | None = described("Halbjahr des letzten Sachstands (null: noch keiner).",
                                  "2021-H2")
    status: Status = described("Aktueller Status (ohne Sachstand: planned).", "in_progress")
    rag: Rag | None = described("Aktuelle Ampel (null: noch kein Sachstand).", "green")
    rag_reason: Markdown | None = described("Begründung der Ampel.", None)
    progress: int | None = described("Aktueller Fortschritt in Prozent (0 ohne Sachstand, null "
                                     "bei Daueraufgaben).", 40)
    spent: Euro | None = described("Zuletzt gemeldete kumulierte Ausgaben in Euro.", 12000)
    planned_end: PartialDate | None = described(
        "Geplantes Ende, einschließlich einer Neuplanung (replanned_end).", "2021-09")
    replanned: bool = described("Das Ende wurde in einem Sachstand neu geplant.", False)
    plan: Literal["masterplan", "further"] = described(
        "masterplan: Maßnahme des zuletzt beschlossenen Plans; further: weitere Initiative.",
        "masterplan")
    adopted_in: str | None = described(
        "Version des letzten Beschlusses, der die Maßnahme enthält.", "1.0")


class ExportMeasure(Measure):
    """A measure as exported: every field of the file except `contact`, plus `derived`."""

    # Never exported: excluded from the dump and absent from the schema, whose
    # `additionalProperties: false` then forbids it.
    contact: SkipJsonSchema[str | None] = Field(default=None, exclude=True)
    derived: Derived = described("Abgeleitete Werte (aktueller Stand).")


class ExportDocument(StrictModel):
    """The whole plan as one JSON document (open data)."""

    format_version: Literal[1] = described("Version dieses Formats.", 1)
    public: bool = described("true: nur öffentliche Maßnahmen (export --public).", True)
    data_as_of: Day | None = described(
        "Stand der Daten: letzter Commit an masterplan/ oder measures/, sonst Ende des letzten "
        "berichteten Halbjahrs; null, wenn beides fehlt.", "2022-01-15")
    latest_half: Half | None = described("Letztes Halbjahr mit einem Sachstand.", "2021-H2")
    masterplan: Masterplan = described("Der Plan: Kommune, Vision, Ziele, Handlungsfelder.")
    adoptions: list[Adoption] = described("Beschlüsse, ältester zuerst.")
    measures: list[ExportMeasure] = described("Alle Maßnahmen, nach ID sortiert.")


def derive(plan: Plan, measure: Measure) -> Derived:
    """The current state of `measure` (its latest update) and its place in the adopted plan."""
    state = measure.state_as_of(None)
    in_force = plan.latest_adoption()
    # With no adoption yet every measure counts as a masterplan measure, as in the report.
    in_plan = in_force is None or measure.id in in_force.measures
    adopted = latest(a for a in plan.adoptions if measure.id in a.measures)
    return Derived(
        half=state.half if state else None,
        status=measure.status_as_of(None),
        rag=state.rag if state else None,
        rag_reason=state.rag_reason if state else None,
        progress=measure.progress_as_of(None),
        spent=measure.spent_as_of(None),
        planned_end=measure.planned_end(None),
        replanned=any(u.replanned_end is not None for u in measure.updates),
        plan="masterplan" if in_plan else "further",
        adopted_in=adopted.version if adopted else None,
    )
