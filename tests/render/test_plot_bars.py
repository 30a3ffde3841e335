"""The PDF's bar charts drawn by Typst (`plot-bars`) from the chart's plot, not matplotlib's SVG."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from dotool.i18n import Formatter
from dotool.model.dates import Half
from dotool.palette import RAG
from dotool.render.charts import Bar, Chart, bars
from tests.render.conftest import DATA_DATE, typeset_calls

HOSTILE = 'Rathaus #1 ] "zitiert" \\ $x$ <a> @b // kein Kommentar'


def _pdf(*charts: Chart, fill: bool = False) -> Any:
    """The charts as the documents show them (`parts.chart`), on the documents' A4 page."""
    from pypdf import PdfReader

    from dotool.render.document import Meta
    from dotool.render.markdown import Images
    from dotool.render.pdf import typeset
    from dotool.render.templates import environment

    env = environment(lang="de", repo=None, images=Images(), html=False, typst=True)
    source = env.from_string(
        '{% autoescape true %}{% import "_partials/measures.typ.j2" as parts %}'
        "#set document(title: [Test])\n#set text(font: \"Liberation Sans\", lang: \"de\")\n"
        "#set page(paper: \"a4\", margin: (top: 25mm, bottom: 22mm, left: 25mm, right: 20mm))\n"
        '{% include "_partials/plots.typ.j2" %}\n'
        "{% for c in charts %}{{ parts.chart(c, fill=fill) }}{% endfor %}{% endautoescape %}"
    ).render(charts=charts, fill=fill)
    assert source.count("plot-bars(") == len(charts) + 1, source  # each chart, and the definition
    return PdfReader(io.BytesIO(typeset(source, {}, Meta("", "", "de", date(2026, 1, 1)))))


def _text(reader: Any) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_a_bar_chart_shows_its_labels_values_and_axis_as_text() -> None:
    """The plan's words (hostile to Typst's markup) as text, the values after the bars and
    the axis' ticks formatted in German, with no picture of matplotlib."""
    from tests.render.pdf_layout import figure_alts, outside_content_box

    fmt = Formatter("de")
    items = [Bar(HOSTILE, 37.5), Bar("Nichts", 0), Bar("Alles erledigt", 100, RAG["green"])]
    chart = bars("progress", "Fortschritt", "Beschreibung", items, fmt, percent=True)
    reader = _pdf(chart)
    text = _text(reader)
    assert " ".join(chart.plot.rows[0].lines) == HOSTILE  # wrapped, not cut
    assert HOSTILE in text
    for value in ("38 %", "0 %", "100 %", "20 %", "40 %", "60 %", "80 %"):
        assert value in text
    assert figure_alts(reader) == ["Beschreibung"]
    assert outside_content_box(reader) == []


def test_the_budget_chart_has_both_series_a_money_axis_and_its_legend() -> None:
    fmt = Formatter("de")
    items = [Bar("Breitband und digitale Infrastruktur", 3_704_000, second=256_600),
             Bar("Schulen", 200_000, second=None)]
    chart = bars("budget", "Budget", "Budget in Worten", items, fmt, money=True,
                 series=("Einmalige Kosten (Ansatz)", "Ausgaben (Ist, kumuliert)"), width=6.3)
    assert [r.second for r in chart.plot.rows] == [pytest.approx(256_600 / (3_704_000 * 1.05)),
                                                   0.0]
    text = _text(_pdf(chart))
    for words in ("0 €", "1 Mio. €", "2 Mio. €", "3 Mio. €", "Einmalige Kosten (Ansatz)",
                  "Ausgaben (Ist, kumuliert)", "Breitband und digitale Infrastruktur"):
        assert words in text
    assert "4 Mio. €" not in text  # the axis ends at 1.05 × the largest amount, as matplotlib's


def test_many_rows_long_labels_and_nothing_to_show_stay_inside_the_page() -> None:
    from tests.render.pdf_layout import outside_content_box

    fmt = Formatter("de")
    long = "Sehr langer Titel eines Handlungsfeldes mit vielen Wörtern d"  # 60 characters
    # As many rows as matplotlib's chart fits on a page, one with a label of 60 characters.
    many = bars("status", "Status", "viele",
                [Bar(long, 1443)] + [Bar(f"Feld {n}", n * 37) for n in range(19)], fmt)
    zero = bars("rag", "Ampel", "null", [Bar("grün", 0, RAG["green"])], fmt)
    reader = _pdf(many, zero, fill=True)
    text = _text(reader)
    assert "1.443" in text  # the largest count, formatted in German
    assert outside_content_box(reader) == []
    assert [t.label for t in zero.plot.ticks] == ["0", "1"]


def test_ticks_are_those_matplotlib_picks() -> None:
    from dotool.render.charts import nice_ticks

    assert nice_ticks(16.1, 9, integer=True) == [0, 2, 4, 6, 8, 10, 12, 14, 16]
    assert nice_ticks(21.85, 9, integer=True) == [0, 5, 10, 15, 20]
    assert nice_ticks(100, 9) == [0, 20, 40, 60, 80, 100]
    money = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    assert nice_ticks(23_263_800, 4, money) == [0, 6e6, 12e6, 18e6]
    assert nice_ticks(0, 4) == [0]


def test_the_report_and_the_masterplan_draw_their_bar_charts_with_typst(sample_plan) -> None:  # type: ignore[no-untyped-def]
    """No SVG of matplotlib for status, Ampel, progress and budget: Typst draws them, with the
    same numbers as the HTML's charts."""
    from pypdf import PdfReader

    from dotool.render.document import render_masterplan, render_report

    with typeset_calls() as seen:
        report = render_report(sample_plan, Half.parse("2021-H2"), fmt="pdf", lang="en",
                               data_date=DATA_DATE).data
        source, files = seen[-1]
        assert source.count("plot-bars((") == 4
        assert not {f"charts/{n}.svg" for n in ("status", "rag", "progress", "budget")} & set(files)
        text = _text(PdfReader(io.BytesIO(report)))
        for words in ("0 2 4 6 8 10 12 14 16", "0 5 10 15 20", "0% 20% 40% 60% 80% 100%",
                      "€0 €1m €2m €3m", "One-off cost (planned)", "Spent (cumulative)"):
            assert words in text
        render_masterplan(sample_plan, fmt="pdf", lang="de", data_date=DATA_DATE)
        source, files = seen[-1]
        assert source.count("plot-bars((") == 1 and "charts/budget.svg" not in files


@pytest.mark.parametrize("lang", ["de", "en"])
def test_typst_draws_the_ticks_values_and_labels_of_the_html_chart(sample_plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The plot of each bar chart has the same axis ticks, values and labels as matplotlib's
    SVG that the HTML shows (same text, same order)."""
    import html
    import re

    from dotool.render.figures import budget_chart, count_charts
    from dotool.render.report_view import build_report_view

    view = build_report_view(sample_plan, Half.parse("2021-H2"), data_date=DATA_DATE)
    charts = count_charts(view, lang)
    budget = budget_chart(view.finances, lang, spent=True)
    assert budget is not None and set(charts) == {"status", "rag", "progress"}
    for chart in [*charts.values(), budget]:
        texts = [html.unescape(t.strip())
                 for t in re.findall(r"<text[^>]*>(.*?)</text>", chart.svg, re.S)]
        plot = chart.plot
        ticks = [t.label for t in plot.ticks]
        lines = [line for r in plot.rows for line in r.lines]
        values = [r.text for r in plot.rows if r.text]
        keys = [k.label for k in plot.keys]
        assert texts == ticks + lines + values + keys, chart.name
