"""Writing YAML text by hand, so new files and blocks look like the ones people write."""

from __future__ import annotations

import json
import re

from dotool.store.yamlload import load_yaml

#: Characters a YAML file may not hold raw in a written value: line breaks other than "\n"
#: (YAML 1.1 breaks lines at them too), C1 controls, DEL, BOM and the non-characters.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_BLOCK_UNSAFE = re.compile("[\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def scalar(value: str | int | float | bool) -> str:
    """`value` as a YAML scalar: plain when the tool reads it back as the same text, else quoted.

    The check uses dotool's own loader, so `no`, `12:30`, `#x` or `: ` get quotes exactly when
    validation would ask for them.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    if value and value == value.strip() and "\n" not in value:
        result = load_yaml(f"k: {value}\n".encode(), path="-")
        if not result.findings and result.document is not None \
                and result.document.data == {"k": value}:
            return value
    # JSON strings are YAML double-quoted scalars; what JSON leaves raw but YAML reads as a
    # line break (U+0085, U+2028, U+2029) or refuses (C1 controls, U+FFFE) is escaped too.
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def number(value: float) -> str:
    """An amount without a spurious `.0`."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def text_lines(key: str, value: str, indent: int) -> list[str]:
    """`key: value` at `indent` spaces; text of several lines as a literal block (`|-`).

    Trailing spaces of lines are dropped (editors and reviewers cannot see them anyway).
    """
    pad = " " * indent
    value = "\n".join(line.rstrip() for line in value.split("\n")).strip("\n")
    if "\n" not in value:
        return [f"{pad}{key}: {scalar(value.strip())}"]
    if _BLOCK_UNSAFE.search(value):  # a block scalar cannot hold it: one escaped line instead
        return [f"{pad}{key}: {scalar(value)}"]
    # A first line that starts with a space would set the block's indentation: say it instead.
    indicator = "2" if value.startswith(" ") else ""
    body = [f"{pad}  {line}" if line else "" for line in value.split("\n")]
    return [f"{pad}{key}: |{indicator}-", *body]


def flow_list(values: list[str]) -> str:
    """`[a, b]` with each item a scalar (quoted where a flow list would split or end it)."""
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) if set(v) & set(",[]{}")
                           else scalar(v) for v in values) + "]"
