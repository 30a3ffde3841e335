"""A link check over every generated page: relative links resolve, nothing absolute slips in.

Plain Python (no browser): every `href`, `src`, `action` and `xlink:href` of every page of both
languages is either a fragment that exists on the page, a `data:` URL, a relative path to a file
of the site, or an absolute http(s) URL written in the plan's own Markdown text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import REPO

ATTRS = {"href", "src", "action", "xlink:href"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            elif name in ATTRS and value is not None:
                self.links.append(value)


def _plan_urls() -> set[str]:
    """Absolute URLs the plan's own texts contain (those may appear on the site)."""
    text = "".join(p.read_text(encoding="utf-8")
                   for p in [*REPO.glob("masterplan/*.yaml"), *REPO.glob("measures/*.yaml")])
    return set(re.findall(r"https?://[^\s)\"'>]+", text))


def test_every_link_of_every_page_resolves(www: Path) -> None:
    allowed = _plan_urls()
    pages = sorted(www.rglob("*.html"))
    assert len(pages) > 60
    problems = []
    checked = 0
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            checked += 1
            if parts.scheme in ("http", "https"):
                if link not in allowed:
                    problems.append(f"{page.relative_to(www)}: absolute link {link}")
                continue
            if parts.scheme == "data":
                continue
            if parts.scheme or parts.netloc or link.startswith("/"):
                problems.append(f"{page.relative_to(www)}: not relative: {link}")
                continue
            if not parts.path:  # a fragment on this page
                if parts.fragment and parts.fragment not in parser.ids:
                    problems.append(f"{page.relative_to(www)}: no id {parts.fragment}")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            site = www / page.relative_to(www).parts[0]
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                problems.append(f"{page.relative_to(www)}: broken link {link}")
    assert checked > 1000
    assert not problems, "\n".join(problems[:30])
