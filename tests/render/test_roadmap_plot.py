"""The masterplan PDF draws its roadmap with Typst (`plot-roadmap`) from the chart's data: the
same bars, marks, ticks and legend as matplotlib's chart in the HTML, in the document's font."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from dotool.render.document import render_masterplan
from tests.render.conftest import DATA_DATE, typeset_calls


def _legend() -> Any:
    from dotool.render.timecharts import RoadmapLegend

    return RoadmapLegend("planned", "later", "earlier", "dropped", "standing")


def test_the_plot_places_every_bar_and_mark_as_matplotlib_does() -> None:
    """Fractions of an axis from 1 January 2021 to the end of 2022 (730 days, ticks every
    year, minor ones on 1 July), the first measure on top, and the legend's entries in rows
    as matplotlib fills its three columns (column by column, the first ones longer)."""
    from dotool import palette
    from dotool.render.plots import LegendEntry, RoadmapRow, Tick
    from dotool.render.timecharts import Span, roadmap

    spans = [
        Span("A planned", date(2021, 1, 1), date(2021, 12, 31)),
        Span("B later", date(2021, 3, 1), date(2021, 6, 30), date(2022, 3, 31)),
        Span("C earlier", date(2021, 3, 1), date(2022, 6, 30), date(2021, 12, 31)),
        Span("D standing", date(2022, 1, 1), None),
        Span("E dropped", date(2021, 7, 1), date(2022, 6, 30), dropped=True),
        Span("F dropped, standing", date(2021, 7, 1), None, dropped=True),
    ]
    chart = roadmap("r", "Roadmap", "", spans, (date(2021, 1, 1), date(2022, 12, 31)),
                    _legend())
    plot = chart.plot

    def at(day: date) -> float:
        return (day - date(2021, 1, 1)).days / 730

    blue, grey, orange = palette.ACCENT, palette.GREY, palette.ORANGE
    assert plot.rows == (
        RoadmapRow("A planned", (0.0, at(date(2021, 12, 31))), blue, None, orange),
        RoadmapRow("B later", (at(date(2021, 3, 1)), at(date(2021, 6, 30))), blue,
                   (at(date(2021, 6, 30)), at(date(2022, 3, 31))), orange),
        RoadmapRow("C earlier", (at(date(2021, 3, 1)), at(date(2021, 12, 31))), blue, None,
                   orange, tick=at(date(2022, 6, 30))),
        RoadmapRow("D standing", None, blue, (at(date(2022, 1, 1)), at(date(2022, 12, 31))),
                   blue),
        RoadmapRow("E dropped", (at(date(2021, 7, 1)), at(date(2022, 6, 30))), grey, None,
                   orange, cross=at(date(2022, 6, 30))),
        RoadmapRow("F dropped, standing", None, blue,
                   (at(date(2021, 7, 1)), at(date(2022, 12, 31))), grey),
    )
    assert plot.ticks == (Tick(0.0, "2021"), Tick(365 / 730, "2022"),
                          Tick(1.0, "2023"))
    assert plot.minor == (at(date(2021, 7, 1)), at(date(2022, 7, 1)))
    assert plot.legend == (
        (LegendEntry("planned", blue, "solid"), LegendEntry("earlier", orange, "line"),
         LegendEntry("dropped", grey, "solid")),
        (LegendEntry("later", orange, "hatched"), LegendEntry("standing", blue, "hatched"),
         None),
    )
    assert set(plot.hatches) == {blue, grey, orange}
    # A plan without re-planned or dropped measures names only what it shows.
    alone = roadmap("r", "Roadmap", "", spans[:1], (date(2021, 1, 1), date(2021, 12, 31)),
                    _legend()).plot
    assert alone.legend == ((LegendEntry("planned", blue, "solid"),),)
    assert alone.hatches == ()


def test_the_masterplan_pdf_draws_its_roadmap_with_typst(
        sample_plan: Any) -> None:
    """Every part of the roadmap is a figure Typst draws (no picture of it handed over), with
    the chart's text alternative; its labels, years and legend are text of the page."""
    from pypdf import PdfReader

    from dotool.render.figures import roadmap_charts
    from dotool.render.plan_view import build_plan_view
    from tests.render.pdf_layout import figure_alts, outside_content_box

    with typeset_calls() as seen:
        pdf = render_masterplan(sample_plan, fmt="pdf", lang="en", data_date=DATA_DATE).data
    (source, files), = seen
    charts = roadmap_charts(build_plan_view(sample_plan, data_date=DATA_DATE), "en")
    assert len(charts) > 1
    assert source.count("plot-roadmap((") == len(charts)
    assert not [name for name in files if name.startswith("charts/roadmap")]
    reader = PdfReader(io.BytesIO(pdf))
    alts = figure_alts(reader)
    assert all(c.desc in alts for c in charts)
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    roadmap = " ".join(p for p in pages if "Figure 1: Roadmap" in p or "Roadmap: " in p)
    for chart in charts:
        for row in chart.plot.rows:
            assert row.label in roadmap
    for words in ("planned", "re-planned: later end", "standing task (no end)", "2021 2022"):
        assert words in roadmap
    assert outside_content_box(reader) == []


def test_hostile_and_long_labels_are_drawn_as_text(plan_dir: Path) -> None:
    """A measure's title with Typst's markup characters is drawn as it is written (a long one
    cut as the HTML's chart cuts it)."""
    from pypdf import PdfReader

    from dotool.checks.run import load_valid_plan

    title = 'Termine #x ] "q" \\ $a$ <b> @c // d, mit einem langen Rest'
    path = plan_dir / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Online-Terminvergabe", f"title: '{title}'"),
                    encoding="utf-8")
    with typeset_calls() as seen:
        pdf = render_masterplan(load_valid_plan(plan_dir), fmt="pdf", lang="de",
                                data_date=DATA_DATE).data
    assert "plot-roadmap((" in seen[0][0]
    shown = " ".join(" ".join(page.extract_text().split())
                     for page in PdfReader(io.BytesIO(pdf)).pages)
    label = 'M-001 Termine #x ] "q" \\ $a$ <b> @c // d, mit e…'  # cut as in the HTML
    assert re.sub("[„“”]", '"', label) in re.sub("[„“”]", '"', shown)
