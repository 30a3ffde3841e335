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

# --- shared by every kind ------------------------------------------------------------------


@dataclass(frozen=True)
class Tick:
    """A labelled tick: where it stands, as a fraction of its axis (0 left or at the bottom)."""

    at: float
    label: str


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
    ticks: tuple[Tick, ...]
    keys: tuple[BarKey, ...]
    width: float
    height: float
    reserve: float
    second: str  # the second series' colour
    grid: str  # the grid lines' colour
    ink: str  # the axes' colour


# --- roadmap: the Gantt chart of the masterplan (`dotool.render.timecharts.roadmap`) -----------


@dataclass(frozen=True)
class RoadmapRow:
    """A measure's bar: its parts as (from, to), fractions of the axis from its left end."""

    label: str
    solid: tuple[float, float] | None  # the planned period (None: a standing task)
    colour: str  # of the solid bar: blue, grey when dropped
    hatched: tuple[float, float] | None  # a later end, or a standing task up to the horizon
    hatch: str  # the colour under the hatched bar's white lines
    tick: float | None = None  # an earlier end: the end planned at first
    cross: float | None = None  # a dropped measure: its end


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: str
    style: str  # "solid", "hatched" or "line" (an orange vertical tick)


@dataclass(frozen=True)
class RoadmapPlot:
    """A roadmap as Typst draws it: a row of fixed height per measure, the first on top; the
    axis runs from 1 January of the first year to the end of the horizon."""

    kind: ClassVar[str] = "roadmap"
    rows: tuple[RoadmapRow, ...]
    ticks: tuple[Tick, ...]  # 1 January every few years, labelled
    minor: tuple[float, ...]  # 1 July of every year, when every year is labelled
    legend: tuple[tuple[LegendEntry | None, ...], ...]  # its rows (None: an empty cell)
    hatches: tuple[str, ...]  # the colours of the hatched bars
    text: float  # points: the labels' size
    row: float  # points: the height of a row
    ink: str  # axes, ticks and their labels
    grid: str
    white: str  # the hatching's lines, a hatched bar's edge
    marks: str  # the tick at an earlier end
    cross: str  # a dropped measure's cross


# --- lines: the report's progress over the halves ("trend") and its KPIs' small multiples
# ("panels"; `dotool.render.trendcharts`), drawn by `plot-trend` and `plot-panels`
# (templates/_partials/plot_lines.typ.j2).


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
    ink: str  # the colour of the axes and their ticks


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
    ink: str  # the colour of the axes and their ticks
