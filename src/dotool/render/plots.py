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

# --- lines: the report's progress over the halves ("trend") and its KPIs' small multiples
# ("panels"), drawn by `plot-trend` and `plot-panels` (templates/_partials/plot_lines.typ.j2).


@dataclass(frozen=True)
class Tick:
    """A labelled tick: where it stands, as a fraction of its axis (0 left or at the bottom)."""

    at: float
    label: str


@dataclass(frozen=True)
class Series:
    """One line of a trend chart: its points (x, y as fractions of the plot area, 0 at the
    bottom left; a half without a figure left out, the others joined), its colour and marker
    ("o" circle, "s" square, "^" and "v" triangles, "D" diamond, "P" plus, "X" cross, "*"
    star, all filled), its line width and its marker's size in points, its legend's words
    (one string a line)."""

    label: tuple[str, ...]
    colour: str
    marker: str
    points: tuple[tuple[float, float], ...]
    width: float
    size: float


@dataclass(frozen=True)
class TrendPlot:
    """Progress over the halves, 0–100 %: one line a series (the overall one first, thick),
    the halves on the x axis, the legend below in `columns` columns (`legend`: the series'
    indices in reading order, row by row; None an empty cell). `height` is the plot area's,
    `text` the legend's and `tick` the axes' size, in points."""

    kind: ClassVar[str] = "trend"
    x: tuple[Tick, ...]
    y: tuple[Tick, ...]
    series: tuple[Series, ...]
    legend: tuple[int | None, ...]
    columns: int
    height: float
    text: float
    tick: float
    grid: str  # the colour of the grid lines at the y ticks


@dataclass(frozen=True)
class KpiPanel:
    """One KPI's small chart: its title (one string a line), its y ticks, its values as points
    (fractions of the plot area), the halves on its x axis, its baseline and target as heights
    (None: not drawn)."""

    title: tuple[str, ...]
    y: tuple[Tick, ...]
    points: tuple[tuple[float, float], ...]
    x: tuple[Tick, ...]  # the halves: matplotlib fits each panel's x axis to its own points
    baseline: float | None
    target: float | None


@dataclass(frozen=True)
class PanelsPlot:
    """Small multiples of KPIs, `columns` a row; `lines` is how many lines of title each row
    keeps room for (the plot areas of a row stand level); the legend names the value's line,
    the baseline and the target."""

    kind: ClassVar[str] = "panels"
    panels: tuple[KpiPanel, ...]
    columns: int
    lines: tuple[int, ...]
    legend: tuple[str, str, str]
    colours: tuple[str, str, str]  # the value, the baseline, the target
    height: float
    text: float
    tick: float
    grid: str  # the colour of the grid lines at the y ticks
