"""Strict YAML loading with positions: every problem of a file becomes a located `Finding`.

The contract is in docs/ARCHITECTURE.md. `load_yaml` never raises for content: size, encoding,
syntax, anchors, duplicate keys, ambiguous plain scalars and nesting are all reported as data.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from dotool.findings import Finding, Loc
from dotool.findings.catalogue import finding
from dotool.i18n.terminal import Message, current, t
from dotool.store._yamlscan import MAX_DEPTH, Careful, NeedsCareful, Position, Stop, quick_data
from dotool.store._yamlwords import libyaml_words
from dotool.store.files import LINE_BREAK, MAX_BYTES, source_lines

# libyaml's iterative event parser; PyYAML's pure-Python one gives the same events, slower.
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_READ_ERRORS = (yaml.YAMLError, ValueError, RecursionError, MemoryError)
_BREAK = LINE_BREAK
# Characters the YAML reader refuses (control characters other than tab and line breaks).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SAVE_UTF8 = t("save the file as UTF-8 (most editors offer it under “Save with encoding”)")


@dataclass(frozen=True)
class LoadResult:
    """The document (None when the file cannot be read as data at all) and its findings."""

    document: YamlDocument | None
    findings: list[Finding]


class YamlDocument:
    """Plain data of one file, with the source lines and the position of every node."""

    def __init__(self, data: Any, text: str,
                 positions: tuple[dict[Loc, Position], dict[Loc, Position]] | None = None,
                 ) -> None:
        self.data = data
        self._text = text
        if positions is not None:
            self.__dict__["_positions"] = positions

    @cached_property
    def lines(self) -> list[str]:
        """The source lines, without line endings (line N is ``lines[N - 1]``)."""
        return source_lines(self._text)

    @cached_property
    def _positions(self) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
        # Loaded on the quick path, which records no positions: walk the text again, once.
        walk = Careful("")
        with contextlib.suppress(Stop, *_READ_ERRORS):  # the same text loaded before
            walk.run(_Parser(self._text).get_event)
        return walk.values, walk.keys

    def locate(self, loc: Loc) -> Position | None:
        """1-based (line, col) of the value at `loc`, else of its nearest existing parent."""
        values = self._positions[0]
        for end in range(len(loc), -1, -1):
            position = values.get(loc[:end])
            if position is not None:
                return position
        return None

    def locate_key(self, loc: Loc) -> Position | None:
        """1-based (line, col) of the mapping key holding `loc`; else like `locate`."""
        return self._positions[1].get(loc) or self.locate(loc)


def load_yaml(data: bytes, *, path: str) -> LoadResult:
    """Read one YAML file strictly; `path` is the display path used in every finding."""
    if len(data) > MAX_BYTES:
        # Readers stop one byte past the limit, so the size itself is not known here.
        size = format(MAX_BYTES, ",").replace(",", "." if current() == "de" else ",")
        return LoadResult(None, [finding("file-too-large", path,
            t("the file is larger than 1 MiB ({size} bytes), the most a plan file may have",
              size=size),
            hint=t("split the content, or check that this is the file you meant to add"))])
    text = _decode(data, path)
    if isinstance(text, Finding):
        return LoadResult(None, [text])
    try:
        return LoadResult(YamlDocument(quick_data(_Parser(text).get_event), text), [])
    except (NeedsCareful, *_READ_ERRORS):  # the careful walk finds and reports what it was
        return _careful(text, path)


def cached_document(data: Any, source: bytes) -> YamlDocument:
    """The document of a file loaded before (its data from the cache): positions and lines are
    found again from `source` only when asked for."""
    return YamlDocument(data, source.decode("utf-8").removeprefix("\ufeff"))


def _careful(text: str, path: str) -> LoadResult:
    walk = Careful(path)
    data: Any = None
    usable = False
    stopped: list[Finding] = []
    try:
        data, usable = walk.run(_Parser(text).get_event)
    except Stop:
        pass
    except yaml.reader.ReaderError:
        stopped.append(_control_character(text, path))
    except yaml.MarkedYAMLError as exc:
        stopped.append(_syntax(exc, path, text))
    except _READ_ERRORS as exc:
        stopped.append(finding("yaml-syntax", path,
                               t("the file cannot be read as YAML: {problem}", problem=exc), 1, 1))
    document = YamlDocument(data, text, (walk.values, walk.keys)) if usable else None
    return LoadResult(document, walk.findings() + stopped)


def _position(text: str, index: int) -> Position:
    """1-based (line, col) of character `index` of `text`."""
    lines = _BREAK.split(text[:index])
    return len(lines), len(lines[-1]) + 1


def _decode(data: bytes, path: str) -> str | Finding:
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\0\0\xfe\xff")):
        return finding("yaml-encoding", path,
                       t("the file is not UTF-8: it starts with a UTF-16 or UTF-32 byte order "
                         "mark"),
                       1, 1, hint=_SAVE_UTF8)
    nul = data.find(b"\0")
    if nul >= 0:
        prefix = data[:nul].decode("utf-8", "replace").removeprefix("\ufeff")
        line, col = _position(prefix, len(prefix))
        return finding("yaml-encoding", path,
                       t("the file contains a NUL byte: it is a binary file, or text saved as "
                         "UTF-16 or UTF-32, not UTF-8 YAML"), line, col, hint=_SAVE_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[:exc.start].decode("utf-8").removeprefix("\ufeff")
        line, col = _position(prefix, len(prefix))
        if _is_cp1252(data):
            hint = t("it looks like Windows-1252 or Latin-1 (umlauts such as ä): {advice}",
                     advice=_SAVE_UTF8)
        else:
            hint = _SAVE_UTF8
        byte = "0x" + format(data[exc.start], "02X")
        return finding("yaml-encoding", path,
                       t("the file is not valid UTF-8: byte {byte} cannot be decoded",
                         byte=byte), line, col, hint=hint)
    # A UTF-8 byte order mark is allowed; without it the marks count columns from the line start.
    return text.removeprefix("\ufeff")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _control_character(text: str, path: str) -> Finding:
    found = _NOT_PRINTABLE.search(text)
    index = found.start() if found else 0
    char = f"U+{ord(found.group()):04X} " if found else ""
    line, col = _position(text, index)
    return finding("yaml-encoding", path,
                   t("the file contains the control character {char}which YAML does not allow",
                     char=char),
                   line, col, hint=t("delete it (it was probably pasted in by accident)"))


_TAB_HINT = t("YAML indents with spaces only: replace the tab with spaces")
# Hints for the syntax errors people make most, keyed by a fragment of libyaml's problem text.
_SYNTAX_HINTS = {
    "mapping values are not allowed": t("a value containing `: ` must be quoted, "
                                        "e.g. title: \"Ziel: mehr Service\""),
    "could not find expected ':'": t("check the indentation of this line and the one before; "
                                     "a value spanning several lines must be quoted or use `>-`"),
    "tab character": _TAB_HINT,
    "did not find expected key": t("keys of one mapping must start in the same column"),
    "did not find expected '-'": t("the items of a list must start in the same column"),
    "block sequence entries are not allowed": t("start the list on the line after its key"),
    "found unexpected end of stream": t("a quotation mark or bracket is not closed"),
    "found undefined tag handle": t("remove the `!` before the value, or quote the value"),
}


def _syntax(exc: yaml.MarkedYAMLError, path: str, text: str) -> Finding:
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in problem), None)
    said: Message | str = libyaml_words(problem)
    if "cannot start any token" in problem:  # libyaml does not say which character
        source = _BREAK.split(text)
        char = source[line - 1][col - 1:col] if line <= len(source) else ""
        if char == "\t":
            said, hint = t("found a tab character that cannot start any token"), _TAB_HINT
        elif char:
            said = t("found `{char}`, which cannot start a value", char=char)
            hint = t("a value starting with `{char}` must be quoted", char=char)
    if "maximum nesting depth" in problem:
        return finding("yaml-too-deep", path,
                       t("the data is nested more than {most} levels deep", most=MAX_DEPTH),
                       line, col, hint=t("a plan file needs a few levels only: the file is "
                                         "broken or not a plan file"))
    message = t("YAML syntax error: {problem}", problem=said)
    context = exc.context_mark
    if exc.problem and exc.context and context is not None and (
            context.line, context.column) != (line - 1, col - 1):
        message = t("{message} ({context} at line {line}, column {column})", message=message,
                    context=libyaml_words(exc.context), line=context.line + 1,
                    column=context.column + 1)
    return finding("yaml-syntax", path, message, line, col, hint=hint)
