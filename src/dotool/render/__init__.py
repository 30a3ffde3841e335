"""Rendering: the view of a half / of the plan, then Markdown, HTML, PDF, DOCX and charts."""

from pathlib import Path

#: The font family of the PDF and the charts, shipped with dotool (see fonts/README.md).
FONT_FAMILY = "Liberation Sans"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
