"""PDF with Typst, as PDF/UA-1: tagged, with language, title, bookmarks and alt text.

The Typst source comes from the `*.typ.j2` templates, where every piece of plan text is escaped
(`dotool.render.typst_markup`). Typst compiles it in a fresh temporary folder that is its whole
world (its *root*): the source, the charts and copies of the repository images the text shows,
under names dotool gave them. Typst can read no other file, and it sets the text in the fonts
shipped with dotool only (the machine's fonts are ignored), so a PDF looks the same everywhere.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from dotool.render import FONT_DIR

if TYPE_CHECKING:
    from dotool.render.document import Meta


class TypesetError(Exception):
    """Typst refused the document (a template override that does not compile, a broken image)."""

    def __init__(self, message: str, hints: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.hints = hints


def typeset(source: str, files: dict[str, bytes], meta: Meta) -> bytes:
    """Compile Typst `source` with `files` ({relative name: bytes}) beside it to PDF/UA-1."""
    import typst

    with tempfile.TemporaryDirectory(prefix="dotool-pdf-") as folder:
        root = Path(folder)
        for name, data in files.items():
            relative = PurePosixPath(name)
            # Names come from dotool (charts/…, assets/<hash>.<ext>); never one that leaves root.
            if relative.is_absolute() or ".." in relative.parts:
                raise ValueError(f"not a file name for the PDF: {name!r}")
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        main = root / "main.typ"
        main.write_text(source, encoding="utf-8")
        stamp = datetime(meta.data_date.year, meta.data_date.month, meta.data_date.day, tzinfo=UTC)
        try:
            pdf = typst.compile(str(main), root=str(root), font_paths=[str(FONT_DIR)],
                                ignore_system_fonts=True, format="pdf",
                                pdf_standards=["ua-1"], timestamp=stamp)
        except typst.TypstError as exc:
            raise TypesetError(str(exc.message), list(exc.hints or [])) from None
    return bytes(pdf)
