"""Text of the plan, made safe for Typst markup.

Plan text is untrusted (it comes in through pull requests). In Typst markup almost every ASCII
sign means something — `#` starts code, `[` `]` open and close content, `//` a comment, `$`
maths, `<` `@` labels and references, `=` `-` `+` `/` and `1.` at the start of a line headings
and lists — so every such sign is written with a backslash (`\\#`), which Typst always reads as
the sign itself. What `escape` returns can therefore never run code, read a file or end the
element it stands in. Control characters are dropped (Typst would show them as boxes).

Markdown (the plan's text fields) is parsed with markdown-it and written as Typst from its
tokens: paragraphs, emphasis, lists, quotes, code and links (http, https and mailto only).
A heading inside a text becomes a heading under the document's heading before it
(`render.headings`), kept out of the outline and the bookmarks.
An image is shown only when it is an image file inside the repository (`Images.local`, which
checks it by its content); it is handed to Typst once, under a name of dotool's making
(`assets/images/<digest>.<ext>`), never under its own path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Imported once here, not in each function: a large plan's Typst source prints ~100,000 values,
# and an import statement per value cost half a second. (This module is loaded for rendering
# only, never on the start-up path.)
from markupsafe import Markup

from dotool.render import FONT_DIR
from dotool.render.headings import TYPST_CLOSE, TYPST_OPEN

if TYPE_CHECKING:
    from markdown_it.token import Token

    from dotool.render.markdown import Images

#: Every ASCII sign with a meaning in Typst markup. `&` is escaped as well, so that an HTML
#: entity in the generated source can only come from a template mistake (the tests look for
#: one). `1.` at the start of a line is a numbered list, `...` an ellipsis: a dot after a digit
#: or a dot is escaped as well.
_SIGNS = r"\\#*_`$<>@=\-+/~\[\]&{}"
_SPECIAL = re.compile(rf"[{_SIGNS}]|(?<=[\d.])\.")
#: ... and the straight quotes, which Typst would set as typographic ones: the plan's text
#: reaches the PDF as written (`=HYPERLINK("…")`, `)"`), as in HTML and DOCX. The templates'
#: own words keep Typst's typographic quotes (`escape(…, quotes=False)`).
_SPECIAL_QUOTES = re.compile(rf"[{_SIGNS}\"']|(?<=[\d.])\.")
#: Whitespace that may break a line; no-break spaces (Babel's "40 %", "1.000 €") are kept.
_SPACES = re.compile(r"[^\S\xa0\u2007\u202f]+")
_PLACEHOLDERS = re.compile(r"(%\([a-z_]+\)[sd]|%%)")
_PLACEHOLDER = re.compile(r"%\(([a-z_]+)\)[sd]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
#: Characters that need a look at the fonts (everything but printable Latin-1).
_RARE = re.compile(r"[^\t\n\x20-\x7e\xa0-\xff]")


def visible(text: Any) -> str:
    """`text` with what no font can show taken out: control characters as spaces, format
    characters (zero-width, bidirectional overrides) dropped, a character without a glyph in
    the PDF's fonts as U+FFFD."""
    plain = str(text)
    if not _RARE.search(plain):  # printable Latin-1, tabs and line feeds: nothing to take out
        return plain
    plain = _CONTROL.sub(" ", plain).replace("\r\n", "\n").replace("\r", "\n")
    return _RARE.sub(_replacement, plain) if _RARE.search(plain) else plain


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""
    return char if ord(char) in _glyphs() else "\ufffd"


#: The code points the PDF's fonts have glyphs for, as ranges `first-last` (hexadecimal), one a
#: line: the bundled family, and DejaVu Sans Mono, which Typst carries as a fallback. Read from
#: the fonts by `font_glyphs` when they change (a test compares them): a PDF needs neither a
#: font parser nor matplotlib at run time.
GLYPHS = FONT_DIR / "glyphs.txt"


@cache
def _glyphs() -> frozenset[int]:
    """The code points of `GLYPHS`."""
    codes: set[int] = set()
    for line in GLYPHS.read_text(encoding="ascii").split():
        first, _, last = line.partition("-")
        codes.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(codes)


def font_glyphs() -> str:
    """`GLYPHS` as read from the font files (matplotlib ships DejaVu Sans Mono as a file)."""
    import matplotlib
    from matplotlib import ft2font

    files = [*sorted(FONT_DIR.glob("*.ttf")),
             Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSansMono.ttf"]
    codes = sorted({code for path in files for code in ft2font.FT2Font(str(path)).get_charmap()})
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"{a:x}\n" if a == b else f"{a:x}-{b:x}\n" for a, b in ranges)


