"""`dotool validate`: check the whole plan, report every finding, exit 1 on errors."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors, parse_half

FORMATS = ("auto", "text", "json", "github", "gitlab")


@handle_errors
def validate(
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help="auto, text, json, github or gitlab. "
                                     "auto is github under GitHub Actions, else text.")] = "auto",
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    half: Annotated[str | None, typer.Option("--half", help="Require an update for this half "
                                             "(YYYY-H1 or YYYY-H2) from every active measure.",
                                             show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache "
                                           "of checked files (DOTOOL_CACHE_DIR).")] = False,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="Print every rule (code, "
                                             "severity, summary) and exit; with --format json "
                                             "as JSON.")] = False,
) -> None:
    """Check every file of the masterplan: YAML, schema, references, consistency.

    Examples:

    * `dotool validate`
    * `dotool validate --strict --half 2021-H2`
    * `dotool validate --format json > findings.json`
    * `dotool validate --list-rules`
    """
    from dotool.checks.run import validate as run_validate
    from dotool.cli.choices import choose
    from dotool.cli.common import resolve_root
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.output import findings as out
    from dotool.output.styled import emit

    found = None if list_rules else resolve_root(root)  # first: the plan's language
    fmt = choose("--format", fmt, FORMATS) or fmt
    if list_rules:
        from dotool.checks.rulebook import list_rules as listing

        print(listing("json" if fmt == "json" else "text"))
        return
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") else "text"
    required = parse_half(half)
    if required is not None:
        from dotool import clock
        from dotool.model.dates import Half

        current = Half.of(clock.today())
        if required > current:
            raise UsageError(t("--half {half} has not begun yet (now: {current})",
                               half=str(required), current=str(current)),
                             hint=t("ask for the current half or an earlier one"))
    result = run_validate(found or resolve_root(root), half=required, strict=strict,
                          cache=not no_cache)
    findings, left_out = list(result.findings), result.left_out
    if fmt == "text":
        emit(out.text_lines(findings, sources=result.sources, files=result.files,
                            left_out=left_out))
    elif fmt == "json":
        print(out.as_json(findings, files=result.files, left_out=left_out))
    elif fmt == "gitlab":
        print(out.as_gitlab(findings))
    else:
        if findings:
            print(out.as_github(findings, left_out=left_out))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(out.step_summary(findings, files=result.files, left_out=left_out))
    if result.errors:
        raise typer.Exit(1)
