"""Text of the plan is data: shown so that nothing reading it takes it for an instruction.

A contributor controls every string of the plan, and YAML's escapes (`"\\e[2J"`) put any character
into one. Three kinds of reader would act on such text: a terminal (escape sequences, a carriage
return overwriting a line, a newline starting a GitHub workflow command such as `::error`), an
XML file (DOCX, SVG), which cannot hold most control characters at all, and a spreadsheet, which
runs a cell starting with `=` as a formula. Every output passes the plan's text through here.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): shown
#: as written they reorder the text around them, so a reader sees another text than the one
#: there is ("Trojan Source"). `validate` warns about them (`text-bidi-control`).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# What is shown as an escape: C0 controls (tab and newline kept where lines are wanted), DEL, C1
# controls, the Unicode line and paragraph separators, the bidirectional controls, lone
# surrogates (file names that are not UTF-8, or a YAML escape) and the two non-characters XML
# cannot hold.
_CONTROL = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS
            + "\ud800-\udfff\ufffe\uffff")
_IN_LINES = re.compile(f"[{_CONTROL}]")
_IN_ONE_LINE = re.compile(f"[\t\n{_CONTROL}]")
# JSON escapes C0 itself; these it leaves raw (with ensure_ascii=False), and a lone surrogate
# cannot even be written as UTF-8.
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}\ud800-\udfff\ufffe\uffff]")
#: The first characters that make a spreadsheet read a cell as a formula (OWASP, ASVS 1.2.10).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
# Markdown: what could open markup anywhere in a line (an `_` only where it is not inside a
# word, where CommonMark never reads it as emphasis), `&` only where it starts an entity...
_MD_INLINE = re.compile(r"[\\`*\[\]|~]|(?<!\w)_|_(?!\w)|&(?=#?\w+;)")
# ... and what opens a block at the start of a line: a heading, a quote, a list item, a rule or
# the underline of a heading (a backslash goes before the last character of the match).
_MD_LINE_START = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|[=-](?=[=-]*[ \t]*$)"
                            r"|[0-9]{1,9}[.)](?=[ \t]|$))")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, *, lines: bool = False) -> str:
    """`text` with every control character written as a visible escape (ESC as `\\x1b`).

    Without `lines` a newline and a tab are escaped too: what is shown stays on one line, so no
    line of output can start with text of the plan. The result is valid in XML as well.
    """
    pattern = _IN_LINES if lines else _IN_ONE_LINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def brief(value: Any, width: int = 60) -> str:
    """A field's value on one short line, as `update` and `collect apply` print old → new:
    whitespace folded, control characters escaped, cut with "…" past `width`; "–" for none."""
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = shown(" ".join(str(value).split()))
    return text if len(text) <= width else text[:width - 1] + "…"


def has_control(text: str) -> bool:
    """True when `shown(text, lines=True)` would change `text`."""
    return _IN_LINES.search(text) is not None


def cell_text(text: str) -> str:
    """A spreadsheet cell that is never run as a formula: OWASP's leading `'` before a cell
    starting with `=`, `+`, `-`, `@`, tab, carriage return or NUL."""
    return "'" + text if text.startswith(FORMULA_START) else text


def sheet_text(text: str) -> str:
    """A spreadsheet cell's text (an XLSX file is XML): every control character XML cannot hold
    written as a visible escape (`shown`, line breaks kept), and never run as a formula
    (`cell_text`). The same text gives the same cell, so a workbook read back compares equal."""
    return cell_text(shown(text, lines=True))


def markdown_text(text: str, *, line_start: bool = True) -> str:
    """Plain text as Markdown that shows it literally: control characters escaped, markup
    characters backslash-escaped and `<` as `&lt;` (no raw HTML). With `line_start`, what would
    open a block at the start of a line (`#`, `>`, `-`, `1.`) is escaped too."""
    out = _MD_INLINE.sub(lambda m: "\\" + m.group(), shown(text, lines=True))
    if line_start:
        out = _MD_LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], out)
    return out.replace("<", "&lt;")


def dumps(data: Any, *, indent: int | None = 2, **options: Any) -> str:
    """JSON text as `json.dumps(ensure_ascii=False)`, with the characters JSON leaves raw (DEL,
    C1, U+2028/U+2029, the bidirectional controls, lone surrogates, U+FFFE/U+FFFF) escaped as
    `\\uXXXX`: the same data, safe on a terminal."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, **options)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
