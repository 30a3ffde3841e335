"""Opening an XLSX file that came from elsewhere: measured before openpyxl reads it.

An XLSX file is a zip archive. Before a byte of it is parsed, its size, number of parts,
unpacked size and the packing ratio of each large part are checked, so a zip bomb is refused
unread. openpyxl then reads it with formulas kept as formulas (so callers can refuse them —
nothing is ever evaluated), without macros and without links to other files.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, Literal

from dotool.xlsxlib import load_openpyxl

MAX_FILE = 10 * 1024 * 1024  # bytes of a workbook (a unit's collection workbook is ~20 KiB)
MAX_UNPACKED = 100 * 1024 * 1024  # bytes of all its parts, unpacked
MAX_PARTS = 500
MAX_RATIO = 200  # unpacked : packed, for a part larger than 1 MiB

Problem = Literal["too-large", "not-xlsx", "bomb"]


def archive_problem(data: bytes) -> Problem | None:
    """Why `data` is not opened (None: it may be)."""
    if len(data) > MAX_FILE:
        return "too-large"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "not-xlsx"
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED or any(
            p.file_size > 1 << 20 and p.file_size > MAX_RATIO * max(p.compress_size, 1)
            for p in parts):
        return "bomb"
    return None


def open_workbook(data: bytes) -> Any:
    """The openpyxl workbook of `data` (checked with `archive_problem` first), or None."""
    load_openpyxl()
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), data_only=False, keep_links=False,
                             keep_vba=False, rich_text=False)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same here
        return None
