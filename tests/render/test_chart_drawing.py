"""What the charts show a reader: whole words in labels, legends that name what they mark,
space around labels, whole numbers on a count's axis, no empty drawing of a KPI.

Each test draws a chart the way a document does and looks at the drawn figure (its texts and
their extents, measured by matplotlib) or at the SVG the HTML and the PDF show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dotool.i18n import Formatter


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The figures drawn while the test runs, laid out as saved (points: 72 per inch)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    import dotool.render.charts as charts

    figures: list[Any] = []
    plain = charts._plain_texts

    def keep(fig: Any) -> None:
        plain(fig)
        FigureCanvasAgg(fig)
        fig.canvas.draw()
        figures.append(fig)

    monkeypatch.setattr(charts, "_plain_texts", keep)
    yield figures


def _points(fig: Any, pixels: float) -> float:
    return float(pixels) * 72 / float(fig.dpi)


def test_a_long_label_is_cut_after_a_whole_word_and_keeps_its_number() -> None:
    from dotool.render.charts import label_text

    # The roadmap printed "M-057 Modernisierung der Bibliotheksausleihe (5…".
    assert label_text("Modernisierung der Bibliotheksausleihe (57)", 42) == \
        "Modernisierung der… (57)"
    assert label_text("Lenkungskreis Digitalisierung und IT-Strategie einrichten", 42) == \
        "Lenkungskreis Digitalisierung und…"
    assert label_text("Beratungen von Unternehmen im Landkreis und in der Metropolregion "
                      "Hamburg (Anzahl)", 60) == \
        "Beratungen von Unternehmen im Landkreis und in der… (Anzahl)"
    assert label_text("Kurzer Titel (3)", 42) == "Kurzer Titel (3)"
    # One word longer than the room: cut where it must be, never longer than the room.
    assert len(label_text("Donaudampfschifffahrtsgesellschaftskapitänsmützenabteilung", 42)) == 42


def _roadmap(lang: str) -> str:
    """The roadmap of three completed measures: as planned, later and earlier than planned."""
    from dotool.render.figures import roadmap_charts

    class Measure:  # what roadmap_charts reads of a measure's profile
        def __init__(self, mid: str, title: str, start: date, end: date,
                     planned_end: date, status: str) -> None:
            self.id, self.title, self.start, self.end = mid, title, start, end
            self.planned_end, self.status, self.restricted = planned_end, status, False

    class Field:
        def __init__(self, measures: list[Measure]) -> None:
            self.measures = measures
            self.field = type("F", (), {"title": "Feld", "key": "a"})()

    measures = [
        Measure("M-001", "Abgeschlossen wie geplant", date(2020, 7, 1), date(2021, 6, 30),
                date(2021, 6, 30), "completed"),
        Measure("M-002", "Später fertig", date(2020, 7, 1), date(2021, 6, 30),
                date(2021, 12, 31), "completed"),
        Measure("M-003", "Früher fertig", date(2020, 7, 1), date(2021, 12, 31),
                date(2021, 6, 30), "completed"),
    ]
    view = type("V", (), {"fields": [Field(measures)]})()
    (chart,) = roadmap_charts(view, lang)
    return chart.svg


@pytest.mark.parametrize(("lang", "shown", "not_shown"), [
    ("de", ["Zeitraum", "Verlängerung", "ursprünglich geplantes Ende"], ">geplant<"),
    ("en", ["period", "extension", "originally planned end"], ">planned<"),
])
def test_the_roadmap_legend_names_what_the_bars_show_not_a_status(
        lang: str, shown: list[str], not_shown: str) -> None:
    # Completed measures drawn over a legend entry "geplant" read as if they were planned.
    svg = _roadmap(lang)
    texts = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    for words in shown:
        assert words in texts
    assert not_shown not in texts.replace(" ", "")


def test_a_bar_value_stands_clear_of_the_bar_end(drawn: list[Any]) -> None:
    from matplotlib.patches import Rectangle
    from matplotlib.text import Annotation

    from dotool.render.charts import Bar, bars

    items = [Bar("in Umsetzung", 14), Bar("geplant", 1), Bar("abgeschlossen", 6)]
    assert bars("status", "Status", "", items, Formatter("de")).svg
    fig = drawn[-1]
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    ends = sorted(p.get_window_extent(renderer).x1 for p in ax.patches
                  if isinstance(p, Rectangle) and p.get_width() > 0)
    starts = sorted(t.get_window_extent(renderer).x0 for t in ax.texts
                    if isinstance(t, Annotation))
    assert len(ends) == len(starts) == 3
    for end, start in zip(ends, starts, strict=True):
        assert _points(fig, start - end) >= 3  # was about 2 (a space)


def _panels(values: list[tuple[float | None, ...]], *, lang: str = "de",
            baseline: float | None = 0, target: float | None = 4,
            lines: list[tuple[float, float]] | None = None) -> Any:
    """KPI panels of `values` (one tuple a KPI); `lines`: each one's baseline and target."""
    from dotool.i18n import translations
    from dotool.render.trendcharts import Panel, PanelLegend, kpi_panels

    _ = translations(lang).gettext
    legend = PanelLegend(_("Value"), _("Baseline"), _("Target"), _("No values recorded yet."))
    halves = ["2. Hj. 2023", "1. Hj. 2024", "2. Hj. 2024", "1. Hj. 2025", "2. Hj. 2025",
              "1. Hj. 2026"][: len(values[0])]
    lines = lines or [(baseline, target)] * len(values)  # type: ignore[list-item]
    panels = [Panel(f"M-00{i} Kennzahl (Anzahl)", v, *line)
              for i, (v, line) in enumerate(zip(values, lines, strict=True), 1)]
    fmt = Formatter(lang)
    return kpi_panels("kpis-1", "Kennzahlen", "", halves, panels, legend,
                      lambda v: fmt.number(v, 1))


