"""Every colour dotool prints with: charts, DOCX, the PDF (Typst), HTML and the site (CSS), the
terminal and the Excel workbook take them from here, so the Ampel looks the same everywhere.

Plain strings only (no imports): the terminal path imports this module at start-up. Colours are
`#rrggbb`; DOCX and openpyxl want them without the `#` (`bare`). A colour used for *text* must
reach 4.5:1 against white (WCAG 1.4.3, tested); a *fill* or a *line* beside a word that says the
same (the Ampel's dot, a chart's bar) needs no contrast of its own.
"""

from __future__ import annotations

# --- the Ampel (fills: the dot before the word, the bar of a chart; never text) ------------
#: Green, amber and red as in a traffic light, dark enough to tell apart in greyscale print.
GREEN = "#2e7d32"
#: The light amber of a traffic light: a fill only, far below 4.5:1 as text.
AMBER = "#f9a825"
RED = "#c62828"
#: A measure without a report yet: a neutral grey, no colour of the Ampel.
NONE = "#9e9e9e"
#: The Ampel by its key (`rag` in a measure's update; "none" when there is no report yet).
RAG = {"green": GREEN, "amber": AMBER, "red": RED, "none": NONE}

# --- the document ----------------------------------------------------------------------------
#: Body text: nearly black, softer on paper than pure black.
INK = "#1a1a1a"
#: Headings, the accent lines, the first series of a chart: a dark blue (also text).
ACCENT = "#1f4e79"
#: The second series of a chart, a target line: orange, told apart from the blue with any
#: common colour-vision deficiency; at least 3:1 against white (WCAG 1.4.11, graphics).
ORANGE = "#b35900"
#: Links: a blue distinct from the headings' one.
LINK = "#0b5394"
#: Secondary text: captions, the kind of paper, running header, page numbers, the dot's ring.
MUTED = "#555555"
#: A note under a table or a figure.
NOTE = "#444444"
#: A value that is missing ("not reported"): a dark red, in italics.
MISSING = "#8a1c1c"
#: Table rules and lines.
RULE = "#c8c8c8"
#: The header row of a table.
SHADE = "#eef3f8"
#: Behind the notice that a document is made from sample data (framed in RED).
SAMPLE = "#fdecea"
#: The lighter rules of a chart's grid (the second for the small charts of the site).
GRID = "#dddddd"
GRID_LIGHT = "#eeeeee"
#: A dropped measure's bar, a baseline in a chart: the grey of "no report yet".
GREY = NONE
#: A dropped measure's cross in the roadmap: dark grey, not a colour of the Ampel.
DROPPED = "#424242"
#: The lines of the fields of action in a trend chart (told apart also by their markers).
SERIES = (ACCENT, ORANGE, GREEN, "#8e24aa", "#00838f", "#6d4c41", RED, "#546e7a")

# --- the site (its header and navigation are dark; see templates/site/site.css.j2) ------------
WHITE = "#ffffff"
#: The navigation bar below the header: a darker shade of ACCENT.
NAV = "#163a5c"
#: A link under the pointer: darker than LINK.
LINK_HOVER = "#063056"
#: The focus ring on the dark header, where LINK would not be seen.
FOCUS_ON_DARK = "#ffd54f"
#: Behind the key figures of the site's start page.
FIGURE_FILL = "#fafcfe"
#: The label of a key figure, a tag: dark grey text.
TAG = "#333333"

#: The document's colours by their CSS/Typst name. Every one of them is a custom property in the
#: stylesheet (`--name`) and an entry of `palette` in the Typst page.
DOCUMENT = {
    "green": GREEN, "amber": AMBER, "red": RED, "none": NONE, "ink": INK, "head": ACCENT,
    "orange": ORANGE, "link": LINK, "muted": MUTED, "note": NOTE, "missing": MISSING,
    "rule": RULE, "shade": SHADE, "sample": SAMPLE, "white": WHITE, "nav": NAV,
    "link-hover": LINK_HOVER, "focus-on-dark": FOCUS_ON_DARK, "figure-fill": FIGURE_FILL,
    "tag": TAG,
}
#: The colours written as text on a white page (the test holds each to 4.5:1).
TEXT_ON_WHITE = (INK, ACCENT, LINK, MUTED, NOTE, MISSING, TAG, LINK_HOVER)

# --- the terminal --------------------------------------------------------------------------
#: The Ampel in rich's named colours: the terminal's own green, yellow and red follow its theme,
#: so they stay readable on a dark and on a light background (a fixed hex green is not).
TERMINAL_RAG = {"green": "green", "amber": "yellow", "red": "red"}
#: A finding's severity in the terminal, in the same named colours.
TERMINAL_SEVERITY = {"error": "red", "warning": "yellow"}


def bare(colour: str) -> str:
    """`colour` as DOCX and openpyxl write it: upper case, without the `#` ("F9A825")."""
    return colour.lstrip("#").upper()


def css_properties() -> str:
    """The stylesheet's `:root { --name: #rrggbb; ... }` block, one property per colour."""
    return ":root { " + " ".join(f"--{name}: {value};" for name, value in DOCUMENT.items()) + " }"


def typst_definitions() -> str:
    """The Typst page's colours: `#let palette = (ink: rgb("#1a1a1a"), ...)` and the Ampel as
    `#let rag-colours = ("green": rgb(...), ...)` (string keys: `none` is a Typst keyword)."""
    entries = ", ".join(f'"{name}": rgb("{value}")' for name, value in DOCUMENT.items())
    rag = ", ".join(f'"{key}": rgb("{value}")' for key, value in RAG.items())
    return f"#let palette = ({entries})\n#let rag-colours = ({rag})"


def contrast(foreground: str, background: str = WHITE) -> float:
    """The WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
