"""The reporters of `dotool validate`: one function per `--format`, in one registry.

`validate --format` offers exactly the names of `REPORTERS` (and `auto`): a new format is one
function and one entry here. Each reporter writes a whole validation to stdout (and `github`
also to the job's step summary); the formatting itself is `dotool.output.findings`. Only the
standard library is imported at first: `validate --help` builds its choices from this module.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dotool.checks.run import Validation

Reporter = Callable[["Validation"], None]

#: The format that picks a reporter from the environment (`resolve`).
AUTO = "auto"


def text(result: Validation) -> None:
    """Findings grouped by file, each with its source line and a caret (styled on a terminal)."""
    from dotool.output.findings import text_lines
    from dotool.output.styled import emit

    emit(text_lines(result.findings, sources=result.sources, files=result.files,
                    left_out=result.left_out))


def json(result: Validation) -> None:
    """One versioned JSON document of every finding."""
    from dotool.output.findings import as_json

    print(as_json(result.findings, files=result.files, left_out=result.left_out))


def github(result: Validation) -> None:
    """GitHub Actions workflow commands (annotations), and a Markdown table in the job's step
    summary when `GITHUB_STEP_SUMMARY` names its file."""
    from dotool.output.findings import as_github, step_summary

    if result.findings:
        print(as_github(result.findings, left_out=result.left_out))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(step_summary(result.findings, files=result.files,
                                      left_out=result.left_out))


def gitlab(result: Validation) -> None:
    """A GitLab Code Quality report (JSON)."""
    from dotool.output.findings import as_gitlab

    print(as_gitlab(result.findings))


#: `--format` name → reporter, in the order the help lists them.
REPORTERS: dict[str, Reporter] = {"text": text, "json": json, "github": github,
                                  "gitlab": gitlab}


def formats() -> tuple[str, ...]:
    """The choices of `validate --format`: `auto`, then every reporter's name."""
    return (AUTO, *REPORTERS)


def resolve(name: str) -> Reporter:
    """The reporter of `name` (a choice of `formats`); `auto` is `github` under GitHub
    Actions, else `text`."""
    if name == AUTO:
        name = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    return REPORTERS[name]
