"""The DOCX's tables, kept as XML text beside python-docx's tree and spliced in on saving."""

from __future__ import annotations

import io
from datetime import date

from dotool.render.docx_table import Cell, table_xml

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_a_table_is_written_exactly_as_lxml_would_write_it() -> None:
    from docx.oxml import parse_xml
    from lxml import etree

    rows = [[Cell(("Handlungsfeld",), bold=True), Cell(("Budget",), bold=True, number=True)],
            [Cell(("Ämter & Bürger <Rathaus>", 'mit "Anführung" und \'Apostroph\''),),
             Cell(("1.234\u00a0€",), number=True)],
            [Cell(("",)), Cell(())],  # an empty cell and a cell without lines
            [Cell(("● rot",), colour="C62828"), Cell(("a\rb", "", "c"))],
            [Cell(("only one cell",))]]
    text = table_xml(rows, 1, 5_000_000, "TableGrid", "TableText")
    declared = text.replace("<w:tbl>", f'<w:tbl xmlns:w="{_W}">', 1)
    # As the tree held it before: parsed, then written by lxml within the document.
    assert etree.tostring(parse_xml(declared), encoding="unicode") == declared


def _page(body: str) -> str:
    return f'<html><body><main>{body}</main></body></html>'


def _docx(page: str) -> bytes:
    from dotool.render.document import Meta
    from dotool.render.docx import html_to_docx

    return html_to_docx(page, Meta("Titel", "Betreff", "de", date(2022, 1, 15)))


def test_tables_stand_in_their_place_and_text_like_their_placeholder_stays_text() -> None:
    from docx import Document
    from docx.text.paragraph import Paragraph

    lookalike = "&lt;!-- dotool-table-0 --&gt;"
    page = _page(f"<p>vor {lookalike}</p>"
                 f"<table><caption>Erste</caption><tr><th>A</th></tr><tr><td>{lookalike}</td>"
                 "</tr></table><p>zwischen</p>"
                 "<table><tr><td>zweite</td><td class='num'>2</td></tr></table><p>nach</p>")
    doc = Document(io.BytesIO(_docx(page)))
    order = [item.text if isinstance(item, Paragraph)
             else [[c.text for c in row.cells] for row in item.rows]
             for item in doc.iter_inner_content()]
    assert order == ["vor <!-- dotool-table-0 -->", "Tabelle 1: Erste",
                     [["A"], ["<!-- dotool-table-0 -->"]],
                     "zwischen", [["zweite", "2"]], "nach"]


def test_a_long_table_adds_no_elements_to_the_document_tree() -> None:
    # The tree is what a long document's memory goes to (about 200 bytes an element): a
    # thousand rows as elements were 60 MiB at a plan of 1,000 measures.
    from docx import Document

    from dotool.render import docx_page
    from dotool.render.docx import _Builder

    rows = "".join(f"<tr><td>M-{n:03d}</td><td>Maßnahme {n}</td><td class='num'>{n}</td></tr>"
                   for n in range(1000))
    doc = Document()
    docx_page.styles(doc)
    builder = _Builder(doc, {})
    before = sum(1 for _ in doc.element.body.iter())
    builder.feed(_page(f"<table><thead><tr><th>Nr.</th><th>Titel</th><th>Jahr</th></tr></thead>"
                       f"{rows}</table>"))
    builder.close()
    assert sum(1 for _ in doc.element.body.iter()) <= before + 1
    assert len(builder.tables) == 1 and builder.tables[0].count(b"<w:tr>") == 1001
