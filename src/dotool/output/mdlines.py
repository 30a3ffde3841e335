"""The plan's Markdown text as styled terminal lines (`dotool.output.styled.Line`).

The text fields of a measure (summary, updates, next steps) are short Markdown: paragraphs,
lists, emphasis, links. The terminal shows them as a reader expects — **bold** in bold, a list
as bullets, a link as its text and address — and never the raw markers. Written here rather than
with rich's Markdown, which imports markdown-it and Pygments (about as long as a whole warm
`dotool show`); the documents keep the full parser (`dotool.render.markdown`).
"""

from __future__ import annotations

import re

from dotool.output.styled import Line

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ITEM = re.compile(r"^( {0,3})([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^ {0,3}> ?(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])( *\1){2,} *$")
# Inline markup, first match wins: escapes, code spans, links, autolinks, strong, emphasis.
_INLINE = re.compile(
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<code>`+)(?P<code_text>.+?)(?P=code)"
    r"|!?\[(?P<link>[^\]]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"
    r"|(?P<strong>\*\*|__)(?=\S)(?P<strong_text>.+?)(?<=\S)(?P=strong)"
    r"|(?<![\w*])(?P<em>\*|_)(?=\S)(?P<em_text>.+?)(?<=\S)(?P=em)(?![\w*])"
)


def markdown_lines(text: str, *, indent: str = "  ") -> list[Line]:
    """`text` (Markdown) as lines, each starting with `indent`; blocks apart by an empty line."""
    lines: list[Line] = []
    for block in _blocks(text):
        if lines:
            lines.append([])
        lines.extend([(indent + prefix, "dim" if prefix.strip() == "│" else None), *pieces]
                     for prefix, pieces in block)
    return lines


def inline(text: str, style: str | None = None) -> list[tuple[str, str | None]]:
    """One line of Markdown as (text, style) pieces, the markers taken out."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for match in _INLINE.finditer(text):
        if match.start() > at:
            pieces.append((text[at:match.start()], style))
        at = match.end()
        if match.group("esc"):
            pieces.append((match.group("esc")[1], style))
        elif match.group("code"):
            pieces.append((match.group("code_text").strip(), _join(style, "cyan")))
        elif match.group("url") is not None:
            label = match.group("link") or match.group("url")
            pieces += inline(label, _join(style, "underline"))
            if match.group("url") and match.group("url") != label:
                pieces.append((f" ({match.group('url')})", _join(style, "dim")))
        elif match.group("auto"):
            pieces.append((match.group("auto"), _join(style, "underline")))
        elif match.group("strong"):
            pieces += inline(match.group("strong_text"), _join(style, "bold"))
        else:
            pieces += inline(match.group("em_text"), _join(style, "italic"))
    if at < len(text):
        pieces.append((text[at:], style))
    return pieces


def _join(outer: str | None, inner: str) -> str:
    return f"{outer} {inner}" if outer else inner


Block = list[tuple[str, list[tuple[str, str | None]]]]  # (prefix, pieces) per line


def _blocks(text: str) -> list[Block]:
    """Paragraphs, headings, list items, quotes and code as blocks of prefixed lines."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    item: tuple[str, list[str]] | None = None  # (bullet, its lines)
    items: Block = []
    code: list[str] | None = None

    def close() -> None:
        nonlocal item, items
        if paragraph:
            blocks.append([("", inline(" ".join(paragraph)))])
            paragraph.clear()
        if item is not None:
            items.append((item[0], inline(" ".join(item[1]))))
            item = None
        if items:
            blocks.append(items)
            items = []

    quoting = False  # the line before was part of a quote
    for raw in text.strip("\n").splitlines():
        line = raw.rstrip()
        was_quoting, quoting = quoting, False
        if code is not None:
            if _FENCE.match(line):
                blocks.append([("", [(c, "cyan")]) for c in code])
                code = None
            else:
                code.append(raw)
            continue
        stripped = line.strip()
        if not stripped:
            close()
        elif _FENCE.match(line):
            close()
            code = []
        elif heading := _HEADING.match(line):
            close()
            blocks.append([("", inline(heading.group(2), "bold"))])
        elif _RULE.match(line):
            close()
            blocks.append([("", [("─" * 20, "dim")])])
        elif found := _ITEM.match(line):
            if paragraph:
                close()
            if item is not None:
                items.append((item[0], inline(" ".join(item[1]))))
            marker = found.group(2)
            item = ("• " if marker in "-*+" else marker[:-1] + ". ", [found.group(3).strip()])
        elif quote := _QUOTE.match(line):
            if not was_quoting:
                close()
                blocks.append([])
            blocks[-1].append(("│ ", inline(quote.group(1))))
            quoting = True
        elif item is not None and (raw.startswith((" ", "\t")) or not paragraph):
            item[1].append(stripped)  # a continuation line of the item
        else:
            paragraph.append(stripped)
    if code is not None:
        blocks.append([("", [(c, "cyan")]) for c in code])
    close()
    return blocks


def flowed(text: str) -> str:
    """`text` as a table's column wraps it: the lines of a paragraph joined — a `|` block keeps
    the line breaks of the file, which the column would break again, raggedly — while
    paragraphs, list items, headings, quotes and fenced code keep lines of their own."""
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
        lines: list[str] = []
        fenced = False
        for raw in paragraph.splitlines():
            line = raw.strip()
            if _FENCE.match(raw):
                fenced = not fenced
                lines.append(line)
            elif fenced:
                lines.append(raw.rstrip())
            elif lines and line and not (_ITEM.match(raw) or _HEADING.match(raw)
                                         or _QUOTE.match(raw)) \
                    and not _FENCE.match(lines[-1]) and not _HEADING.match(lines[-1]):
                lines[-1] += " " + line
            elif line:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
