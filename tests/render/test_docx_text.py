"""What a reader sees of the DOCX: its running header, run-in terms, numbered lists in cells,
numbered captions (the PDF's), the width of table columns, its file properties."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest

from dotool.model.dates import Half
from dotool.render.document import Meta, render_masterplan, render_report
from tests.render.conftest import DATA_DATE


def _docx(body: str, lang: str = "de") -> object:
    from docx import Document

    from dotool.render.docx import html_to_docx

    page = f"<html><body><main>{body}</main></body></html>"
    data = html_to_docx(page, Meta("Titel", "Betreff", lang, date(2022, 1, 15)))
    return Document(io.BytesIO(data))


def test_the_running_header_takes_the_whole_subject_with_its_nested_language_spans() -> None:
    doc = _docx('<div class="running" data-page-of="Page {page} of {pages}">'
                '<span class="running-municipality"><span lang="de">Winsen (Luhe)</span></span>'
                '<span class="running-subject"><span lang="de">Masterplan Digitalisierung</span>'
                " – progress report, 2nd half of 2021</span></div><p>Body</p>", "en")
    header = doc.sections[0].header.paragraphs[0].text  # type: ignore[attr-defined]
    assert header == ("Winsen (Luhe)\tMasterplan Digitalisierung – progress report, "
                      "2nd half of 2021")
    assert [p.text for p in doc.paragraphs] == ["Body"]  # type: ignore[attr-defined]


def test_next_steps_run_in_after_their_measure_and_terms_keep_with_their_text() -> None:
    doc = _docx('<h3>Nächste Schritte</h3><dl class="next-steps">\n<dt>M-001 Titel</dt>\n'
                "<dd><p>Workshops im Januar.</p></dd>\n<dt>M-002 Zweiter</dt>\n"
                "<dd><p>Erstens.</p><p>Zweitens.</p></dd>\n</dl>"
                "<dl>\n<dt>Status und Ampel</dt>\n<dd>Wie sie entstehen.</dd>\n</dl>")
    paras = doc.paragraphs  # type: ignore[attr-defined]
    assert [p.text for p in paras] == ["Nächste Schritte", "M-001 Titel: Workshops im Januar.",
                                       "M-002 Zweiter: Erstens.", "Zweitens.",
                                       "Status und Ampel", "Wie sie entstehen."]
    assert [r.text for r in paras[1].runs if r.bold] == ["M-001 Titel", ":"]
    assert paras[4].paragraph_format.keep_with_next  # a term never ends a page
    # A run-in term is its text's paragraph: a chain of them kept together would leave the
    # page before them half empty.
    assert not paras[1].paragraph_format.keep_with_next


def test_a_numbered_list_in_a_cell_keeps_its_numbers() -> None:
    doc = _docx('<table class="facts-table"><caption>Vorlage</caption><tr><th>Beratungsfolge'
                '</th><td><ol class="inline"><li>Ausschuss</li><li>Rat</li></ol></td></tr>'
                "<tr><th>Liste</th><td><ul><li>a</li><li>b</li></ul></td></tr></table>")
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]  # type: ignore[attr-defined]
    assert cells == [["Beratungsfolge", "1. Ausschuss\n2. Rat"], ["Liste", "a\nb"]]


def test_captions_are_numbered_per_kind_with_word_fields() -> None:
    doc = _docx("<table><caption>Erste</caption><tr><td>1</td></tr></table>"
                '<table class="facts-table"><caption>Vorlage</caption><tr><td>x</td></tr></table>'
                '<table class="roadmap-table"><caption>Zeitplan</caption><tr><td>2</td></tr>'
                "</table><table><caption>Zweite</caption><tr><td>3</td></tr></table>")
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]  # type: ignore[attr-defined]
    assert [p.text for p in captions] == ["Tabelle 1: Erste", "Zeitplan", "Tabelle 2: Zweite"]
    assert "SEQ Tabelle" in captions[2]._p.xml


def _pdf_captions(data: bytes) -> list[str]:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    text = text.replace("\xa0", " ")  # Typst joins label and number with a no-break space
    return [" ".join(m.group(0).split())
            for m in re.finditer(r"(?m)^(?:Abbildung|Tabelle|Figure|Table) \d+: .+$", text)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_docx_captions_are_the_pdfs_with_the_same_numbers(sample_plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    half = Half.parse("2021-H2")
    pdf = render_report(sample_plan, half, fmt="pdf", lang=lang, data_date=DATA_DATE).data
    docx = render_report(sample_plan, half, fmt="docx", lang=lang, data_date=DATA_DATE).data
    found = [p.text for p in Document(io.BytesIO(docx)).paragraphs if p.style.name == "Caption"]
    expected = _pdf_captions(pdf)
    assert len(expected) >= 30
    assert sorted(found) == sorted(expected)  # in the PDF a table may stand beside its chart


def test_table_columns_fit_their_longest_word_or_break_it_with_a_hyphen(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    from dotool.render.docx_table import PAD, measure

    data = render_masterplan(sample_plan, fmt="docx", lang="de", data_date=DATA_DATE).data
    doc = Document(io.BytesIO(data))
    cut = []
    for table in doc.tables:
        widths = [c.width for c in table.columns]
        for row in table.rows:
            for col, cell in enumerate(row.cells[:len(widths)]):
                cut += [w for w in cell.text.split()
                        if "\xad" not in w and measure(w) + PAD > widths[col] + 635]  # twips
    assert not cut, f"words wider than their column, broken anywhere: {cut[:5]}"
    roadmap = next(t for t in doc.tables if t.rows[0].cells[1].text == "Maßnahme"
                   and len(t.columns) == 7)
    titles = [row.cells[1].text for row in roadmap.rows]
    # The word that was cut as "Digitalisierungsspr|echstunde": now it may break at a syllable.
    assert any("rungs\xadsprech\xadstunde" in t for t in titles)


def test_a_word_too_wide_for_any_column_gets_soft_hyphens_between_syllables() -> None:
    from dotool.render.docx_table import Cell, column_widths, fitted, measure

    rows = [[Cell(("Nr.",), bold=True), Cell(("Maßnahme",), bold=True)],
            [Cell(("M-001",)), Cell(("Informationssicherheitsmanagement",))]]
    widths = column_widths(rows, 2, 2_000_000, 1)
    assert widths[0] >= measure("M-001") and sum(widths) <= 2_000_000
    line = fitted("Informationssicherheitsmanagement (ISMS)", widths[1] - 182880)
    assert line.replace("\xad", "") == "Informationssicherheitsmanagement (ISMS)"
    assert "tions\xadsi\xadcher\xadheits\xadma" in line and not line.startswith("I\xad")
    assert fitted("kurze Wörter", 2_000_000) == "kurze Wörter"


def test_masterplan_docx_budget_reads_as_the_pdf(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    data = render_masterplan(sample_plan, fmt="docx", lang="de", data_date=DATA_DATE).data
    budgets = [row.cells[1].text.split("\n")[0] for table in Document(io.BytesIO(data)).tables
               for row in table.rows if row.cells[0].text == "Budget"]
    assert budgets[0] == "pro Jahr 2.500 €; Haushaltsstelle 1.1.1.06.4431"  # M-001
    assert "einmalig 95.000 €, pro Jahr 18.000 €; Haushaltsstelle 1.1.1.06.7831" in budgets
    assert not [b for b in budgets if b.startswith(";") or "; pro Jahr" in b]


def test_docx_properties_name_dotool_and_the_owner_and_carry_no_template_thumbnail(
        sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    data = render_report(sample_plan, Half.parse("2021-H2"), fmt="docx", lang="de",
                         data_date=DATA_DATE).data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode("utf-8")
        rels = package.read("_rels/.rels").decode("utf-8")
    assert "<Application>dotool</Application>" in app
    assert "Microsoft" not in app and "<Words>" not in app  # no count of python-docx's page
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels
    from pypdf import PdfReader

    pdf = render_report(sample_plan, Half.parse("2021-H2"), fmt="pdf", lang="de",
                        data_date=DATA_DATE).data
    author = PdfReader(io.BytesIO(pdf)).metadata.author
    assert author == "Digital Officer, Stabsstelle Wirtschaftsförderung"  # a role, no person
    assert Document(io.BytesIO(data)).core_properties.author == author


def test_a_measures_status_line_keeps_with_its_text() -> None:
    doc = _docx('<h4>M-001 Titel</h4><p class="facts"><strong>Status:</strong> geplant</p>'
                "<p>Text.</p>")
    heading, facts, text = doc.paragraphs  # type: ignore[attr-defined]
    assert heading.paragraph_format.keep_with_next and facts.paragraph_format.keep_with_next
    assert not text.paragraph_format.keep_with_next
