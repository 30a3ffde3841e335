"""A Word table written as one piece of WordprocessingML text, spliced into the saved document.

Built cell by cell through python-docx's objects, a table of a thousand rows takes tens of
seconds (every property is looked up and inserted in schema order); as XML text it takes a
fraction of one. Nor is it parsed into the document's tree: the tables are most of a long
document's elements, and as lxml nodes they took about ten times the memory of their text (see
`docx.py`). The text is written exactly as lxml would serialize it (empty elements closed
with `/>`), so the file is the same as if the table had been in the tree.
The table: columns sized by their content, numbers right-aligned, header rows shaded, bold and
repeated on every page, rows that never split, the Ampel in its colour, and a short table kept
on one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from dotool.render.docx_page import SHADE, TABLE_PT

#: A table of at most this many rows is kept on one page.
SHORT = 12
#: The Ampel's sign before its label, the only part of a cell written in the Ampel's colour.
_DOT = "● "
#: What XML 1.0 cannot hold (Word would refuse the file): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Cell:
    """One cell as written: its lines, bold (a header), right-aligned (a number), and the
    colour of the Ampel's ● its first line starts with (the words after it are in ink)."""

    lines: tuple[str, ...]
    bold: bool = False
    number: bool = False
    colour: str | None = None


def table_xml(rows: list[list[Cell]], header_rows: int, width: int, style_id: str,
              text_style_id: str) -> str:
    """The `w:tbl` element of `rows` over `width` EMU as XML text in the document's `w:`
    namespace (declared by the document, not here), in the table style `style_id`, its cells'
    paragraphs in the paragraph style `text_style_id` (which sets their size)."""
    count = max(len(r) for r in rows)
    widths = [w // 635 for w in column_widths(rows, count, width, header_rows)]  # EMU → twips
    keep = len(rows) <= SHORT
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{escape(style_id)}"/>'
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for index, row in enumerate(rows):
        head = index < header_rows
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if head else "")
                   + "</w:trPr>")
        for col in range(count):
            cell = row[col] if col < len(row) else Cell(())
            out.append(_cell(cell, text_style_id, shade=head,
                             keep=keep and index < len(rows) - 1))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell(cell: Cell, text_style_id: str, *, shade: bool, keep: bool) -> str:
    # Only the properties a cell has: a table of a thousand rows has tens of thousands of
    # cells, and each element is memory while python-docx holds the document. The widths are
    # the grid's (`w:gridCol`, fixed layout), once per column: a width per cell repeated them.
    props = (f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/></w:tcPr>'
             if shade else "")
    para = (f'<w:pStyle w:val="{escape(text_style_id)}"/>' + ("<w:keepNext/>" if keep else "")
            + ('<w:jc w:val="right"/>' if cell.number else ""))
    bold = "<w:rPr><w:b/></w:rPr>" if cell.bold else ""
    lines, dot = list(cell.lines), ""
    if cell.colour and lines and lines[0].startswith(_DOT):
        lines[0] = lines[0][len(_DOT):]
        dot = (f'<w:r><w:rPr>{"<w:b/>" if cell.bold else ""}<w:color w:val="{cell.colour}"/>'
               f'</w:rPr><w:t xml:space="preserve">{_DOT}</w:t></w:r>')
    texts = "<w:br/>".join(_text(line) for line in lines)
    run = f"<w:r>{bold}{texts}</w:r>" if bold or texts else "<w:r/>"
    return f"<w:tc>{props}<w:p><w:pPr>{para}</w:pPr>{dot}{run}</w:p></w:tc>"


def _text(line: str) -> str:
    """A `w:t` of one line, as lxml writes it: the text escaped, an empty one closed."""
    text = escape(_NOT_XML.sub("", line), {"\r": "&#13;"})
    return (f'<w:t xml:space="preserve">{text}</w:t>' if text
            else '<w:t xml:space="preserve"/>')


def column_widths(rows: list[list[Cell]], count: int, total: int, header_rows: int = 0
                  ) -> list[int]:
    """Column widths (EMU): every column fits its longest word, the rest goes to long text.

    Word and LibreOffice would otherwise give every column the same width, and a title column
    of a table with six columns breaks "Lenkungskreis" into "Lenkungsk-reis".
    """
    char = int(TABLE_PT * 0.58 * 12700)  # an average character (Arial, bold) at that size
    pad = 182880  # the cell's own margins: 0.2 inch in EMU
    longest, word, body = [0] * count, [0] * count, [1] * count
    for index, row in enumerate(rows):
        for col, cell in enumerate(row[:count]):
            longest[col] = max(longest[col], *(len(line) for line in cell.lines), 0)
            if index >= header_rows:  # what the column holds, not its heading
                body[col] = max(body[col], *(len(line) for line in cell.lines), 0)
            word[col] = max(word[col], *(len(w) for line in cell.lines for w in line.split()),
                            0)
    # German compounds ("Informationssicherheitsmanagement") break anyway; a column need not
    # be wider than a word of 16 characters for them.
    need = [min(w, 16) * char + pad for w in word]
    want = [max(min(line, 40) * char + pad, n) for line, n in zip(longest, need, strict=True)]
    if sum(need) >= total:  # cannot be helped: shrink evenly
        return [total * n // sum(need) for n in need]
    room = total - sum(need)
    more = [w - n for w, n in zip(want, need, strict=True)]
    if sum(more) <= room:  # everything fits on one line: what is left goes to long text
        return [w + (total - sum(want)) * b // sum(body) for w, b in zip(want, body, strict=True)]
    return [n + room * m // sum(more) for n, m in zip(need, more, strict=True)]
