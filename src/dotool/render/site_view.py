"""The view of the public website (`dotool site`): overview, fields, measures, reports.

The plan given here must already be the public plan (`dotool.model.public.public_plan`): the
site never learns that a non-public measure exists, and its figures count public measures only.
"Current" is the plan's latest reported half: every state, count and progress figure is that
half's, from the projection (`dotool.model.projection.current_figures`) — the values `dotool
export --public` writes and the site's own report of that half shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dotool.model.dates import Half
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.model.projection import MeasureState, Money, PlanFigures, current_figures
from dotool.model.projection import reported_halves as halves_reported
from dotool.model.vocab import KEYS, ampel, percent
from dotool.render.plan_view import Profile, profile
from dotool.render.report_view import ReportView, build_report_view
from dotool.render.site_trends import HistoryRow, KpiNow, kpis_now, measure_history
from dotool.render.view_parts import FieldRef, PlanHeader, fields_of, header_of
from dotool.text import dumps


@dataclass(frozen=True)
class MeasureRow:
    """One measure in the lists, the filters and the search index."""

    id: str
    title: str
    url: str  # relative to the site root
    field: str
    field_title: str
    scope: str
    status: str
    rag: str | None
    progress: int | None
    start: date | None
    planned_end: date | None  # as of the latest half (re-planned where it was)
    replanned: bool  # re-planned since adoption
    in_plan: bool
    adopted: bool  # an adoption is in force (else every measure is a masterplan measure)
    in_average: bool  # counts in the progress of its field and overall


@dataclass(frozen=True)
class UpdateView:
    """One half-yearly update of a measure, for its history."""

    half: Half
    status: str
    rag: str | None  # none once dropped
    rag_reason: str | None
    progress: int | None
    text: str
    next: str | None
    replanned_end: date | None
    funding_status: str | None  # the funding's new state recorded this half
    one_off: float | None  # a revised Ansatz recorded this half
    annual: float | None


@dataclass(frozen=True)
class MeasurePage:
    row: MeasureRow
    profile: Profile
    updates: tuple[UpdateView, ...]  # newest first
    kpis: tuple[KpiNow, ...]  # each KPI with its value as of the latest half
    money: Money  # the Ansatz as of the latest half
    spent: float | None  # cumulative spend as of the latest half
    history: tuple[HistoryRow, ...]  # the measure as of each half, oldest first

    @property
    def history_csv(self) -> str:
        """The history as CSV, beside the page."""
        return f"measures/{self.row.id}-history.csv"


@dataclass(frozen=True)
class FieldPage:
    field: FieldRef
    url: str
    measures: tuple[MeasureRow, ...]  # every public measure of the field
    count: int  # masterplan measures of the field in the latest report
    counted: int  # of which in the progress average
    progress: float | None  # the field's progress in the latest report


@dataclass(frozen=True)
class SiteView:
    """Everything the site shows."""

    header: PlanHeader
    data_date: date | None  # the date of the data; None when neither git nor an update tells
    report: ReportView | None  # the latest half's report, for the dashboard
    halves: tuple[Half, ...]  # every half with a report page, newest first
    earlier: int  # reported halves before those (past `MAX_REPORT_PAGES`), without a page
    fields: tuple[FieldPage, ...]
    measures: tuple[MeasureRow, ...]
    pages: tuple[MeasurePage, ...]
    statuses: tuple[str, ...]  # the statuses and Ampel values that occur, for the filters
    rags: tuple[str, ...]
    scopes: tuple[str, ...]


def measure_url(measure_id: str) -> str:
    return f"measures/{measure_id}.html"


def field_url(key: str) -> str:
    return f"fields/{key}.html"


def report_url(half: Half) -> str:
    return f"reports/{half}.html"


def row_of(plan: Plan, figures: PlanFigures, state: MeasureState) -> MeasureRow:
    """The state of a measure as of the figures' half, as one row."""
    measure = state.measure
    return MeasureRow(
        id=measure.id, title=measure.title, url=measure_url(measure.id), field=measure.field,
        field_title=plan.masterplan.field_title(measure.field), scope=measure.scope,
        status=state.status, rag=state.rag, progress=state.progress,
        start=measure.start.first_day if measure.start else None,
        planned_end=state.current_end.last_day if state.current_end else None,
        replanned=state.replanned_since_adoption, in_plan=figures.in_plan(state),
        adopted=figures.adoption is not None,
        in_average=figures.in_average(state),
    )


def _updates(measure: Measure) -> tuple[UpdateView, ...]:
    return tuple(
        UpdateView(u.half, u.status, ampel(u.status, u.rag),
                   u.rag_reason if ampel(u.status, u.rag) else None,
                   percent(u.status, u.progress), u.text, u.next,
                   u.replanned_end.last_day if u.replanned_end else None, u.funding_status,
                   u.budget.one_off if u.budget else None,
                   u.budget.annual if u.budget else None)
        for u in reversed(measure.updates)
    )


#: The site has a report page for at most this many halves, the latest: ten years. Each page is
#: a whole report with its charts and trends; updates from 1900 on would otherwise make 600.
MAX_REPORT_PAGES = 20


def reported_halves(plan: Plan) -> tuple[Half, ...]:
    """Every half from the first with an update to the latest, newest first (no gaps)."""
    return tuple(reversed(halves_reported(plan)))


def build_site_view(plan: Plan, *, data_date: date | None) -> SiteView:
    """The view of the whole site; `plan` is the public plan."""
    figures = current_figures(plan)
    rows = [row_of(plan, figures, s) for s in figures.states]
    latest = figures.half
    halves = reported_halves(plan)
    report = build_report_view(plan, latest, data_date=data_date or latest.end) if latest else None
    fields = tuple(
        FieldPage(ref, field_url(ref.key), tuple(r for r in rows if r.field == ref.key),
                  len(f.measures), len(f.counted), f.progress)
        for ref, f in zip(fields_of(plan), figures.fields, strict=True)
    )
    # Figures over time for the halves that have report pages (oldest first).
    series = halves_reported(plan)[-MAX_REPORT_PAGES:]
    pages = tuple(MeasurePage(r, profile(plan, s, internal=False), _updates(s.measure),
                              kpis_now(s), s.money, s.spent, measure_history(s.measure, series))
                  for r, s in zip(rows, figures.states, strict=True))
    return SiteView(
        header=header_of(plan), data_date=data_date, report=report,
        halves=halves[:MAX_REPORT_PAGES], earlier=max(0, len(halves) - MAX_REPORT_PAGES),
        fields=fields, measures=tuple(rows), pages=pages,
        statuses=tuple(k for k in KEYS["status"] if any(r.status == k for r in rows)),
        rags=tuple(k for k in KEYS["rag"] if any(r.rag == k for r in rows)),
        scopes=tuple(k for k in KEYS["scope"] if any(r.scope == k for r in rows)),
    )


def search_index(plan: Plan) -> str:
    """The full text of every measure by id, as JSON, for the search in the browser.

    Only public text fields (the plan is the public plan; `contact` is not a text field here).
    """
    entries: dict[str, str] = {}
    for m in plan.measures:
        parts = [m.id, m.title, m.ref or "", m.summary, m.objective or "", m.lead,
                 *m.participants, *(k.name for k in m.kpis), *(ms.title for ms in m.milestones)]
        for u in m.updates:
            parts += [u.text, u.next or "", u.rag_reason or ""]
        entries[m.id] = " ".join(" ".join(p.split()) for p in parts if p)
    return dumps(entries, indent=None, sort_keys=True, separators=(",", ":"))
