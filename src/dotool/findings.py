"""Validation problems as data: every check produces `Finding`s, never prints or raises."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located in a file of the plan.

    `code` is a stable rule identifier (for instance ``yaml-duplicate-key``); `path` is the file's
    path relative to the masterplan root, with forward slashes; `line`/`col` are 1-based.
    """

    severity: Severity
    code: str
    path: str
    message: str
    line: int | None = None
    col: int | None = None
    loc: Loc = ()
    hint: str | None = None

    @property
    def loc_text(self) -> str:
        """The field path as people write it: ``updates[2].rag``."""
        out = ""
        for part in self.loc:
            if isinstance(part, int):
                out += f"[{part}]"
            else:
                out += f".{part}" if out else str(part)
        return out

    def as_error(self) -> Finding:
        """The same finding as an error (for `--strict`)."""
        return Finding("error", self.code, self.path, self.message, self.line, self.col,
                       self.loc, self.hint)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line or 0, self.col or 0, self.code)


def did_you_mean(word: str, choices: Sequence[str]) -> str | None:
    """A hint naming the one of `choices` closest to a misspelt `word`, if any is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None
