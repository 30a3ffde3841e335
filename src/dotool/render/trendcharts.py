"""The trends of a report, drawn with matplotlib and as plots for Typst: progress over the
halves (`trend`) and each KPI's values against its baseline and target (`kpi_panels`).

The PDF draws them with Typst from their plots (`TrendPlot`, `PanelsPlot`), whose ticks and
points are placed where matplotlib places them for the HTML, the site and Word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dotool.palette import ACCENT as BLUE
from dotool.palette import GREY, GRID, GRID_LIGHT, INK, ORANGE, SERIES
from dotool.render.charts import Chart, chart_text, label_text, svg_chart, wrap

#: A chart drawn for a phone: its width (inches) and its smallest text (points). A 390 px
#: screen shows it whole, 350 px wide, with that text about 10.8 px high.
COMPACT = (3.6, 8.0)


@dataclass(frozen=True)
class Line:
    """One series of a trend chart: a value per half (None: no figure that half)."""

    label: str
    values: tuple[float | None, ...]
    strong: bool = False  # the overall figure: thicker, in the accent colour

    def __post_init__(self) -> None:  # the plan's words, before any drawing measures them
        object.__setattr__(self, "label", label_text(chart_text(self.label), 120))


#: Colours of the fields' lines (told apart also by their markers).
PALETTE = SERIES
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]


def trend(name: str, title: str, desc: str, halves: Sequence[str], lines: Sequence[Line],
          percent: Any, *, png: bool = False, compact: bool = False) -> Chart:
    """A line chart of progress over the halves (0–100 %), one line per series; `compact`
    draws it for a phone (`COMPACT`: its legend in one column, long names on two lines). The
    PDF draws the same from its plot (`_trend_plot`)."""
    width, text = COMPACT if compact else (6.3, 7)
    labels = [wrap(line.label, 44) if compact else line.label for line in lines]

    def draw(fig: Any) -> None:
        from matplotlib.ticker import FuncFormatter

        ax = fig.subplots()
        xs = list(range(len(halves)))
        for index, line in enumerate(lines):
            points = [(x, v) for x, v in zip(xs, line.values, strict=True) if v is not None]
            if not points:
                continue
            style = ({"color": INK, "linewidth": 2.4, "marker": "o", "zorder": 3}
                     if line.strong else
                     {"color": PALETTE[index % len(PALETTE)], "linewidth": 1.2,
                      "marker": MARKERS[index % len(MARKERS)], "markersize": 4})
            ax.plot([p[0] for p in points], [p[1] for p in points], label=labels[index],
                    **style)
        if compact:
            named = _named(len(halves))
            ax.set_xticks(named, [halves[x] for x in named], fontsize=text)
            ax.tick_params(axis="y", labelsize=text)
        else:
            ax.set_xticks(xs, list(halves))
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: percent(v)))
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        fig.legend(loc="outside lower center", ncol=1 if compact else 2, frameon=False,
                   fontsize=text)

    if compact:  # a row of the legend for every line of its labels
        height = 2.4 + 0.17 * sum(label.count("\n") + 1 for label in labels)
    else:
        height = 2.6 + 0.2 * -(-len(lines) // 2)
    return svg_chart(name, title, desc, draw, (width, height), png=png,
                     plot=_trend_plot(halves, lines, labels, percent, compact=compact))


def _trend_plot(halves: Sequence[str], lines: Sequence[Line], labels: Sequence[str],
                percent: Any, *, compact: bool) -> Any:
    """What `trend` draws, for Typst: the same lines, markers, ticks and legend."""
    from dotool.render.plots import Series, Tick, TrendPlot

    text = COMPACT[1] if compact else 7
    named = _named(len(halves)) if compact else list(range(len(halves)))
    left, right = _x_limits([x for line in lines for x, v in enumerate(line.values)
                             if v is not None], named)
    series = []
    for index, line in enumerate(lines):
        points = tuple(((x - left) / (right - left), v / 100)
                       for x, v in enumerate(line.values) if v is not None)
        if not points:  # matplotlib draws nothing for it, and names it in no legend
            continue
        series.append(Series(
            tuple(labels[index].split("\n")), INK if line.strong else PALETTE[index % len(PALETTE)],
            "o" if line.strong else MARKERS[index % len(MARKERS)], points,
            2.4 if line.strong else 1.2, 6 if line.strong else 4))
    columns = 1 if compact else 2
    return TrendPlot(
        tuple(Tick((x - left) / (right - left), halves[x]) for x in named),
        tuple(Tick(v / 100, percent(v)) for v in range(0, 101, 20)), tuple(series),
        _column_major(len(series), columns), columns, 150 if compact else 170, text,
        text if compact else 8, GRID, INK)


def _x_limits(xs: Sequence[int], named: Sequence[int]) -> tuple[float, float]:
    """The x axis of a chart with points at the halves `xs` (0, 1, …) and ticks at `named`:
    matplotlib's 5 % margin either side of the points, widened to the ticks."""
    if not xs:  # nothing drawn: matplotlib's axis runs from tick to tick
        return min(named), max(named)
    left, right = _limits(xs, 0.05)
    return min(left, *named), max(right, *named)


