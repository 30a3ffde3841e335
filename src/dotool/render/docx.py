"""DOCX from the rendered HTML with python-docx: Word headings, real tables, list styles.

Building the DOCX from the same HTML keeps one template set for every format. Charts (SVG) are
left out — each has its data table beside it, which is carried over. The ZIP entries get a fixed
timestamp, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from dotool.i18n import LOCALES

if TYPE_CHECKING:
    from dotool.render.document import Meta

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "li", "dt", "dd", "caption", "figcaption"}
_SKIP = {"svg", "style", "title", "head", "script", "figure"}
#: The Ampel in Word: the label is written in its colour (and a ● before it) as in the HTML.
_RAG = {"rag-green": "2E7D32", "rag-amber": "B26A00", "rag-red": "C62828", "rag-none": "757575"}


class _Builder(HTMLParser):
    """Walks the HTML and writes paragraphs, runs, lists and tables into a Document."""

    def __init__(self, doc: Any) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.skip_tag: str | None = None  # inside an element left out (svg, figure, ...)
        self.skip_depth = 0
        self.para: Any = None
        self.bold = 0
        self.italic = 0
        self.lists: list[str] = []
        self.table: list[list[tuple[str, bool, str | None]]] | None = None
        self.cell: list[str] | None = None
        self.cell_head = False
        self.cell_colour: str | None = None  # the Ampel colour of the open cell, if any
        self.caption: str | None = None
        self.spans: list[str | None] = []  # the Ampel colour of each open <span>

    # --- parsing -----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.skip_tag:
            self.skip_depth += tag == self.skip_tag
            return
        if tag in _SKIP or "running" in classes:
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "span":
            colour = next((_RAG[c] for c in classes if c in _RAG), None)
            self.spans.append(colour)
            if colour and self.table is None:
                self._run("● ")
            elif colour and self.cell is not None:
                self.cell.append("● ")
                self.cell_colour = colour
        elif tag == "table":
            self.table, self.caption = [], None
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell, self.cell_head, self.cell_colour = [], tag == "th", None
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "dt":  # a term, as the HTML shows it: bold, on its own line
            self.bold += 1
            if self.cell is None:
                self.para = self._paragraph(tag)
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")
        elif tag in _BLOCKS and self.cell is None and tag != "caption":
            self.para = self._paragraph(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.skip_tag = None
            return
        if tag == "span" and self.spans:
            self.spans.pop()
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            self.table[-1].append((" ".join("".join(self.cell).split()), self.cell_head,
                                   self.cell_colour))
            self.cell = None
        elif tag == "table" and self.table is not None:
            self._write_table(self.table, self.caption)
            self.table = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag == "dt":
            self.bold -= 1
            self.para = None
        elif tag in _BLOCKS:
            self.para = None

    def handle_data(self, data: str) -> None:
        if self.skip_tag:
            return
        if self.table is not None:
            if self.cell is not None:
                self.cell.append(data)
            elif data.strip():
                self.caption = (self.caption or "") + data
            return
        text = " ".join(data.split())
        if not text:
            if data and self.para is not None and self.para.runs:
                self._run(" ")
            return
        if data[:1].isspace() and self.para is not None and self.para.runs:
            text = " " + text
        if data[-1:].isspace():
            text += " "
        self._run(text)

    def _run(self, text: str) -> None:
        from docx.shared import RGBColor

        if self.para is None:
            self.para = self.doc.add_paragraph()
        run = self.para.add_run(text)
        run.bold = bool(self.bold) or None
        run.italic = bool(self.italic) or None
        colour = next((c for c in reversed(self.spans) if c), None)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)

    # --- writing -----------------------------------------------------------------------
    def _paragraph(self, tag: str) -> Any:
        if tag in ("h1", "h2", "h3", "h4", "h5"):
            return self.doc.add_heading(level=int(tag[1]) if tag != "h1" else 0)
        if tag == "li":
            style = "List Number" if self.lists and self.lists[-1] == "ol" else "List Bullet"
            return self.doc.add_paragraph(style=style)
        return self.doc.add_paragraph()

    def _landscape(self) -> None:
        """Continue on a new landscape page (once; what follows stays landscape)."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        current = self.doc.sections[-1]
        if current.orientation == WD_ORIENT.LANDSCAPE:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = current.page_height, current.page_width

    def _write_table(self, rows: list[list[tuple[str, bool, str | None]]],
                     caption: str | None) -> None:
        from docx.shared import Pt, RGBColor

        size = Pt(_TABLE_PT)

        rows = [r for r in rows if r]
        if not rows:
            return
        if caption:
            label = self.doc.add_paragraph(" ".join(caption.split()), style="Caption")
            label.paragraph_format.space_before = Pt(10)  # apart from a table just above
            label.paragraph_format.keep_with_next = True
        width = max(len(r) for r in rows)
        if width >= _LANDSCAPE_FROM:
            self._landscape()
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        table.autofit = False
        section = self.doc.sections[-1]
        widths = _widths(rows, width, section.page_width - section.left_margin
                         - section.right_margin)
        for col, column in enumerate(table.columns):  # the grid, which LibreOffice reads
            column.width = widths[col]
        for index, row in enumerate(rows):
            cells = table.add_row().cells
            for col, cell in enumerate(cells):
                cell.width = widths[col]
            for col, (text, head, colour) in enumerate(row):
                cells[col].text = text
                for run in cells[col].paragraphs[0].runs:
                    run.font.size = size
                    if head and (index == 0 or col == 0):
                        run.bold = True
                    if colour:  # the Ampel as colour as well as text, as in the HTML
                        run.font.color.rgb = RGBColor.from_string(colour)
        self.para = None


