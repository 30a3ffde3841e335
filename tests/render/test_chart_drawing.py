"""What the charts show a reader: whole words in labels, legends that name what they mark,
space around labels, whole numbers on a count's axis, no empty drawing of a KPI.

Each test draws a chart the way a document does and looks at the drawn figure (its texts and
their extents, measured by matplotlib) or at the SVG the HTML and the PDF show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
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
    return float(pixels) * 72 / fig.dpi


def test_a_long_label_is_cut_after_a_whole_word_and_keeps_its_number() -> None:
    from dotool.render.charts import label_text
    from dotool.render.figures import _short

    # The roadmap printed "M-057 Modernisierung der Bibliotheksausleihe (5…".
    assert _short("Modernisierung der Bibliotheksausleihe (57)") == "Modernisierung der… (57)"
    assert _short("Lenkungskreis Digitalisierung und IT-Strategie einrichten") == \
        "Lenkungskreis Digitalisierung und…"
    assert label_text("Beratungen von Unternehmen im Landkreis und in der Metropolregion "
                      "Hamburg (Anzahl)", 60) == \
        "Beratungen von Unternehmen im Landkreis und in der… (Anzahl)"
    assert _short("Kurzer Titel (3)") == "Kurzer Titel (3)"
    # One word longer than the room: cut where it must be, never longer than the room.
    assert len(_short("Donaudampfschifffahrtsgesellschaftskapitänsmützenabteilung")) == 42


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
