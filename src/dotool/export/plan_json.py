"""The plan with its derived states as an `ExportDocument`, and its deterministic JSON text."""

from __future__ import annotations

from datetime import date

from dotool.model.export import ExportDocument, ExportMeasure, derive, figures_of
from dotool.model.plan import Plan
from dotool.model.projection import current_figures
from dotool.model.public import public_plan, without_contact
from dotool.text import dumps


def prepare(plan: Plan, *, public: bool) -> Plan:
    """The plan an export shows: never a `contact`; with `public`, only public measures."""
    return public_plan(plan) if public else without_contact(plan)


def build_export(plan: Plan, *, public: bool, data_date: date | None) -> ExportDocument:
    """The export document of `plan` (already passed through `prepare`)."""
    figures = current_figures(plan)
    measures = [
        # The measure is valid already: construct without validating it a second time.
        ExportMeasure.model_construct(**dict(m), derived=derive(figures, plan, m))
        for m in sorted(plan.measures, key=lambda m: m.id)
    ]
    return ExportDocument(
        format_version=2, public=public, data_as_of=data_date,
        latest_half=plan.latest_reported_half(), figures=figures_of(figures),
        masterplan=plan.masterplan, adoptions=list(plan.adoptions), measures=measures,
    )


def export_json(plan: Plan, *, public: bool, data_date: date | None) -> bytes:
    """The JSON text: UTF-8, two-space indent, keys in model order, one newline at the end."""
    document = build_export(prepare(plan, public=public), public=public, data_date=data_date)
    data = document.model_dump(mode="json")
    return (dumps(data) + "\n").encode("utf-8")  # control characters escaped (`dumps`)
