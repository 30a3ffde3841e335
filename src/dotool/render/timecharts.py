"""Charts over time, drawn with matplotlib: the roadmap (Gantt) and the trends of a report.

A roadmap of a whole plan does not fit one page: it is drawn per field of action, in parts of
at most `ROWS_PER_CHART` measures, so that every part fits a printed page at a readable size.
The PDF draws it with Typst from its plot (`RoadmapPlot`), made from the same bars as the
matplotlib drawing of the HTML, the site and Word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dotool.palette import ACCENT as BLUE
from dotool.palette import DROPPED, GREY, GRID, GRID_LIGHT, INK, ORANGE, SERIES, WHITE
from dotool.render.charts import Chart, chart_text, label_text, patch, svg_chart, wrap

#: Measures per roadmap chart: about half an A4 page, labels at 7 pt.
ROWS_PER_CHART = 40
#: A chart drawn for a phone: its width (inches) and its smallest text (points). A 390 px
#: screen shows it whole, 350 px wide, with that text about 10.8 px high.
COMPACT = (3.6, 8.0)


@dataclass(frozen=True)
class Span:
    """One bar of the roadmap: a measure from its start to its planned end."""

    label: str
    start: date
    end: date | None  # the end planned at first; None: open-ended (standing task)
    new_end: date | None = None  # a re-planned end, when it differs from `end`
    dropped: bool = False

    def __post_init__(self) -> None:  # the plan's words, before any drawing measures them
        object.__setattr__(self, "label", label_text(chart_text(self.label)))


@dataclass(frozen=True)
class RoadmapLegend:
    """The words of the roadmap's legend (from the catalogues)."""

    planned: str
    extended: str
    shortened: str
    dropped: str
    open_ended: str


