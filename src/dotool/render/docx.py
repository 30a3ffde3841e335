"""DOCX from the rendered HTML with python-docx: Word headings, real tables, lists and charts.

Building the DOCX from the same HTML keeps one template set for every format. Each chart comes
in as a picture (the PNG drawn with its SVG) with its text alternative; the running header of
the page becomes the Word header, with "Seite x von y" (the page's own words) in the footer.
The ZIP entries get a fixed timestamp, so the same data gives the same bytes.

Memory: the tables (the annex, every profile sheet) are most of a long document's elements,
and python-docx's lxml tree costs about 200 bytes an element — about 60 MiB for a plan of a
thousand measures. So a table is kept as its XML text (`docx_table.table_xml`) and stands in
the tree as a comment that names it; the text takes its place in `word/document.xml` when the
package is written. The comment cannot be mistaken for the plan's text: lxml writes every `<`
of a text or an attribute as `&lt;`.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from dotool.i18n import LOCALES, translations
from dotool.palette import RAG, bare
from dotool.render import docx_page
from dotool.render.docx_page import TABLE_TEXT
from dotool.render.docx_table import Cell, table_xml
from dotool.text import shown

if TYPE_CHECKING:
    from dotool.render.charts import Chart
    from dotool.render.document import Meta
    from dotool.render.markdown import Images

#: HTML's collapsible white space: a no-break space ("63 %", "Winsen (Luhe)") is not in it.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "caption", "figcaption"}
_SKIP = {"svg", "style", "title", "head", "script"}
#: Elements without an end tag: they open nothing to close.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
#: The parts of the running header, each a whole element with whatever it nests (a `lang` span).
_RUNNING = ("running-municipality", "running-subject")
#: The Ampel in Word as in the HTML: a ● in the Ampel's colour (a fill, the same as the charts'),
#: then the label in the text's colour (the light amber would be unreadable as text).
_RAG = {f"rag-{key}": bare(colour) for key, colour in RAG.items()}
#: Key–value tables whose caption is for screen readers only (as in the HTML).
_FACTS = {"facts-table", "profile-table"}
#: Tables the PDF leaves out (the roadmap's table, for which the PDF has only the charts): their
#: caption has no number, so that every other table has the number it has in the PDF.
_UNNUMBERED = {"roadmap-table"}


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    head: bool = False
    number: bool = False
    colour: str | None = None  # the Ampel colour, if any


@dataclass
class _Table:
    classes: set[str]
    rows: list[list[_Cell]] = field(default_factory=list)
    header_rows: int = 0
    caption: str | None = None
    in_head: bool = False


class _Builder(HTMLParser):
    """Walks the HTML and writes paragraphs, runs, lists, tables and pictures into a Document."""

    def __init__(self, doc: Any, charts: dict[str, Chart], images: Images | None = None,
                 lang: str = "en") -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.charts = charts
        self.images = images  # the pictures of the text, which the HTML names by their digest
        self.skip_tag: str | None = None  # inside an element left out (svg, style, ...)
        self.skip_depth = 0
        self.para: Any = None
        self.bold = 0
        self.italic = 0
        self.lists: list[list[Any]] = []  # each open list: its tag and its items so far
        self.run_in = False  # a term of a run-in list ("Titel: Text"): its text follows
        self.table: _Table | None = None
        self.cell: _Cell | None = None
        self.running: dict[str, str] = {}  # running-municipality, running-subject, page-of
        self.in_running: str | None = None
        self.running_depth = 0  # the elements open inside the running part
        self.lists_dl: list[set[str]] = []  # the classes of each open description list
        # Looked up once: python-docx finds a section or a style by searching the document,
        # and adds every paragraph by searching the body for its end — slow in a long one.
        self.usable = docx_page.text_width(doc.sections[-1])
        self.style_ids: dict[str, str] = {}
        self.tables: list[bytes] = []  # each table's XML, in UTF-8; its comment names its index
        # Captions numbered as the PDF numbers them (Typst: "Abbildung 1:", "Tabelle 1:"), the
        # charts and the tables each counted on their own, in the order of the page.
        pgettext = translations(lang).pgettext
        self.labels = {"figure": pgettext("caption", "Figure"),
                       "table": pgettext("caption", "Table")}
        self.numbered = {"figure": 0, "table": 0}
        self.in_chart = False  # inside a chart's figure: its caption is numbered

    # --- parsing -----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        if self.skip_tag:
            self.skip_depth += tag == self.skip_tag
            return
        if self.in_running:  # a nested element of the running part: its text belongs to it
            self.running_depth += tag not in _VOID
            return
        if "running" in classes:
            self.running["page-of"] = values.get("data-page-of") or ""
        part = next((name for name in _RUNNING if name in classes), None)
        if part is not None:
            self.in_running, self.running_depth = part, 1
            return
        if tag in _SKIP:
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "section" and "annex" in classes:
            self._landscape()  # the annex's wide table, as in the PDF
        if tag == "figure" and values.get("data-chart") in self.charts:
            self._chart(self.charts[values["data-chart"] or ""])
            self.in_chart = True
        elif tag == "figcaption" and self.in_chart and self.cell is None:
            self.para = self._caption("figure")
        elif tag == "img":
            self._image(values.get("src") or "", values.get("alt") or "")
        elif tag == "span":
            colour = next((_RAG[c] for c in classes if c in _RAG), None)
            if colour and self.cell is not None:
                self.cell.text.append("● ")
                self.cell.colour = colour
            elif colour:
                self._run("● ", colour)
        elif tag == "table":
            self.table = _Table(classes)
        elif tag == "thead" and self.table is not None:
            self.table.in_head = True
        elif tag == "tr" and self.table is not None:
            self.table.rows.append([])
            self.table.header_rows += self.table.in_head
        elif tag in ("td", "th") and self.table is not None:
            self.cell = _Cell(head=tag == "th" and self.table.in_head, number="num" in classes)
            if self.table.classes & _FACTS and tag == "th":
                self.cell.head = True  # the key column of a key–value table, bold as in HTML
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "dl":
            self.lists_dl.append(classes)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "dt":  # a term, as the HTML shows it: bold, on its own line
            self.bold += 1
            if self.cell is None:
                self.para = self._paragraph(tag)
                self.para.paragraph_format.keep_with_next = True  # with what it names
        elif tag == "li" and self.cell is not None:
            self.cell.text.append("\n" if self.cell.text else "")
            if self.lists and self.lists[-1][0] == "ol":  # the number the list shows
                self.lists[-1][1] += 1
                self.cell.text.append(f"{self.lists[-1][1]}. ")
        elif tag == "br" and self.cell is not None:
            self.cell.text.append("\n" if self.cell.text else "")
        elif tag == "dd" and self.run_in:
            pass  # its text goes on in the term's paragraph
        elif tag == "p" and self.run_in and self.cell is None:
            self.run_in = False  # the first paragraph of the description, after its term
        elif tag in _BLOCKS and self.cell is None and tag != "caption":
            self.run_in = False
            self.para = self._paragraph(tag)
            if "facts" in classes:  # a measure's status line stays with its text
                self.para.paragraph_format.keep_with_next = True

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.skip_tag = None
            return
        if self.in_running:
            self.running_depth -= tag not in _VOID
            if self.running_depth <= 0:
                self.in_running = None
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            self.table.rows[-1].append(self.cell)
            self.cell = None
        elif tag == "thead" and self.table is not None:
            self.table.in_head = False
        elif tag == "figure":
            self.in_chart = False
        elif tag == "table" and self.table is not None:
            self._write_table(self.table)
            self.table = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "dl" and self.lists_dl:
            self.lists_dl.pop()
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag == "dt":
            if self.lists_dl and "next-steps" in self.lists_dl[-1] and self.para is not None:
                # Run in, as the PDF sets it: "M-001 Titel: what comes next", one paragraph
                # (which need not keep with the next: a chain of them would move as one block).
                self.para.paragraph_format.keep_with_next = None
                self._run(":")
                self.bold -= 1
                self._run(" ")
                self.run_in = True
                return
            self.bold -= 1
            self.para = None
        elif tag == "dd":
            self.run_in = False
            self.para = None
        elif tag in _BLOCKS:
            self.para = None

    def handle_data(self, data: str) -> None:
        if self.skip_tag:
            return
        # The page's text has its control characters escaped already (the templates' finalize);
        # a character reference in the HTML would still give one here, and XML cannot hold it.
        data = shown(data, lines=True)
        if self.in_running:
            self.running[self.in_running] = self.running.get(self.in_running, "") + data
            return
        if self.table is not None:
            if self.cell is not None:
                self.cell.text.append(data)
            elif data.strip():
                self.table.caption = (self.table.caption or "") + data
            return
        text = _HTML_SPACE.sub(" ", data).strip(" ")
        if not text:
            # Whitespace between elements is one space, as in HTML: none after a space.
            if data and self.para is not None and self.para.runs \
                    and not self.para.runs[-1].text.endswith(" "):
                self._run(" ")
            return
        if _HTML_SPACE.match(data[:1]) and self.para is not None and self.para.runs:
            text = " " + text
        if _HTML_SPACE.match(data[-1:]):
            text += " "
        self._run(text)

    def _add(self, style: str | None = None) -> Any:
        """A new paragraph at the end of the body (in `style`, by name)."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        element = OxmlElement("w:p")
        self.doc.element.body.sectPr.addprevious(element)
        para = Paragraph(element, self.doc._body)
        if style is not None:
            if style not in self.style_ids:
                self.style_ids[style] = self.doc.styles[style].style_id
            para._p.get_or_add_pPr().get_or_add_pStyle().val = self.style_ids[style]
        return para

    def _run(self, text: str, colour: str | None = None) -> None:
        from docx.shared import RGBColor

        if self.para is None:
            self.para = self._add()
        run = self.para.add_run(text)
        # Only what is set: assigning None still adds an empty <w:rPr/> to every run, which
        # in a long document is a good part of its XML (and of the memory to build it).
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)

    # --- writing -----------------------------------------------------------------------
    def _paragraph(self, tag: str) -> Any:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = self._add("Title" if tag == "h1" else f"Heading {tag[1]}")
            heading.paragraph_format.keep_with_next = True
            return heading
        if tag == "li":
            return self._add("List Number" if self.lists and self.lists[-1][0] == "ol"
                             else "List Bullet")
        if tag == "figcaption":
            return self._add("Caption")
        return self._add()

    def _caption(self, kind: str) -> Any:
        """A new caption paragraph that starts with its number, as the PDF's: "Tabelle 3: "
        (Word's SEQ field, counted per kind; its text is the number it has here)."""
        self.numbered[kind] += 1
        para = self._add("Caption")
        label = self.labels[kind]
        para.add_run(f"{label} ")
        docx_page.sequence(para, "".join(label.split()), self.numbered[kind])
        para.add_run(": ")
        return para

    def _chart(self, chart: Chart) -> None:
        if chart.png is not None:
            docx_page.picture(self._add(), chart.png, chart.width, chart.desc, chart.title,
                              self.usable)
        self.para = None

    def _image(self, src: str, alt: str) -> None:
        """A repository image of the text (named by its digest, or a data URL)."""
        found = self.images.by_url(src) if self.images is not None else None
        if found is not None:
            if found.mime in ("image/png", "image/jpeg", "image/gif"):
                docx_page.picture(self._add(), found.data, 360, alt, alt, self.usable)
                self.para = None
            else:  # an SVG or WebP Word cannot show everywhere: its text stands for it
                self._run(shown(alt))
            return
        head, _, payload = src.partition(",")
        kind = head.removeprefix("data:").removesuffix(";base64")
        if kind in ("image/png", "image/jpeg", "image/gif") and head.endswith(";base64"):
            try:
                data = base64.b64decode(payload, validate=True)
                docx_page.picture(self._add(), data, 360, alt, alt, self.usable)
                self.para = None
                return
            except (binascii.Error, ValueError, OSError, KeyError):
                pass  # not a picture Word can show: its alt text stands for it
        self._run(alt)

    def _landscape(self) -> None:
        """Continue on a new landscape page (once; what follows stays landscape)."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        current = self.doc.sections[-1]
        if current.orientation == WD_ORIENT.LANDSCAPE:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = current.page_height, current.page_width
        self.usable = docx_page.text_width(section)

    def _write_table(self, table: _Table) -> None:
        from docx.shared import Pt

        rows = [[Cell(tuple(_text(c).split("\n")), c.head, c.number, c.colour) for c in r]
                for r in table.rows if r]
        if not rows:
            return
        if table.caption and not table.classes & _FACTS:
            label = self._add("Caption") if table.classes & _UNNUMBERED \
                else self._caption("table")
            label.add_run(" ".join(table.caption.split()))
            label.paragraph_format.space_before = Pt(10)  # apart from a table just above
            label.paragraph_format.keep_with_next = True
        for style in ("Table Grid", TABLE_TEXT):
            if style not in self.style_ids:
                self.style_ids[style] = self.doc.styles[style].style_id
        from lxml import etree

        self.tables.append(table_xml(rows, table.header_rows, self.usable,
                                     self.style_ids["Table Grid"],
                                     self.style_ids[TABLE_TEXT]).encode("utf-8"))
        self.doc.element.body.sectPr.addprevious(etree.Comment(_PLACE % (len(self.tables) - 1)))
        self.para = None


def _text(cell: _Cell) -> str:
    """A cell's text: spaces folded within each line, line breaks (br, li) kept."""
    return "\n".join(" ".join(line.split()) for line in "".join(cell.text).split("\n")
                     if line.strip())