def test_a_count_has_whole_numbers_on_its_axis(drawn: list[Any]) -> None:
    # Reports filed 0, 1 and 2 of 4: the axis showed 1,5 and 4,5.
    assert _panels([(0, 1, 2), (0, 2, 3)]).svg
    fig = drawn[-1]
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert labels and all(re.fullmatch(r"[−-]?[\d.]+", label) for label in labels), labels


def test_a_share_with_fractions_keeps_fractions_on_its_axis(drawn: list[Any]) -> None:
    assert _panels([(0.2, 0.4, 0.6)], target=0.8).svg
    labels = [t.get_text() for t in drawn[-1].axes[0].get_yticklabels() if t.get_text()]
    assert any("," in label for label in labels), labels


@pytest.mark.parametrize(("lang", "words"), [("de", "Noch keine Werte erfasst."),
                                             ("en", "No values recorded yet.")])
def test_a_kpi_without_values_says_so_instead_of_an_empty_chart(
        drawn: list[Any], lang: str, words: str) -> None:
    chart = _panels([(None, None, None), (1, 2, 3)], lang=lang)
    assert words in chart.svg  # the SVG the HTML, the PDF and the site show
    empty, full = drawn[-1].axes[:2]
    assert not empty.axison and not empty.lines  # no axes, no lone target line
    assert full.axison and full.lines


def test_neighbouring_panels_keep_their_axis_labels_apart(drawn: list[Any]) -> None:
    # The sample's first KPIs: "2. Hj. 2021" under the left panel nearly touched "2. Hj. 2020"
    # under the right one (about 6 pt apart).
    values: list[tuple[float | None, ...]] = [(0, 1, 2), (6, 10, 14), (120, 480, 1150),
                                              (None, None, 8)]
    assert _panels(values, lines=[(0, 4), (3, 35), (0, 3000), (0, 40)]).svg
    fig = drawn[-1]
    renderer = fig.canvas.get_renderer()
    rows: dict[float, list[Any]] = {}
    for ax in fig.axes:
        rows.setdefault(round(ax.get_position().y0, 3), []).append(ax)
    assert len(rows) == 2

    def extents(ax: Any) -> list[Any]:
        return [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]

    for left, right in (sorted(r, key=lambda a: a.get_position().x0) for r in rows.values()):
        gap = min(e.x0 for e in extents(right)) - max(e.x1 for e in extents(left))
        assert _points(fig, gap) >= 14, _points(fig, gap)


def test_report_and_site_say_a_kpi_has_no_values_and_count_in_whole_numbers(
        run_cli: Any, tmp_path: Path) -> None:
    from dotool.checks.run import load_valid_plan
    from dotool.model.dates import Half
    from dotool.render.document import render_report
    from tests.test_projection import MEASURES, write_plan

    measures = dict(MEASURES)
    measures["M-007"] = ("field: a\nstart: 2020-07\nkpis:\n"
                         "  - {key: q, name: Ohne Werte, unit: Anzahl, baseline: 0, target: 5}\n"
                         "  - {key: filed, name: Berichte, unit: Anzahl, baseline: 0, target: 7}\n"
                         "updates:\n  - {half: 2020-H2, status: in_progress, rag: green, "
                         "progress: 10, kpis: {filed: 0}, text: T}\n"
                         "  - {half: 2021-H1, status: in_progress, rag: green, "
                         "progress: 20, kpis: {filed: 1}, text: T}\n"
                         "  - {half: 2021-H2, status: in_progress, rag: green, "
                         "progress: 30, kpis: {filed: 2}, text: T}\n")
    root = write_plan(tmp_path / "plan", measures)
    html = render_report(load_valid_plan(root, cache=False), Half(2021, 1), fmt="html",
                         lang="de", data_date=date(2021, 7, 15)).data.decode()
    chart = html[html.index('data-chart="kpis-1"'):]
    assert "Noch keine Werte erfasst." in chart[:chart.index("</figure>")]
    run_cli("site", "-o", tmp_path / "site", "--root", root)
    page = (tmp_path / "site" / "kpis" / "M-007-q.html").read_text(encoding="utf-8")
    assert "<p>Noch keine Werte erfasst.</p>" in page and "<svg" not in page
    # The site's chart of a count (0, 1, 2 reports of 7) has whole numbers on its axis (it
    # showed 2,5 5 7,5).
    svg = (tmp_path / "site" / "kpis" / "M-007-filed.html").read_text(encoding="utf-8")
    ticks = re.findall(r'text-anchor: end"[^>]*>([^<]*)</text>', svg)  # the y axis's
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks
