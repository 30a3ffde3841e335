"""The one exception root of dotool and the exit codes it maps to.

Everything a user can cause is raised as a `DotoolError`; the CLI turns it into a message on
stderr and an exit code in one place (`dotool.cli.common.handle_errors`). A Python traceback is only
ever shown with `--debug`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from dotool.findings import Finding, bounded


class ExitCode(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    INVALID = 1  # the content is invalid (validation errors)
    USAGE = 2  # usage or environment error


class DotoolError(Exception):
    """Base of every error dotool reports to a user."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(DotoolError):
    """A bad option, a missing masterplan root, an unknown half: exit 2."""

    exit_code = ExitCode.USAGE


class GitError(DotoolError):
    """Git is missing, the ref does not exist, the clone is shallow: exit 2."""

    exit_code = ExitCode.USAGE


class ContentError(DotoolError):
    """One located problem in a file of the plan: exit 1."""

    exit_code = ExitCode.INVALID

    def __init__(
        self,
        message: str,
        *,
        path: str,
        line: int | None = None,
        col: int | None = None,
        loc: tuple[str | int, ...] = (),
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.path = path
        self.line = line
        self.col = col
        self.loc = loc


class InvalidContent(DotoolError):
    """Validation found errors; carries them all (rendering refuses such content): exit 1."""

    exit_code = ExitCode.INVALID

    def __init__(self, findings: Sequence[Finding], *, left_out: int = 0) -> None:
        shown, dropped = bounded(findings)
        left_out += dropped  # beyond the limits of `bounded`: only counted
        super().__init__(f"the masterplan has {len(shown)} validation error(s)" + (
            f" and {left_out} more finding(s) left out" if left_out else ""))
        self.findings = shown
        self.left_out = left_out