def html_to_docx(page: str, meta: Meta, charts: dict[str, Chart] | None = None,
                 images: Images | None = None) -> bytes:
    """The DOCX of an HTML document, with title, subject and language as core properties;
    `charts` by name, each with its PNG, for the figures of the page; `images`, the pictures
    of the text (an `Images` in the `fetch` mode), each embedded once."""
    from datetime import datetime

    from docx import Document

    doc = Document()
    docx_page.a4(doc.sections[0])
    docx_page.styles(doc)
    props = doc.core_properties
    props.title, props.subject = _property(meta.title), _property(meta.subject)
    props.language = LOCALES[meta.lang].replace("_", "-")  # de_DE → de-DE
    # The author as the PDF names it: the plan's owner, a role rather than a person.
    props.author, props.last_modified_by, props.comments = _property(meta.author), "", ""
    stamp = datetime(meta.data_date.year, meta.data_date.month, meta.data_date.day)
    props.created = props.modified = stamp
    props.revision = 1
    builder = _Builder(doc, charts or {}, images, lang=meta.lang)
    builder.feed(page)
    builder.close()
    found = builder.running
    docx_page.running(doc, " ".join(found.get("running-municipality", "").split()),
                      " ".join(found.get("running-subject", "").split()),
                      found.get("page-of", ""))
    _drop_thumbnail(doc)
    raw = io.BytesIO()
    doc.save(raw)
    tables = builder.tables
    del doc, builder  # the tree: its memory serves the ZIP written next
    return _fixed_zip(raw, (stamp.year, stamp.month, stamp.day, 0, 0, 0), tables)


