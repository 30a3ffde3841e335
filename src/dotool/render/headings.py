"""Headings inside the plan's texts, nested under the heading each text stands under.

A text does not know where it will be shown: `## Ausgangslage` in `situation` stands under the
masterplan's chapter "2 Ausgangslage" (a level 2 heading), `# Hintergrund` in a summary under a
measure's heading (level 4 in the documents, level 1 on the site's page). So the Markdown
writers (`render.markdown`, `render.markdown_out`, `render.typst_markup`) mark each heading of a
text with its level *within the text* — the text's top heading level is 1 — and, once the whole
document or page is written, `nest_html`, `nest_markdown` and `nest_typst` give every marked
heading the level of the template's heading before it plus its own; past level 6 it becomes a
bold paragraph. A repository's template override nests the same way.

The marks cannot be written by the plan's text: in HTML the text's own tags are escaped; in
Markdown and Typst a mark carries a random word drawn when dotool starts, which no file written
before can know. Unnested, a marked heading is still a heading (HTML, Markdown) or the bold
block a heading of a text used to be (Typst).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

#: The deepest heading level of every output (HTML has six; Word and Typst follow).
DEEPEST = 6
#: The start of every mark in Markdown and Typst (letters and digits: nothing escapes them).
_MARK = f"dotoolheading{secrets.token_hex(8)}"


def mark_levels(tokens: Sequence[Token]) -> None:
    """Set `meta["nest"]` of every heading token to its level within the text (top: 1)."""
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels:
        return
    top = min(levels)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.meta["nest"] = int(token.tag[1]) - top + 1


def level(base: int, nest: int) -> int:
    """The level of a text's heading `nest` deep under a heading of level `base`."""
    return base + nest


# --- HTML ----------------------------------------------------------------------------------

HTML_OPEN = '<h6 data-nest="{nest}">'
_HTML = re.compile(r'<h6 data-nest="([1-6])">(.*?)</h6>|<h([1-6])(?=[\s>])', re.DOTALL)


def nest_html(page: str) -> str:
    """`page` with each text's headings under the heading before them (see the module)."""
    if 'data-nest="' not in page:
        return page
    base = 0

    def one(match: re.Match[str]) -> str:
        nonlocal base
        if match.group(3):  # the template's own heading
            base = int(match.group(3))
            return match.group(0)
        shifted = level(base, int(match.group(1)))
        if shifted > DEEPEST:
            return f'<p class="text-heading"><strong>{match.group(2)}</strong></p>'
        return f"<h{shifted}>{match.group(2)}</h{shifted}>"

    return _HTML.sub(one, page)


# --- Markdown ------------------------------------------------------------------------------

def markdown_mark(nest: int) -> str:
    """What stands for the `#`s of a heading `nest` deep in a text (a heading of that level,
    marked by an HTML comment, should a Markdown text ever be shown without `nest_markdown`)."""
    return f"{'#' * nest} <!--{_MARK}-->"


_MD_MARK = re.compile(r"(#{1,6}) <!--" + _MARK + r"--> ?(.*)")
_MD_HEADING = re.compile(r"(#{1,6})(?:[ \t]|$)")
#: What may stand before a heading on its line: the marks of the quotes and list items it is in.
_MD_PREFIX = re.compile(r"(?:[ >]*(?:[-+*]|[0-9]{1,9}[.)])(?= ))*[ >]*")
_FENCE = re.compile(r"[ >]*(`{3,}|~{3,})")


def nest_markdown(text: str) -> str:
    """`text` (a whole Markdown document) with each text's headings under the heading before
    them; a fenced code block's lines are no headings."""
    if _MARK not in text:
        return text
    base, fence, out = 0, "", []
    for line in text.split("\n"):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1).startswith(fence):  # as long or longer: closed
                fence = ""
            out.append(line)
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        mark = _MD_MARK.search(line)
        own = None if mark else _MD_HEADING.match(line)
        if own:
            base = len(own.group(1))
        if mark:
            shifted = level(base, len(mark.group(1)))
            body = mark.group(2)
            head = line[:mark.start()]
            if not _MD_PREFIX.fullmatch(head):  # after a template's run-in label: a line apart
                out += [head.rstrip(), ""]
                head = ""
            line = (head + "#" * shifted + (" " + body if body else "") if shifted <= DEEPEST
                    else head + (f"**{body}**" if body else ""))
        out.append(line)
    return "\n".join(out)


# --- Typst ---------------------------------------------------------------------------------

#: A text's heading as Typst: a bold block (as it is shown should the source ever be compiled
#: without `nest_typst`), between two comments that mark it.
TYPST_OPEN = "/*" + _MARK + "h{nest}*/#block(sticky: true, strong["
TYPST_CLOSE = "]);/*" + _MARK + "*/"
_TYPST = re.compile(r"/\*" + _MARK + r"h([1-6])\*/#block\(sticky: true, strong\[(.*?)\]\);/\*"
                    + _MARK + r"\*/|^(=+)[ \t]|#heading\(level: ([1-6])\b",
                    re.DOTALL | re.MULTILINE)


def nest_typst(source: str) -> str:
    """Typst `source` with each text's headings under the heading before them, kept out of
    the outline and the bookmarks (they are the text's, not the document's)."""
    if _MARK not in source:
        return source
    base = 0

    def one(match: re.Match[str]) -> str:
        nonlocal base
        if match.group(3) or match.group(4):  # the template's own heading
            base = len(match.group(3)) if match.group(3) else int(match.group(4))
            return match.group(0)
        shifted = level(base, int(match.group(1)))
        body = match.group(2)
        if shifted > DEEPEST:
            return f"#block(sticky: true, strong[{body}]);"
        return f"#heading(level: {shifted}, outlined: false, bookmarked: false)[{body}];"

    return _TYPST.sub(one, source)
