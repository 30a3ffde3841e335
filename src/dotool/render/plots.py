"""What Typst draws of a chart: its data, computed here, drawn by `plot-<kind>` in the PDF's
templates (`templates/_partials/plots.typ.j2`).

A chart (`dotool.render.charts.Chart`) carries its plot beside the matplotlib drawing that the
HTML, the site and Word show. The PDF draws the plot itself: vector shapes and real text in
the document's font, inside a figure with the chart's text alternative, and no matplotlib run
(two of the five seconds of a PDF of a thousand measures). Everything a drawing needs that
depends on the language or on arithmetic (tick values, formatted numbers, positions as
fractions of the axis) is decided here, so that Typst only places it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

# --- bars: horizontal bar charts (`charts.bars`), drawn by `plot-bars` (plot_bars.typ.j2) -------


@dataclass(frozen=True)
class BarRow:
    """An item of a bar chart: its label's lines, its bar(s) as fractions of the axis."""

    lines: tuple[str, ...]  # the label, wrapped as matplotlib wraps it
    value: float  # the bar's end, 0..1 of the axis
    colour: str
    text: str = ""  # the value written after the bar (one series only)
    second: float | None = None  # the second series' bar, 0..1 of the axis


@dataclass(frozen=True)
class BarTick:
    """A tick of the value axis: where (0..1 of the axis) and its label."""

    at: float
    label: str


@dataclass(frozen=True)
class BarKey:
    """A legend entry below the axes: a box of the series' colour and its name."""

    colour: str
    label: str


@dataclass(frozen=True)
class BarsPlot:
    """A horizontal bar chart: rows top to bottom, the axis' ticks, the legend of two series.
    `width` and `height` are matplotlib's size in points; `reserve` the room right of the
    axis for the values written after the bars, in ems of the chart's text."""

    kind: ClassVar[str] = "bars"
    rows: tuple[BarRow, ...]
    ticks: tuple[BarTick, ...]
    keys: tuple[BarKey, ...]
    width: float
    height: float
    reserve: float
    second: str  # the second series' colour
    grid: str  # the grid lines' colour
    ink: str  # the axes' colour
