"""`dotool export`: the plan as open data — one JSON document, CSV tables or an XLSX workbook."""

from __future__ import annotations

from pathlib import Path

#: The formats of the export, the first the default.
FORMATS = ("json", "csv", "xlsx")


def export_plan(root: Path, *, fmt: str, public: bool, lang: str | None) -> dict[str, bytes]:
    """The valid plan at `root` as open data: file name → bytes (`measures.csv`, `updates.csv`
    and `kpis.csv` for csv; one file, `masterplan.json` or `masterplan.xlsx`, otherwise).

    `public` leaves out measures with `public: false`; `lang` (default: the plan's language)
    names the workbook's headers. `contact` is never exported.
    """
    from dotool.app.loading import data_date
    from dotool.checks.run import load_valid_plan

    plan = load_valid_plan(root)
    if fmt == "csv":
        from dotool.export.plan_csv import export_tables

        return export_tables(plan, public=public)
    if fmt == "xlsx":
        from dotool.export.plan_xlsx import export_workbook

        return {"masterplan.xlsx": export_workbook(
            plan, public=public, lang=lang or plan.masterplan.language,
            data_date=data_date(root, plan))}
    if fmt != "json":
        raise ValueError(f"unknown format {fmt!r}")
    from dotool.export.plan_json import export_json

    return {"masterplan.json": export_json(plan, public=public,
                                           data_date=data_date(root, plan))}
