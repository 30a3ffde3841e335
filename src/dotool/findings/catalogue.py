"""The rule catalogue: every finding dotool can report, defined once.

A rule has a stable code (a public identifier: GitLab fingerprints and people's CI scripts use
it, so it never changes), a severity, a one-line summary, the code that makes it, and examples
of a file that breaks it and one that keeps it. Every finding is made through this table
(`finding`, `Rule.at`, `checks.context.Context.report`), so a code that is not here cannot be
reported. The rules are listed in the order they are checked: `checks.run` runs the checks in the
order their first rule appears here. `docs/rules.md` and `dotool validate --list-rules` are
generated from it; the unit tests run every example (tests/checks/test_rules.py).

An example is one file placed into the minimal valid plan `MINIMAL_PLAN` (a masterplan.yaml and
nothing else); `measure(...)` writes a measure file with the seven required keys first, so the
example's own lines start at line 8.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from dotool.findings import Finding, Loc, Severity

if TYPE_CHECKING:
    from collections.abc import Mapping

    from dotool.i18n.terminal import Message

MASTERPLAN = "masterplan/masterplan.yaml"
MEASURE = "measures/M-001-termine.yaml"
ADOPTION = "masterplan/adoptions/1.0.yaml"
PAPER = "masterplan/reports/2021-H2.yaml"
#: The day the examples are checked on, unless one says otherwise.
TODAY = "2026-12-02"

#: The plan every example is placed into: the keys masterplan.yaml requires, a goal, a field.
MINIMAL_PLAN = """\
municipality: Teststadt
title: Masterplan Digitalisierung
committee: Ausschuss für Digitales
goals:
  - key: service
    title: Bürgerservice
fields:
  - key: rathaus
    title: Digitales Rathaus
"""

_MEASURE_HEAD = """\
id: {id}
title: Online-Terminvergabe
field: rathaus
scope: external
kind: project
summary: Termine online buchen.
lead: Fachdienst Bürgerservice
"""


def measure(body: str = "", *, id: str = "M-001") -> str:
    """A measure file: the seven required keys (lines 1-7), then `body` from line 8."""
    return _MEASURE_HEAD.format(id=id) + body


_UPDATE = {"half": "2021-H1", "status": "in_progress", "rag": "green", "progress": "40"}


def updates(*items: dict[str, str | None]) -> str:
    """An `updates:` list: each item is 2021-H1, in_progress, green, 40 and a text, with the
    keys of `items` replaced (None leaves a key out) or added before the text.

    With defaults, `updates:` is on one line and each item takes the five after it.
    """
    out = ["updates:"]
    for item in items:
        fields = {**_UPDATE, **item}
        fields.setdefault("text", "Läuft.")
        fields["text"] = fields.pop("text")  # last, as people write it
        lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
        out += ["  - " + lines[0], *("    " + line for line in lines[1:])]
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Example:
    """One file of an example, placed into `MINIMAL_PLAN` (replacing a file of the same path).

    A failing example gives exactly one finding of its rule (at `at`, 1-based line and column;
    None for a finding about the whole file) and no other finding; a passing example gives no
    finding at all.
    """

    text: str | None  # the file's content; None: the file is absent
    path: str = MEASURE
    at: tuple[int, int] | None = None
    note: str = ""  # what the example shows, when it is a boundary
    others: tuple[tuple[str, str], ...] = ()  # further files the example needs
    today: str = TODAY  # the day of the check (only "no half in the future" looks at it)
    half: str | None = None  # as `dotool validate --half`
    data: bytes | None = None  # the file's bytes, when text cannot say them (an encoding)
    size: int = 0  # pad the file with a comment to this many bytes
    problem: Message | None = None  # the file could not be read (a link leaving the repository)
    severity: Severity | None = None  # when not the rule's (a warning that `--half` makes an error)

    def content(self) -> bytes | None:
        """The bytes of the example's file (None when it is absent)."""
        if self.data is not None:
            return self.data
        if self.text is None:
            return None
        data = self.text.encode("utf-8")
        # A comment line fills the file up to exactly `size` bytes.
        return data + b"#" * (self.size - len(data) - 1) + b"\n" if self.size else data


@dataclass(frozen=True)
class Rule:
    """One rule: its code, severity, summary, the code that makes it, and its examples.

    The summary is terminal text (`--list-rules` shows it in the terminal's language);
    `docs/rules.md` shows it in English.
    """

    code: str
    severity: Severity
    summary: Message
    made_by: tuple[str, ...]  # dotted names of the functions that make the finding
    fails: tuple[Example, ...]
    passes: tuple[Example, ...] = ()

    def at(self, path: str, message: Message, line: int | None = None, col: int | None = None,
           loc: Loc = (), hint: Message | None = None, *, severity: Severity | None = None,
           ) -> Finding:
        """A finding of this rule, its message and hint worded in the terminal's language now.

        They are rendered here, not when shown: a finding is plain data (the cache keeps it,
        `--format json` writes it), and the command has settled its language before it
        validates (the cache keys hold the language, `dotool.checks.run`).
        """
        return Finding(severity or self.severity, self.code, path, str(message), line, col, loc,
                       None if hint is None else str(hint))


def rules() -> tuple[Rule, ...]:
    """Every rule, in the order they are checked."""
    from dotool.findings import rules_checks, rules_files, rules_schema

    return (*rules_files.RULES, *rules_schema.RULES, *rules_checks.RULES)


@cache  # pragma: no mutate - mutmut would see only the first test that fills it
def by_code() -> Mapping[str, Rule]:
    """The rules by code (made once: every finding looks its rule up here)."""
    table = {r.code: r for r in rules()}
    assert len(table) == len(rules()), "two rules with one code"
    return table


def rule(code: str) -> Rule:
    """The rule of `code`; KeyError for a code the catalogue does not define (a bug)."""
    return by_code()[code]


def finding(code: str, path: str, message: Message, line: int | None = None,
            col: int | None = None, loc: Loc = (), hint: Message | None = None) -> Finding:
    """A finding of the rule `code`, with the rule's severity."""
    return rule(code).at(path, message, line, col, loc, hint)


def checks() -> tuple[str, ...]:
    """The checks beyond the schema (`dotool.checks.<module>.check_*`), in catalogue order."""
    order: dict[str, None] = {}
    for r in rules():
        for name in r.made_by:
            module, _, function = name.rpartition(".")
            if module.startswith("dotool.checks.") and function.startswith("check_"):
                order.setdefault(name, None)
    return tuple(order)
