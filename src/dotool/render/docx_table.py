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
from functools import lru_cache
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
    sizes = column_widths(rows, count, width, header_rows)
    widths = [w // 635 for w in sizes]  # EMU → twips
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
            room = sizes[col] - PAD
            if any(measure(w) > room for line in cell.lines for w in line.split()):
                cell = Cell(tuple(fitted(line, room) for line in cell.lines), cell.bold,
                            cell.number, cell.colour)
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
    """Column widths (EMU): every column fits its longest word, its heading's included, the
    rest goes to long text.

    Word and LibreOffice would otherwise give every column the same width, and a title column
    of a table with six columns breaks "Lenkungskreis" into "Lenkungsk-reis". When the longest
    words of all columns together are wider than the page, the widest columns share what is
    left (each at least as wide as any other), and a word still too wide for its column gets
    soft hyphens (`fitted`).
    """
    longest, word, body = [0] * count, [0] * count, [1] * count
    for index, row in enumerate(rows):
        for col, cell in enumerate(row[:count]):
            for line in cell.lines:
                words = [measure(w) for w in line.split()]
                if not words:
                    continue
                size = sum(words) + (len(words) - 1) * _SPACE
                longest[col] = max(longest[col], size)
                if index >= header_rows:  # what the column holds, not its heading
                    body[col] = max(body[col], size)
                word[col] = max(word[col], *words)
    need = [w + PAD for w in word]
    if sum(need) > total:  # cannot all be helped: the widest columns share what is left
        cap = _cap(need, total)
        return [min(n, cap) for n in need]
    want = [max(min(line, _LINE) + PAD, n) for line, n in zip(longest, need, strict=True)]
    room = total - sum(need)
    more = [w - n for w, n in zip(want, need, strict=True)]
    if sum(more) <= room:  # everything fits on one line: what is left goes to long text
        return [w + (total - sum(want)) * b // sum(body) for w, b in zip(want, body, strict=True)]
    return [n + room * m // sum(more) for n, m in zip(need, more, strict=True)]


def _cap(need: list[int], total: int) -> int:
    """The width `cap` at which the columns, each `min(need, cap)`, take `total` together."""
    rest, left = total, len(need)
    for n in sorted(need):
        if n * left > rest:  # this and every wider column get an equal share
            return rest // left
        rest, left = rest - n, left - 1
    return max(need)


def fitted(line: str, room: int) -> str:
    """`line` with soft hyphens in each word wider than `room` EMU, between its syllables, so
    that Word breaks it where it must at a sensible point rather than anywhere."""
    if not any(measure(w) > room for w in line.split()):
        return line
    return " ".join(_syllables(w) if measure(w) > room else w for w in line.split(" "))


#: A cell's own margins (0.2 inch in EMU), and a long text's line at most (40 average
#: characters) before it wraps.
PAD = 182880
_EM = TABLE_PT * 12700  # the font size in EMU: a width of 1000 is this much
_LINE = 40 * 556 * _EM // 1000
#: The advance widths of Liberation Sans (Arial's metrics), in thousandths of an em, the larger
#: of regular and bold (a heading is bold), read from the bundled fonts (render/fonts).
_WIDTHS = {ch: size for size, chars in (
    (237, "'"), (277, " ,./I\\ijl\u00a0ÌÍÎÏìíîï‘’"), (279, "|¦"),
    (333, "!()-:;[]`ft¡¨\u00ad²³´·¸¹"), (350, "•"), (389, "*r{}"), (399, "°"), (474, '"'),
    (500, "z„“”"), (548, "±÷"),
    (556, "#$0123456789J_aceksvxy¢£¤¥§«¶»àáâãäåçèéêëýÿ–€"), (583, "+<=>^~¬×"), (604, "●"),
    (610, "?FLTZbdghnopqu¿ßðñòóôõöøùúûüþ"), (666, "EPSVXYÈÉÊËÝÞ"),
    (722, "&ABCDHKNRUÀÁÂÃÄÅÇÐÑÙÚÛÜ"), (736, "©®"), (777, "GOQwÒÓÔÕÖØ"), (833, "M¼½¾"),
    (889, "%mæ"), (943, "W"), (1000, "Æ—…"), (1015, "@")) for ch in chars}
_SPACE = _WIDTHS[" "] * _EM // 1000


@lru_cache(maxsize=65536)
def measure(word: str) -> int:
    """The width of `word` in the table's font, in EMU (a character not listed counts as wide
    as a capital)."""
    return sum(_WIDTHS.get(ch, 722) for ch in word) * _EM // 1000


_VOWELS = set("aeiouäöüy")
#: Consonants that stay together, and the clusters a German syllable may start with: a break
#: falls before the longest of these that ends a run of consonants ("Sprech-stunde").
_UNITS = ("sch", "ch", "ck", "ph", "qu", "th")
_ONSETS = {"bl", "br", "ch", "dr", "fl", "fr", "gl", "gr", "kl", "kn", "kr", "pf", "pfl", "ph",
           "pl", "pr", "qu", "sch", "schl", "schm", "schn", "schr", "schw", "sp", "spr", "st",
           "str", "th", "tr", "zw"}


def _syllables(word: str) -> str:
    """`word` with a soft hyphen between its syllables (a rule of thumb for German and English:
    between vowels and consonants, a run of consonants split before a cluster a syllable may
    start with), none within two letters of either end or next to a digit or hyphen."""
    tokens: list[str] = []  # letters, with the consonants that stay together as one
    at = 0
    while at < len(word):
        size = next((len(u) for u in _UNITS if word[at:at + len(u)].lower() == u), 1)
        tokens.append(word[at:at + size])
        at += size
    breaks: set[int] = set()  # token indices a break goes before
    index = 0
    while index < len(tokens):
        if tokens[index].lower() in _VOWELS or not tokens[index].isalpha():
            index += 1
            continue
        end = index  # a run of consonants
        while end < len(tokens) and tokens[end].lower() not in _VOWELS and tokens[end].isalpha():
            end += 1
        if index > 0 and end < len(tokens) and tokens[index - 1].lower() in _VOWELS \
                and tokens[end].lower() in _VOWELS:
            run = [t.lower() for t in tokens[index:end]]
            onset = next((k for k in range(len(run) - 1) if "".join(run[k:]) in _ONSETS),
                         len(run) - 1)
            breaks.add(index + onset)
        index = end
    out, length = [], 0
    for index, token in enumerate(tokens):
        if index in breaks and 2 <= length <= len(word) - 3:
            out.append("\u00ad")
        out.append(token)
        length += len(token)
    # A compound's linking s stays with its first part: "Verwaltungs-ausschuss".
    return _LINKING.sub("\\1s\u00ad", "".join(out))


_LINKING = re.compile("(ung|heit|keit|tion|tät|schaft|ling)\u00ads(?=[a-zäöü])")