def _drop_thumbnail(doc: Any) -> None:
    """Leave out the template's thumbnail: a picture of python-docx's blank page, not of this
    document (a part no relationship names is not written)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = doc.part.package.rels
    for key in [k for k, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(key)


#: The extended properties: dotool made the file. The template's (Microsoft Macintosh Word,
#: Words 0, Pages 1 ...) described python-docx's blank page; Word counts the pages and words
#: itself when it opens the file.
_APP_PART = "docProps/app.xml"
_APP = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'docPropsVTypes"><Application>dotool</Application><DocSecurity>0</DocSecurity>'
        b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        b"</Properties>")


#: Word's core properties (title, subject) hold at most this many characters.
_PROPERTY_CHARS = 255


def _property(text: str) -> str:
    """A core property: one line, XML-safe, cut to 255 characters with an ellipsis."""
    text = " ".join(shown(text).split())
    return text if len(text) <= _PROPERTY_CHARS else text[:_PROPERTY_CHARS - 1] + "…"


def _fixed_zip(data: io.BytesIO, when: tuple[int, int, int, int, int, int],
               tables: list[bytes]) -> bytes:
    """Rewrite a ZIP with one fixed timestamp for every entry (python-docx uses the clock),
    the `tables` in place of their comments in the document's XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            with src.open(info) as source, dst.open(fixed, "w") as target:
                if info.filename == _DOCUMENT:
                    _splice(source.read(), tables, target)
                elif info.filename == _APP_PART:
                    target.write(_APP)
                else:  # in pieces: no need to hold an entry whole
                    shutil.copyfileobj(source, target, 1 << 20)
    return out.getvalue()


#: The document's part in the package, and the comment that stands for its table number `n`.
_DOCUMENT = "word/document.xml"
_PLACE = " dotool-table-%d "
_PLACED = re.compile(rb"<!-- dotool-table-(\d+) -->")


def _splice(xml: bytes, tables: list[bytes], target: Any) -> None:
    """Write the document's XML to `target` with each table's text in place of its comment."""
    at = 0
    for found in _PLACED.finditer(xml):
        target.write(xml[at:found.start()])
        target.write(tables[int(found.group(1))])
        at = found.end()
    target.write(xml[at:])
