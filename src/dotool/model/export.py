"""The open-data export (`dotool export --format json`) as models: its JSON Schema comes from here.

An exported measure is the measure file as written, without `contact`, plus `derived`: the
values a reader would otherwise have to compute from the updates and adoptions, as
of the plan's latest reported half. `figures` are the plan's figures for that half. Both come
from `dotool.model.projection`, the rules every output shares (docs/figures.md).
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
from dotool.model.projection import PlanFigures
from dotool.model.vocab import FundingStatus, Rag, Status

FORMAT_VERSION = 2


class DerivedMoney(StrictModel):
    """Planned costs and funding as of the latest reported half (revisions in updates applied)."""

    one_off: Euro | None = described("Einmalige Kosten (Ansatz) zum Stand.", 30000)
    annual: Euro | None = described("Laufende Kosten pro Jahr (Ansatz) zum Stand.", 3000)
    note: str | None = described("Anmerkung zum Ansatz zum Stand.", None)
    funding_status: FundingStatus | None = described(
        "Stand der Förderung zum Stand (null: keine Förderung).", "approved")


class Derived(StrictModel):
    """The state of a measure as of the latest reported half (`figures.half`), derived by the
    same rules as the report of that half (docs/figures.md)."""

    half: Half | None = described("Halbjahr des letzten Sachstands (null: noch keiner).",
                                  "2021-H2")
    status: Status = described("Status zum Stand (ohne Sachstand: planned).", "in_progress")
    rag: Rag | None = described(
        "Ampel zum Stand (null: noch kein Sachstand, oder entfallen).", "green")
    rag_reason: Markdown | None = described("Begründung der Ampel (null ohne Ampel).", None)
    progress: int | None = described("Fortschritt in Prozent (0 ohne Sachstand, null bei "
                                     "Daueraufgaben und entfallenen Maßnahmen).", 40)
    counts_in_progress: bool = described(
        "Zählt im Gesamtfortschritt: Maßnahme des Masterplans, weder entfallen noch "
        "Daueraufgabe.", True)
    spent: Euro | None = described("Zuletzt gemeldete kumulierte Ausgaben in Euro.", 12000)
    planned_end: PartialDate | None = described(
        "Geplantes Ende zum Stand, einschließlich einer Neuplanung (replanned_end).", "2021-09")
    replanned_in_half: bool = described(
        "Das Ende wurde im Sachstand des letzten berichteten Halbjahrs neu geplant.", False)
    replanned_since_adoption: bool = described(
        "Das geplante Ende zum Stand weicht vom Ende im Plan (end) ab.", False)
    money: DerivedMoney = described("Ansatz und Förderung zum Stand.")
    milestones_overdue: int = described(
        "Meilensteine, die bis zum Ende des Halbjahrs fällig und bis dahin nicht erreicht "
        "waren.", 0)
    plan: Literal["masterplan", "further"] = described(
        "masterplan: Maßnahme des für das Halbjahr geltenden Beschlusses; further: weitere "
        "Initiative.", "masterplan")
    adopted_in: str | None = described(
        "Version des letzten Beschlusses, der die Maßnahme enthält.", "1.0")


class FieldFigure(StrictModel):
    """Progress of one field of action."""

    key: str = described("Schlüssel des Handlungsfelds.", "buergerservice")
    measures: int = described("Maßnahmen des Masterplans in diesem Feld.", 4)
    counted: int = described("Davon im Fortschrittsmittel.", 3)
    progress: float | None = described("Mittlerer Fortschritt in Prozent.", 45.0)


class Figures(StrictModel):
    """The plan's figures as of the latest reported half — those of its report."""

    half: Half | None = described("Das Halbjahr, für das die Zahlen gelten.", "2021-H2")
    measures: int = described("Maßnahmen im Bericht (Masterplan und begonnene weitere "
                              "Initiativen).", 25)
    masterplan_measures: int = described("Davon Maßnahmen des Masterplans.", 16)
    further_initiatives: int = described("Davon weitere Initiativen.", 9)
    by_status: dict[Status, int] = described("Maßnahmen nach Status.", {"in_progress": 12})
    by_rag: dict[Literal["green", "amber", "red", "none"], int] = described(
        "Maßnahmen nach Ampel (none: noch kein Sachstand).", {"green": 10})
    progress: float | None = described("Gesamtfortschritt des Masterplans in Prozent.", 48.5)
    fields: list[FieldFigure] = described("Fortschritt nach Handlungsfeldern.")
    completed_in_half: list[str] = described("Im Halbjahr abgeschlossen (IDs).", ["M-004"])
    started_in_half: list[str] = described("Im Halbjahr begonnen (IDs).", ["M-013"])
    replanned_in_half: list[str] = described("Im Halbjahr neu geplant (IDs).", ["M-005"])
    milestones_overdue: int = described("Überfällige Meilensteine.", 2)


