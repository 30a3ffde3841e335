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
class AxisTick:
    at: float  # a fraction of the axis
    label: str


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
    ticks: tuple[AxisTick, ...]  # 1 January every few years, labelled
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
