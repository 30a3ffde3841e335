"""The Markdown text fields of the plan, made safe for each output format.

Every output parses the text with the same markdown-it parser (`html: False`, nesting limited to
`MAX_NESTING`): raw HTML is escaped everywhere (the documents get published), links keep
markdown-it's scheme filter (no `javascript:`), and an image is shown only when it is an image
file inside the repository (`dotool.store.assets`) — any other becomes a plain link. Nothing is
ever fetched. HTML is rendered by markdown-it; Markdown is written again from the same syntax
tree (`markdown_out`), so both say the same.

Each image is put into an output once, however often the text refers to it, and all of them
together at most `MAX_IMAGES_BYTES`; past that, an image is a link like a remote one.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from dotool.i18n.terminal import t

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markupsafe import Markup

    from dotool.store.assets import Image

#: Reads a repository-relative image: the image, or why it is not shown.
Resolver = Callable[[str], "Image | str"]
#: How deep blocks (quotes, lists) and inline markup nest before the rest is plain text; the
#: plan's checks refuse text whose brackets nest deeper (they cost the parser quadratic time).
MAX_NESTING = 20
#: The images of one output together (each is at most `dotool.store.assets.MAX_IMAGE_BYTES`).
MAX_IMAGES_BYTES = 20 * 1024 * 1024
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
#: The URL scheme of an image in the HTML printed to PDF (served by the PDF's URL fetcher).
FETCH_SCHEME = "dotool-image:"


def no_files(_: str) -> Image | str:
    """A resolver for outputs without access to the repository: no image is local."""
    return str(t("is not read for this output"))


def _not_a_repository_file(src: str) -> str | None:
    """Why `src` names no file of the repository (a web address, an absolute path, a path
    leading up with `..`), in the terminal's language; None for a path inside it."""
    scheme = _SCHEME.match(src)
    if scheme:
        if src.lower().startswith(("http:", "https:")):
            return str(t("is on the web, and dotool fetches nothing"))
        return str(t("is a {scheme} address, not a file of the repository",
                     scheme=scheme.group().lower()))
    if src.startswith(("/", "\\")):
        return str(t("is an absolute path: name an image by its path from the repository's "
                     "root, such as docs/plan.png"))
    if ".." in PurePosixPath(src).parts:
        return str(t("leads up with `..`: name an image by its path from the repository's "
                     "root, such as docs/plan.png"))
    return None


