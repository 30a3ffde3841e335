"""`dotool update`: add or replace the update of one half, leaving every other byte alone.

Round-trip editing: ruamel.yaml reads the file's structure (where `updates:` is, which item holds
which half, how it is indented), and the edit is a splice of text lines, so comments, quoting,
key order and blank lines outside the new update block cannot change — not even in ways a
round-trip dumper would consider harmless (line width, indentation of other lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotool.authoring.checking import check_change, measure_file
from dotool.authoring.yamltext import number, scalar, text_lines
from dotool.errors import ContentError, UsageError
from dotool.model.dates import Half
from dotool.model.masterplan import KEY_PATTERN
from dotool.model.vocab import KEYS
from dotool.store.atomic import write_atomic
from dotool.store.files import MAX_BYTES, MEASURES_DIR, read_file
from dotool.store.lock import locked

_KPI = re.compile(rf"^({KEY_PATTERN})=(.+)$")
_MONTH = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_EMPTY_UPDATES = re.compile(r"^updates:[ \t]*(\[[ \t]*\]|~|null)?[ \t]*(#.*)?$")


@dataclass(frozen=True)
class UpdateValues:
    """The values of one half-yearly update, as given on the command line."""

    half: Half
    status: str | None = None
    rag: str | None = None
    rag_reason: str | None = None
    progress: int | None = None
    spent: float | None = None
    kpis: dict[str, float] = field(default_factory=dict)
    text: str | None = None
    next: str | None = None
    replanned_end: str | None = None

    def check(self) -> None:
        """Exit 2 naming the flag for a missing or malformed value (content rules come later)."""
        absent = [f"--{name}" for name in ("status", "rag", "text")
                  if getattr(self, name) is None]
        if self.progress is None and self.status not in (None, "ongoing"):
            absent.append("--progress")
        if absent:  # all at once: a script should not have to learn them one run at a time
            names = ", ".join(absent)
            raise UsageError(f"{names} {'is' if len(absent) == 1 else 'are'} required for an "
                             "update", hint="give --progress (0..100) unless --status is ongoing")
        for name in ("status", "rag"):
            if getattr(self, name) not in KEYS[name]:
                raise UsageError(f"--{name} must be one of {', '.join(KEYS[name])}, "
                                 f"not `{getattr(self, name)}`")
        if self.replanned_end is not None and not _MONTH.fullmatch(self.replanned_end):
            raise UsageError(f"--replanned-end: `{self.replanned_end}` is not YYYY-MM or "
                             "YYYY-MM-DD")

    def block(self, dash: int, indent: int) -> list[str]:
        """The update as YAML lines of a block-list item (`dash` and `indent` in spaces)."""
        pad = " " * indent
        lines = [f"{' ' * dash}-{' ' * (indent - dash - 1)}half: {self.half}",
                 f"{pad}status: {self.status}", f"{pad}rag: {self.rag}"]
        if self.rag_reason is not None:
            lines += text_lines("rag_reason", self.rag_reason, indent)
        if self.progress is not None:
            lines.append(f"{pad}progress: {self.progress}")
        if self.spent is not None:
            lines.append(f"{pad}spent: {number(self.spent)}")
        if self.kpis:
            pairs = ", ".join(f"{k}: {number(v)}" for k, v in self.kpis.items())
            lines.append(f"{pad}kpis: {{{pairs}}}")
        lines += text_lines("text", self.text or "", indent)
        if self.next is not None:
            lines += text_lines("next", self.next, indent)
        if self.replanned_end is not None:
            lines.append(f"{pad}replanned_end: {scalar(self.replanned_end)}")
        return lines


def parse_kpis(pairs: list[str]) -> dict[str, float]:
    """`--kpi key=value` options as a mapping; exit 2 for a malformed one."""
    out: dict[str, float] = {}
    for pair in pairs:
        m = _KPI.match(pair.strip())
        try:
            if not m:
                raise ValueError
            out[m.group(1)] = float(m.group(2).replace(",", "."))
        except ValueError:
            raise UsageError(f"--kpi: `{pair}` is not KEY=NUMBER",
                             hint="for example --kpi online_share=42") from None
    return out


@dataclass(frozen=True)
class Updated:
    """What `update_measure` did."""

    path: Path
    replaced: bool
    text: str


def update_measure(root: Path, measure_id: str, values: UpdateValues, *,
                   dry_run: bool = False) -> Updated:
    """Add or replace the update of `values.half` in the measure's file, validated, atomically."""
    values.check()
    # Read, change and write under the lock `add-measure` takes on measures/: two updates of
    # one file at the same moment would otherwise both start from the old text, and the
    # second write would silently drop the first update.
    measure_file(root, measure_id)  # an unknown id is exit 2 before measures/ is locked
    with locked(root / MEASURES_DIR):
        return _update(root, measure_id, values, dry_run=dry_run)


