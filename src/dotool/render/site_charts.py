"""The site's small charts over time, sized for a phone: 3.6 in wide with 8 pt text, so that a
390 px screen shows them whole with labels of about 10 px; a wider screen shows them at most at
their own size. Every chart has its text alternative; the page beside it has the data table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dotool.i18n import Formatter, translations
from dotool.palette import ACCENT as BLUE
from dotool.palette import GREY, GRID, GRID_LIGHT, ORANGE
from dotool.render.charts import Chart, svg_chart, whole_numbers
from dotool.render.site_trends import HistoryRow, KpiPage
from dotool.render.trendcharts import MARKERS, PALETTE

WIDTH = 3.6
_TEXT = 8  # points: the smallest text of these charts


def _halves(halves: Sequence[Any], _: Any) -> list[str]:
    from dotool.render.templates import half_short

    return [half_short(h, gettext=_) for h in halves]


def _ticks(ax: Any, labels: list[str]) -> None:
    """Every half on the axis while they fit, else every second or third."""
    xs = list(range(len(labels)))
    step = 1 if len(labels) <= 4 else (2 if len(labels) <= 8 else 3)
    ax.set_xticks(xs[::step], labels[::step], fontsize=_TEXT)
    ax.tick_params(axis="y", labelsize=_TEXT)


def _words(labels: list[str], values: Sequence[float | None], show: Any) -> str:
    return ", ".join(f"{h}: {show(v) if v is not None else '–'}"
                     for h, v in zip(labels, values, strict=True))


def progress_chart(name: str, title: str, halves: Sequence[Any],
                   lines: Sequence[tuple[str, Sequence[float | None]]], lang: str) -> Chart:
    """Progress (0–100 %) over the halves, one line per series (a measure, or a field)."""
    _ = translations(lang).gettext
    fmt = Formatter(lang)
    labels = _halves(halves, _)
    desc = "; ".join(f"{label}: {_words(labels, values, fmt.percent)}" for label, values in lines)

    def draw(fig: Any) -> None:
        from matplotlib.ticker import FuncFormatter

        ax = fig.subplots()
        for index, (label, values) in enumerate(lines):
            points = [(x, v) for x, v in enumerate(values) if v is not None]
            ax.plot([p[0] for p in points], [p[1] for p in points], label=label,
                    color=PALETTE[index % len(PALETTE)], marker=MARKERS[index % len(MARKERS)],
                    linewidth=1.8, markersize=4.5)
        ax.set_ylim(0, 100)
        ax.set_xlim(-0.3, len(labels) - 0.7)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.percent(v)))
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        _ticks(ax, labels)
        if len(lines) > 1:
            fig.legend(loc="lower center", ncol=1, frameon=False, fontsize=_TEXT,
                       bbox_to_anchor=(0.5, 0.0))

    legend = 0.2 * len(lines) if len(lines) > 1 else 0.0
    height = 2.0 + legend
    return svg_chart(name, title, desc, _placed(draw, height, legend), (WIDTH, height),
                     layout=None)


def _placed(draw: Any, height: float, below: float, left: float = 0.62) -> Any:
    """`draw` with the axes placed by hand (inches from the edges): no layout engine, which
    would measure every label several times — a site has hundreds of these charts."""

    def placed(fig: Any) -> None:
        fig.subplots_adjust(left=left / WIDTH, right=1 - 0.12 / WIDTH, top=1 - 0.12 / height,
                            bottom=(0.38 + below) / height)
        draw(fig)

    return placed


def measure_chart(rows: Sequence[HistoryRow], lang: str) -> Chart | None:
    """A measure's progress over the halves; None with fewer than two halves or no progress
    figure (a standing task)."""
    if len(rows) < 2 or all(r.progress is None for r in rows):
        return None
    _ = translations(lang).gettext
    return progress_chart("history", _("Progress over the halves"), [r.half for r in rows],
                          [(_("Progress"), [r.progress for r in rows])], lang)


def kpi_chart(page: KpiPage, lang: str) -> Chart | None:
    """A KPI's values over the halves with its baseline (dashed) and target (dotted)."""
    s, shown = page.series, page.points
    if not shown:
        return None
    _ = translations(lang).gettext
    fmt = Formatter(lang)
    labels = _halves([p.half for p in shown], _)

    def number(v: float | None) -> str:
        return fmt.number(v, 1) + (f" {s.unit}" if s.unit and v is not None else "")

    desc = (f"{s.name}: {_words(labels, [p.value for p in shown], number)}; "
            f"{_('Baseline')} {number(s.baseline) or '–'}, {_('Target')} {number(s.target) or '–'}")

    # A count (every number whole) has whole numbers on its axis, never 1,5.
    whole = whole_numbers(*(p.value for p in shown), s.baseline, s.target)

    def draw(fig: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        ax = fig.subplots()
        points = [(x, p.value) for x, p in enumerate(shown) if p.value is not None]
        ax.plot([p[0] for p in points], [p[1] for p in points], color=BLUE, linewidth=1.8,
                marker="o", markersize=4.5, label=_("Value"))
        if s.baseline is not None:
            ax.axhline(s.baseline, color=GREY, linestyle="--", linewidth=1.2,
                       label=_("Baseline"))
        if s.target is not None:
            ax.axhline(s.target, color=ORANGE, linestyle=":", linewidth=1.6, label=_("Target"))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=whole))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.number(v, 1)))
        ax.margins(y=0.15)
        ax.set_xlim(-0.3, len(labels) - 0.7)
        ax.grid(axis="y", color=GRID_LIGHT, linewidth=0.5)
        _ticks(ax, labels)
        fig.legend(loc="lower center", ncol=3, frameon=False, fontsize=_TEXT,
                   bbox_to_anchor=(0.5, 0.0))

    # The page's heading names the KPI; the caption stays in the site's language.
    title = _("Values over the halves")
    widest = max((len(fmt.number(p.value, 1)) for p in shown if p.value is not None), default=4)
    left = max(0.45, 0.07 * max(widest, len(fmt.number(s.target, 1)),
                                len(fmt.number(s.baseline, 1))) + 0.2)
    return svg_chart(f"kpi-{s.measure_id}-{s.key}", title, desc,
                     _placed(draw, 2.3, 0.25, left), (WIDTH, 2.3), layout=None)