#: Tables with this many columns (the annex) get a landscape page, as in the PDF.
_LANDSCAPE_FROM = 7
#: The font size of tables, in points (a Vorlage sets its tables smaller than the text).
_TABLE_PT = 9


def _widths(rows: list[list[tuple[str, bool, str | None]]], count: int, total: int) -> list[int]:
    """Column widths (EMU): every column fits its longest word, the rest goes to long text.

    Word and LibreOffice would otherwise give every column the same width, and a title column
    of a table with six columns breaks "Lenkungskreis" into "Lenkungsk-reis".
    """
    char = int(_TABLE_PT * 0.68 * 12700)  # a generous average character (bold) at that size
    pad = 182880  # the cell's own margins: 0.2 inch in EMU
    longest, word = [0] * count, [0] * count
    for row in rows:
        for col, (text, _, _) in enumerate(row[:count]):
            longest[col] = max(longest[col], len(text))
            word[col] = max(word[col], *(len(w) for w in text.split()), 0)
    # German compounds ("Informationssicherheitsmanagement") break anyway; a column need not
    # be wider than a word of 16 characters for them.
    need = [min(w, 16) * char + pad for w in word]
    want = [max(min(line, 40) * char + pad, n) for line, n in zip(longest, need, strict=True)]
    if sum(need) >= total:  # cannot be helped: shrink evenly
        return [total * n // sum(need) for n in need]
    room = total - sum(need)
    more = [w - n for w, n in zip(want, need, strict=True)]
    if sum(more) <= room:  # everything fits on one line: share what is left by length
        return [w + (total - sum(want)) * w // sum(want) for w in want]
    return [n + room * m // sum(more) for n, m in zip(need, more, strict=True)]


def _a4(section: Any) -> None:
    """A4 with the margins of a German Vorlage (python-docx's template is US Letter)."""
    from docx.shared import Cm

    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)


def html_to_docx(page: str, meta: Meta) -> bytes:
    """The DOCX of an HTML document, with title, subject and language as core properties."""
    from datetime import datetime

    from docx import Document

    doc = Document()
    _a4(doc.sections[0])
    props = doc.core_properties
    props.title, props.subject = meta.title, meta.subject
    props.language = LOCALES[meta.lang].replace("_", "-")  # de_DE → de-DE
    props.author, props.last_modified_by, props.comments = "", "", ""
    stamp = datetime(meta.stand.year, meta.stand.month, meta.stand.day)
    props.created = props.modified = stamp
    props.revision = 1
    builder = _Builder(doc)
    builder.feed(page)
    builder.close()
    raw = io.BytesIO()
    doc.save(raw)
    return _fixed_zip(raw.getvalue(), (stamp.year, stamp.month, stamp.day, 0, 0, 0))


def _fixed_zip(data: bytes, when: tuple[int, int, int, int, int, int]) -> bytes:
    """Rewrite a ZIP with one fixed timestamp for every entry (python-docx uses the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
