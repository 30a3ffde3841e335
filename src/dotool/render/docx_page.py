"""The Word page around the content: A4, styles in Arial, header, footer with page numbers,
tables that repeat their header row, and pictures with alt text (python-docx, low-level XML
where python-docx has no API)."""

from __future__ import annotations

import io
import re
from typing import Any

from dotool import palette
from dotool.palette import bare

#: Arial: what council papers are set in (LibreOffice shows it as Liberation Sans, the PDF's
#: font, which has the same metrics).
FONT = "Arial"
ACCENT, SHADE, MUTED, RULE = (bare(c) for c in (palette.ACCENT, palette.SHADE, palette.MUTED,
                                                 palette.RULE))
#: The font size of tables, in points (a Vorlage sets its tables smaller than the text), and
#: the paragraph style of their cells.
TABLE_PT = 9
TABLE_TEXT = "Table Text"


def a4(section: Any) -> None:
    """A4 with the margins of a German Vorlage (python-docx's template is US Letter)."""
    from docx.shared import Cm

    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)


def styles(doc: Any) -> None:
    """Arial throughout; headings in the accent colour; captions small and bold."""
    from docx.shared import Pt, RGBColor

    sizes = {"Normal": 10, "Title": 18, "Heading 1": 15, "Heading 2": 13, "Heading 3": 11.5,
             "Heading 4": 10.5, "Caption": 9, "List Bullet": 10, "List Number": 10}
    for name, size in sizes.items():
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(_qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(_qn(theme), None)
        if name.startswith(("Heading", "Title", "Caption")):
            style.font.color.rgb = RGBColor.from_string(ACCENT)
            style.font.bold = True
            style.font.italic = False
    doc.styles["Caption"].paragraph_format.space_after = Pt(3)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    # The text of table cells: one style, not a font size on every run of every cell.
    from docx.enum.style import WD_STYLE_TYPE

    cells = doc.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = doc.styles["Normal"]
    cells.font.size = Pt(TABLE_PT)


def running(doc: Any, left: str, right: str, page_of: str) -> None:
    """Header (municipality left, subject right) from the second page on, and "Seite x von y"
    in the footer of every page. A later section of another width (the landscape annex) has
    a header of its own, its subject at its own right margin; of the same width it inherits
    the header, and every section inherits the footer (right-aligned, whatever the width)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    section = doc.sections[0]
    section.different_first_page_header_footer = True
    _header(section.header.paragraphs[0], left, right, text_width(section))
    for before, later in zip(doc.sections, doc.sections[1:], strict=False):
        if text_width(later) != text_width(before):
            later.header.is_linked_to_previous = False
            _header(later.header.paragraphs[0], left, right, text_width(later))
    for footer in (section.footer, section.first_page_footer):
        para = footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        # The catalogue's "Seite {page} von {pages}", with the numbers as Word fields.
        for piece in re.split(r"(\{page\}|\{pages\})", page_of):
            if piece in ("{page}", "{pages}"):
                _field(para, "PAGE" if piece == "{page}" else "NUMPAGES")
            elif piece:
                para.add_run(piece)
        for item in para.runs:
            item.font.size, item.font.color.rgb = Pt(8), RGBColor.from_string(MUTED)


def text_width(section: Any) -> int:
    """The width of a section's text, in EMU."""
    return int(section.page_width - section.left_margin - section.right_margin)


def _header(head: Any, left: str, right: str, width: int) -> None:
    """The running header in the paragraph `head`: `left`, then `right` at the right margin
    of text `width` EMU wide, small and muted, over a rule."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches, Pt, RGBColor

    stops = head.paragraph_format.tab_stops
    for inches in (3.25, 6.5):  # the Header style's centre and right stops (US Letter)
        stops.add_tab_stop(Inches(inches), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    run = head.add_run(f"{left}\t{right}")
    run.font.size, run.font.color.rgb = Pt(8), RGBColor.from_string(MUTED)
    _bottom_rule(head)


def picture(para: Any, png: bytes, width_pt: float, alt: str, title: str, usable: int) -> Any:
    """A chart as a picture in the (new, empty) paragraph `para`, with its text alternative
    (descr) for screen readers; never wider than the text (`usable`, in EMU)."""
    from docx.shared import Emu, Pt

    para.paragraph_format.keep_with_next = True  # with its caption
    para.paragraph_format.space_before = Pt(8)
    shape = para.add_run().add_picture(io.BytesIO(png), width=min(Pt(width_pt), Emu(usable)))
    properties = shape._inline.docPr
    properties.set("descr", alt)
    properties.set("title", title)
    return para


def _field(paragraph: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    from docx.oxml import OxmlElement

    field = OxmlElement("w:fldSimple")
    field.set(_qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for tag, value in (("w:color", MUTED), ("w:sz", "16")):  # 8 pt, as the words around it
        element = OxmlElement(tag)
        element.set(_qn("w:val"), value)
        props.append(element)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def sequence(paragraph: Any, name: str, number: int) -> None:
    """Word's SEQ field of the sequence `name` (a caption's number), showing `number` until
    Word or LibreOffice count again: a complex field, so its number is part of the text."""
    from docx.oxml import OxmlElement

    for kind, text in (("begin", None), (None, f" SEQ {name} \\* ARABIC "),
                       ("separate", None), (None, str(number)), ("end", None)):
        run = OxmlElement("w:r")
        if kind is not None:
            part = OxmlElement("w:fldChar")
            part.set(_qn("w:fldCharType"), kind)
        else:
            part = OxmlElement("w:instrText" if text and text.startswith(" SEQ") else "w:t")
            part.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            part.text = text
        run.append(part)
        paragraph._p.append(run)


def _bottom_rule(paragraph: Any) -> None:
    from docx.oxml import OxmlElement

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"),
                       ("w:color", RULE)):
        bottom.set(_qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(name))
