"""The structure of the PDF (PDF/UA-1) and of the DOCX, read back with pypdf and python-docx."""

from __future__ import annotations

import io
import re

import pytest

from dotool.model.dates import Half
from dotool.render.document import render_masterplan, render_report
from tests.render.conftest import DATA_DATE


def _titles(outline: list) -> list[str]:  # type: ignore[type-arg]
    """Every bookmark title, nested ones included."""
    found: list[str] = []
    for item in outline:
        found.extend(_titles(item) if isinstance(item, list) else [item.title])
    return found


@pytest.fixture(scope="module")
def report_pdf(sample_plan) -> bytes:  # type: ignore[no-untyped-def]
    return render_report(sample_plan, Half.parse("2020-H2"), fmt="pdf", lang="de",
                         data_date=DATA_DATE).data


def test_pdf_is_tagged_with_language_title_and_bookmarks(report_pdf: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(report_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "de"
    assert reader.metadata is not None
    assert reader.metadata.title == ("Winsen (Luhe): Masterplan Digitalisierung – "
                                     "Sachstandsbericht 2. Halbjahr 2020")
    assert reader.metadata["/CreationDate"].startswith("D:20210115")
    titles = _titles(reader.outline)
    assert "Beschlussvorschlag" in titles and "1 Zusammenfassung" in titles
    assert 6 <= len(reader.pages) <= 20
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Beispieldaten" in first
    assert ("Der Ausschuss für Wirtschaft, Finanzen, Beteiligungen und Personal nimmt den "
            "Sachstandsbericht zur Kenntnis.") in first
    second = reader.pages[1].extract_text()
    assert "Seite 2 von" in second and "Winsen (Luhe)" in second
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp  # the PDF/UA identification in the XMP metadata
    # No Typst of the templates shows as text (a colour code instead of the Ampel's dot, a
    # definition that ended at a line break).
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert not re.search(r"#[0-9a-f]{6}|\.pairs\(|#let |#set |#show ", text)
    assert "● grün" not in text and "grün" in text  # the dot is decoration, the word is text


def test_every_chart_of_the_pdf_is_a_figure_with_its_text_alternative(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from dotool.render.document import every_chart
    from dotool.render.figures import report_charts
    from dotool.render.report_view import build_report_view
    from tests.render.pdf_layout import figure_alts

    half = Half.parse("2021-H2")
    pdf = render_report(sample_plan, half, fmt="pdf", lang="de", data_date=DATA_DATE).data
    charts = every_chart(report_charts(build_report_view(sample_plan, half,
                                                         data_date=DATA_DATE), "de"))
    assert sorted(figure_alts(PdfReader(io.BytesIO(pdf)))) == sorted(c.desc for c in charts)


def test_pdf_content_is_the_same_on_every_run(sample_plan, report_pdf: bytes) -> None:  # type: ignore[no-untyped-def]
    again = render_report(sample_plan, Half.parse("2020-H2"), fmt="pdf", lang="de",
                          data_date=DATA_DATE).data
    assert again == report_pdf


def test_docx_has_headings_tables_lists_and_properties(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    data = render_report(sample_plan, Half.parse("2021-H1"), fmt="docx", lang="en",
                         data_date=DATA_DATE).data
    doc = Document(io.BytesIO(data))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 2", "Heading 3", "Heading 4", "List Bullet"} <= styles
    assert len(doc.tables) >= 10
    assert doc.tables[0].rows[0].cells[0].text == "Committee"
    props = doc.core_properties
    assert props.title.startswith("Winsen (Luhe): Masterplan Digitalisierung")
    assert props.language == "en-GB"
    assert props.author == "Digital Officer, Stabsstelle Wirtschaftsförderung"  # as in the PDF
    text = "\n".join(p.text for p in doc.paragraphs)
    assert ("The Ausschuss für Wirtschaft, Finanzen, Beteiligungen und Personal takes note of "
            "the progress report.") in text
    assert "Durchwahl" not in text
    again = render_report(sample_plan, Half.parse("2021-H1"), fmt="docx", lang="en",
                          data_date=DATA_DATE).data
    assert again == data


def test_docx_tables_show_the_ampel_in_colour_and_text(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from docx.shared import RGBColor

    data = render_report(sample_plan, Half.parse("2021-H2"), fmt="docx", lang="de",
                         data_date=DATA_DATE).data
    paragraphs = [p for table in Document(io.BytesIO(data)).tables for row in table.rows
                  for cell in row.cells for p in cell.paragraphs]
    # The ● in the Ampel's colour (the charts' and the HTML's), the word in the text's colour.
    shown = {(p.runs[0].font.color.rgb, p.runs[1].text, p.runs[1].font.color.rgb)
             for p in paragraphs if len(p.runs) == 2 and p.runs[0].text == "● "}
    assert (RGBColor.from_string("C62828"), "rot", None) in shown
    assert (RGBColor.from_string("F9A825"), "gelb", None) in shown


def test_masterplan_docx_and_pdf(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from pypdf import PdfReader

    doc = Document(io.BytesIO(render_masterplan(sample_plan, fmt="docx", lang="de",
                                                data_date=DATA_DATE).data))
    assert any(p.style.name == "Heading 4" and p.text.startswith("M-003") for p in doc.paragraphs)
    pdf = PdfReader(io.BytesIO(render_masterplan(sample_plan, fmt="pdf", lang="en",
                                                 data_date=DATA_DATE).data))
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    assert len(_titles(pdf.outline)) > 20


def _structure_kinds(reader) -> list[str]:  # type: ignore[no-untyped-def]
    """The kind (/S) of every element of the tagged structure, in reading order."""
    found: list[str] = []

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        element = element.get_object()
        if not isinstance(element, dict):
            return
        found.append(str(element.get("/S")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_masterplan_pdf_profiles_are_text_with_every_field(sample_plan) -> None:  # type: ignore[no-untyped-def]
    """A measure's profile is lines of "Label: value" (text, read in order; a table of its own
    per measure would cost Typst seconds and hundreds of MiB in a large plan): every field is
    there, and the PDF's only tables are the captioned data tables."""
    from pypdf import PdfReader

    from tests.render.pdf_layout import captioned

    reader = PdfReader(io.BytesIO(render_masterplan(sample_plan, fmt="pdf", lang="de",
                                                    data_date=DATA_DATE).data))
    # Compared without spaces and hyphens: lines wrap and words are hyphenated where the page
    # ends, and pypdf reads some hyphens as soft hyphens.
    def bare(words: str) -> str:
        return re.sub(r"[\s\xad-]", "", words)

    text = bare(" ".join(page.extract_text() for page in reader.pages))
    for line in [
        "M-002 Lenkungskreis Digitalisierung und IT-Strategie Federführung: Stabsstelle",
        "Referenz: 06.01 Nr. 02",
        "Federführung: Fachdienst Finanzen · Zeitraum: 01.01.2021 – 31.03.2022 (neu geplant; "
        "ursprünglich 30.09.2021)",
        "Wirkungsbereich: verwaltungsextern · Art: Projekt · Status: in Umsetzung · "
        "Priorität: hoch",
        "Beteiligte: IT-Service, Fachdienst Bürgerservice",
        "Ziele: Bürgerservice – „digitales Rathaus“; Wirtschaftlichkeit des kommunalen Handelns",
        "Budget: einmalig 28.000 €, pro Jahr 6.000 €; Haushaltsstelle 1.1.1.07.7831 Laufende "
        "Kosten zuzüglich Transaktionsgebühren",
        "Abhängig von: M-002 Lenkungskreis Digitalisierung und IT-Strategie",
        "OZG-Leistungen: Meldebescheinigung, Bewohnerparkausweis, Hundesteuer An- und "
        "Abmeldung (Ziel-Reifegrad 3)",
        "Kennzahlen: Anteil online bezahlter Gebührenvorgänge (%): Ausgangswert 0, Zielwert 40",
        "Meilensteine: Vergabe an einen Zahlungsdienstleister: fällig 30.04.2021, erreicht "
        "21.04.2021 Kartenzahlung im Bürgerbüro: fällig 31.07.2021, erreicht 19.07.2021",
        "Förderung: WissensWandel – Digitalprogramm für Bibliotheken (NEUSTART KULTUR) "
        "(ausgezahlt, 90 %)",
    ]:
        assert bare(line) in text, line
    tables = [c for c in captioned(reader) if c.kind == "/Table"]
    assert _structure_kinds(reader).count("/Table") == len(tables) < 12


def test_masterplan_pdf_annex_gives_every_measures_period(sample_plan) -> None:  # type: ignore[no-untyped-def]
    """The PDF's annex table gives each measure's period as its profile does (start, planned
    end, a re-planned end with the first one); a non-public measure stays "not public". The
    roadmap has no second table of every measure beside it: Typst keeps every cell of a
    document while it sets it, and that table cost a plan of a thousand measures 150 MiB."""
    from pypdf import PdfReader

    from tests.render.pdf_layout import BOTTOM, text_boxes

    reader = PdfReader(io.BytesIO(render_masterplan(sample_plan, fmt="pdf", lang="en",
                                                    data_date=DATA_DATE).data))
    landscape = {n for n, page in enumerate(reader.pages, 1)
                 if float(page.mediabox[2]) > float(page.mediabox[3])}
    boxes = [b for b in text_boxes(reader) if b.page in landscape]

    def bare(words: str) -> str:  # a cell's lines wrap, and words are hyphenated there
        return re.sub(r"[\s\xad-]", "", words)

    def period(measure: str) -> str:
        """The text of the measure's row in the annex's last column, "Period"."""
        first = next(b for b in boxes if b.text.strip() == measure)
        page = [b for b in boxes if b.page == first.page]
        header = next((b for b in page if b.text.strip() == "Period"), None)
        assert header is not None, f"the annex on page {first.page} has no column Period"
        column = header.x0
        below = max((b.y for b in page if b.y < first.y - 1  # the footer is in the margin
                     and re.fullmatch(r"M-\d{3}", b.text.strip())), default=BOTTOM)
        cell = sorted((b for b in page if b.x0 > column - 1 and below < b.y < first.y + 1),
                      key=lambda b: (-b.y, b.x0))
        return bare(" ".join(b.text for b in cell))

    # M-005: from January 2021, planned to end in September 2021, re-planned to March 2022.
    assert period("M-005") == bare("1 Jan 2021 – 31 Mar 2022 (re-planned; originally "
                                   "30 Sept 2021)")
    assert period("M-003") == bare("1 Sept 2020 – 31 Dec 2022")
    assert period("M-001") == bare("1 Jul 2020 – open-ended")  # a standing task
    assert period("M-016") == ""  # public: false: "not public" across the row's other columns
    restricted = next(b for b in boxes if b.text.strip() == "M-016")
    assert any(b.text.strip() == "not public" and abs(b.y - restricted.y) < 1 for b in boxes)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "The start and end of every measure are in the annex’s table." in text
    assert "Roadmap of all measures" not in text


def test_docx_is_a4_with_a_landscape_annex_and_columns_by_content(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    data = render_report(sample_plan, Half.parse("2021-H2"), fmt="docx", lang="de",
                         data_date=DATA_DATE).data
    doc = Document(io.BytesIO(data))
    first, last = doc.sections[0], doc.sections[-1]
    # Word stores twentieths of a point, so centimetres come back rounded.
    assert abs(first.page_width - Cm(21)) < Cm(0.01)
    assert abs(first.page_height - Cm(29.7)) < Cm(0.01)
    assert last.orientation == WD_ORIENT.LANDSCAPE  # the eight-column annex
    annex = doc.tables[-2] if len(doc.tables[-1].columns) < 8 else doc.tables[-1]
    widths = [c.width for c in annex.columns]
    assert len(widths) == 8 and widths[0] < widths[1]  # the id column is narrow, titles wide
    usable = last.page_width - last.left_margin - last.right_margin
    assert abs(sum(widths) - usable) < Cm(0.1)
    # The widths are the grid's, once per column (fixed layout): a width repeated in every
    # cell is a third of a large table's elements, and memory while python-docx holds them.
    assert all(cell._tc.tcPr is None or cell._tc.tcPr.tcW is None
               for table in doc.tables for row in table.rows for cell in row.cells)


@pytest.fixture(scope="module")
def report_docx(sample_plan) -> bytes:  # type: ignore[no-untyped-def]
    return render_report(sample_plan, Half.parse("2021-H2"), fmt="docx", lang="de",
                         data_date=DATA_DATE).data


def test_docx_has_a_running_header_and_page_numbers_on_every_page(report_docx: bytes) -> None:
    from docx import Document
    from docx.enum.text import WD_TAB_ALIGNMENT

    doc = Document(io.BytesIO(report_docx))
    first = doc.sections[0]
    assert first.different_first_page_header_footer  # the paper's first page has no header
    assert first.header.paragraphs[0].text == ("Winsen (Luhe)\tMasterplan Digitalisierung – "
                                               "Sachstandsbericht 2. Halbjahr 2021")
    for footer in (first.footer, first.first_page_footer):
        xml = footer.paragraphs[0]._p.xml
        assert 'w:instr=" PAGE "' in xml and 'w:instr=" NUMPAGES "' in xml
        assert "Seite" in xml and "von" in xml
    # The landscape annex continues the footer of the first section, and has a header of its
    # own with the same text: its subject at the right margin of the wider page.
    assert all(s.footer.is_linked_to_previous for s in doc.sections[1:])
    for section in doc.sections:
        head = section.header.paragraphs[0]
        assert head.text == first.header.paragraphs[0].text
        stops = [t.position for t in head.paragraph_format.tab_stops
                 if t.alignment == WD_TAB_ALIGNMENT.RIGHT]
        assert stops == [section.page_width - section.left_margin - section.right_margin]


def test_docx_shows_every_chart_as_a_picture_with_alt_text(sample_plan,  # type: ignore[no-untyped-def]
                                                          report_docx: bytes) -> None:
    from docx import Document

    from dotool.render.document import every_chart
    from dotool.render.figures import report_charts
    from dotool.render.report_view import build_report_view

    view = build_report_view(sample_plan, Half.parse("2021-H2"), data_date=DATA_DATE)
    charts = every_chart(report_charts(view, "de"))
    doc = Document(io.BytesIO(report_docx))
    pictures = doc.inline_shapes
    assert len(pictures) == len(charts) >= 4
    alts = [p._inline.docPr.get("descr") for p in pictures]
    assert sorted(alts) == sorted(c.desc for c in charts)
    assert "Digitale Strategie und Steuerung: 100\xa0%" in alts[2]  # progress by field


def test_docx_tables_right_align_numbers_and_keep_captions_and_headers(report_docx: bytes,
                                                                       ) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document(io.BytesIO(report_docx))
    # The paper's header is a table of its own: number, body, session, order of deliberation.
    facts = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert facts[:4] == [["Vorlagen-Nr.", "MV/0031/2022"],
                         ["Gremium", "Ausschuss für Wirtschaft, Finanzen, Beteiligungen und "
                          "Personal"], ["Sitzung", "17.03.2022"],
                         ["Beratungsfolge", "1. Ausschuss für Wirtschaft, Finanzen, "
                          "Beteiligungen und Personal\n2. Verwaltungsausschuss"]]  # as the PDF
    budget = next(t for t in doc.tables if t.rows[0].cells[0].text == "Handlungsfeld"
                  and len(t.columns) == 4)
    cells = budget.rows[1].cells
    assert cells[0].paragraphs[0].alignment is None
    assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in cells[1:])
    assert "w:tblHeader" in budget.rows[0]._tr.xml  # repeated on every page
    assert all("w:cantSplit" in row._tr.xml for row in budget.rows)
    for table in doc.tables[1:]:
        before = table._tbl.getprevious()
        style = before.find(".//{*}pStyle")
        if style is not None and style.get("{http://schemas.openxmlformats.org/"
                                           "wordprocessingml/2006/main}val") == "Caption":
            assert "keepNext" in before.xml, "a caption stays with its table"
