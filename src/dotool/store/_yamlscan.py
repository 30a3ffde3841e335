"""Plain data from the YAML event stream, with positions and YAML-level findings.

Why events and not `yaml.load`: PyYAML's constructor turns `2020-10-31` into a date and `no` into
False, silently keeps the last of two equal keys and expands aliases; its composer recurses once
per nesting level, in C where a deep file can crash the process. libyaml's event parser is
iterative and already checks the syntax, so walking its events builds exactly the data we want,
sees anchors before anything could be expanded and stops at a nesting limit, in one flat loop.

Two walks share the scalar rules of `_yamlscalars`. `quick_data` is the common case: it only
builds the data and gives up (`NeedsCareful`) at the first thing worth a finding. `Careful` then
walks the file again, records every position and collects every finding. Clean files, which are
nearly all of them, never pay for positions; `YamlDocument.locate` asks `Careful` for them when
first needed.
"""

from __future__ import annotations

from typing import Any, cast

from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from dotool.findings import Finding, Loc
from dotool.findings.catalogue import finding
from dotool.i18n.terminal import Message, t, tn
from dotool.store._yamlscalars import (
    AMBIGUOUS,
    MISS,
    NUMERIC_START,
    TAG,
    TEXT_TAGS,
    WORDS,
    explain_ambiguous,
    number,
    plain,
)

MAX_DEPTH = 64  # measures nest five levels deep; anything near this is broken or hostile
MAX_PER_CODE = 10  # a file with 10,000 aliases needs one summary, not 10,000 lines

Position = tuple[int, int]

class NeedsCareful(Exception):
    """The quick walk met something that needs positions or a finding."""


_KEY = object()  # mapping frame waiting for a key
_SEQ = object()  # sequence frame (never waits for a key)


def quick_data(get_event: Any) -> Any:
    """The data of a clean single-document stream; raise `NeedsCareful` on anything else.

    Hot path of every load: kept flat, with local names, and without positions.
    """
    get_event()  # stream start
    if type(get_event()) is not DocumentStartEvent:
        raise NeedsCareful  # empty stream
    words, miss, numeric = WORDS.get, MISS, NUMERIC_START
    root: list[Any] = []
    cur: Any = root
    key: Any = _SEQ
    stack: list[tuple[Any, Any]] = []
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise NeedsCareful
            text = event.value
            if key is _KEY:
                if text in cur or text == "<<":
                    raise NeedsCareful
                key = text
                continue
            if event.style:  # quoted or block scalar: always text
                value = text
            else:
                value = words(text, miss)
                if value is miss:
                    value = number(text) if text[0] in numeric else text
                if value is AMBIGUOUS:
                    raise NeedsCareful
            if key is _SEQ:
                cur.append(value)
            else:
                cur[key] = value
                key = _KEY
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or key is _KEY:
                raise NeedsCareful
            new: Any = {} if kind is MappingStartEvent else []
            if key is _SEQ:
                cur.append(new)
                stack.append((cur, _SEQ))
            else:
                cur[key] = new
                stack.append((cur, _KEY))
            if len(stack) >= MAX_DEPTH:
                raise NeedsCareful
            cur, key = new, (_KEY if kind is MappingStartEvent else _SEQ)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            cur, key = stack.pop()
        elif kind is DocumentEndEvent:
            break
        else:  # an alias
            raise NeedsCareful
    if type(get_event()) is not StreamEndEvent or root[0] is None:
        raise NeedsCareful  # a second document, or an empty one
    return root[0]


_DROP = object()  # mapping frame whose pending value is reported and left out
_KEYNODE = object()  # mapping frame whose key is a collection being walked (and dropped)
_ALIAS_HINT = t("write the value out in full: anchors and aliases make alias bombs possible "
                "and hide data from reviewers")


class Stop(Exception):
    """The walk cannot go on (nesting too deep); the findings so far stand."""


