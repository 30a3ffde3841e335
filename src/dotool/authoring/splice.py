"""Splicing one half's update into a measure file: add it, replace it, or change some fields.

Every change is a replacement of a character range found by `yamledit.layout`; nothing else of
the file is touched — comments, quoting, key order, blank lines and line ends stay byte for byte.
After splicing, the new text is read back and must hold exactly the data intended (the old data
with this one update changed); anything else is refused before a byte is written, so a layout
this code does not understand can never silently merge or drop data.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from dotool.authoring.yamledit import Lines, Node, layout
from dotool.authoring.yamltext import number, scalar, text_lines
from dotool.errors import ContentError, UsageError
from dotool.i18n.terminal import t
from dotool.model.dates import Half

#: The order of an update's fields as `dotool update` writes them (and inserts new ones).
ORDER = ("half", "status", "rag", "rag_reason", "progress", "spent", "kpis", "text", "next",
         "replanned_end", "funding_status", "budget")
BUDGET = ("one_off", "annual", "note")
TEXTS = frozenset({"rag_reason", "text", "next", "note"})
DELETE = object()  # a field's desired value when it is to be removed
_EMPTY_UPDATES = re.compile(r"^updates:[ \t]*(\[[ \t]*\]|~|null)?[ \t]*(#.*)?$")
_LAYOUT_HINT = t("write each update as `  - half: …` with one field a line, or use --replace")
#: Where --replace cannot help either: the list itself is in a layout dotool does not edit.
_LIST_HINT = t("write each update as `  - half: …` with one field a line, then run the "
               "command again")


def field_lines(key: str, value: Any, indent: int, *, inline: bool = False) -> list[str]:
    """`key: value` as YAML lines at `indent` spaces; texts of several lines become `|-`
    blocks unless `inline` (then one quoted line with `\\n`)."""
    pad = " " * indent
    if isinstance(value, dict):
        if key == "kpis":
            pairs = ", ".join(f"{k}: {_value(v)}" for k, v in value.items())
            return [f"{pad}{key}: {{{pairs}}}"]
        return [f"{pad}{key}:", *(line for k, v in value.items()
                                  for line in field_lines(k, v, indent + 2, inline=inline))]
    if key in TEXTS and not inline:
        return text_lines(key, str(value), indent)
    if key in TEXTS:  # as `text_lines` tidies it, but on one line
        text = "\n".join(line.rstrip() for line in str(value).split("\n")).strip("\n")
        return [f"{pad}{key}: {scalar(text if chr(10) in text else text.strip())}"]
    return [f"{pad}{key}: {_value(value)}"]


def _value(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return scalar(value)
    return str(value) if isinstance(value, int) else number(value)


def block(fields: dict[str, Any], dash: int, indent: int, *, inline: bool = False) -> list[str]:
    """A whole update as the lines of a block-list item (`dash` and `indent` in spaces)."""
    lines = [line for key in ORDER if key in fields
             for line in field_lines(key, fields[key], indent, inline=inline)]
    first = lines[0][indent:]
    return [f"{' ' * dash}-{' ' * (indent - dash - 1)}{first}", *lines[1:]]


class Splice:
    """One measure file being edited: its text, layout and data, and the edits so far."""

    def __init__(self, text: str, path: str) -> None:
        from dotool.store.yamlload import load_yaml

        self.path = path
        self.lines = Lines(text)
        loaded = load_yaml(text.encode("utf-8"), path=path)
        try:
            if loaded.document is None or any(f.severity == "error" for f in loaded.findings):
                raise ValueError
            self.root = layout(text)
        except ValueError:
            raise ContentError(t("cannot edit the file, it is not valid YAML"), path=path,
                               hint=t("run `dotool validate` and correct it first")) from None
        self.data: Any = loaded.document.data
        if not isinstance(self.data, dict) or self.root.kind != "map":
            raise ContentError(t("the file must hold a mapping"), path=path)
        self.edits: list[tuple[int, int, str]] = []

    # --- where things are ------------------------------------------------------------
    def updates(self) -> Node | None:
        pair = self.root.get("updates")
        return pair[1] if pair else None

    def index_of(self, half: Half) -> int | None:
        """The position of the update of `half` in the list, or None."""
        items = self.data.get("updates")
        if not isinstance(items, list):
            return None
        return next((i for i, u in enumerate(items)
                     if isinstance(u, dict) and str(u.get("half")) == str(half)), None)

    def item(self, index: int) -> Node:
        """The mapping of the update at `index`, checked to be an item of a block list on the
        line of its dash: `- key: …` or `- {key: …}`."""
        updates = self.updates()
        if updates is None or updates.kind != "seq" or updates.flow:
            raise UsageError(t("cannot edit `updates:` in this layout (flow style)"),
                             hint=_LIST_HINT)
        node = updates.items[index]
        if node.kind != "map" or self.lines.prefix(node.start).strip() != "-":
            raise UsageError(t("cannot edit `updates:` in this layout (flow style or `-` on a "
                               "line of its own)"), hint=_LIST_HINT)
        return node

    def column(self, node: Node) -> int:
        return len(self.lines.prefix(node.start))

    # --- whole updates ---------------------------------------------------------------
    def add(self, half: Half, fields: dict[str, Any]) -> None:
        """Insert a new update for `half` after the last earlier one (or first)."""
        nl, items = self.lines.nl, self.data.get("updates")
        if not items:
            self._add_first(fields)
            return
        first = self.item(0)
        prefix = self.lines.prefix(first.start)
        position = _position(items, half)
        if position:
            at = self.lines.end_of(self.lines.last_line(self.item(position - 1)))
            spaced = len(items) > 1 and self._blank_between(first, self.item(1))
        else:
            at, spaced = self.lines.start_of(self.lines.line_of(first.start)), False
        lines = block(fields, prefix.index("-"), len(prefix),
                      inline=self._deeper_comment(at, len(prefix)))
        self._insert(at, (nl if spaced else "") + "".join(line + nl for line in lines))

    def replace(self, index: int, fields: dict[str, Any]) -> None:
        """Rewrite the whole update at `index` with `fields`."""
        node = self.item(index)
        prefix = self.lines.prefix(node.start)
        dash, indent = prefix.index("-"), len(prefix)
        nl = self.lines.nl
        start = self.lines.start_of(self.lines.line_of(node.start))
        end = self.lines.end_of(self.lines.last_line(node))
        lines = block(fields, dash, indent, inline=self._deeper_comment(end, indent))
        after = self.lines.text[node.end:end].strip()
        if node.flow and after.startswith("#"):  # `- {half: …}  # note`: the note stays
            lines[0] += f"  {after}"
        self.edits.append((start, end, "".join(line + nl for line in lines)))

    def _add_first(self, fields: dict[str, Any]) -> None:
        nl, text = self.lines.nl, self.lines.text
        pair = self.root.get("updates")
        if pair is None:
            end = "" if text.endswith("\n") else nl
            body = "".join(line + nl for line in block(fields, 2, 4))
            self._insert(len(text), f"{end}updates:{nl}{body}")
            return
        line = self.lines.line_of(pair[0].start)
        start, stop = self.lines.start_of(line), self.lines.end_of(line)
        body = "".join(line + nl for line in block(fields, 2, 4,
                                                   inline=self._deeper_comment(stop, 4)))
        m = _EMPTY_UPDATES.match(text[start:stop].rstrip("\r\n"))
        if not m:
            raise UsageError(t("cannot add to `updates:` in this layout"),
                             hint=t("write `updates:` on a line of its own and try again"))
        comment = f" {m.group(2)}" if m.group(2) else ""
        self.edits.append((start, stop, f"updates:{comment}{nl}{body}"))

    def _blank_between(self, a: Node, b: Node) -> bool:
        first, last = self.lines.last_line(a) + 1, self.lines.line_of(b.start)
        return any(not self.lines.text[self.lines.start_of(n):self.lines.end_of(n)].strip()
                   for n in range(first, last))

    # --- single fields ---------------------------------------------------------------
    def change(self, index: int, desired: dict[str, Any]) -> None:
        """Give the fields of the update at `index` their desired values (DELETE removes; a
        mapping — KPIs, budget — is given whole).

        An update written as `- {half: …}` is rewritten with one field a line (its other
        values as they were): a flow mapping's fields cannot be spliced one by one."""
        node = self.item(index)
        old = self.data["updates"][index]
        if node.flow:  # `desired` holds whole KPI and budget mappings already
            self.replace(index, {k: v for k, v in {**old, **desired}.items()
                                 if v is not DELETE})
            return
        for key in ORDER:
            if key in desired:
                self._field(node, old, key, desired[key], ORDER)

    def _field(self, node: Node, old: dict[str, Any], key: str, want: Any,
               order: tuple[str, ...]) -> None:
        pair = node.get(key)
        if want is DELETE:
            if pair is not None:
                self._remove(pair)
            return
        if isinstance(want, dict) and pair is not None and pair[1].kind == "map" \
                and not pair[1].flow and pair[1].pairs:
            found = old.get(key)
            inner: dict[str, Any] = found if isinstance(found, dict) else {}
            # Budget entries in the order the schema lists them; KPIs as the file has them.
            keys = tuple(dict.fromkeys([*(BUDGET if key == "budget" else ()), *inner, *want]))
            for sub in keys:
                if sub in inner or sub in want:
                    value = want.get(sub, DELETE)
                    if value is DELETE or inner.get(sub, DELETE) != value:  # else: untouched
                        self._field(pair[1], inner, sub, value, keys)
            return
        col = self.column(node)
        if pair is None:
            at = self._after(self._anchor(node, key, order))
            self._insert(at, "".join(line + self.lines.nl for line in field_lines(
                key, want, col, inline=self._deeper_comment(at, col))))
            return
        lines = field_lines(key, want, col, inline=self._deeper_comment(self._after(pair), col))
        v = pair[1]
        one_line = (not v.block_scalar and v.end > v.start and len(lines) == 1
                    and self.lines.line_of(v.start) == self.lines.last_line(v)
                    and (v.kind == "scalar" or v.flow))
        if one_line:  # the value alone: a comment after it stays
            self.edits.append((v.start, v.end, lines[0][col + len(key) + 2:]))
            return
        self._replace_pair(pair, lines, col)

    def _replace_pair(self, pair: tuple[Node, Node], lines: list[str], col: int) -> None:
        k, v = pair
        nl = self.lines.nl
        last = self.lines.last_line(v) if v.end > v.start else self.lines.line_of(k.end)
        end = self.lines.end_of(last)
        if self.lines.prefix(k.start).strip():  # the first key, on the line of the dash
            self.edits.append((k.start, end, lines[0][col:] + nl
                               + "".join(line + nl for line in lines[1:])))
        else:
            start = self.lines.start_of(self.lines.line_of(k.start))
            self.edits.append((start, end, "".join(line + nl for line in lines)))

    def _remove(self, pair: tuple[Node, Node]) -> None:
        k, v = pair
        if self.lines.prefix(k.start).strip():
            raise UsageError(t("cannot remove `{field}`: it is the first field of the update",
                               field=k.value),
                             hint=t("use --replace to rewrite the whole update"))
        last = self.lines.last_line(v) if v.end > v.start else self.lines.line_of(k.end)
        self.edits.append((self.lines.start_of(self.lines.line_of(k.start)),
                           self.lines.end_of(last), ""))

    @staticmethod
    def _anchor(node: Node, key: str, order: tuple[str, ...]) -> tuple[Node, Node]:
        """The field a new `key` goes after: the last one that comes before it in `order`."""
        before = set(order[:order.index(key)]) if key in order else set(order)
        return next((p for p in reversed(node.pairs) if p[0].value in before), node.pairs[-1])

    def _after(self, pair: tuple[Node, Node]) -> int:
        """The offset after the line a field's value ends on."""
        k, v = pair
        last = self.lines.last_line(v) if v.end > v.start else self.lines.line_of(k.end)
        return self.lines.end_of(last)

    def _deeper_comment(self, at: int, col: int) -> bool:
        """Whether the first line after `at` that is not blank is a comment indented deeper
        than `col`: after a `|-` text written there it would become part of the text."""
        line = self.lines.line_of(at) if at < len(self.lines.text) else len(self.lines.starts)
        while line < len(self.lines.starts):
            content = self.lines.text[self.lines.start_of(line):self.lines.end_of(line)]
            if content.strip():
                stripped = content.lstrip(" ")
                return stripped.startswith("#") and len(content) - len(stripped) > col
            line += 1
        return False

    def _insert(self, at: int, text: str) -> None:
        if at == len(self.lines.text) and not self.lines.text.endswith("\n"):
            text = self.lines.nl + text
        self.edits.append((at, at, text))

    # --- milestones ------------------------------------------------------------------
    def milestone_done(self, index: int, day: str, expected: Any = None) -> Any:
        """Set `done: day` on the milestone at `index` (a block item); the data expected: the
        file's, or `expected` (that of the milestones set before in this splice) changed."""
        pair = self.root.get("milestones")
        items = self.data.get("milestones")
        node = pair[1] if pair else None
        if node is None or node.kind != "seq" or node.flow or not isinstance(items, list) \
                or index >= len(node.items) or node.items[index].kind != "map" \
                or node.items[index].flow:
            raise UsageError(t("cannot edit `milestones:` in this layout (flow style)"),
                             hint=t("write each milestone as `  - title: …` with one field a "
                                    "line"))
        self._field(node.items[index], items[index], "done", day, ("title", "due", "done"))
        expected = copy.deepcopy(self.data) if expected is None else expected
        expected["milestones"][index]["done"] = day
        return expected

    # --- the result ------------------------------------------------------------------
    def result(self, expected: Any) -> str:
        """The text with every edit applied, checked to hold exactly `expected`."""
        from dotool.store.yamlload import load_yaml

        text = self.lines.text
        # From the end backwards, so offsets stay valid; of two insertions at one place the one
        # made first is applied last and so comes first.
        order = sorted(range(len(self.edits)), reverse=True,
                       key=lambda i: (self.edits[i][0], self.edits[i][1], i))
        for i in order:
            start, end, new = self.edits[i]
            text = text[:start] + new + text[end:]
        loaded = load_yaml(text.encode("utf-8"), path=self.path)
        if loaded.document is None or loaded.document.data != expected:
            raise UsageError(t("cannot edit this update in place: its layout is not one "
                               "dotool can change without touching other data; nothing was "
                               "written"), hint=_LAYOUT_HINT)
        return text

    def expected(self, index: int | None, item: dict[str, Any] | None,
                 half: Half | None = None) -> Any:
        """The file's data with the update at `index` set to `item` (or `item` added)."""
        data = copy.deepcopy(self.data)
        updates = data.get("updates") or []
        if index is not None and item is not None:
            updates[index] = item
        elif item is not None and half is not None:
            updates.insert(_position(updates, half), item)
        data["updates"] = updates
        return data


def _position(updates: list[Any], half: Half) -> int:
    """Where a new update of `half` goes: after the last earlier one, else first."""
    earlier = [i for i, u in enumerate(updates) if (h := _half(u)) is not None and h < half]
    return earlier[-1] + 1 if earlier else 0


def _half(update: Any) -> Half | None:
    try:
        return Half.parse(str(update.get("half"))) if isinstance(update, dict) else None
    except ValueError:
        return None
