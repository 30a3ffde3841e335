"""Charts drawn with matplotlib as inline SVG, reproducible byte for byte.

Every chart carries a `<title>` and a `<desc>` (its text alternative); the templates put a data
table with the same numbers beside it. matplotlib is imported only here, inside the functions.
"""

from __future__ import annotations

import gc
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from dotool import palette
from dotool.i18n import Formatter
from dotool.render import FONT_DIR, FONT_FAMILY
from dotool.text import shown

_RC: Any = {
    "svg.hashsalt": "dotool",  # fixed ids: the same data gives the same bytes
    "svg.fonttype": "none",  # text stays text (searchable, read by screen readers)
    "text.parse_math": False,  # a label is the plan's text: `$…$` in a title is not TeX
    "text.usetex": False,
    "font.family": FONT_FAMILY,  # the PDF's font, shipped with dotool (render/fonts)
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
#: The smallest text a chart may show on a screen, in CSS pixels.
READABLE_PX = 10
# The SVG is measured in points (its viewBox), and so are the text sizes it writes as "px".
_FONT_SIZE = re.compile(r"font(?:-size)?:\s*([0-9.]+)px")


@dataclass(frozen=True)
class Chart:
    """A chart with its title and text description, drawn by matplotlib on first use: an
    inline SVG (and a PNG of it, for Word). Its size is known before it is drawn."""

    name: str
    title: str
    desc: str
    width: float  # in points, as drawn
    height: float  # in points, as drawn
    drawing: Callable[[], tuple[str, bytes | None]] = field(repr=False, compare=False)
    subject: str | None = None  # the plan's own words in the title (a field's title), if any
    part: str = ""  # " (2/3)" for a part of a chart drawn in several

    @cached_property
    def _drawn(self) -> tuple[str, bytes | None]:
        return self.drawing()

    @property
    def svg(self) -> str:
        """The SVG, without XML prolog: safe markup produced by matplotlib."""
        return self._drawn[0]

    @property
    def png(self) -> bytes | None:
        """The PNG at print resolution, when the chart was asked for one (Word)."""
        return self._drawn[1]

    @property
    def min_width(self) -> int:
        """The narrowest width, in CSS pixels, at which the chart's smallest text is still
        10 px high: a screen narrower than that scrolls the chart rather than shrink it."""
        sizes = [float(s) for s in _FONT_SIZE.findall(self.svg)]
        return math.ceil(READABLE_PX * self.width / min(sizes, default=8.0))

    @property
    def max_width(self) -> int:
        """The widest it should be shown, in CSS pixels: a quarter above its drawn size, so
        that a small chart on a wide screen does not grow into a poster."""
        return max(self.min_width, math.ceil(self.width * 96 / 72 * 1.25))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str = palette.ACCENT
    second: float | None = None  # a second series (e.g. spent next to planned)

    def __post_init__(self) -> None:  # the plan's words, before any drawing measures them
        object.__setattr__(self, "label", label_text(chart_text(self.label)))


#: The longest label a bar chart prints (the table beside every chart has the full text).
MAX_LABEL = 60


def label_text(text: str, width: int = MAX_LABEL) -> str:
    """A label as a chart prints it: on one line, at most `width` characters (see `shorten`)."""
    return shorten(" ".join(text.split()), width)


def whole_numbers(*values: float | None) -> bool:
    """Whether every given number is whole (a count): its axis then shows whole numbers only,
    never 1,5 of a count. Missing values (None) do not count."""
    return all(float(v).is_integer() for v in values if v is not None)


#: What names a label's group or count at its end, "(57)", "(2/3)", "(%)": never cut.
_SUFFIX = re.compile(r" (\([^()]{1,12}\))$")


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` characters: cut after a whole word with `…`, a short suffix
    in parentheses kept ("Modernisierung der… (57)"); a single word longer than the room is
    cut where it must be."""
    if len(text) <= width:
        return text
    found = _SUFFIX.search(text)
    suffix = f" {found.group(1)}" if found and len(found.group(1)) < width // 2 else ""
    head = text[: found.start()] if suffix and found else text
    room = width - len(suffix) - 1  # the "…" takes one
    cut = head.rfind(" ", 0, room + 1)
    body = head[:cut] if cut > 0 else head[:room]
    return body.rstrip(" ,;:-–—") + "…" + suffix


def chart_text(text: str) -> str:
    """A text of a chart: control characters shown escaped, a tab as a space (no glyph)."""
    return shown(text.replace("\t", " "), lines=True)


def _plain_texts(fig: Any) -> None:
    """Every text of a drawn chart with its control characters shown escaped (`shown`): the
    plan's words reach no font as characters it has no glyph for, and no SVG as characters
    XML cannot hold, whichever chart put them there."""
    from matplotlib.text import Text
    from matplotlib.ticker import FixedFormatter

    for item in fig.findobj(Text):
        text = item.get_text()
        if isinstance(text, str) and text:
            safe = chart_text(text)
            if safe != text:
                item.set_text(safe)
    for ax in fig.axes:  # tick labels are made from their formatter at every drawing
        for axis in (ax.xaxis, ax.yaxis):
            for formatter in (axis.get_major_formatter(), axis.get_minor_formatter()):
                if isinstance(formatter, FixedFormatter):
                    formatter.seq = [chart_text(str(label)) for label in formatter.seq]


#: Where the font is missing (a browser showing the HTML), Arial has the same metrics.
_FALLBACK = f"'{FONT_FAMILY}', Arial, Helvetica, sans-serif"
_fonts_added = False


def _use_bundled_font() -> None:
    """Make matplotlib measure and draw with the font the PDF uses (once per process)."""
    global _fonts_added
    if not _fonts_added:
        from matplotlib import font_manager

        for path in sorted(FONT_DIR.glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
        _fonts_added = True


def svg_chart(name: str, title: str, desc: str, draw: Callable[[Any], None],
              size: tuple[float, float], *, png: bool = False, layout: Any = "constrained"
              ) -> Chart:
    """A chart that `draw(figure)` draws, as SVG (and PNG) on first use; `layout=None` when
    `draw` places the axes itself (constrained layout measures every label several times)."""
    # The title and description are the chart's text alternative, in the SVG and in Word's
    # picture: the plan's words in them with control characters shown escaped, like the labels.
    title, desc = chart_text(title), chart_text(desc)

    def drawing() -> tuple[str, bytes | None]:
        return _draw(name, title, desc, draw, size, png=png, layout=layout)

    return Chart(name, title, desc, size[0] * 72, size[1] * 72, drawing)


def _draw(name: str, title: str, desc: str, draw: Callable[[Any], None],
          size: tuple[float, float], *, png: bool, layout: Any) -> tuple[str, bytes | None]:
    import matplotlib

    matplotlib.use("Agg")
    from markupsafe import escape
    from matplotlib.figure import Figure

    _use_bundled_font()
    picture = None
    # A drawn figure is a web of reference cycles that keeps its pixel buffer (megabytes at
    # print resolution) until a full garbage collection: collect it as soon as it is saved,
    # so a document of many charts holds one at a time. Freezing what existed before makes
    # that collection look at the chart's own objects only (milliseconds, not a pass over
    # the whole plan).
    gc.freeze()
    try:
        with matplotlib.rc_context(_RC):
            fig = Figure(figsize=size, layout=layout)
            draw(fig)
            _plain_texts(fig)
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", metadata=_METADATA)
            if png:  # Word shows no SVG everywhere: a picture at print resolution
                raw = io.BytesIO()
                fig.savefig(raw, format="png", dpi=150, metadata={"Software": None})
                picture = raw.getvalue()
            del fig
        gc.collect()
    finally:
        gc.unfreeze()
    text = buffer.getvalue()
    text = text[text.index("<svg"):].replace(f"'{FONT_FAMILY}'", _FALLBACK)
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
    return text.strip(), picture


#: Points between a bar's end and its value.
LABEL_GAP = 4

def bars(name: str, title: str, desc: str, items: Sequence[Bar], fmt: Formatter, *,
         percent: bool = False, money: bool = False,
         series: tuple[str, str] | None = None, width: float = 4.6, png: bool = False) -> Chart:
    """A horizontal bar chart; with `series`, two bars per item (e.g. planned and spent)."""

    def draw(fig: Any) -> None:
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        ax = fig.subplots()
        labels = [b.label for b in items]
        ys = list(range(len(items)))[::-1]
        if series:
            height = 0.38
            ax.barh([y + height / 2 for y in ys], [b.value for b in items], height,
                    color=palette.ACCENT, label=series[0])
            ax.barh([y - height / 2 for y in ys], [b.second or 0 for b in items], height,
                    color=palette.ORANGE, label=series[1])
            # Below the axes, never inside: inside it covers the longest bar sooner or later.
            fig.legend(loc="outside lower center", ncol=2, frameon=False)
        else:
            ax.barh(ys, [b.value for b in items], 0.6, color=[b.colour for b in items])
            for y, b in zip(ys, items, strict=True):
                text = fmt.percent(b.value) if percent else fmt.number(b.value)
                # A gap of a few points after the bar's end: a label touching it reads as
                # part of the bar.
                ax.annotate(text, (b.value, y), xytext=(LABEL_GAP, 0),
                            textcoords="offset points", va="center")
        ax.set_yticks(ys, [wrap(label_text(label)) for label in labels])
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
    return svg_chart(name, title, desc, draw, (width, height), png=png)


def patch(colour: str, label: str, hatch: str | None = None) -> Any:
    """A legend entry: a coloured box (hatched like the bars it stands for)."""
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, edgecolor="white" if hatch else colour, hatch=hatch,
                 label=label)


def wrap(text: str, width: int = 26) -> str:
    """Break long axis labels into two lines at a space."""
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text if cut < 0 else text[:cut] + "\n" + wrap(text[cut + 1:], width)