def escape(text: Any, *, quotes: bool = True) -> str:
    """`text` as Typst markup that shows exactly these characters (whitespace kept); without
    `quotes`, straight quotes are left for Typst to set typographically (a template's words)."""
    return (_SPECIAL_QUOTES if quotes else _SPECIAL).sub(r"\\\g<0>", visible(text))


def one_line(text: str) -> str:
    """Every run of breaking whitespace as one space (a no-break space stays: "40 %")."""
    return _SPACES.sub(" ", text).strip()


def escape_inline(text: Any) -> str:
    """`text` on one line, escaped."""
    return escape(one_line(visible(text)))


def string(text: Any, *, lines: bool = False) -> Markup:
    """`text` as a Typst string literal (for `alt:` and other arguments): on one line, or with
    its line breaks when `lines`."""
    plain = visible(text)
    plain = plain.replace("\t", " ") if lines else one_line(plain)
    body = plain.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return Markup(f'"{body}"')


def markup_inline(text: Any) -> Markup:
    """What a Typst template prints for `{{ value }}`: text escaped on one line, and what is
    already Typst (`Markup`: a macro's output, a translation, `|md`) as it is."""
    if isinstance(text, Markup):
        return text
    return Markup(escape_inline("" if text is None else text))


def gettext(translate: Callable[[str], str]) -> Callable[..., Markup]:
    """`_("…%(name)s…", name=value)` for Typst templates: the translation and each value are
    escaped (a value that is Typst already stays as it is); `%%` is a percent sign."""

    # A label without values ("Lead", "Status") is printed for every measure: translated
    # and escaped once per document.
    plain: dict[str, Markup] = {}

    def _(message: str, **variables: Any) -> Markup:
        if variables:
            return _format(translate(message), variables)
        found = plain.get(message)
        if found is None:
            found = plain[message] = _format(translate(message), {})
        return found

    return _


def ngettext(translate: Callable[[str, str, int], str]) -> Callable[..., Markup]:
    """`ngettext(singular, plural, n, **values)`, escaped like `gettext`; `num` is `n`."""

    def n_(singular: str, plural: str, n: int, **variables: Any) -> Markup:
        return _format(translate(singular, plural, n), {"num": n, **variables})

    return n_


def pgettext(translate: Callable[[str, str], str]) -> Callable[..., Markup]:
    """`pgettext(context, message, **values)`, escaped like `gettext`."""

    def p_(context: str, message: str, **variables: Any) -> Markup:
        return _format(translate(context, message), variables)

    return p_


def _format(text: str, variables: dict[str, Any]) -> Markup:
    def part(piece: str) -> str:
        if piece == "%%":
            return "%"
        name = _PLACEHOLDER.fullmatch(piece)
        if name:
            return str.__str__(markup_inline(variables[name.group(1)]))
        return escape(piece, quotes=False)  # the template's own words

    # Escaped around the placeholders only, so `%(due_date)s` keeps its underscore.
    return Markup("".join(part(p) for p in _PLACEHOLDERS.split(one_line(text)) if p))


def id_shapes(ids: Iterable[str]) -> list[str]:
    """Ids as wide as the widest of `ids`, one per prefix: the prefix and as many zeros as the
    longest number has digits (the digits of the document's fonts are all of one width), so a
    column of a thousand ids is measured by one or two."""
    digits: dict[str, int] = {}
    for id_ in ids:
        prefix, _, number = id_.rpartition("-")
        digits[prefix] = max(digits.get(prefix, 0), len(number))
    return [f"{prefix}-{'0' * n}" for prefix, n in sorted(digits.items())]


def authored(text: Any, *, lang: str | None) -> Any:
    """Text of the plan marked with the plan's language when it differs from the document's."""
    if not lang or text is None or text == "":
        return text
    return Markup(f"#text(lang: {string(lang)})[{markup_inline(text)}];")


def to_typst(text: str | None, images: Images, *, lang: str | None = None) -> Markup:
    """Markdown → Typst markup (a sequence of blocks); with `lang`, marked as that language."""
    from dotool.render.headings import mark_levels
    from dotool.render.markdown import parser

    if not text:
        return Markup("")
    tokens = parser().parse(text)  # the one parser of every output (nesting bounded)
    mark_levels(tokens)
    body = _Writer(images).blocks(tokens).strip()
    if lang:
        body = f"#text(lang: {string(lang)})[{body}];"
    return Markup(body)