class _Frame:
    __slots__ = ("container", "key", "loc", "seen")

    def __init__(self, container: Any, key: object, loc: Loc | None) -> None:
        self.container = container
        self.key = key  # _KEY, _SEQ, _DROP, _KEYNODE or the pending key
        self.loc = loc  # None inside a node that is left out
        self.seen: dict[str, int] = {}  # line of each key, for duplicate messages


class Careful:
    """Walks the events recording every position and every finding.

    After `run`, `values` and `keys` map locs to 1-based (line, col) of values and of mapping
    keys; `findings()` lists the problems, limited to `MAX_PER_CODE` per code plus a summary.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.values: dict[Loc, Position] = {}
        self.keys: dict[Loc, Position] = {}
        self.empty = False  # the document is an empty plain scalar (`---` and nothing else)
        self._found: list[Finding] = []
        self._counts: dict[str, int] = {}
        self._stack: list[_Frame] = []

    def run(self, get_event: Any) -> tuple[Any, bool]:
        """Walk one stream; return its data and whether that data is usable (parser errors pass)."""
        get_event()  # stream start
        if type(get_event()) is StreamEndEvent:
            self._empty()
            return None, False
        root = _Frame([], _SEQ, ())
        self._stack = [root]
        while True:
            event = get_event()
            kind = type(event)
            if kind is DocumentEndEvent:
                break
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                self._stack.pop()
                parent = self._stack[-1]
                parent.key = (_DROP if parent.key is _KEYNODE
                              else _SEQ if parent.key is _SEQ else _KEY)
            elif self._stack[-1].key is _KEY:
                self._key(self._stack[-1], event, kind)
            else:
                self._value(self._stack[-1], event, kind)
        data = root.container[0]
        after = get_event()
        if type(after) is DocumentStartEvent:
            self.add("yaml-multiple-documents", after.start_mark, (),
                     t("the file holds more than one YAML document: a second one starts here"),
                     t("one file holds one document: remove the `---` line and what follows, "
                       "or move it to a file of its own"))
            return data, False
        if self.empty:
            self._empty()
        return data, not self.empty

    def _empty(self) -> None:
        self.add("yaml-empty", None, (),
                 t("the file holds no data (only comments or blank lines)"),
                 t("write the content, or delete the file"))

    def _key(self, frame: _Frame, event: Any, kind: type) -> None:
        if kind is ScalarEvent:
            text = event.value
            loc = None if frame.loc is None else (*frame.loc, text)
            self._check_node(event, loc or frame.loc, TEXT_TAGS)
            if text in frame.seen:
                self.add("yaml-duplicate-key", event.start_mark, loc,
                         t("key `{key}` appears twice: line {first} and line {second}; PyYAML "
                           "would silently keep the last one", key=text, first=frame.seen[text],
                           second=event.start_mark.line + 1),
                         t("remove one of them, or merge the two values into one"))
                frame.key = _DROP
                return
            frame.seen[text] = event.start_mark.line + 1
            if loc is not None:
                self.keys[loc] = _pos(event.start_mark)
            if text == "<<" and not event.style:
                self.add("yaml-merge-key", event.start_mark, loc,
                         t("merge keys (`<<`) are not allowed: YAML 1.2 editors read them as "
                           "an ordinary key"), t("write the merged keys out in full"))
                frame.key = _DROP
            else:
                frame.key = text
        elif kind is AliasEvent:
            self.add("yaml-alias", event.start_mark, frame.loc,
                     t("alias `*{name}` used as a key: anchors and aliases are not allowed",
                       name=event.anchor), _ALIAS_HINT)
            frame.key = _DROP
        else:
            self.add("yaml-key", event.start_mark, frame.loc,
                     t("a key must be a plain text, not a list or a mapping"),
                     t("write `key: value` with a single word or text as the key"))
            frame.key = _KEYNODE
            self._open(event, kind, None)

    def _value(self, frame: _Frame, event: Any, kind: type) -> None:
        key = frame.key
        loc: Loc | None
        if key is _SEQ:
            loc = () if len(self._stack) == 1 else _child(frame.loc, len(frame.container))
        else:
            loc = None if key is _DROP else _child(frame.loc, cast(str, key))
        if loc is not None:
            self.values[loc] = _pos(event.start_mark)
        value: Any
        if kind is ScalarEvent:
            value = self._scalar(event, loc)
        elif kind is AliasEvent:
            self.add("yaml-alias", event.start_mark, loc,
                     t("alias `*{name}`: anchors and aliases are not allowed",
                       name=event.anchor), _ALIAS_HINT)
            value = None
        else:
            value = self._open(event, kind, loc)
        if key is _SEQ:
            frame.container.append(value)
        elif key is not _DROP:
            frame.container[key] = value
        if kind is not MappingStartEvent and kind is not SequenceStartEvent and key is not _SEQ:
            frame.key = _KEY  # a collection's frame is reset when it ends

    def _scalar(self, event: Any, loc: Loc | None) -> Any:
        self._check_node(event, loc, TEXT_TAGS)
        text = event.value
        if event.tag is not None or event.style:
            return text
        if len(self._stack) == 1 and text == "":
            self.empty = True
        value = plain(text)
        if value is AMBIGUOUS:
            message, hint = explain_ambiguous(text)
            self.add("yaml-ambiguous", event.start_mark, loc, message, hint)
            return text
        return value

    def _open(self, event: Any, kind: type, loc: Loc | None) -> Any:
        if len(self._stack) > MAX_DEPTH:
            self.add("yaml-too-deep", event.start_mark, (),
                     t("the data is nested more than {most} levels deep", most=MAX_DEPTH),
                     t("a plan file needs a few levels only: the file is broken or not a plan "
                       "file"))
            raise Stop
        mapping = kind is MappingStartEvent
        self._check_node(event, loc, frozenset({"!", TAG + ("map" if mapping else "seq")}))
        new: Any = {} if mapping else []
        self._stack.append(_Frame(new, _KEY if mapping else _SEQ, loc))
        return new

    def _check_node(self, event: Any, loc: Loc | None, allowed: frozenset[str]) -> None:
        if event.anchor is not None:
            self.add("yaml-alias", event.start_mark, loc,
                     t("anchor `&{name}`: anchors and aliases are not allowed",
                       name=event.anchor), _ALIAS_HINT)
        if event.tag is not None and event.tag not in allowed:
            tag = event.tag.replace(TAG, "!!")
            self.add("yaml-tag", event.start_mark, loc,
                     t("the tag `{tag}` is not allowed", tag=tag),
                     t("remove it: values are read from how they are written (quote text that "
                       "looks like a number)"))

    def add(self, code: str, mark: Any, loc: Loc | None, message: Message,
            hint: Message | None = None) -> None:
        """Record a finding at a PyYAML mark (0-based), keeping `MAX_PER_CODE` per code."""
        count = self._counts[code] = self._counts.get(code, 0) + 1
        if count <= MAX_PER_CODE:
            line, col = _pos(mark) if mark is not None else (1, 1)
            self._found.append(finding(code, self.path, message, line, col,
                                       loc or (), hint))

    def findings(self) -> list[Finding]:
        """The findings, with one summary per code that had more than `MAX_PER_CODE`."""
        out = list(self._found)
        for code, count in self._counts.items():
            if count > MAX_PER_CODE:
                last = next(f for f in reversed(self._found) if f.code == code)
                out.append(finding(code, self.path,
                                   tn("{n} more problem like this one follows in this file "
                                      "(not listed)", "{n} more problems like this one follow "
                                      "in this file (not listed)", count - MAX_PER_CODE),
                                   last.line, last.col, last.loc))
        return out


def _pos(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


def _child(loc: Loc | None, part: str | int) -> Loc | None:
    return None if loc is None else (*loc, part)
