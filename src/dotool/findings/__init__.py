"""Validation problems as data: every check produces `Finding`s, never prints or raises."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from dotool.i18n.terminal import Message

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]

#: At most this many findings of one file are reported, and this many in all (errors first):
#: a file of 40,000 broken references needs a few lines and a count, not 40,000 lines.
MAX_PER_FILE = 50
MAX_FINDINGS = 500


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located in a file of the plan.

    `code` is a stable rule identifier (for instance ``yaml-duplicate-key``); `path` is the file's
    path relative to the masterplan root, with forward slashes; `line`/`col` are 1-based.
    `message` and `hint` are worded in the terminal's language when the finding is made (see
    `dotool.findings.catalogue.Rule.at`); nothing that identifies a finding depends on them.
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


def bounded(findings: Sequence[Finding]) -> tuple[list[Finding], int]:
    """At most `MAX_PER_FILE` findings a file and `MAX_FINDINGS` in all, errors before warnings,
    in reading order; and how many were left out."""
    def rank(f: Finding) -> tuple[bool, tuple[str, int, int, str]]:
        return f.severity != "error", f.sort_key()

    per_file: dict[str, int] = {}
    kept: list[Finding] = []
    for finding in sorted(findings, key=rank):
        seen = per_file.get(finding.path, 0)
        if seen < MAX_PER_FILE and len(kept) < MAX_FINDINGS:
            per_file[finding.path] = seen + 1
            kept.append(finding)
    kept.sort(key=Finding.sort_key)
    return kept, len(findings) - len(kept)


def did_you_mean(word: str, choices: Sequence[str]) -> Message | None:
    """A hint naming the one of `choices` closest to a misspelt `word`, if any is close."""
    import difflib

    from dotool.i18n.terminal import t

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return t("did you mean `{name}`?", name=close[0]) if close else None
