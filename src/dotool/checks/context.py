"""What every rule needs: the loaded files, a way to locate a finding, and the reference dates."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from dotool.checks.load import Loaded
from dotool.findings import Finding, Loc, Severity
from dotool.findings.catalogue import rule
from dotool.model.dates import Half

if TYPE_CHECKING:
    from dotool.i18n.terminal import Message
    from dotool.model.measure import Measure


@dataclass
class Context:
    """Shared state of one validation run.

    `reference` is the half whose end "past" and "latest" are measured against (the plan's latest
    reported half, or `--half`); only the "no half in the future" rule looks at `today`.
    """

    loaded: Loaded
    today: date
    reference: Half | None
    required_half: Half | None = None
    errors_only: bool = False  # warnings are not even located (a change checked before writing)
    findings: list[Finding] = field(default_factory=list)
    #: The measure files whose own rules run (None: every one). A change to one measure is
    #: checked with the others standing in for what the rules across files need of them
    #: (`dotool.checks.facts`); their own rules found nothing when they were recorded.
    own: frozenset[str] | None = None

    def report(self, code: str, path: str, loc: Loc, message: Message,
               hint: Message | None = None,
               *, key: bool = False, severity: Severity | None = None) -> None:
        """Record a finding of rule `code` at `loc` of the file `path` (the key's position when
        `key`), with the rule's severity unless `severity` says otherwise."""
        found = rule(code)
        if self.errors_only and (severity or found.severity) != "error":
            return
        doc = self.loaded.documents.get(path)
        position = None
        if doc is not None:
            position = doc.locate_key(loc) if key else doc.locate(loc)
        line, col = position or (None, None)
        self.findings.append(found.at(path, message, line, col, loc, hint, severity=severity))


def per_measure(check: Callable[[Context, str, Measure], None]) -> Callable[[Context], None]:
    """A check of one measure (`check(ctx, path, measure)`), run over every measure loaded."""

    @functools.wraps(check)
    def run(ctx: Context) -> None:
        for path, measure in ctx.loaded.measures:
            if ctx.own is None or path in ctx.own:
                check(ctx, path, measure)

    return run
