"""Which charts each document shows, built from its view (wording from the catalogues)."""

from __future__ import annotations

from datetime import date

from dotool.i18n import Formatter, translations
from dotool.model.vocab import label
from dotool.render.charts import RAG_COLOURS, Bar, Chart, Span, bars, roadmap
from dotool.render.plan_view import PlanView
from dotool.render.report_parts import FinanceView
from dotool.render.report_view import ReportView


def _listing(items: list[Bar], fmt: Formatter, *, percent: bool = False) -> str:
    return "; ".join(f"{b.label}: {fmt.percent(b.value) if percent else fmt.number(b.value)}"
                     for b in items)


def report_charts(view: ReportView, lang: str) -> dict[str, Chart]:
    """Status, Ampel, progress per field and budget per field of the half's report."""
    _ = translations(lang).gettext
    fmt = Formatter(lang)
    status = [Bar(label("status", c.key, lang), c.count) for c in view.by_status]
    rag = [Bar(label("rag", c.key, lang) if c.key != "none" else _("no report yet"), c.count,
               RAG_COLOURS[c.key]) for c in view.by_rag]
    fields = [Bar(f.field.title, f.progress) for f in view.fields if f.progress is not None]
    charts = {
        "status": bars("status", _("Measures by status"),
                       _listing(status, fmt), status, fmt),
        "rag": bars("rag", _("Measures by RAG status"), _listing(rag, fmt), rag, fmt),
        "progress": bars("progress", _("Progress by field of action"),
                         _listing(fields, fmt, percent=True), fields, fmt, percent=True),
    }
    budget = budget_chart(view.finances, lang, spent=True)
    if budget is not None:
        charts["budget"] = budget
    return charts


def budget_chart(finances: FinanceView, lang: str, *, spent: bool) -> Chart | None:
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
                series=(first, second), width=6.3)


def plan_charts(view: PlanView, lang: str) -> dict[str, Chart]:
    """The roadmap and the budget of the masterplan document."""
    _ = translations(lang).gettext
    fmt = Formatter(lang)
    spans = [Span(f"{m.id} {_short(m.title)}", f.field.title, m.start, m.end)
             for f in view.fields for m in f.measures
             if m.start is not None and not m.restricted]
    charts: dict[str, Chart] = {}
    if spans:
        ends = [s.end for s in spans if s.end is not None] + [s.start for s in spans]
        horizon = date(max(ends).year, 12, 31)
        open_end = _("open-ended")
        desc = "; ".join(f"{s.label}: {fmt.date(s.start)} – {fmt.date(s.end) or open_end}"
                         for s in spans)
        charts["roadmap"] = roadmap("roadmap", _("Roadmap of all measures"), desc, spans,
                                    horizon, fmt)
    budget = budget_chart(view.finances, lang, spent=False)
    if budget is not None:
        charts["budget"] = budget
    return charts


def _short(title: str, width: int = 42) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"
