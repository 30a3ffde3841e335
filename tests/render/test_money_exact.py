"""Money is computed to the cent: no stray cents from binary fractions, in any output.

174000 € × 0.7 is 121799.99999999999 in floating point, and 1000.7 + 700.1 + 300.2 is
2001.0000000000002: printed, both showed cents the plan never had ("121.800,00 €"). Every
document prints the same whole euros, and the totals it prints are the sums of its rows.
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from dotool.model.dates import Half
from tests.test_projection import write_plan

ADOPTION = """\
version: "1.0"
date: 2020-09-24
resolution: BV/1/2020
measures: [M-001, M-002, M-003]
"""
FUNDED = """\
field: a
start: 2020-07
end: 2021-06
budget:
  one_off: {one_off}
  annual: {annual}
  funding: {{programme: P, share: {share}, status: approved}}
updates:
  - {{half: 2020-H2, status: in_progress, rag: green, progress: 40, spent: {annual}, text: T}}
"""
MEASURES = {
    "M-001": FUNDED.format(one_off=174000, share=0.7, annual=1000.7),
    "M-002": FUNDED.format(one_off=1234.5, share=0.15, annual=700.1),  # 185.175: rounded up
    "M-003": FUNDED.format(one_off=45600, share=0.35, annual=300.2),
}
ROWS = ["121.800 €", "185,18 €", "15.960 €"]  # the funding of each measure
FUNDED_TOTAL = "137.945,18 €"
ANNUAL = "2.001 €"  # 1000.7 + 700.1 + 300.2, running cost and spend of field a and in total


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    root = write_plan(tmp_path_factory.mktemp("money"), MEASURES, {"1.0": ADOPTION})
    return load_valid_plan(root, cache=False)


def _amount(text: str) -> Decimal:
    return Decimal(text.replace("€", "").replace(".", "").replace(",", ".").strip())


def _check(text: str, *, totals: bool = True) -> None:
    """The funding of each measure and the running costs in whole euros (the report: and the
    funding's total by status)."""
    text = " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())
    for row in [*ROWS, ANNUAL, *([FUNDED_TOTAL] if totals else [])]:
        assert row in text
    assert not re.search(r"\d,00 €", text), "an amount printed with cents it does not have"


def test_funding_and_sums_are_exact_in_the_projection(plan) -> None:  # type: ignore[no-untyped-def]
    from dotool.model.projection import finances, plan_figures

    money = finances(plan, plan_figures(plan, Half(2020, 2)).included)
    amounts = [r.amount for r in money.funding]
    assert amounts == [121800.0, 185.18, 15960.0]
    assert [t.amount for t in money.funding_by_status] == [137945.18]
    assert sum(Decimal(repr(a)) for a in amounts if a) == Decimal("137945.18")
    assert (money.fields[0].annual, money.fields[0].spent) == (2001.0, 2001.0)
    assert (money.total.annual, money.total.spent, money.total.one_off) == (2001.0, 2001.0,
                                                                             220834.5)


def test_spend_equal_to_the_ceiling_is_not_over_plan() -> None:
    from dotool.model.projection.budget import Money

    # 6798.4 + 919.7 × 1 is 7718.099999999999 in floating point: a spend of exactly the one-off
    # and a year's running cost was reported as above the plan.
    money = Money(6798.4, 919.7, None, None, None, None, None)
    assert money.ceiling(1) == 7718.1


@pytest.mark.parametrize("document", ["report", "masterplan"])
def test_markdown_and_html_print_whole_euros_and_rows_that_add_up(plan, document: str) -> None:  # type: ignore[no-untyped-def]
    from dotool.render.document import render_masterplan, render_report

    for fmt in ("md", "html"):
        if document == "report":
            data = render_report(plan, Half(2020, 2), fmt=fmt, lang="de",
                                 data_date=date(2021, 1, 15)).data
        else:
            data = render_masterplan(plan, fmt=fmt, lang="de", data_date=date(2021, 1, 15)).data
        text = data.decode()
        _check(re.sub(r"<[^>]+>", " ", text), totals=document == "report")
        if fmt == "md" and document == "report":  # the funding's rows add up to its total
            rows = re.findall(r"^\| M-00\d .*\| ([^|]+€) \|$", text, re.M)
            total = re.search(r"^\| bewilligt \| 3 \| ([^|]+€) \|$", text, re.M)
            assert total is not None and len(rows) == 3
            assert sum(_amount(r) for r in rows) == _amount(total.group(1))


def test_pdf_and_docx_print_whole_euros(plan, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document
    from pypdf import PdfReader

    from dotool.render.document import render_report

    half, day = Half(2020, 2), date(2021, 1, 15)
    pdf = render_report(plan, half, fmt="pdf", lang="de", data_date=day).data
    _check("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    docx = Document(io.BytesIO(render_report(plan, half, fmt="docx", lang="de",
                                             data_date=day).data))
    cells = [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    _check("\n".join(cells))