class _Writer:
    """Walks markdown-it's block tokens and writes Typst."""

    def __init__(self, images: Images) -> None:
        self.images = images

    def blocks(self, tokens: Sequence[Token]) -> str:
        out: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "inline":
                out.append(self.inline(token.children or []))
            elif kind == "paragraph_close":
                out.append("\n\n")
            elif kind == "heading_open":  # its level is set by `headings.nest_typst`
                out.append(TYPST_OPEN.format(nest=token.meta.get("nest", 1)))
            elif kind == "heading_close":
                out.append(TYPST_CLOSE + "\n\n")
            elif kind in ("bullet_list_open", "ordered_list_open"):
                close = kind.replace("_open", "_close")
                end = _matching(tokens, i, kind, close)
                out.append(self.list_(tokens[i:end + 1], ordered=kind.startswith("ordered")))
                i = end
            elif kind == "blockquote_open":
                end = _matching(tokens, i, kind, "blockquote_close")
                out.append(f"#quote(block: true)[{self.blocks(tokens[i + 1:end]).strip()}];\n\n")
                i = end
            elif kind in ("fence", "code_block"):
                out.append(f"#raw(block: true, {string(token.content.rstrip(), lines=True)});\n\n")
            elif kind == "hr":
                out.append("#line(length: 100%, stroke: 0.5pt);\n\n")
            i += 1
        return "".join(out)

    def list_(self, tokens: Sequence[Token], *, ordered: bool) -> str:
        """A list as `#list([..], [..])` / `#enum(...)`: no line-start syntax to get wrong."""
        items: list[str] = []
        depth, start = 0, 0
        for index, token in enumerate(tokens):
            if token.type == "list_item_open":
                depth += 1
                if depth == 1:
                    start = index
            elif token.type == "list_item_close":
                depth -= 1
                if depth == 0:
                    items.append(f"[{self.blocks(tokens[start + 1:index]).strip()}]")
        first = tokens[0].attrs.get("start") if ordered else None
        head = "#enum(" + (f"start: {int(str(first))}, " if first else "") if ordered \
            else "#list("
        return head + ", ".join(items) + ");\n\n"

    def inline(self, children: Sequence[Token]) -> str:
        out: list[str] = []
        in_link = False
        for token in children:
            kind = token.type
            in_link = (in_link or kind == "link_open") and kind != "link_close"
            if kind == "text":
                out.append(escape(token.content))
            elif kind == "softbreak":
                out.append(" ")
            elif kind == "hardbreak":
                out.append("\\ ")
            elif kind == "code_inline":
                out.append(f"#raw({string(token.content)});")
            elif kind in ("strong_open", "em_open"):
                out.append("#strong[" if kind == "strong_open" else "#emph[")
            elif kind in ("strong_close", "em_close", "link_close"):
                # `;` ends the expression: text after it (`(`, `.x`) cannot continue it.
                out.append("];")
            elif kind == "link_open":
                href = str(token.attrs.get("href", ""))
                # Only web and mail addresses are links; anything else shows its text alone.
                out.append(f"#link({string(href)})[" if re.match(r"(?i)(https?|mailto):", href)
                           else "#[")
            elif kind == "image":
                out.append(self.image(token, in_link=in_link))
            elif kind == "html_inline":
                out.append(escape(token.content))
        return "".join(out)

    def image(self, token: Token, *, in_link: bool = False) -> str:
        """A repository image as a file beside the source, under the name the image policy
        gives it (`assets/images/<digest>.<ext>`: checked by its content, each once); any
        other image a link, or inside a link (which holds no link) its text."""
        src = str(token.attrs.get("src", ""))
        alt = "".join(child.content for child in token.children or [])
        found = self.images.local(src)
        if found is None:
            if re.match(r"(?i)https?:", src) and not in_link:
                return f"#link({string(src)})[{escape(alt or src)}];"
            return escape(alt)
        name = self.images.url(found)
        return f"#box(image({string(name)}, alt: {string(alt or found.path)}, width: 80%));"


def _matching(tokens: Sequence[Token], start: int, open_: str, close: str) -> int:
    """The index of the token closing the one at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].type == open_:
            depth += 1
        elif tokens[index].type == close:
            depth -= 1
            if depth == 0:
                return index
    return len(tokens) - 1
