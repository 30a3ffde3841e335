"""PDF from the HTML with WeasyPrint, as PDF/UA-1: tagged, with language, title and bookmarks.

Nothing is fetched while printing: the HTML is self-contained (CSS, SVG and images inline), and
the URL fetcher refuses every URL that is not a `data:` URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dotool.render.document import Meta


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    from weasyprint import default_url_fetcher  # type: ignore[import-untyped]

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"dotool does not fetch {url!r}")


def html_to_pdf(page: str, meta: Meta) -> bytes:
    """Print an HTML document to PDF/UA-1 bytes (PDF metadata dates are the data's date)."""
    import logging

    from weasyprint import HTML

    # WeasyPrint logs every refused URL and unsupported CSS at WARNING; the document is
    # self-contained, so these messages would only be noise on the user's terminal.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=page, base_url=None, url_fetcher=_no_fetch).render(
        pdf_variant="pdf/ua-1", pdf_tags=True)
    document.metadata.title = meta.title
    document.metadata.description = meta.subject
    document.metadata.lang = meta.lang
    document.metadata.created = meta.stand.isoformat()
    document.metadata.modified = meta.stand.isoformat()
    data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True,
                              pdf_identifier=_identifier(meta))
    return bytes(data or b"")


def _identifier(meta: Meta) -> bytes:
    """A stable PDF /ID from the document's title and date (not random, not the clock)."""
    import hashlib

    return hashlib.md5(f"{meta.title}|{meta.stand}".encode(), usedforsecurity=False).digest()
