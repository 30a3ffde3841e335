"""Reading a PDF's layout back: where each piece of text lies, and on which page each caption
and its table or figure stand (from the tagged structure Typst writes).

Text positions come from pypdf's layout-mode text extraction, which knows each font's widths
(`recurse_to_target_op` is internal to pypdf; the version is pinned by the lock).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: The page margins of the PDF templates (src/dotool/templates/_partials/page.typ.j2), in points.
LEFT, RIGHT, TOP, BOTTOM = 25 * 72 / 25.4, 20 * 72 / 25.4, 25 * 72 / 25.4, 22 * 72 / 25.4


@dataclass(frozen=True)
class TextBox:
    page: int  # 1-based
    x0: float
    x1: float
    y: float
    text: str


def text_boxes(reader: Any) -> Iterator[TextBox]:
    """Every run of text of every page with its left and right end (in points)."""
    from pypdf._text_extraction._layout_mode._fixed_width_page import (
        recurse_to_target_op,
        set_font_operation,
    )
    from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager
    from pypdf.generic import ContentStream

    for number, page in enumerate(reader.pages, 1):
        fonts = page._layout_mode_fonts()
        ops = iter(ContentStream(page["/Contents"].get_object(), page.pdf, "bytes").operations)
        state = TextStateManager()
        for operands, op in ops:
            if op in (b"BT", b"q"):
                _, tjs = recurse_to_target_op(ops, state, b"ET" if op == b"BT" else b"Q",
                                              fonts, True)
                for tj in tjs:
                    if tj.text.strip():
                        # A space that ends a line may reach into the margin: it is not drawn.
                        trailing = len(tj.text) - len(tj.text.rstrip())
                        end = tj.displaced_tx - trailing * tj.word_tx(" ")
                        yield TextBox(number, tj.tx, end, tj.ty, tj.text)
            elif op == b"Tf":
                set_font_operation(state, fonts, operands)
            else:
                state.set_state_param(op, operands)


def outside_content_box(reader: Any, tolerance: float = 0.5) -> list[TextBox]:
    """Text that crosses the left or right margin, or leaves the page at top or bottom (the
    running header and footer stand in the top and bottom margins, by design)."""
    out = []
    for box in text_boxes(reader):
        width, height = (float(v) for v in reader.pages[box.page - 1].mediabox[2:])
        if (box.x0 < LEFT - tolerance or box.x1 > width - RIGHT + tolerance
                or not 0 < box.y < height):
            out.append(box)
    return out


@dataclass(frozen=True)
class Captioned:
    """A table or figure of the tagged structure, with the pages its parts are on."""

    kind: str  # /Table or /Figure
    caption: str
    caption_pages: tuple[int, ...]
    body_pages: tuple[int, ...]  # of a table: its first row; of a figure: the picture


def _children(element: Any) -> list[Any]:
    """The structure elements directly under `element` (not its marked content)."""
    kids = element.get("/K")
    found = [k.get_object() for k in (kids if isinstance(kids, list) else [kids])
             if kids is not None]
    return [k for k in found if isinstance(k, dict) and "/S" in k]


def _page_numbers(reader: Any) -> dict[int, int]:
    """Each page's object number → its page number (from 1)."""
    return {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages, 1)}


def _pages_of(element: Any, pages: dict[int, int]) -> set[int]:
    """The pages a structure element's content is on: its own /Pg and its kids', all the way
    down (structure elements and marked-content references alike)."""
    element = element.get_object()
    out: set[int] = set()
    if isinstance(element, dict):
        if element.get("/Pg") is not None:
            out.add(pages[element.raw_get("/Pg").idnum])
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            out |= _pages_of(kid, pages)
    return out


