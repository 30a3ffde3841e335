"""Rendering: the view of a half / of the plan, then Markdown, HTML, PDF, DOCX and charts."""
