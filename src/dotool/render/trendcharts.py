"""The trends of a report, drawn with matplotlib: progress over the halves (`trend`) and each
KPI's values against its baseline and target (`kpi_panels`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dotool.palette import ACCENT as BLUE
from dotool.palette import GREY, GRID, GRID_LIGHT, INK, ORANGE, SERIES
from dotool.render.charts import Chart, chart_text, label_text, svg_chart, whole_numbers, wrap

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
    draws it for a phone (`COMPACT`: its legend in one column, long names on two lines)."""
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
    return svg_chart(name, title, desc, draw, (width, height), png=png)


def _named(count: int, most: int = 4) -> list[int]:
    """Which of `count` halves a narrow chart names on its axis: at most `most`, evenly apart,
    the latest always among them ("2. Hj. 2025" at 8 pt: six would run into each other)."""
    step = -(-count // most)
    return list(range(count - 1, -1, -step))[::-1]


#: The space between two panels side by side, as a share of a panel's width.
PANEL_GAP = 0.12


@dataclass(frozen=True)
class Panel:
    """One KPI: its values per half against its baseline and target."""

    label: str
    values: tuple[float | None, ...]
    baseline: float | None
    target: float | None

    def __post_init__(self) -> None:  # the plan's words, before any drawing measures them
        object.__setattr__(self, "label", label_text(chart_text(self.label), 120))


    @property
    def whole(self) -> bool:
        """Whether every number of the panel is a whole number (a count): its axis then
        shows whole numbers only, never 1,5 of a count."""
        return whole_numbers(*self.values, self.baseline, self.target)


@dataclass(frozen=True)
class PanelLegend:
    value: str
    baseline: str
    target: str
    empty: str  # said in place of the drawing of a KPI without any value


def kpi_panels(name: str, title: str, desc: str, halves: Sequence[str],
               panels: Sequence[Panel], legend: PanelLegend, number: Any, *,
               png: bool = False, compact: bool = False) -> Chart:
    """Small multiples, two a row: each KPI's values over the halves, its baseline dashed and
    its target dotted; `compact` draws them for a phone, one a row (`COMPACT`)."""
    columns = 1 if compact else 2
    rows = -(-len(panels) // columns)
    width, text = COMPACT if compact else (6.3, 7)
    small = text if compact else 6  # the axes' numbers
    named = _named(len(halves)) if compact else list(range(len(halves)))

    def draw(fig: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        axes = fig.subplots(rows, columns, squeeze=False)
        # The last half named under the left panel runs past its axis to the right, the first
        # under the right one to the left: a wider gap keeps a margin between them.
        fig.get_layout_engine().set(wspace=PANEL_GAP)
        xs = list(range(len(halves)))
        for index, ax in enumerate(axes.flat):
            if index >= len(panels):
                ax.set_visible(False)
                continue
            panel = panels[index]
            points = [(x, v) for x, v in zip(xs, panel.values, strict=True) if v is not None]
            ax.set_title(wrap(panel.label, 44 if compact else 52), fontsize=text, loc="left")
            if not points:  # no empty axes with a target line: say that nothing is there
                ax.set_axis_off()
                ax.text(0, 0.5, legend.empty, transform=ax.transAxes, fontsize=text,
                        color=INK, va="center")
                continue
            ax.plot([p[0] for p in points], [p[1] for p in points], color=BLUE,
                    linewidth=1.6, marker="o", markersize=3.5, label=legend.value)
            if panel.baseline is not None:
                ax.axhline(panel.baseline, color=GREY, linestyle="--", linewidth=1,
                           label=legend.baseline)
            if panel.target is not None:
                ax.axhline(panel.target, color=ORANGE, linestyle=":", linewidth=1.4,
                           label=legend.target)
            ax.set_xticks(named, [halves[x] for x in named], fontsize=small)
            ax.tick_params(axis="y", labelsize=small)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=panel.whole))
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

    return svg_chart(name, title, desc, draw, (width, 0.6 + 1.55 * rows), png=png)
