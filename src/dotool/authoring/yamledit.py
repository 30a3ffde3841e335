"""Where each node of a YAML text starts and ends, by character: the map for splicing edits.

`dotool update` changes a file by replacing character ranges, so every byte it was not asked to
change stays. The ranges come from libyaml's events, which carry character offsets, exact for
scalars and flow collections; a block collection ends where its last value ends, and a block
scalar where its last non-blank character is — comments and blank lines after a node are never
part of it, whatever their indentation.

Lines are counted at "\\n" only. YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029, and
Python's `str.splitlines` at those and more, so line numbers from either would point at the
wrong line of a file that holds such a character in a quoted value; offsets do not.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    """A node of the document: a mapping, a sequence or a scalar, with its character range."""

    kind: str  # "map", "seq" or "scalar"
    start: int  # offset of its first character
    end: int  # offset after its last character (for a block scalar: its last non-blank one)
    flow: bool = False  # a flow collection (`{…}`, `[…]`)
    block_scalar: bool = False  # a literal or folded scalar (`|`, `>`)
    pairs: list[tuple[Node, Node]] = field(default_factory=list)  # a mapping's keys and values
    items: list[Node] = field(default_factory=list)  # a sequence's items
    value: str | None = None  # a scalar's text

    def get(self, key: str) -> tuple[Node, Node] | None:
        """The key and value nodes of `key` in a mapping, or None."""
        return next(((k, v) for k, v in self.pairs if k.value == key), None)


class Lines:
    """A text with its line starts, split at "\\n" only (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.nl = "\r\n" if "\r\n" in text[:self.end_of(0)] else "\n"

    def line_of(self, index: int) -> int:
        """The line (0-based) of character `index`."""
        return bisect_right(self.starts, index) - 1

    def start_of(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def end_of(self, line: int) -> int:
        """The offset after the line's "\\n" (or the end of the text)."""
        return self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)

    def last_line(self, node: Node) -> int:
        """The line of a node's last character."""
        return self.line_of(max(node.end - 1, node.start))

    def prefix(self, index: int) -> str:
        """The text of the line of `index` before it."""
        return self.text[self.start_of(self.line_of(index)):index]


def layout(text: str) -> Node:
    """The root node of a single-document YAML text; ValueError when it cannot be read."""
    import yaml

    parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        events: list[Any] = list(yaml.parse(text, Loader=parser))
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from None
    stack: list[Node] = []
    keys: list[Node | None] = []  # per open mapping: the key waiting for its value
    root: Node | None = None
    for event in events:
        name = type(event).__name__
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            node = Node("map" if name == "MappingStartEvent" else "seq", event.start_mark.index,
                        event.start_mark.index, flow=bool(event.flow_style))
            _attach(stack, keys, node)
            stack.append(node)
            keys.append(None)
        elif name in ("MappingEndEvent", "SequenceEndEvent"):
            node = stack.pop()
            keys.pop()
            if node.flow:
                node.end = event.end_mark.index
            else:
                children = [v for _, v in node.pairs] if node.kind == "map" else node.items
                node.end = children[-1].end if children else node.start
            if not stack:
                root = node
        elif name == "ScalarEvent":
            style = event.style or ""
            start, end = event.start_mark.index, event.end_mark.index
            block = style in ("|", ">")
            if block:
                end = start + len(text[start:end].rstrip())
            node = Node("scalar", start, end, block_scalar=block, value=event.value)
            if not stack:
                root = node
            else:
                _attach(stack, keys, node)
        elif name == "AliasEvent":
            raise ValueError("the file uses an alias")
    if root is None:
        raise ValueError("the file is empty")
    return root


def _attach(stack: list[Node], keys: list[Node | None], node: Node) -> None:
    if not stack:
        return
    parent = stack[-1]
    if parent.kind == "seq":
        parent.items.append(node)
    elif keys[-1] is None:
        keys[-1] = node
    else:
        key = keys[-1]
        keys[-1] = None
        assert key is not None
        if node.kind == "scalar" and node.value == "" and node.start == node.end:
            node.start = node.end = key.end  # an empty value sits right after its key
        parent.pairs.append((key, node))
