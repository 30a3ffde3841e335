"""The projection: a measure's state and the plan's figures as of a half, and their series.

The one place every figure is defined (`docs/figures.md` lists each with its rule). Outputs and
warnings read these objects and compute nothing themselves:

* `measure_state(measure, half)` → `MeasureState`: status, Ampel, progress, spend, KPI values,
  planned and current end, money and funding, milestones reached / overdue / due next;
* `plan_figures(plan, half)` → `PlanFigures`: counts by status and Ampel, overall and per-field
  progress, completed / started / re-planned in the half, overdue milestones, the outlook;
* `finances(plan, states)` → money by field and funding by status;
* `progress_series`, `kpi_series` → the same figures for every reported half, for trends.
"""

from dotool.model.projection.budget import Money, money_of
from dotool.model.projection.measure import MeasureState, measure_state
from dotool.model.projection.milestones import MilestoneRef, milestones
from dotool.model.projection.money import FieldMoney, Finances, FundingRow, finances
from dotool.model.projection.plan import (
    Count,
    FieldFigures,
    PlanFigures,
    current_figures,
    plan_figures,
)
from dotool.model.projection.series import (
    KpiFigure,
    KpiPoint,
    KpiSeries,
    ProgressPoint,
    attainment,
    kpi_figures,
    kpi_series,
    progress_point,
    progress_series,
    reported_halves,
)

__all__ = [
    "Count", "FieldFigures", "FieldMoney", "Finances", "FundingRow", "KpiFigure", "KpiPoint",
    "KpiSeries", "MeasureState", "MilestoneRef", "Money", "PlanFigures", "ProgressPoint",
    "attainment", "current_figures", "finances", "kpi_figures", "kpi_series", "measure_state",
    "milestones", "money_of", "plan_figures", "progress_point", "progress_series",
    "reported_halves",
]
