"""Typst's own peak memory for a PDF of N pages of plain text: the floor under dotool's PDFs.

    python benchmarks/typst_floor.py PAGES OUT.pdf

Compiles, as PDF/UA-1 in dotool's bundled font and page layout, PAGES pages that hold nothing
but a heading and six paragraphs each: no table, no chart, no image. `make bench` runs it with
the page counts of the 1,000-measure report and masterplan, so RESULTS.md shows how much of a
document's peak memory is Typst laying out and writing that many pages at all. `make bench`
checks the page count of OUT.pdf, outside the process it measures.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import typst

from dotool.render import FONT_DIR

HEAD = """#set document(title: [Typst floor])
#set text(font: "Liberation Sans", size: 10pt, lang: "de", hyphenate: false)
#set par(leading: 0.55em, spacing: 0.9em)
#set page(paper: "a4", margin: (top: 25mm, bottom: 22mm, left: 25mm, right: 20mm),
  footer: context align(right, text(size: 8pt)[Seite #counter(page).display() von
    #counter(page).final().first()]))
= Typst floor
"""
PARAGRAPH = ("Anträge werden online gestellt, Nachweise hochgeladen und Bescheide elektronisch "
             "zugestellt. Die Mitarbeitenden werden geschult, Abläufe werden gemeinsam mit dem "
             "IT-Service neu beschrieben, und Medienbrüche zwischen Fachverfahren und E-Akte "
             "entfallen. Der Stand wird jedes Halbjahr dem Ausschuss berichtet. ")


def source(pages: int) -> str:
    """PAGES pages, each a heading and six paragraphs of about five lines that fit on it."""
    page = "\n\n".join(PARAGRAPH * 2 for _ in range(6))
    return HEAD + "\n#pagebreak()\n".join(f"== Seite {n}\n\n{page}" for n in range(1, pages + 1))


def main() -> int:
    pages, out = int(sys.argv[1]), Path(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="typst-floor-") as folder:
        main_file = Path(folder) / "main.typ"
        main_file.write_text(source(pages), encoding="utf-8")
        pdf = typst.compile(str(main_file), root=folder, font_paths=[str(FONT_DIR)],
                            ignore_system_fonts=True, format="pdf", pdf_standards=["ua-1"])
    assert isinstance(pdf, bytes)
    out.write_bytes(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