@dataclass
class Images:
    """The image policy of one output, and the images it shows (each once).

    `mode` says how an image gets into the output: `embed` (a self-contained HTML file: the
    image once as a data URL, each use a reference to it), `files` (the site, and the files
    Typst compiles the PDF with: one file a picture under `assets/images/`, `prefix` leading
    from the page to the site's root), `fetch` (the HTML the DOCX is built from: a URL the
    builder answers from memory) or `copy` (a Markdown file: copied beside it under
    `assets/`).
    """

    resolve: Resolver = no_files
    mode: Literal["embed", "fetch", "files", "copy"] = "embed"
    prefix: str = ""
    used: dict[str, Image] = field(default_factory=dict)  # repository path → image
    refused: dict[str, str] = field(default_factory=dict)  # repository path → why
    _total: int = 0

    def local(self, src: str) -> Image | None:
        """The image when `src` names an image file inside the repository that this output
        shows; None for anything else (remote, refused, over the budget), whose reason is
        kept in `refused` (each once) for the command to say."""
        if not src:
            return None
        not_a_file = _not_a_repository_file(src)
        if not_a_file is not None:
            self.refused.setdefault(src, not_a_file)
            return None
        path = PurePosixPath(src)
        name = path.as_posix()
        if name in self.used:
            return self.used[name]
        if name in self.refused:
            return None
        found = self.resolve(name)
        if isinstance(found, str):
            self.refused[name] = found
            return None
        if path.suffix.lower() not in _IMAGE_TYPES:  # an image by its content, named otherwise
            self.refused[name] = str(t("is not named as an image (only a file named *.png, "
                                       "*.jpg, *.jpeg, *.gif, *.webp or *.svg is shown)"))
            return None
        known = any(i.digest == found.digest for i in self.used.values())
        if not known and self._total + len(found.data) > MAX_IMAGES_BYTES:
            self.refused[name] = str(t("would take the images of this output past {size} MiB",
                                       size=MAX_IMAGES_BYTES // (1024 * 1024)))
            return None
        self._total += 0 if known else len(found.data)
        self.used[name] = found
        return found

    @staticmethod
    def is_remote_or_relative(src: str) -> bool:
        """True for a web address or a relative path: shown as a link, never fetched."""
        return not _SCHEME.match(src) or src.lower().startswith(("http:", "https:"))

    def assets(self) -> dict[str, bytes]:
        """The files to write beside the output: `copy` → {path under assets/: bytes},
        `files` → {site path: bytes}; nothing for the modes that embed."""
        if self.mode == "copy":
            return {name: image.data for name, image in self.used.items()}
        if self.mode == "files":
            return {_site_path(image): image.data for image in self.used.values()}
        return {}

    def sources(self) -> dict[str, str]:
        """{the name an output gives an image (`url`): its repository path}, to name the file
        in a message about it."""
        return {self.url(image): path for path, image in self.used.items()}

    def url(self, image: Image) -> str:
        """Where the output finds `image` (`embed` refers to it by id, see `defs`)."""
        if self.mode == "copy":
            return f"assets/{image.path}"
        if self.mode == "files":
            return self.prefix + _site_path(image)
        return FETCH_SCHEME + image.digest

    def by_url(self, url: str) -> Image | None:
        """The image `url` names in the `fetch` mode (for the PDF's URL fetcher)."""
        return next((i for i in self.used.values() if FETCH_SCHEME + i.digest == url), None)

    def html(self, image: Image, alt: str) -> str:
        """The HTML showing `image` with its text alternative `alt` (escaped here)."""
        from markupsafe import escape

        size = f'width="{image.width}" height="{image.height}"'
        if self.mode != "embed":
            return (f'<img class="md-image" src="{escape(self.url(image))}" alt="{escape(alt)}" '
                    f"{size}>")
        return (f'<svg class="md-image" role="img" aria-label="{escape(alt)}" {size} '
                f'viewBox="0 0 {image.width} {image.height}"><use href="#img-{image.digest}"/>'
                "</svg>")

    def defs(self) -> str:
        """In the `embed` mode, every image once, for the uses `html` writes to refer to."""
        if self.mode != "embed" or not self.used:
            return ""
        seen: dict[str, Image] = {i.digest: i for i in self.used.values()}
        images = "".join(
            f'<image id="img-{d}" width="{i.width}" height="{i.height}" '
            f'href="data:{i.mime};base64,{base64.b64encode(i.data).decode("ascii")}"/>'
            for d, i in sorted(seen.items()))
        return ('<svg class="md-image-defs" width="0" height="0" aria-hidden="true" '
                f'focusable="false" style="position:absolute"><defs>{images}</defs></svg>')


def _site_path(image: Image) -> str:
    return f"assets/images/{image.digest}.{image.extension}"


_PARSERS: dict[str, MarkdownIt] = {}


def parser() -> MarkdownIt:
    """The one Markdown parser of every output: CommonMark, raw HTML as text, nesting bounded.

    Made once per process (a parser costs more to make than most texts to parse); the image
    policy of an output reaches its rules through the render `env`, never through the parser.
    """
    md = _PARSERS.get("md")
    if md is None:
        from markdown_it import MarkdownIt

        md = _PARSERS["md"] = MarkdownIt("commonmark", {"html": False, "typographer": False,
                                                        "maxNesting": MAX_NESTING})
        md.add_render_rule("image", _image_html)
        md.add_render_rule("heading_open", _heading_open)
        md.add_render_rule("heading_close", _heading_close)
    return md


def _heading_open(_renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
                  env: Any) -> str:
    """A text's heading, marked with its level within the text (`render.headings`)."""
    from dotool.render.headings import HTML_OPEN

    return HTML_OPEN.format(nest=tokens[idx].meta.get("nest", 1))


def _heading_close(_renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
                   env: Any) -> str:
    return "</h6>\n"


def _image_html(_renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
                env: Any) -> str:
    """An image in HTML by the policy of the output being rendered (`env["images"]`)."""
    from markupsafe import escape

    images: Images = env["images"]
    token = tokens[idx]
    src = str(token.attrs.get("src", ""))
    alt = "".join(child.content for child in token.children or [])
    found = images.local(src)
    if found is not None:
        return images.html(found, alt)
    if images.is_remote_or_relative(src) and not _inside_link(tokens, idx, env):
        # (a link holds no link: inside one, the image is its text)
        return f'<a href="{escape(src)}">{escape(alt or src)}</a>'
    return str(escape(alt))


def _inside_link(tokens: Sequence[Token], idx: int, env: Any) -> bool:
    """Whether token `idx` of an inline run lies inside a link (counted once per run)."""
    known = env.get("link_depth")
    if known is None or known[0] is not tokens:
        depth, marks = 0, []
        for token in tokens:
            marks.append(depth)
            depth += (token.type == "link_open") - (token.type == "link_close")
        known = env["link_depth"] = (tokens, marks)
    return bool(known[1][idx] > 0)


def to_html(text: str | None, images: Images, *, lang: str | None = None) -> Markup:
    """Markdown → safe HTML (raw HTML escaped, non-local images as links).

    With `lang` the HTML is wrapped in `<div lang="…">`: the text is written in that language,
    not in the page's (WCAG 3.1.2).
    """
    from markupsafe import Markup

    if not text:
        return Markup("")
    from dotool.render.headings import mark_levels

    md, env = parser(), {"images": images}
    tokens = md.parse(text, env)
    mark_levels(tokens)
    html = Markup(md.renderer.render(tokens, md.options, env).strip())
    return Markup('<div lang="{}">{}</div>').format(lang, html) if lang else html


def to_markdown(text: str | None, images: Images) -> str:
    """Markdown → Markdown that is safe to publish, written again from its syntax tree."""
    if not text:
        return ""
    from markdown_it.tree import SyntaxTreeNode

    from dotool.render.headings import mark_levels
    from dotool.render.markdown_out import write_markdown

    tokens = parser().parse(text)
    mark_levels(tokens)
    return write_markdown(SyntaxTreeNode(tokens), images)


def cell(text: str | None) -> str:
    """Plain text for a Markdown table cell: one line, shown literally (`|` escaped too)."""
    return "" if text is None else inline(text)


def inline(text: str | None) -> str:
    """Plain text in Markdown running text (a title in a heading): one line, shown literally."""
    from dotool.text import markdown_text

    return "" if text is None else markdown_text(" ".join(str(text).split()))