def _column_major(count: int, columns: int) -> tuple[int | None, ...]:
    """Indices 0…count-1 filled into `columns` columns top to bottom, as matplotlib's legend
    fills them, read row by row (None: an empty cell at the foot of a column)."""
    rows = -(-count // columns)
    return tuple(c * rows + r if c * rows + r < count else None
                 for r in range(rows) for c in range(columns))


def _named(count: int, most: int = 4) -> list[int]:
    """Which of `count` halves a narrow chart names on its axis: at most `most`, evenly apart,
    the latest always among them ("2. Hj. 2025" at 8 pt: six would run into each other)."""
    step = -(-count // most)
    return list(range(count - 1, -1, -step))[::-1]


@dataclass(frozen=True)
class Panel:
    """One KPI: its values per half against its baseline and target."""

    label: str
    values: tuple[float | None, ...]
    baseline: float | None
    target: float | None

    def __post_init__(self) -> None:  # the plan's words, before any drawing measures them
        object.__setattr__(self, "label", label_text(chart_text(self.label), 120))


@dataclass(frozen=True)
class PanelLegend:
    value: str
    baseline: str
    target: str


def kpi_panels(name: str, title: str, desc: str, halves: Sequence[str],
               panels: Sequence[Panel], legend: PanelLegend, number: Any, *,
               png: bool = False, compact: bool = False) -> Chart:
    """Small multiples, two a row: each KPI's values over the halves, its baseline dashed and
    its target dotted; `compact` draws them for a phone, one a row (`COMPACT`). The PDF draws
    the same from its plot (`_panels_plot`)."""
    columns = 1 if compact else 2
    rows = -(-len(panels) // columns)
    width, text = COMPACT if compact else (6.3, 7)
    small = text if compact else 6  # the axes' numbers
    named = _named(len(halves)) if compact else list(range(len(halves)))

    def draw(fig: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        axes = fig.subplots(rows, columns, squeeze=False)
        xs = list(range(len(halves)))
        for index, ax in enumerate(axes.flat):
            if index >= len(panels):
                ax.set_visible(False)
                continue
            panel = panels[index]
            points = [(x, v) for x, v in zip(xs, panel.values, strict=True) if v is not None]
            if points:
                ax.plot([p[0] for p in points], [p[1] for p in points], color=BLUE,
                        linewidth=1.6, marker="o", markersize=3.5, label=legend.value)
            if panel.baseline is not None:
                ax.axhline(panel.baseline, color=GREY, linestyle="--", linewidth=1,
                           label=legend.baseline)
            if panel.target is not None:
                ax.axhline(panel.target, color=ORANGE, linestyle=":", linewidth=1.4,
                           label=legend.target)
            ax.set_title(wrap(panel.label, 44 if compact else 52), fontsize=text, loc="left")
            ax.set_xticks(named, [halves[x] for x in named], fontsize=small)
            ax.tick_params(axis="y", labelsize=small)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v)))
            ax.margins(y=0.15)
            ax.grid(axis="y", color=GRID_LIGHT, linewidth=0.5)
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], color=BLUE, linewidth=1.6, marker="o", markersize=3.5,
                          label=legend.value),
                   Line2D([], [], color=GREY, linestyle="--", linewidth=1,
                          label=legend.baseline),
                   Line2D([], [], color=ORANGE, linestyle=":", linewidth=1.4,
                          label=legend.target)]
        fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False,
                   fontsize=text)

    return svg_chart(name, title, desc, draw, (width, 0.6 + 1.55 * rows), png=png,
                     plot=_panels_plot(halves, panels, legend, number, compact=compact))


