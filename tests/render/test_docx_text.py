"""What a reader sees of the DOCX: its running header, run-in terms, numbered lists in cells,
numbered captions (the PDF's), the width of table columns, its file properties."""

from __future__ import annotations

import io

from dotool.render.document import render_masterplan
from tests.render.conftest import DATA_DATE


def test_masterplan_docx_budget_reads_as_the_pdf(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    data = render_masterplan(sample_plan, fmt="docx", lang="de", data_date=DATA_DATE).data
    budgets = [row.cells[1].text.split("\n")[0] for table in Document(io.BytesIO(data)).tables
               for row in table.rows if row.cells[0].text == "Budget"]
    assert budgets[0] == "pro Jahr 2.500 €; Haushaltsstelle 1.1.1.06.4431"  # M-001
    assert "einmalig 95.000 €, pro Jahr 18.000 €; Haushaltsstelle 1.1.1.06.7831" in budgets
    assert not [b for b in budgets if b.startswith(";") or "; pro Jahr" in b]
