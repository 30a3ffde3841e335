"""Every page of the PDFs as a reader sees it: nothing beyond the margins, every caption on the
page of its table or figure — for the sample and for a generated plan of 150 measures."""

from __future__ import annotations

import io
import re
from itertools import pairwise

import pytest

from dotool.model.dates import Half
from dotool.render.document import render_masterplan, render_report
from tests.conftest import GENERATED_TODAY, generate_plan
from tests.render.conftest import DATA_DATE
from tests.render.pdf_layout import (
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    captioned,
    figure_pages,
    headings,
    lines_below,
    outside_content_box,
    table_rows,
    text_boxes,
)


@pytest.fixture(scope="module")
def generated_plan(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A generated plan of 150 measures with twelve halves of updates (benchmarks/generate.py)."""
    from dotool.checks.run import load_valid_plan

    root = generate_plan(tmp_path_factory.mktemp("generated") / "plan")
    return load_valid_plan(root, today=GENERATED_TODAY, cache=False)


def _documents(sample_plan, generated_plan) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    latest = generated_plan.latest_reported_half()
    return {
        "sample report 2021-H2 (de)": render_report(
            sample_plan, Half.parse("2021-H2"), fmt="pdf", lang="de", data_date=DATA_DATE).data,
        "sample report 2020-H2 (en)": render_report(
            sample_plan, Half.parse("2020-H2"), fmt="pdf", lang="en", data_date=DATA_DATE).data,
        "sample masterplan (de)": render_masterplan(sample_plan, fmt="pdf", lang="de",
                                                    data_date=DATA_DATE).data,
        "generated report (de)": render_report(generated_plan, latest, fmt="pdf", lang="de",
                                               data_date=DATA_DATE).data,
        "generated masterplan (en)": render_masterplan(generated_plan, fmt="pdf", lang="en",
                                                       data_date=DATA_DATE).data,
    }


@pytest.fixture(scope="module")
def documents(sample_plan, generated_plan) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return _documents(sample_plan, generated_plan)


NAMES = ["sample report 2021-H2 (de)", "sample report 2020-H2 (en)", "sample masterplan (de)",
         "generated report (de)", "generated masterplan (en)"]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_no_text_crosses_the_margins(documents: dict[str, bytes], name: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents[name]))
    outside = outside_content_box(reader)
    assert not outside, f"{name}: text beyond the margins: " + "; ".join(
        f"page {b.page}, x {b.x0:.0f}–{b.x1:.0f}: {b.text[:40]!r}" for b in outside[:5])


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_every_caption_stands_on_the_page_of_its_table_or_figure(documents: dict[str, bytes],
                                                                 name: str) -> None:
    from pypdf import PdfReader

    found = captioned(PdfReader(io.BytesIO(documents[name])))
    assert len([c for c in found if c.kind == "/Table"]) >= 5
    # A table's caption stands above it, on the page of its first row; a figure's below it,
    # on the page of the picture.
    apart = [(i, c) for i, c in enumerate(found)
             if not c.body_pages or len(c.caption_pages) != 1
             or c.caption_pages[0] != (c.body_pages[0] if c.kind == "/Table"
                                       else c.body_pages[-1])]
    assert not apart, f"{name}: captions apart from their table or figure: " + "; ".join(
        f"#{i} {c.kind} caption on {c.caption_pages}, body on {c.body_pages}"
        for i, c in apart[:5])


def _table_rows(reader) -> list[int]:  # type: ignore[no-untyped-def]
    """The number of rows (/TR) of every table of the tagged structure, in order."""
    def rows(element) -> int:  # type: ignore[no-untyped-def]
        element = element.get_object()
        if not isinstance(element, dict):
            return 0
        kids = element.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        return (element.get("/S") == "/TR") + sum(rows(k) for k in kids
                                                  if element.get("/S") != "/TR")

    found: list[int] = []

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        element = element.get_object()
        if not isinstance(element, dict):
            return
        if element.get("/S") == "/Table":
            found.append(rows(element))
            return
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.slow
def test_a_long_table_is_one_table_with_its_header_row_on_every_page(
        documents: dict[str, bytes], generated_plan) -> None:  # type: ignore[no-untyped-def]
    """The annex of 150 measures is one table over several pages, its header row repeated at
    the top of each, its caption once — not tables of forty rows each captioned "continued"
    (more tables cost Typst more time and memory, and a screen reader meets one table)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents["generated masterplan (en)"]))
    measures = len(generated_plan.measures)
    assert max(_table_rows(reader)) == measures + 1  # the header row and one row a measure
    annex = [" ".join(page.extract_text().split()) for page in reader.pages
             if float(page.mediabox[2]) > float(page.mediabox[3])]
    assert len(annex) > 2
    for page in annex:  # the header row before the first measure of each page
        assert -1 < page.find("No. Measure Field of action") < page.find("M-"), page[:120]
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert len(re.findall(r"Table \d+: All measures", text)) == 1
    assert "continued" not in text


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_no_page_ends_with_a_heading(documents: dict[str, bytes], name: str) -> None:
    """A heading that is the last of its page has lines of its own text after it: two (a
    section's first sentence), three for a measure (its status line, or the first lines of its
    profile, and more) — not a heading, or a heading and a status line, at the foot of a page."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents[name]))
    boxes = list(text_boxes(reader))
    found = headings(reader)
    assert len(found) >= 5, f"{name}: the outline gives {len(found)} headings"
    deepest = max(h.depth for h in found)
    alone, checked = [], 0
    for i, heading in enumerate(found):
        following = found[i + 1] if i + 1 < len(found) else None
        if following is not None and (following.page == heading.page or not any(
                b.page == following.page and following.top + 1 < b.y
                < float(reader.pages[b.page - 1].mediabox[3]) - TOP for b in boxes)):
            continue  # all its text is on the page: the next heading follows it or opens the next
        lines = lines_below(boxes, heading)
        checked += 1
        if len(lines) < (3 if heading.depth == deepest else 2):
            alone.append(f"page {heading.page}: {heading.title!r} followed by {lines}")
    assert checked, f"{name}: no heading whose text runs on to the next page was checked"
    assert not alone, f"{name}: " + "; ".join(alone[:5])


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_a_table_starts_with_three_rows_and_a_short_table_stands_on_one_page(
        documents: dict[str, bytes], name: str) -> None:
    """Not a caption, header row and one row at the foot of a page with the rest on the next;
    not a table of a few rows with its last row spilled onto the next page."""
    from pypdf import PdfReader

    tables = table_rows(PdfReader(io.BytesIO(documents[name])))
    # The rows are found, and their pages: some table runs over more than one page.
    assert any(len({min(pages) for pages in rows[1:] if pages}) > 1 for rows in tables), name
    split = []
    for n, rows in enumerate(tables, 1):
        body = [min(pages) for pages in rows[1:] if pages]  # after the header row
        first = [p for p in body if p == body[0]] if body else []
        if len(set(body)) > 1 and (len(first) < 3 or len(rows) <= 16):
            split.append(f"table {n} of {len(rows)} rows: rows per page "
                         f"{ {p: body.count(p) for p in sorted(set(body))} }")
    assert not split, f"{name}: " + "; ".join(split[:5])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sample report 2021-H2 (de)", "generated report (de)"])
def test_the_indicator_column_has_the_room_of_the_kpi_tables(documents: dict[str, bytes],
                                                             name: str) -> None:
    """The KPI tables give the indicator's name (the text) the most room (here, of four halves
    at most, over a third of the line), and the numbers' long headers ("Wert am Ende des
    Halbjahrs", "2. Hj. 2021") wrap: not the name squeezed to a quarter of the width and
    hyphenated word by word ("(An-zahl)")."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents[name]))
    boxes = list(text_boxes(reader))
    width = float(reader.pages[0].mediabox[2]) - LEFT - RIGHT
    heads = [(b, next(n for n in boxes if n.page == b.page and abs(n.y - b.y) < 0.5
                      and n.text.strip() == "Ausgangswert"))
             for b in boxes if b.text.strip() == "Kennzahl"]
    assert len(heads) >= 2  # the two tables' header rows
    narrow = [(b.page, round(baseline.x0 - b.x0)) for b, baseline in heads
              if baseline.x0 - b.x0 < 0.37 * width]
    assert not narrow, f"{name}: indicator columns (page, width in pt): {narrow}"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sample report 2021-H2 (de)", "generated report (de)"])
