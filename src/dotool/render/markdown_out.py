"""Markdown written again from markdown-it's syntax tree: Markdown outputs say what HTML says.

Rewriting the author's text with patterns cannot know what a Markdown reader will make of it
(reference-style images, titles in single quotes, brackets inside brackets, an escaped `!`).
Here the text is parsed once, by the parser the HTML outputs use, and written back node by node:
every text is literal (`dotool.text.markdown_text`), links keep markdown-it's scheme filter, and
an image is what the image policy makes of it — a local image copied to `assets/`, any other a
plain link. What the parser did not see as markup cannot become markup in the output.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dotool.render.headings import markdown_mark
from dotool.text import markdown_text, shown

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from dotool.render.markdown import Images

_BACKTICKS = re.compile(r"`+")


def write_markdown(tree: SyntaxTreeNode, images: Images) -> str:
    """The Markdown of a parsed text (`tree` is markdown-it's root node)."""
    return "\n".join(_blocks(tree.children, images, tight=False)).strip("\n")


def _blocks(nodes: list[SyntaxTreeNode], images: Images, *, tight: bool) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if out and not tight:  # the blocks of a tight list item follow each other directly
            out.append("")
        out.extend(_block(node, images))
    return out


def _block(node: SyntaxTreeNode, images: Images) -> list[str]:
    kind = node.type
    if kind == "paragraph":
        return _inline(node.children[0], images).split("\n") if node.children else [""]
    if kind == "heading":
        text = _inline(node.children[0], images).replace("\n", " ") if node.children else ""
        # its level under the document's heading before it is set by `headings.nest_markdown`
        return [f"{markdown_mark(int(node.meta.get('nest', 1)))} {text}"]
    if kind == "blockquote":
        return [f"> {line}" if line else ">" for line in
                _blocks(node.children, images, tight=False)]
    if kind in ("bullet_list", "ordered_list"):
        return _list(node, images)
    if kind in ("code_block", "fence"):
        return _code(node)
    if kind == "hr":
        return ["***"]  # never `---`, which under a paragraph line would make it a heading
    # Nothing else is produced with raw HTML off; should it be, it is shown as text.
    return [markdown_text(shown(node.content, lines=True))]


def _list(node: SyntaxTreeNode, images: Images) -> list[str]:
    items = node.children
    tight = all(p.hidden for item in items for p in item.children if p.type == "paragraph")
    number = int(node.attrs.get("start", 1) or 1)
    out: list[str] = []
    for item in items:
        marker = f"{number}{node.markup or '.'}" if node.type == "ordered_list" else \
            (node.markup or "-")
        number += 1
        body = _blocks(item.children, images, tight=tight) or [""]
        if out and not tight:
            out.append("")
        pad = " " * (len(marker) + 1)
        out.append(f"{marker} {body[0]}".rstrip())
        out.extend(pad + line if line else "" for line in body[1:])
    return out


def _code(node: SyntaxTreeNode) -> list[str]:
    content = node.content.rstrip("\n")
    fence = "`" * max(3, *(len(run) + 1 for run in _BACKTICKS.findall(content)), 0)
    info = node.info.strip() if node.type == "fence" and "`" not in node.info else ""
    return [fence + shown(info), *shown(content, lines=True).split("\n"), fence]


def _inline(node: SyntaxTreeNode, images: Images, *, in_link: bool = False) -> str:
    out: list[str] = []
    start = True  # at the start of a line, where `#`, `-` or `1.` would open a block
    for child in node.children:
        kind = child.type
        if kind == "text":
            out.append(markdown_text(child.content, line_start=start))
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("\\\n")
        elif kind == "code_inline":
            out.append(_code_span(child.content))
        elif kind in ("em", "strong"):
            mark = "*" if kind == "em" else "**"
            out.append(mark + _inline(child, images, in_link=in_link) + mark)
        elif kind == "link":
            _bang(out)
            out.append(_link(_inline(child, images, in_link=True), str(child.attrs["href"]),
                             child.attrs.get("title")))
        elif kind == "image":
            written = _image(child, images, in_link=in_link)
            if written.startswith("["):  # an image shown as a link
                _bang(out)
            out.append(written)
        else:
            out.append(markdown_text(child.content, line_start=start))
        start = kind in ("softbreak", "hardbreak")
    return "".join(out)


def _bang(out: list[str]) -> None:
    """Escape a `!` just before a link being written: `!` and `[…](…)` would be an image."""
    if out and out[-1].endswith("!"):
        body = out[-1][:-1]
        if (len(body) - len(body.rstrip("\\"))) % 2 == 0:  # not escaped already
            out[-1] = body + "\\!"


def _code_span(content: str) -> str:
    text = shown(content)
    ticks = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _destination(url: str) -> str:
    """A link destination: as it is when that is unambiguous, else in angle brackets."""
    text = shown(url)
    if re.fullmatch(r"[^\s()<>\\]+", text):
        return text
    return "<" + re.sub(r"([<>\\])", r"\\\1", text) + ">"


def _link(text: str, href: str, title: Any) -> str:
    extra = ""
    if title:
        extra = ' "' + re.sub(r'(["\\])', r"\\\1", shown(str(title))) + '"'
    return f"[{text}]({_destination(href)}{extra})"


def _image(node: SyntaxTreeNode, images: Images, *, in_link: bool = False) -> str:
    """An image as the HTML shows it: a local image from `assets/`, a remote one as a link (as
    its text inside a link, which holds no link), one of another scheme as its text only."""
    src = str(node.attrs.get("src", ""))
    alt = "".join(child.content for child in node.children)
    image = images.local(src)
    if image is not None:
        return f"![{markdown_text(alt)}]({_destination(images.url(image))})"
    if images.is_remote_or_relative(src) and not in_link:
        return _link(markdown_text(alt or src), src, None)
    return markdown_text(alt)
