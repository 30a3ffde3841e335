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
