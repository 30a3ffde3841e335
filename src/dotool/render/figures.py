"""Which charts each document shows, built from its view (wording from the catalogues)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from dotool.i18n import Formatter, translations
from dotool.model.projection import Finances
from dotool.model.vocab import label
from dotool.palette import RAG
from dotool.render.charts import Bar, Chart, bars, label_text
from dotool.render.plan_view import PlanView
from dotool.render.report_view import ReportView


def _listing(items: list[Bar], fmt: Formatter, *, percent: bool = False) -> str:
    return "; ".join(f"{b.label}: {fmt.percent(b.value) if percent else fmt.number(b.value)}"
                     for b in items)


def report_charts(view: ReportView, lang: str, *, png: bool = False,
                  compact: bool = False) -> dict[str, Chart]:
    """Status, Ampel, progress per field and budget per field of the half's report, and its
    trends; `compact` draws them all for a phone (the site's report pages)."""
    charts = count_charts(view, lang, png=png, compact=compact)
    budget = budget_chart(view.finances, lang, spent=True, png=png, compact=compact)
    if budget is not None:
        charts["budget"] = budget
    charts.update(trend_charts(view, lang, png=png, compact=compact))
    return charts


def count_charts(view: ReportView, lang: str, *, png: bool = False,
                 compact: bool = False) -> dict[str, Chart]:
    """The half's measures by status and by Ampel, and the progress per field (the site's
    overview shows these alone: the report's trend charts are many times their cost);
    `compact` draws them for a phone (3.6 in wide: 8 pt text stays 10 px on a 390 px screen)."""
    _ = translations(lang).gettext
    fmt = Formatter(lang)
    size: dict[str, Any] = {"width": 3.6} if compact else {}  # else the page's width
    status = [Bar(label("status", c.key, lang), c.count) for c in view.by_status]
    rag = [Bar(label("rag", c.key, lang) if c.key != "none" else _("no report yet"), c.count,
               RAG[c.key]) for c in view.by_rag]
    fields = [Bar(f.field.title, f.progress) for f in view.fields if f.progress is not None]
    # A chart with nothing to show is left out (its table says "none"): a picture without
    # a text alternative is not accessible, and Typst refuses it in a PDF/UA document.
    charts = {}
    if status:
        charts["status"] = bars("status", _("Measures by status"), _listing(status, fmt),
                                status, fmt, png=png, **size)
    if rag:
        charts["rag"] = bars("rag", _("Measures by RAG status"), _listing(rag, fmt), rag, fmt,
                             png=png, **size)
    if fields:
        charts["progress"] = bars("progress", _("Progress by field of action"),
                                  _listing(fields, fmt, percent=True), fields, fmt,
                                  percent=True, png=png, **size)
    return charts


#: KPI charts beyond this many (six KPIs each) would make a report of a large plan a picture
#: book; the table lists every KPI's values in any case.
MAX_KPI_CHARTS = 8


def trend_charts(view: ReportView, lang: str, *, png: bool = False,
                 compact: bool = False) -> dict[str, Any]:
    """Progress over the last halves (overall and per field) and the KPIs' values over them
    (a list of charts of six KPIs each); none while there is only one half to show."""
    from dotool.render.templates import half_short
    from dotool.render.trendcharts import Line, Panel, PanelLegend, kpi_panels, trend

    t = view.trends
    if len(t.halves) < 2:
        return {}
    _ = translations(lang).gettext
    fmt = Formatter(lang)
    halves = [half_short(h, gettext=_) for h in t.halves]
    overall = _("Overall progress")
    lines = [Line(overall, t.progress, strong=True),
             *(Line(f.field.title, f.values) for f in t.fields)]
    desc = "; ".join(f"{line.label}: " + ", ".join(
        f"{h} {fmt.percent(v) if v is not None else '–'}" for h, v in zip(halves, line.values,
                                                                          strict=True))
        for line in lines)
    out: dict[str, Any] = {"trend": trend("trend", _("Progress over the halves"), desc, halves,
                                          lines, fmt.percent, png=png, compact=compact)}
    legend = PanelLegend(_("Value"), _("Baseline"), _("Target"), _("No values recorded yet."))
    panels = [Panel(f"{k.measure_id} {k.name}" + (f" ({k.unit})" if k.unit else ""),
                    k.values, k.baseline, k.target) for k in t.kpis]
    groups = [panels[i:i + 6] for i in range(0, min(len(panels), 6 * MAX_KPI_CHARTS), 6)]
    out["kpi_trends"] = [
        kpi_panels(f"kpis-{n}", _("Key performance indicators over the halves")
                   + (f" ({n}/{len(groups)})" if len(groups) > 1 else ""),
                   "; ".join(_kpi_text(p, halves, fmt, _) for p in group), halves, group,
                   legend, lambda v: fmt.number(v, 1), png=png, compact=compact)
        for n, group in enumerate(groups, 1)]
    return out


def _kpi_text(panel: Any, halves: list[str], fmt: Formatter, _: Any) -> str:
    """A KPI's chart in words: its values per half, baseline and target."""
    values = ", ".join(f"{h} {fmt.number(v, 1) if v is not None else '–'}"
                       for h, v in zip(halves, panel.values, strict=True))
    return (f"{panel.label}: {values} ({_('Baseline')} {fmt.number(panel.baseline, 1) or '–'}, "
            f"{_('Target')} {fmt.number(panel.target, 1) or '–'})")


def budget_chart(finances: Finances, lang: str, *, spent: bool, png: bool = False,
                 compact: bool = False) -> Chart | None:
    """Planned one-off cost per field against spend (report) or running cost (masterplan)."""
    _ = translations(lang).gettext
    fmt = Formatter(lang)
    rows = finances.fields
    if not rows:
        return None
    second = _("Spent (cumulative)") if spent else _("Running cost per year (planned)")
    items = [Bar(r.title, r.one_off, second=r.spent if spent else r.annual) for r in rows]
    first = _("One-off cost (planned)")
    desc = "; ".join(f"{b.label}: {first} {fmt.money(b.value)}, {second} {fmt.money(b.second)}"
                     for b in items)
    return bars("budget", _("Budget by field of action"), desc, items, fmt, money=True,
                series=(first, second), width=3.6 if compact else 6.3, png=png)


def plan_charts(view: PlanView, lang: str, *, png: bool = False) -> dict[str, Any]:
    """The roadmap (a list of charts: per field of action, in parts) and the budget."""
    charts: dict[str, Any] = {"roadmap": roadmap_charts(view, lang, png=png)}
    budget = budget_chart(view.finances, lang, spent=False, png=png)
    if budget is not None:
        charts["budget"] = budget
    return charts


def roadmap_charts(view: PlanView, lang: str, *, png: bool = False,
                   compact: bool = False) -> list[Chart]:
    """One Gantt chart per field of action (in parts of at most 40 measures); `compact` draws
    them for a phone (3.6 in wide, 8 pt, bars labelled by the measure's id only: the table
    beside them gives the titles)."""
    from dotool.render.timecharts import RoadmapLegend, Span, parts, roadmap

    _ = translations(lang).gettext
    fmt = Formatter(lang)
    # Named for what each mark shows, not a status: "geplant" beside the bar of a completed
    # measure read as its status.
    legend = RoadmapLegend(_("period"), _("extension (re-planned: later end)"),
                           _("originally planned end (re-planned: earlier end)"),
                           _("dropped"), _("standing task (no end)"))
    dated = [(f, m) for f in view.fields for m in f.measures
             if m.start is not None and not m.restricted]
    ends = [d for _f, m in dated for d in (m.start, m.end, m.planned_end) if d is not None]
    if not ends:
        return []
    period = (min(ends), date(max(ends).year, 12, 31))
    out: list[Chart] = []
    for field in view.fields:
        spans = [Span(m.id if compact else f"{m.id} {label_text(m.title, 42)}", m.start, m.end,
                      m.planned_end if m.planned_end != m.end else None,
                      m.status == "dropped")
                 for f, m in dated if f is field and m.start is not None]
        chunks = parts(spans) if spans else []
        for number, chunk in enumerate(chunks, 1):
            part = f" ({number}/{len(chunks)})" if len(chunks) > 1 else ""
            title = _("Roadmap: %(field)s") % {"field": field.field.title} + part
            desc = "; ".join(_span_text(s, fmt, _) for s in chunk)
            chart = roadmap(f"roadmap-{len(out) + 1}", title, desc, chunk, period, legend,
                            png=png, **({"width": 3.6, "text": 8} if compact else {}))
            out.append(replace(chart, subject=field.field.title, part=part))
    return out


def _span_text(span: Any, fmt: Formatter, _: Any) -> str:
    """A bar of the roadmap in words (the chart's text alternative)."""
    text = f"{span.label}: {fmt.date(span.start)} – {fmt.date(span.end) or _('open-ended')}"
    if span.new_end:
        text += ", " + _("re-planned to %(date)s") % {"date": fmt.date(span.new_end)}
    if span.dropped:
        text += ", " + _("dropped")
    return text
