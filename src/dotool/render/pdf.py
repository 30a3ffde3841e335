"""PDF with Typst, as PDF/UA-1: tagged, with language, title, bookmarks and alt text.

The Typst source comes from the `*.typ.j2` templates, where every piece of plan text is escaped
(`dotool.render.typst_markup`). Typst compiles it in a fresh temporary folder that is its whole
world (its *root*): the source, the charts and copies of the repository images the text shows,
under names dotool gave them. Typst can read no other file, and it sets the text in the fonts
shipped with dotool only (the machine's fonts are ignored), so a PDF looks the same everywhere.

The charts are drawn by matplotlib while Typst sets the text: Typst lays the document out once
with an empty picture of each chart's size, on another core, and then compiles it with the
charts, reusing what it laid out before (its own cache). The PDF is byte for byte the one a
single compile gives; it is only ready sooner.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from dotool.render import FONT_DIR

if TYPE_CHECKING:
    import typst

    from dotool.render.document import Meta


class TypesetError(Exception):
    """Typst refused the document (a template override that does not compile, a broken image)."""

    def __init__(self, message: str, hints: list[str]) -> None:
        super().__init__(message)
        self.message = message
        self.hints = hints


@dataclass(frozen=True)
class Drawings:
    """Pictures Typst may lay out before they exist: each file's size as drawn (width and
    height in points), and `draw`, which makes them all ({file name: bytes})."""

    sizes: dict[str, tuple[float, float]]
    draw: Callable[[], dict[str, bytes]]


def typeset(source: str, files: dict[str, bytes], meta: Meta,
            drawings: Drawings | None = None) -> bytes:
    """Compile Typst `source` with `files` ({relative name: bytes}) beside it to PDF/UA-1;
    `drawings` are drawn while Typst lays out the rest (see the module's docstring)."""
    import typst

    with tempfile.TemporaryDirectory(prefix="dotool-pdf-") as folder:
        root = Path(folder)
        _write(root, files)
        main = root / "main.typ"
        main.write_text(source, encoding="utf-8")
        compiler = typst.Compiler(str(main), root=str(root), font_paths=[str(FONT_DIR)],
                                  ignore_system_fonts=True)
        if drawings is not None:
            _write(root, _drawn_meanwhile(compiler, root, drawings))
        stamp = datetime(meta.data_date.year, meta.data_date.month, meta.data_date.day, tzinfo=UTC)
        try:
            pdf = compiler.compile(format="pdf", pdf_standards=["ua-1"], timestamp=stamp)
        except typst.TypstError as exc:
            raise TypesetError(str(exc.message), list(exc.hints or [])) from None
    assert isinstance(pdf, bytes)  # one PDF, returned (no output path given)
    return pdf


def _drawn_meanwhile(compiler: typst.Compiler, root: Path, drawings: Drawings) -> dict[str, bytes]:
    """`drawings.draw()`, while Typst lays the document out with empty pictures of the same
    sizes in a thread of its own (Typst lets go of Python's lock while it works). Only its
    cache is wanted: the layout itself, and any error, come from the compile that follows.
    On a machine of one core the two would only take turns, and without a chart there is
    nothing to wait for: it draws alone."""
    if _cores() < 2 or not drawings.sizes:
        return drawings.draw()
    _write(root, {name: _empty_svg(*size) for name, size in drawings.sizes.items()})

    def lay_out() -> None:
        # The compile that follows reports any failure; BaseException, for a panic in Typst
        # reaches Python as pyo3's PanicException, which is not an Exception.
        with contextlib.suppress(BaseException):
            compiler.query("<dotool-layout-only>")  # laid out, no PDF written

    worker = threading.Thread(target=lay_out, name="dotool-typst-layout", daemon=True)
    worker.start()
    try:
        return drawings.draw()
    finally:  # the folder it reads is deleted after this, even when drawing failed
        worker.join()


def _cores() -> int:
    """The cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else (os.cpu_count() or 1)


def _empty_svg(width: float, height: float) -> bytes:
    """An empty picture of `width` × `height` points, for Typst to lay out in a chart's place."""
    w, h = f"{width:.2f}", f"{height:.2f}"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" '
            f'viewBox="0 0 {w} {h}"/>').encode("ascii")


def _write(root: Path, files: dict[str, bytes]) -> None:
    """`files` under `root`: names come from dotool (charts/…, assets/<hash>.<ext>), and a name
    that would leave `root` is refused."""
    for name, data in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"not a file name for the PDF: {name!r}")
        target = root.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