def captioned(reader: Any) -> list[Captioned]:
    """Every table and figure that has a caption, from the structure tree."""
    pages = _page_numbers(reader)
    found: list[Captioned] = []

    def on(element: Any) -> tuple[int, ...]:
        return tuple(sorted(_pages_of(element, pages)))

    def text_of(element: Any) -> str:
        element = element.get_object()
        return str(element.get("/Alt") or element.get("/ActualText") or "")

    def walk(element: Any) -> None:
        element = element.get_object()
        if not isinstance(element, dict):
            return
        kids = element.get("/K")
        children = [k.get_object() for k in (kids if isinstance(kids, list) else [kids])
                    if kids is not None]
        dicts = [c for c in children if isinstance(c, dict)]
        kinds = [c.get("/S") for c in dicts]
        caption = next((c for c in dicts if c.get("/S") == "/Caption"), None)
        # Typst puts a table figure's caption inside the table when the figure holds nothing
        # but the table as it is laid out; otherwise it tags the figure as a group (`Div`) of
        # the caption and a group that holds the table. Both are the table with its caption.
        table = element if element.get("/S") == "/Table" else next(
            (t for c in dicts if c.get("/S") in ("/Div", "/NonStruct")
             for t in _children(c) if t.get("/S") == "/Table"), None)
        if caption is not None and table is not None:
            first_row = next((c for c in _children(table)
                              if c.get("/S") in ("/TR", "/THead", "/TBody")), None)
            rows = first_row
            while rows is not None and rows.get("/S") != "/TR":  # THead → its first TR
                inner = rows.get("/K")
                rows = (inner[0] if isinstance(inner, list) else inner).get_object() \
                    if inner is not None else None
            found.append(Captioned("/Table", text_of(caption), on(caption),
                                   on(rows) if rows is not None else ()))
        elif caption is not None and "/Figure" in kinds:
            figure = dicts[kinds.index("/Figure")]
            found.append(Captioned("/Figure", text_of(figure),
                                   on(caption),
                                   on(figure)))
        for child in dicts:
            walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def figure_alts(reader: Any) -> list[str]:
    """The text alternative (/Alt) of every /Figure of the structure tree ("" if none)."""
    found: list[str] = []

    def walk(element: Any) -> None:
        element = element.get_object()
        if not isinstance(element, dict):
            return
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt") or ""))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@dataclass(frozen=True)
class Heading:
    """A heading as the PDF's outline (bookmarks) has it: its depth (0 for the title), the
    page it is on and the top of its line (in points from the page's foot)."""

    title: str
    depth: int
    page: int
    top: float


def headings(reader: Any) -> list[Heading]:
    """Every heading of the outline, in order."""
    found: list[Heading] = []

    def walk(entries: list[Any], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append(Heading(str(entry.title), depth, reader.get_destination_page_number(
                    entry) + 1, float(entry.top)))

    walk(reader.outline, 0)
    return found


def lines_below(boxes: list[TextBox], heading: Heading) -> list[str]:
    """The lines of text on the heading's page below its own lines, top down (the page's footer,
    in the bottom margin, left out); `boxes` are the document's `text_boxes`."""
    rows: dict[float, list[TextBox]] = {}
    for box in boxes:
        if box.page == heading.page and BOTTOM < box.y < heading.top:
            rows.setdefault(round(box.y, 1), []).append(box)
    lines = [" ".join(b.text.strip() for b in sorted(rows[y], key=lambda b: b.x0))
             for y in sorted(rows, reverse=True)]
    title = "".join(heading.title.split())  # without spaces: extraction adds some at kerns
    while lines and title and title.startswith("".join(lines[0].split())):  # its own lines
        title = title[len("".join(lines[0].split())):]
        lines.pop(0)
    return lines


def table_rows(reader: Any) -> list[list[set[int]]]:
    """Every table of the tagged structure, as the pages each of its rows (/TR) is on."""
    pages = _page_numbers(reader)

    def kids(element: Any) -> list[Any]:
        inner = element.get("/K")
        return [k.get_object() for k in (inner if isinstance(inner, list) else
                                         [inner] if inner is not None else [])]

    def rows(element: Any) -> list[set[int]]:
        if not isinstance(element, dict):
            return []
        if element.get("/S") == "/TR":
            return [_pages_of(element, pages)]
        return [r for kid in kids(element) for r in rows(kid)]

    found: list[list[set[int]]] = []

    def walk(element: Any) -> None:
        if not isinstance(element, dict):
            return
        if element.get("/S") == "/Table":
            found.append(rows(element))
            return
        for kid in kids(element):
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object())
    return found


def figure_pages(reader: Any) -> list[tuple[str, tuple[int, ...]]]:
    """The text alternative of every /Figure of the structure tree and the pages it is on."""
    pages = _page_numbers(reader)
    found: list[tuple[str, tuple[int, ...]]] = []

    def walk(element: Any) -> None:
        element = element.get_object()
        if not isinstance(element, dict):
            return
        if element.get("/S") == "/Figure":
            found.append((str(element.get("/Alt") or ""), tuple(sorted(_pages_of(element, pages)))))
        for kid in _children(element):
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
