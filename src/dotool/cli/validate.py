"""`dotool validate`: check the whole plan, report every finding, exit 1 on errors."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors, parse_half
from dotool.output.reporters import formats

FORMATS = formats()
_LISTED = f"{', '.join(FORMATS[:-1])} or {FORMATS[-1]}"


@handle_errors
def validate(
    root: RootOption = None,
    fmt: Annotated[str, typer.Option("--format", help=f"{_LISTED}. auto is github "
                                     "under GitHub Actions, else text.")] = "auto",
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
    from dotool.choices import choose
    from dotool.cli.common import resolve_root
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.output.reporters import resolve

    if list_rules:  # in the plan's language when there is a plan; without one too
        try:
            found = resolve_root(root)
        except UsageError:
            found = None
    else:
        found = resolve_root(root)  # first: the plan's language
    fmt = choose("--format", fmt, formats()) or fmt  # the registry as it is now
    if list_rules:
        from dotool.checks.rulebook import list_rules as listing

        print(listing("json" if fmt == "json" else "text"))
        return
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
    resolve(fmt)(result)
    if result.errors:
        raise typer.Exit(1)