def _update(root: Path, measure_id: str, values: UpdateValues, *, dry_run: bool) -> Updated:
    path = measure_file(root, measure_id)
    rel = path.relative_to(root).as_posix()
    # Read by the plan's rules: a symlink leaving the repository would otherwise be read and
    # replaced by a copy of the outside file; a huge file would be parsed in full.
    raw = read_file(root, rel)
    if raw.problem:
        raise ContentError(f"{rel} {raw.problem}", path=rel)
    if len(raw.data) > MAX_BYTES:
        raise ContentError("the file is larger than 1 MiB; `dotool validate` says more", path=rel)
    original = raw.data
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError("the file is not UTF-8; `dotool validate` says where",
                           path=rel) from None
    new_text, replaced = splice_update(text, values, path=rel)
    data = new_text.encode("utf-8")
    check_change(root, rel, data)
    if not dry_run:
        write_atomic(path, data, within=root)
    return Updated(path, replaced, new_text)


def _structure(text: str, path: str) -> Any:
    from ruamel.yaml import YAML

    try:
        return YAML(typ="rt").load(text)
    except Exception as exc:  # ruamel has no single error root for bad input
        raise ContentError(f"cannot edit the file, it is not valid YAML ({type(exc).__name__})",
                           path=path, hint="run `dotool validate` and fix it first") from None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _item_end(lines: list[str], start: int, dash: int) -> int:
    """Index of the last line of the list item starting at `start` (deeper than its dash)."""
    last = start
    for j in range(start + 1, len(lines)):
        if not lines[j].strip():
            continue
        if _indent(lines[j]) <= dash:
            break
        last = j
    return last


def splice_update(text: str, values: UpdateValues, *, path: str) -> tuple[str, bool]:
    """`text` with the update of `values.half` added or replaced; True when replaced."""
    data = _structure(text, path)
    if not hasattr(data, "get"):
        raise ContentError("the file must hold a mapping", path=path)
    lines = text.splitlines(keepends=True)
    nl = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += nl
    updates = data.get("updates")
    if not updates:
        block = values.block(2, 4)
        if "updates" in data:
            key_line = data.lc.key("updates")[0]
            m = _EMPTY_UPDATES.match(lines[key_line].rstrip("\r\n"))
            if not m:
                raise UsageError("cannot add to `updates:` in this layout",
                                 hint="write `updates:` on a line of its own and try again")
            comment = f" {m.group(2)}" if m.group(2) else ""
            lines[key_line:key_line + 1] = [f"updates:{comment}{nl}"]
            at = key_line + 1
        else:
            lines.append(f"updates:{nl}")
            at = len(lines)
        lines[at:at] = [line + nl for line in block]
        return "".join(lines), False
    starts = []
    for i in range(len(updates)):
        line, col = updates.lc.item(i)
        if lines[line][:col].strip() != "-":
            raise UsageError("cannot edit `updates:` in this layout (flow style or `-` on a "
                             "line of its own)", hint="write each update as `  - half: …`")
        starts.append((line, _indent(lines[line]), col))
    halves = [str(u.get("half")) if hasattr(u, "get") else "" for u in updates]
    dash, col = starts[0][1], starts[0][2]
    block = [line + nl for line in values.block(dash, col)]
    if str(values.half) in halves:
        i = halves.index(str(values.half))
        start = starts[i][0]
        lines[start:_item_end(lines, start, starts[i][1]) + 1] = block
        return "".join(lines), True
    parsed = [_half_or_none(h) for h in halves]
    earlier = [i for i, h in enumerate(parsed) if h is not None and h < values.half]
    if earlier:
        k = earlier[-1]
        at = _item_end(lines, starts[k][0], starts[k][1]) + 1
        spaced = len(starts) > 1 and not lines[_item_end(lines, starts[0][0], dash) + 1].strip()
        lines[at:at] = ([nl] if spaced else []) + block
    else:
        lines[starts[0][0]:starts[0][0]] = block
    return "".join(lines), False


def _half_or_none(text: str) -> Half | None:
    try:
        return Half.parse(text)
    except ValueError:
        return None