def test_two_kpi_charts_stand_on_a_page(documents: dict[str, bytes], name: str) -> None:
    """The charts of the KPIs over the halves (six to a chart) fill the pages two to a page,
    not one to a page with its lower half empty."""
    from pypdf import PdfReader

    charts = [pages for alt, pages in figure_pages(PdfReader(io.BytesIO(documents[name])))
              if "(Ausgangswert " in alt]
    assert len(charts) >= 2 and all(charts)
    pages = sorted({p for c in charts for p in c})
    assert len(pages) <= (len(charts) + 1) // 2 + 1, (len(charts), pages)


@pytest.mark.slow
def test_a_profile_stands_on_one_page_and_its_milestones_line_up(
        documents: dict[str, bytes]) -> None:
    """The masterplan's profile of a measure (what stands between its heading and
    "Beschreibung:") is on the heading's page; its milestones line up, one under the other —
    not the first beside the label and the others under the label."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(documents["sample masterplan (de)"]))
    boxes = list(text_boxes(reader))
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i].page, -boxes[i].y, boxes[i].x0))
    found = headings(reader)
    deepest = max(h.depth for h in found)
    split = []
    for heading, following in pairwise(found):
        if heading.depth != deepest:
            continue  # a measure's heading; what follows it up to the next heading is its own
        after = [boxes[i] for i in order if (heading.page, -heading.top)
                 < (boxes[i].page, -boxes[i].y) < (following.page, -following.top)]
        profile = []
        for b in after:
            if not BOTTOM < b.y < float(reader.pages[b.page - 1].mediabox[3]) - TOP:
                continue  # the running header and footer
            if b.text.strip().startswith("Beschreibung:"):
                break
            profile.append(b)
        if {b.page for b in profile} - {heading.page}:
            split.append(f"{heading.title!r}: pages {sorted({b.page for b in profile})}")
    assert not split, split
    checked = 0
    for i, box in enumerate(order):
        label = boxes[box]
        if label.text.strip() != "Meilensteine:":
            continue
        line = [boxes[j] for j in order if boxes[j].page == label.page
                and abs(boxes[j].y - label.y) < 0.5 and boxes[j].x0 > label.x0]
        rest = []
        for j in order[i + 1:]:
            b = boxes[j]
            if b.page != label.page or not BOTTOM < b.y < label.y - 0.5:
                continue  # the footer is in the margin
            if b.text.strip().startswith("Beschreibung:"):
                break
            rest.append(b)
        # where each entry's line starts: beside the label (if one is), then on each line below
        lefts = ([min(b.x0 for b in line)] if line else []) + [
            min(b.x0 for b in rest if round(b.y) == y) for y in sorted(
                {round(b.y) for b in rest}, reverse=True)]
        assert max(lefts) - min(lefts) < 0.5, (label, lefts)
        checked += len(lefts) > 1
    assert checked >= 10


@pytest.mark.slow
def test_the_note_on_what_the_amounts_leave_out_stands_with_its_table(
        documents: dict[str, bytes]) -> None:
    """ "Eine nicht öffentliche Maßnahme ist in den Beträgen nicht enthalten." stands on the
    page of its table's total row, not alone at the top of the next page."""
    from pypdf import PdfReader

    for name in ("sample masterplan (de)", "sample report 2021-H2 (de)"):
        boxes = list(text_boxes(PdfReader(io.BytesIO(documents[name]))))
        note = next(b for b in boxes if "in den Beträgen nicht enthalten" in b.text)
        totals = [b for b in boxes if b.text.strip() in ("Gesamt", "Summe")
                  and (b.page, -b.y) < (note.page, -note.y)]
        assert totals and totals[-1].page == note.page, (name, note, totals[-1:])


def test_the_checks_find_a_caption_apart_from_its_table_and_text_in_the_margin() -> None:
    """The two checks above can fail: a caption left at the foot of a page (no `sticky`) and
    text set wider than the page's text."""
    import typst
    from pypdf import PdfReader

    from dotool.render import FONT_DIR

    source = """#set document(title: "t")
#set text(lang: "de", font: "Liberation Sans")
#set page(paper: "a4", margin: (top: 25mm, bottom: 22mm, left: 25mm, right: 20mm))
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: table): set block(breakable: true)
= T
#box(width: 120%)[#lorem(30)]
#v(616pt)
#figure(kind: table, caption: [Tabelle], table(columns: 2, table.header([A], [B]),
  ..range(30).map(i => ([a], [b \\ c \\ d])).flatten()))
"""
    pdf = typst.compile(source.encode(), font_paths=[str(FONT_DIR)], ignore_system_fonts=True,
                        pdf_standards=["ua-1"])
    reader = PdfReader(io.BytesIO(pdf))
    assert outside_content_box(reader)
    (table,) = captioned(reader)
    assert table.caption_pages == (1,) and table.body_pages[0] == 2
