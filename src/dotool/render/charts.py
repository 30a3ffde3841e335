"""Charts drawn with matplotlib as inline SVG, reproducible byte for byte.

Every chart carries a `<title>` and a `<desc>` (its text alternative); the templates put a data
table with the same numbers beside it. matplotlib is imported only here, inside the functions.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dotool.i18n import Formatter

#: Colours of the Ampel and of the two series, readable in greyscale print as well.
RAG_COLOURS = {"green": "#2e7d32", "amber": "#f9a825", "red": "#c62828", "none": "#9e9e9e"}
# Dark blue and orange: told apart with any common colour-vision deficiency, and both have at
# least 3:1 contrast against white (WCAG 1.4.11 for graphical objects).
BLUE, ORANGE = "#1f4e79", "#b35900"
_RC: Any = {
    "svg.hashsalt": "dotool",  # fixed ids: the same data gives the same bytes
    "svg.fonttype": "none",  # text stays text (searchable, read by screen readers)
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


@dataclass(frozen=True)
class Chart:
    """An inline SVG with its title and text description."""

    name: str
    title: str
    desc: str
    svg: str  # without XML prolog; safe markup produced by matplotlib


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str = BLUE
    second: float | None = None  # a second series (e.g. spent next to planned)


def _svg(name: str, title: str, desc: str, draw: Callable[[Any], None],
         size: tuple[float, float]) -> Chart:
    import matplotlib

    matplotlib.use("Agg")
    from markupsafe import escape
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=size, layout="constrained")
        draw(fig)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata=_METADATA)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    # Several charts share one HTML page: make every id unique to its chart.
    text = re.sub(r'id="([^"]+)"', rf'id="{name}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', text)
    head = (f'<svg role="img" aria-labelledby="{name}-title {name}-desc" '
            f'class="chart-svg"')
    text = text.replace("<svg", head, 1)
    opening_end = text.index(">") + 1
    text = (text[:opening_end] + f'\n<title id="{name}-title">{escape(title)}</title>'
            f'<desc id="{name}-desc">{escape(desc)}</desc>' + text[opening_end:])
    return Chart(name, title, desc, text.strip())


def bars(name: str, title: str, desc: str, items: Sequence[Bar], fmt: Formatter, *,
         percent: bool = False, money: bool = False,
         series: tuple[str, str] | None = None, width: float = 4.6) -> Chart:
    """A horizontal bar chart; with `series`, two bars per item (e.g. planned and spent)."""

    def draw(fig: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        ax = fig.subplots()
        labels = [b.label for b in items]
        ys = list(range(len(items)))[::-1]
        if series:
            height = 0.38
            ax.barh([y + height / 2 for y in ys], [b.value for b in items], height,
                    color=BLUE, label=series[0])
            ax.barh([y - height / 2 for y in ys], [b.second or 0 for b in items], height,
                    color=ORANGE, label=series[1])
            # Below the axes, never inside: inside it covers the longest bar sooner or later.
            fig.legend(loc="outside lower center", ncol=2, frameon=False)
        else:
            ax.barh(ys, [b.value for b in items], 0.6, color=[b.colour for b in items])
            for y, b in zip(ys, items, strict=True):
                text = fmt.percent(b.value) if percent else fmt.number(b.value)
                ax.text(b.value, y, " " + text, va="center")
        ax.set_yticks(ys, [_wrap(label) for label in labels])
        if percent:
            ax.set_xlim(0, 100)
        axis = fmt.money_short if money else (fmt.percent if percent else fmt.number)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: axis(v)))
        if money:  # full amounts are wide: few ticks, so the labels never run into each other
            ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        if not series and not percent:
            ax.set_xlim(0, max([b.value for b in items] + [1]) * 1.15)
            ax.xaxis.get_major_locator().set_params(integer=True)

    height = 0.7 + 0.34 * max(len(items), 1) * (1.6 if series else 1) + (0.3 if series else 0)
    return _svg(name, title, desc, draw, (width, height))


@dataclass(frozen=True)
class Span:
    """One bar of the roadmap: a measure from start to planned end."""

    label: str
    group: str
    start: date
    end: date | None  # None: open-ended (standing task)


def roadmap(name: str, title: str, desc: str, spans: Sequence[Span], horizon: date,
            fmt: Formatter) -> Chart:
    """A Gantt chart of all measures, grouped by field of action (colours by field)."""

    def draw(fig: Any) -> None:
        import importlib

        mdates: Any = importlib.import_module("matplotlib.dates")  # untyped module

        ax = fig.subplots()
        groups = list(dict.fromkeys(s.group for s in spans))
        palette = ["#1f4e79", "#2e7d32", "#8e24aa", "#ef6c00", "#00838f", "#6d4c41",
                   "#c62828", "#546e7a"]
        ys = list(range(len(spans)))[::-1]
        for y, span in zip(ys, spans, strict=True):
            colour = palette[groups.index(span.group) % len(palette)]
            end = span.end or horizon
            left = mdates.date2num(span.start)
            ax.barh(y, mdates.date2num(end) - left, left=left, height=0.6, color=colour,
                    hatch="//" if span.end is None else None, edgecolor="white")
        ax.set_yticks(ys, [s.label for s in spans])
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=7))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.grid(axis="x", which="both", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [_patch(palette[i % len(palette)], g) for i, g in enumerate(groups)]
        fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False,
                   fontsize=7)

    return _svg(name, title, desc, draw, (6.8, 1.6 + 0.24 * len(spans)))


def _patch(colour: str, label: str) -> Any:
    from matplotlib.patches import Patch

    return Patch(color=colour, label=label)


def _wrap(text: str, width: int = 26) -> str:
    """Break long axis labels into two lines at a space."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text if cut < 0 else text[:cut] + "\n" + _wrap(text[cut + 1:], width)
