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
