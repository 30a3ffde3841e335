"""The report's line charts drawn by Typst (`plot-trend`, `plot-panels`): the same points, ticks,
labels and legend as matplotlib's drawing of them for the HTML, in the PDF as text."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from dotool.i18n import Formatter
from dotool.model.dates import Half
from dotool.render.trendcharts import Line, Panel, PanelLegend, kpi_panels, trend
from tests.render.conftest import DATA_DATE, typeset_calls

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ['#read("/etc/passwd")', "a]b[c", 'Er sagte "x"', "back\\slash", "$ x^2 $",
           "<label> @ref", "// the rest of the line", "#{panic(\"x\")}"]


def _axes(svg: str) -> list[dict[str, Any]]:
    """Each axes of a matplotlib SVG: its box, its ticks (fractions of the axes, with their
    labels) and its lines (colour, width, markers' positions as fractions)."""
    found = []
    for g in ET.fromstring(svg).iter(f"{SVG}g"):
        if not re.search(r"-axes_\d+$", g.get("id", "")):
            continue
        box = [float(v) for v in re.findall(r"[-\d.]+", g[0].find(f"{SVG}path").get("d"))]
        left, bottom, right, top = box[0], box[1], box[2], box[5]

        def across(x: float, left: float = left, right: float = right) -> float:
            return (x - left) / (right - left)

        def up(y: float, bottom: float = bottom, top: float = top) -> float:
            return (bottom - y) / (bottom - top)

        ticks: dict[str, list[tuple[float, str]]] = {"x": [], "y": []}
        for tick in g.iter(f"{SVG}g"):
            kind = re.search(r"-([xy])tick_\d+$", tick.get("id", ""))
            if kind:
                use = next(tick.iter(f"{SVG}use"))
                label = "".join(t.text or "" for t in tick.iter(f"{SVG}text"))
                ticks[kind[1]].append(
                    (across(float(use.get("x"))) if kind[1] == "x" else up(float(use.get("y"))),
                     label))
        lines = []
        for child in g:
            if not re.search(r"-line2d_\d+$", child.get("id", "")):
                continue
            path = child.find(f"{SVG}path")
            style = path.get("style") if path is not None else next(
                child.iter(f"{SVG}use")).get("style")
            colour = re.search(r"stroke: (#[0-9a-f]{6})", style)[1]
            heights = [up(float(y)) for y in re.findall(r"[-\d.]+ ([-\d.]+)", path.get("d"))] \
                if path is not None else []
            points = [(across(float(u.get("x"))), up(float(u.get("y"))))
                      for u in child.iter(f"{SVG}use")]
            lines.append({"colour": colour, "dashed": "dasharray" in style,
                          "heights": heights, "points": points})
        found.append({"ticks": ticks, "lines": lines})
    return found


def _close(a: list[tuple[float, float]], b: list[tuple[float, float]] | tuple[Any, ...]) -> bool:
    return len(a) == len(b) and all(abs(p - q) < 2e-4 and abs(r - s) < 2e-4
                                    for (p, r), (q, s) in zip(a, b, strict=True))


PANELS = [
    Panel("M-001 Fristgerecht vorgelegte Sachstandsberichte (kumuliert) (Anzahl)", (0, 1, 2), 0,
          4),
    Panel("M-005 Anteil online", (None, None, 8), 0, 40),  # one value: its own x axis
    Panel("M-003 Anträge (Anzahl)", (120, 480, 1150), 0, 3000),
    Panel("Große Zahl", (1_000_000.5, 1_000_003.0, None), None, None),  # ticks from an offset
    Panel("Nichts", (None, None, None), None, None),
    Panel("Negativ", (-5, 2.5, 7), -10, None),
    Panel("Klein", (0.001, 0.002, 0.0031), None, 0.004),
    Panel("Gleich", (5, 5, 5), 5, 5),
]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("compact", [False, True])
def test_the_kpi_panels_put_points_ticks_and_lines_where_matplotlib_does(lang: str,
                                                                        compact: bool) -> None:
    fmt = Formatter(lang)
    halves = ["2. Hj. 2020", "1. Hj. 2021", "2. Hj. 2021", "1. Hj. 2022", "2. Hj. 2022"][:3]
    for group in (PANELS[:6], PANELS[6:]):
        chart = kpi_panels("k", "T", "d", halves, group, PanelLegend("Wert", "Basis", "Ziel"),
                           lambda v: fmt.number(v, 1), compact=compact)
        drawn = _axes(chart.svg)
        assert len(drawn) == len(chart.plot.panels) == len(group)
        for axes, panel, source in zip(drawn, chart.plot.panels, group, strict=True):
            assert [t.label for t in panel.y] == [label for _, label in axes["ticks"]["y"]]
            assert _close([(t.at, 0) for t in panel.y], [(at, 0) for at, _ in axes["ticks"]["y"]])
            assert _close([(t.at, 0) for t in panel.x], [(at, 0) for at, _ in axes["ticks"]["x"]])
            assert [t.label for t in panel.x] == [label for _, label in axes["ticks"]["x"]]
            value = [line for line in axes["lines"] if line["colour"] == "#1f4e79"]
            assert _close(value[0]["points"] if value else [], panel.points)
            flat = {line["colour"]: line["heights"][0] for line in axes["lines"]
                    if line["dashed"]}
            assert (panel.baseline is None) == (source.baseline is None) == ("#9e9e9e" not in flat)
            assert (panel.target is None) == ("#b35900" not in flat)
            for at, colour in ((panel.baseline, "#9e9e9e"), (panel.target, "#b35900")):
                if at is not None:
                    assert abs(at - flat[colour]) < 2e-4
        # The title's lines as matplotlib wraps them.
        assert chart.plot.panels[0].title[0].startswith(group[0].label.split()[0])


@pytest.mark.parametrize("compact", [False, True])
def test_the_trend_puts_every_line_and_marker_where_matplotlib_does(compact: bool) -> None:
    fmt = Formatter("de")
    lines = [Line("Gesamtfortschritt", (20, 45, 63, None, 70), strong=True),
             Line("Digitale Strategie", (30, None, 100, 100, None)),  # gaps: points joined
             Line("Wirtschaft", (60, None, None, None, None)),  # one point: a marker alone
             Line("Nie berichtet", (None,) * 5),  # nothing drawn, not in the legend
             *(Line(f"Feld {n} mit einem Namen, der auf dem Telefon umbrochen wird",
                    (n, 2 * n, 3 * n, 4 * n, None)) for n in range(1, 7))]
    halves = ["2. Hj. 2020", "1. Hj. 2021", "2. Hj. 2021", "1. Hj. 2022", "2. Hj. 2022"]
    chart = trend("trend", "T", "d", halves, lines, fmt.percent, compact=compact)
    plot = chart.plot
    [axes] = _axes(chart.svg)
    assert [t.label for t in plot.y] == [label for _, label in axes["ticks"]["y"]] == \
        ["0\xa0%", "20\xa0%", "40\xa0%", "60\xa0%", "80\xa0%", "100\xa0%"]
    assert _close([(t.at, 0) for t in plot.x], [(at, 0) for at, _ in axes["ticks"]["x"]])
    assert [t.label for t in plot.x] == [label for _, label in axes["ticks"]["x"]]
    drawn = [line for line in axes["lines"] if line["points"]]
    assert len(drawn) == len(plot.series) == len(lines) - 1
    # Matplotlib draws the overall line last (on top): compare the lines in any order.
    ours = sorted((s.colour, [(round(x, 3), round(y, 3)) for x, y in s.points])
                  for s in plot.series)
    theirs = sorted((line["colour"], [(round(x, 3), round(y, 3)) for x, y in line["points"]])
                    for line in drawn)
    assert ours == theirs
    assert [s.label[0] for s in plot.series][:3] == ["Gesamtfortschritt", "Digitale Strategie",
                                                     "Wirtschaft"]
    # The markers tell the fields apart (matplotlib's, by the line's place: the fourth line,
    # not drawn, keeps its diamond), the overall line is thick and round.
    assert plot.series[0].marker == "o" and plot.series[0].width > plot.series[1].width
    assert [s.marker for s in plot.series] == ["o", "s", "^", "v", "P", "X", "*", "o", "s"]
    # The legend in two columns, filled top to bottom as matplotlib fills them (a phone's in one).
    legend = []
    for g in ET.fromstring(chart.svg).iter(f"{SVG}g"):
        if g.get("id", "").endswith("-legend_1"):
            for t in g.iter(f"{SVG}text"):  # placed by x and y, or (a wrapped name) translated
                x, y = (t.get("x"), t.get("y")) if t.get("x") else \
                    re.findall(r"[-\d.]+", t.get("transform"))[:2]
                legend.append((round(float(y)), float(x), t.text))
    assert [text for _, _, text in sorted(legend)] == \
        [line for i in plot.legend if i is not None for line in plot.series[i].label]
    assert plot.columns == (1 if compact else 2)
    assert (plot.legend[-1] is None) != compact


@pytest.fixture(scope="module")
def report(sample_plan) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The sample's report of 2021-H2 as PDF (de), with the Typst source and files it got."""
    from dotool.render.document import render_report

    with typeset_calls() as calls:
        pdf = render_report(sample_plan, Half.parse("2021-H2"), fmt="pdf", lang="de",
                            data_date=DATA_DATE).data
    (source, files), = calls
    return {"source": source, "files": files, "pdf": pdf}


def _pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_pdf_draws_the_trend_and_kpi_charts_itself(report: dict[str, Any],
                                                       sample_plan) -> None:  # type: ignore[no-untyped-def]
    from dotool.render.figures import trend_charts
    from dotool.render.report_view import build_report_view

    assert "plot-trend(" in report["source"] and "plot-panels(" in report["source"]
    assert not [name for name in report["files"] if re.search(r"charts/(trend|kpis-\d+)\.", name)]
    charts = trend_charts(build_report_view(sample_plan, Half.parse("2021-H2"),
                                            data_date=DATA_DATE), "de")
    pages = _pages(report["pdf"])
    # The trend's page shows its ticks, halves and every line's name in the legend as text.
    [page] = [p for p in pages if re.search(r"Abbildung \d+: Fortschritt über die Halbjahre", p)]
    for words in ["100 %", "60 %", "2. Hj. 2020", "1. Hj. 2021", "Gesamtfortschritt",
                  *(s.label[0] for s in charts["trend"].plot.series)]:
        assert words.replace("\xa0", " ") in page.replace("\xa0", " ")
    # Each KPI chart's page: every panel's title and its ticks as the HTML's chart shows them.
    for chart in charts["kpi_trends"]:
        [page] = [p for p in pages if f": {chart.title}" in p]
        for panel, axes in zip(chart.plot.panels, _axes(chart.svg), strict=True):
            assert " ".join(panel.title) in page
            for _, label in axes["ticks"]["y"]:
                assert label in page
        assert "Ausgangswert" in page and "Zielwert" in page
    assert any("3.000" in p for p in pages)  # German thousands in the KPIs' ticks


@pytest.mark.parametrize("label", [*HOSTILE, "L" * 30 + " " + "m" * 29])
def test_hostile_and_long_labels_compile_and_show_as_text(label: str) -> None:
    from dotool.render.document import Meta
    from dotool.render.markdown import Images
    from dotool.render.pdf import typeset
    from dotool.render.templates import environment

    fmt = Formatter("de")
    halves = ["2. Hj. 2020", "1. Hj. 2021"]
    made = [trend("trend", "T", "d", halves, [Line(label, (None, 40)),
                                              Line("Leer", (None, None))], fmt.percent),
            kpi_panels("kpis", "T", "d", halves, [Panel(label, (None, None), None, None)],
                       PanelLegend(label, "Basis", "Ziel"), lambda v: fmt.number(v, 1))]
    env = environment(lang="de", repo=None, images=Images(), html=False, typst=True)
    source = env.from_string(
        '#set document(title: "t")\n#set text(lang: "de", font: "Liberation Sans")\n'
        '= T\n{% include "_partials/plot_lines.typ.j2" %}\n'
        "{% for c in charts %}#figure(plot-{{ c.plot.kind }}({{ c.plot|data }}, "
        'width: 453.6pt), alt: "x")\n{% endfor %}').render(charts=made)
    text = " ".join(_pages(typeset(source, {}, Meta("", "", "de", DATA_DATE))))
    shown = text.replace("„", '"').replace("“", '"')
    assert shown.count(label) >= 2  # the trend's legend and the panels' legend
    assert all(line in shown for line in made[1].plot.panels[0].title)  # its title, wrapped
    assert "Leer" not in shown  # a line without a value is neither drawn nor named
