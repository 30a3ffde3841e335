"""The one exception root of dotool and the exit codes it maps to.

Everything a user can cause is raised as a `DotoolError`; the CLI turns it into a message on
stderr and an exit code in one place (`dotool.cli.common.handle_errors`). A Python traceback is only
ever shown with `--debug`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from dotool.findings import Finding, bounded

if TYPE_CHECKING:
    from dotool.i18n.terminal import Message


class ExitCode(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    INVALID = 1  # the content is invalid (validation errors)
    USAGE = 2  # usage or environment error


class DotoolError(Exception):
    """Base of every error dotool reports to a user."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str | Message, *, hint: str | Message | None = None) -> None:
        # Rendered now, in the language the command has settled on (`dotool.i18n.terminal`).
        super().__init__(str(message))
        self.message = str(message)
        self.hint = None if hint is None else str(hint)


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
        message: str | Message,
        *,
        path: str,
        line: int | None = None,
        col: int | None = None,
        loc: tuple[str | int, ...] = (),
        hint: str | Message | None = None,
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
        from dotool.i18n.terminal import t, tn

        message = tn("the masterplan has {n} validation error", "the masterplan has {n} "
                     "validation errors", len(shown)).render()
        if left_out:
            message += tn(" and {n} more finding left out", " and {n} more findings left out",
                          left_out).render()
        super().__init__(message + t("; nothing was written").render())
        self.findings = shown
        self.left_out = left_out
