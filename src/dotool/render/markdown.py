"""The Markdown text fields of the plan, made safe for each output format.

Raw HTML is escaped everywhere (the documents get published). Links are kept (markdown-it
already drops `javascript:` and similar). An image is shown only when it is a file inside the
repository — the caller's `resolve` returns its bytes — and then it is embedded or copied; any
other image becomes a plain link. Nothing is ever fetched.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markupsafe import Markup

#: Reads a repository-relative file; None when it is not a file inside the repository.
Resolver = Callable[[str], bytes | None]
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def no_files(_: str) -> bytes | None:
    """A resolver for outputs without access to the repository: no image is local."""
    return None


@dataclass
class Images:
    """The image policy of one rendering, and the local images it used (name → bytes)."""

    resolve: Resolver = no_files
    assets: dict[str, bytes] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # asset name → repository path

    def local(self, src: str) -> tuple[str, bytes] | None:
        """(repository path, bytes) when `src` names an image file inside the repository."""
        if not src or _SCHEME.match(src) or src.startswith(("/", "\\", "//")):
            return None
        path = PurePosixPath(src)
        if ".." in path.parts or path.suffix.lower() not in _IMAGE_TYPES:
            return None
        data = self.resolve(path.as_posix())
        return (path.as_posix(), data) if data is not None else None


def _parser(images: Images, embed: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from markupsafe import escape

    md = MarkdownIt("commonmark", {"html": False, "typographer": False})

    def image(_renderer: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        src = str(token.attrs.get("src", ""))
        alt = "".join(child.content for child in token.children or [])
        found = images.local(src)
        if found is None:
            if _SCHEME.match(src) and not src.lower().startswith(("http:", "https:")):
                return str(escape(alt))
            return f'<a href="{escape(src)}">{escape(alt or src)}</a>'
        name, data = found
        images.assets[name] = data
        if embed:
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            url = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        else:
            url = f"assets/{name}"
        return f'<img src="{escape(url)}" alt="{escape(alt)}">'

    md.add_render_rule("image", image)
    return md


def to_html(text: str | None, images: Images, *, embed: bool = True,
            lang: str | None = None) -> Markup:
    """Markdown → safe HTML (raw HTML escaped, non-local images as links).

    With `lang` the HTML is wrapped in `<div lang="…">`: the text is written in that language,
    not in the page's (WCAG 3.1.2).
    """
    from markupsafe import Markup

    if not text:
        return Markup("")
    html = Markup(_parser(images, embed).render(text).strip())
    return Markup('<div lang="{}">{}</div>').format(lang, html) if lang else html


def to_markdown(text: str | None, images: Images) -> str:
    """Markdown → Markdown that is safe to publish: `<` escaped, non-local images as links."""
    if not text:
        return ""

    def image(match: re.Match[str]) -> str:
        alt, src = match.group(1), match.group(2)
        found = images.local(src)
        if found is None:
            return f"[{alt or src}]({src})"
        images.assets[found[0]] = found[1]
        return f"![{alt}](assets/{found[0]})"

    return _IMAGE.sub(image, text.strip()).replace("<", "&lt;")


def cell(text: str | None) -> str:
    """Text for a Markdown table cell: one line, `|` escaped, `<` escaped."""
    if text is None:
        return ""
    return " ".join(str(text).split()).replace("|", "\\|").replace("<", "&lt;")


def inline(text: str | None) -> str:
    """Plain text in Markdown running text (a title in a heading): one line, `<` escaped."""
    return "" if text is None else " ".join(str(text).split()).replace("<", "&lt;")
