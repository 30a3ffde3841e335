"""The roadmap (Gantt) of the masterplan, drawn with matplotlib.

A roadmap of a whole plan does not fit one page: it is drawn per field of action, in parts of
at most `ROWS_PER_CHART` measures, so that every part fits a printed page at a readable size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dotool.palette import ACCENT as BLUE
from dotool.palette import DROPPED, GREY, GRID, ORANGE
from dotool.render.charts import Chart, chart_text, label_text, patch, svg_chart

#: Measures per roadmap chart: about half an A4 page, labels at 7 pt.
ROWS_PER_CHART = 40


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

    period: str
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

    return svg_chart(name, title, desc, draw, (width, height), png=png, layout=None)


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
    keys = [(legend.period, BLUE, "solid")]
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


def _line(label: str) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], color=ORANGE, marker="|", linestyle="none", markersize=9,
                  markeredgewidth=1.2, label=label)


def parts(items: Sequence[Span], size: int = ROWS_PER_CHART) -> list[Sequence[Span]]:
    """`items` in consecutive parts of at most `size`, as even as possible."""
    count = -(-len(items) // size) or 1
    step = -(-len(items) // count)
    return [items[i:i + step] for i in range(0, len(items), step)] or [items]
