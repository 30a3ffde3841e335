"""What every rule needs: the loaded files, a way to locate a finding, and the reference dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from dotool.checks.load import Loaded
from dotool.findings import Finding, Loc, Severity
from dotool.model.dates import Half


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
    findings: list[Finding] = field(default_factory=list)

    def report(self, severity: Severity, code: str, path: str, loc: Loc, message: str,
               hint: str | None = None, *, key: bool = False) -> None:
        """Record a finding at `loc` of the file `path` (the key's position when `key`)."""
        doc = self.loaded.documents.get(path)
        position = None
        if doc is not None:
            position = doc.locate_key(loc) if key else doc.locate(loc)
        line, col = position or (None, None)
        self.findings.append(Finding(severity, code, path, message, line, col, loc, hint))

    def error(self, code: str, path: str, loc: Loc, message: str, hint: str | None = None,
              *, key: bool = False) -> None:
        self.report("error", code, path, loc, message, hint, key=key)

    def warning(self, code: str, path: str, loc: Loc, message: str, hint: str | None = None,
                *, key: bool = False) -> None:
        self.report("warning", code, path, loc, message, hint, key=key)