def roadmap(name: str, title: str, desc: str, spans: Sequence[Span],
            period: tuple[date, date], legend: RoadmapLegend, *, png: bool = False,
            width: float = 6.3, text: float = 7) -> Chart:
    """A Gantt chart over `period` (the same for every part of a roadmap): planned periods in
    blue, a re-planned extension hatched in orange (an earlier end marked with a line),
    dropped measures in grey with a cross. `width` (inches) and `text` (points) default to a
    printed page; the site draws a narrow one for phones."""
    first, horizon = period
    scale = text / 7
    height = (1.0 + 0.2 * len(spans)) * scale

    rows = [_bar(span, horizon) for span in spans]
    keys = _legend(spans, rows, legend)
    columns = 3 if width > 5 else 2

    def draw(fig: Any) -> None:
        # Placed by hand from the longest label (7 pt, about 0.056 in a character), and
        # ticks on the first of January and July: no layout engine, no date rules to run.
        label = max((len(s.label) for s in spans), default=10) * 0.056 * scale + 0.2
        fig.subplots_adjust(left=label / width, right=0.97, top=1 - 0.12 / height,
                            bottom=0.72 * scale / height)
        ax = fig.subplots()
        ys = list(range(len(spans)))[::-1]

        def num(day: date) -> float:
            return float(day.toordinal())

        solid: list[tuple[float, float, float, str]] = []  # y, left, width, colour
        hatched: list[tuple[float, float, float, str]] = []
        shortened: list[tuple[float, float]] = []  # y, x of the end planned at first
        crosses: list[tuple[float, float]] = []
        for y, bar in zip(ys, rows, strict=True):
            if bar.solid:
                left, right, colour = bar.solid
                solid.append((y, num(left), max(num(right) - num(left), 1.0), colour))
            if bar.hatched:
                left, right, colour = bar.hatched
                hatched.append((y, num(left), num(right) - num(left), colour))
            if bar.shortened:
                shortened.append((y, num(bar.shortened)))
            if bar.cross:
                crosses.append((y, num(bar.cross)))
        for bars, hatch in ((solid, None), (hatched, "////")):
            if bars:
                ax.barh([b[0] for b in bars], [b[2] for b in bars], left=[b[1] for b in bars],
                        height=0.62, color=[b[3] for b in bars], hatch=hatch,
                        edgecolor="white" if hatch else [b[3] for b in bars], linewidth=0.4)
        if shortened:
            ax.scatter([s[1] for s in shortened], [s[0] for s in shortened], marker="|",
                       s=60, color=ORANGE, linewidths=1.2, zorder=3)
        if crosses:
            ax.scatter([c[1] for c in crosses], [c[0] for c in crosses], marker="x", s=22,
                       color=DROPPED, linewidths=1.2, zorder=3)
        ax.set_yticks(ys, [s.label for s in spans], fontsize=text)
        ax.tick_params(axis="x", labelsize=text)
        ax.set_ylim(-0.7, len(spans) - 0.3)
        years, step = _years(first, horizon)
        ax.set_xlim(num(date(first.year, 1, 1)), num(horizon) + 1)
        ax.set_xticks([num(date(y, 1, 1)) for y in years[::step]],
                      [str(y) for y in years[::step]])
        if step == 1:
            ax.set_xticks([num(date(y, 7, 1)) for y in years[:-1]], minor=True)
        ax.grid(axis="x", which="both", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [_line(label) if style == "line" else
                   patch(colour, label, "////" if style == "hatched" else None)
                   for label, colour, style in keys]
        fig.legend(handles=handles, loc="lower center", ncol=columns,
                   frameon=False, fontsize=text, bbox_to_anchor=(0.5, 0.0))

    plot = _plot(rows, spans, period, keys, columns, text)
    return svg_chart(name, title, desc, draw, (width, height), png=png, layout=None, plot=plot)


@dataclass(frozen=True)
class _Bar:
    """What the roadmap draws of a span, in days: the solid and the hatched bar (from, to,
    colour), the end planned at first when the end came earlier, a dropped measure's end."""

    solid: tuple[date, date, str] | None
    hatched: tuple[date, date, str] | None
    shortened: date | None
    cross: date | None


def _bar(span: Span, horizon: date) -> _Bar:
    colour = GREY if span.dropped else BLUE
    if span.end is None and span.new_end is None:  # a standing task: hatched to the horizon
        return _Bar(None, (span.start, horizon, colour), None, None)
    end = span.new_end or span.end or horizon
    planned = span.end or end
    later = (planned, end, GREY if span.dropped else ORANGE) if end > planned else None
    return _Bar((span.start, min(planned, end), colour), later,
                planned if end < planned else None, end if span.dropped else None)


def _legend(spans: Sequence[Span], rows: Sequence[_Bar],
            legend: RoadmapLegend) -> list[tuple[str, str, str]]:
    """The legend's entries (label, colour, style) of what the chart shows."""
    keys = [(legend.planned, BLUE, "solid")]
    if any(s.new_end and s.end and s.new_end > s.end and not s.dropped for s in spans):
        keys.append((legend.extended, ORANGE, "hatched"))
    if any(r.shortened for r in rows):
        keys.append((legend.shortened, ORANGE, "line"))
    if any(s.end is None and s.new_end is None and not s.dropped for s in spans):
        keys.append((legend.open_ended, BLUE, "hatched"))
    if any(r.cross for r in rows):
        keys.append((legend.dropped, GREY, "solid"))
    return keys


def _years(first: date, horizon: date) -> tuple[range, int]:
    """The years of the axis and how many a labelled tick stands apart. A plan over decades
    (dates run 1900-2199) gets a tick every few years, not three hundred of them; the middle
    of each year is marked for short plans only."""
    years = range(first.year, horizon.year + 2)
    return years, max(1, -(-len(years) // 16))


def _plot(rows: Sequence[_Bar], spans: Sequence[Span], period: tuple[date, date],
          keys: Sequence[tuple[str, str, str]], columns: int, text: float) -> Any:
    """The roadmap for Typst to draw (`plot-roadmap`): what matplotlib draws, with its
    positions as fractions of the axis, and the legend's entries in rows as matplotlib lays
    them out (filled column by column)."""
    from dotool.render.plots import LegendEntry, RoadmapPlot, RoadmapRow, Tick

    first, horizon = period
    left = date(first.year, 1, 1).toordinal()
    days = horizon.toordinal() + 1 - left

    def at(day: date) -> float:
        return (day.toordinal() - left) / days

    out = []
    for span, bar in zip(spans, rows, strict=True):
        solid = hatched = None
        if bar.solid:
            start = at(bar.solid[0])
            solid = (start, max(at(bar.solid[1]), start + 1 / days))
        if bar.hatched:
            hatched = (at(bar.hatched[0]), at(bar.hatched[1]))
        out.append(RoadmapRow(span.label, solid, bar.solid[2] if bar.solid else BLUE, hatched,
                              bar.hatched[2] if bar.hatched else ORANGE,
                              at(bar.shortened) if bar.shortened else None,
                              at(bar.cross) if bar.cross else None))
    years, step = _years(first, horizon)
    ticks = tuple(Tick(at(date(y, 1, 1)), str(y)) for y in years[::step])
    minor = tuple(at(date(y, 7, 1)) for y in years[:-1]) if step == 1 else ()
    # matplotlib fills a legend's columns in turn, the first ones a row longer, and leaves
    # out the empty ones.
    entries = [LegendEntry(*key) for key in keys]
    height, longer = divmod(len(entries), columns)
    cut = [0]
    for column in range(columns):
        cut.append(cut[-1] + height + (1 if column < longer else 0))
    table = [entries[cut[c]:cut[c + 1]] for c in range(columns) if cut[c + 1] > cut[c]]
    legend = tuple(tuple(col[r] if r < len(col) else None for col in table)
                   for r in range(max(map(len, table))))
    return RoadmapPlot(tuple(out), ticks, minor, legend,
                       tuple(sorted({r.hatch for r in out if r.hatched}
                                    | {e.colour for e in entries if e.style == "hatched"})), text,
                       14.4 * text / 7, INK, GRID, WHITE, ORANGE, DROPPED)


def _line(label: str) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], color=ORANGE, marker="|", linestyle="none", markersize=9,
                  markeredgewidth=1.2, label=label)


def parts(items: Sequence[Span], size: int = ROWS_PER_CHART) -> list[Sequence[Span]]:
    """`items` in consecutive parts of at most `size`, as even as possible."""
    count = -(-len(items) // size) or 1
    step = -(-len(items) // count)
    return [items[i:i + step] for i in range(0, len(items), step)] or [items]


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
        text if compact else 8, GRID)


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
                      text, text if compact else 6, GRID_LIGHT)


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