class ExportMeasure(Measure):
    """A measure as exported: every field of the file except `contact`, plus `derived`."""

    # Never exported: excluded from the dump and absent from the schema, whose
    # `additionalProperties: false` then forbids it.
    contact: SkipJsonSchema[str | None] = Field(default=None, exclude=True)
    derived: Derived = described("Abgeleitete Werte zum Stand des letzten Halbjahrs.")


class ExportDocument(StrictModel):
    """The whole plan as one JSON document (open data)."""

    format_version: Literal[2] = described("Version dieses Formats.", 2)
    public: bool = described("true: nur öffentliche Maßnahmen (export --public).", True)
    data_as_of: Day | None = described(
        "Stand der Daten: letzter Commit an masterplan/ oder measures/, sonst Ende des letzten "
        "berichteten Halbjahrs; null, wenn beides fehlt.", "2022-01-15")
    latest_half: Half | None = described("Letztes Halbjahr mit einem Sachstand.", "2021-H2")
    figures: Figures = described("Die Zahlen des Plans zum letzten berichteten Halbjahr.")
    masterplan: Masterplan = described("Der Plan: Kommune, Vision, Ziele, Handlungsfelder.")
    adoptions: list[Adoption] = described("Beschlüsse, ältester zuerst.")
    measures: list[ExportMeasure] = described("Alle Maßnahmen, nach ID sortiert.")


def figures_of(figures: PlanFigures) -> Figures:
    """The plan's figures as exported."""
    return Figures(
        half=figures.half, measures=figures.total, masterplan_measures=figures.plan_count,
        further_initiatives=figures.further_count,
        by_status={c.key: c.count for c in figures.by_status},  # type: ignore[misc]
        by_rag={c.key: c.count for c in figures.by_rag},  # type: ignore[misc]
        progress=figures.progress,
        fields=[FieldFigure(key=f.key, measures=len(f.measures), counted=len(f.counted),
                            progress=f.progress) for f in figures.fields],
        completed_in_half=[s.id for s in figures.completed],
        started_in_half=[s.id for s in figures.started],
        replanned_in_half=[s.id for s in figures.replanned],
        milestones_overdue=len(figures.overdue),
    )


def derive(figures: PlanFigures, plan: Plan, measure: Measure) -> Derived:
    """The state of `measure` as of the figures' half and its place in the adopted plan."""
    state = figures.state(measure.id)
    adopted = latest(a for a in plan.adoptions if measure.id in a.measures)
    money = state.money
    return Derived(
        half=state.update.half if state.update else None,
        status=state.status,  # type: ignore[arg-type]
        rag=state.rag,  # type: ignore[arg-type]
        rag_reason=state.rag_reason,
        progress=state.progress,
        counts_in_progress=figures.in_average(state),
        spent=state.spent,
        planned_end=state.current_end,
        replanned_in_half=state.replanned_in_half,
        replanned_since_adoption=state.replanned_since_adoption,
        money=DerivedMoney(one_off=money.one_off, annual=money.annual, note=money.note,
                           funding_status=money.funding_status),  # type: ignore[arg-type]
        milestones_overdue=len(state.overdue),
        plan="masterplan" if figures.in_plan(state) else "further",
        adopted_in=adopted.version if adopted else None,
    )