def _panels_plot(halves: Sequence[str], panels: Sequence[Panel], legend: PanelLegend,
                 number: Any, *, compact: bool) -> Any:
    """What `kpi_panels` draws, for Typst: each KPI's points, baseline, target and ticks."""
    from dotool.render.plots import KpiPanel, PanelsPlot, Tick

    columns = 1 if compact else 2
    text = COMPACT[1] if compact else 7
    named = _named(len(halves)) if compact else list(range(len(halves)))
    drawn = []
    for panel in panels:
        values = [v for v in panel.values if v is not None]
        left, right = _x_limits([x for x, v in enumerate(panel.values) if v is not None], named)
        bottom, top = _limits([*values, *(v for v in (panel.baseline, panel.target)
                                          if v is not None)], 0.15)

        def height(value: float, bottom: float = bottom, top: float = top) -> float:
            return (value - bottom) / (top - bottom)

        def across(x: int, left: float = left, right: float = right) -> float:
            return (x - left) / (right - left)

        drawn.append(KpiPanel(
            tuple(wrap(panel.label, 44 if compact else 52).split("\n")),
            tuple(Tick(height(v), number(v)) for v in max_n_ticks(bottom, top)),
            tuple((across(x), height(v)) for x, v in enumerate(panel.values) if v is not None),
            tuple(Tick(across(x), halves[x]) for x in named),
            None if panel.baseline is None else height(panel.baseline),
            None if panel.target is None else height(panel.target)))
    lines = tuple(max(len(p.title) for p in drawn[i:i + columns])
                  for i in range(0, len(drawn), columns))
    return PanelsPlot(tuple(drawn), columns, lines,
                      (legend.value, legend.baseline, legend.target), (BLUE, GREY, ORANGE), 72,
                      text, text if compact else 6, GRID_LIGHT, INK)


def _limits(values: Sequence[float], margin: float) -> tuple[float, float]:
    """The axis matplotlib gives `values` with `margin` (a fraction) on either side: a single
    value is widened by 5 % of itself first, no value (or zero alone) to ±0.05."""
    if not values:
        bottom, top = -0.05, 0.05
    else:
        bottom, top = min(values), max(values)
        if top - bottom <= max(abs(bottom), abs(top)) * 1e-15:
            if bottom == 0 == top:
                bottom, top = -0.05, 0.05
            else:
                bottom, top = bottom - 0.05 * abs(bottom), top + 0.05 * abs(top)
    delta = (top - bottom) * margin
    return bottom - delta, top + delta


#: The steps of a tick interval, times a power of ten, that `max_n_ticks` tries (smallest
#: first): matplotlib's default steps of `MaxNLocator`, a tenth of them and one more above.
_STEPS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 15)


def max_n_ticks(bottom: float, top: float, bins: int = 4) -> list[float]:
    """The ticks matplotlib's `MaxNLocator(nbins=bins)` shows between `bottom` and `top`:
    at most `bins` intervals of 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, the
    smallest such step that spans the axis and leaves at least two ticks on it."""
    span = top - bottom
    mean = (top + bottom) / 2
    # Far from zero the ticks are counted from a round offset, as matplotlib does.
    offset = 0.0 if abs(mean) / span < 100 else math.copysign(
        10 ** (math.log10(abs(mean)) // 1), mean)
    scale = 10 ** (math.log10(span / bins) // 1)
    low, high = bottom - offset, top - offset
    wanted = span / bins
    steps = [s * scale for s in _STEPS]
    first = next(i for i, s in enumerate(steps) if s >= wanted)
    ticks: list[float] = []
    for step in reversed(steps[:first + 1]):
        # How close to a whole number of steps counts as one (looser far from zero).
        tolerance = (max(1e-10, 10 ** (math.log10(offset / step) - 12)) if offset > 0
                     else 1e-10)
        start = (low // step) * step
        below, rest = divmod(low - start, step)
        if abs(rest / step - 1) < tolerance:
            below += 1
        above, rest = divmod(high - start, step)
        if abs(rest / step) >= tolerance:
            above += 1
        ticks = [n * step + start for n in range(int(below), int(above) + 1)]
        if sum(low <= t <= high for t in ticks) >= 2:
            break
    slack = 1e-10 * span  # matplotlib shows a tick a rounding error outside the axis
    return [t + offset for t in ticks if bottom - slack <= t + offset <= top + slack]
