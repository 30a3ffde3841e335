"""What a reader sees of the DOCX: its running header, run-in terms, numbered lists in cells,
numbered captions (the PDF's), the width of table columns, its file properties."""

from __future__ import annotations

import io

from dotool.render.document import render_masterplan
from tests.render.conftest import DATA_DATE


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
