"""`dotool schema`: write the JSON Schemas to schema/ (or check that they are current)."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors


@handle_errors
def schema(
    root: RootOption = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 when the files "
                                        "in schema/ differ from what would be written.")] = False,
) -> None:
    """Write the draft-07 JSON Schemas of masterplan.yaml, measures and adoptions to schema/.

    Examples:

    * `dotool schema`
    * `dotool schema --check` (in CI: the committed schemas are current)
    """
    from dotool.cli.common import err_console, resolve_root
    from dotool.i18n.terminal import t
    from dotool.model.jsonschema import schema_files
    from dotool.store.atomic import write_atomic
    from dotool.store.reading import Unreadable, read_inside

    base = resolve_root(root) / "schema"
    console = err_console()
    stale = []
    for name, text in schema_files().items():
        target = base / name
        # Compared as bytes: a schema file broken in any way (not UTF-8, a link, a FIFO, too
        # large) is simply stale — and read by the one rule for files, never waited on.
        try:
            current: bytes | None = read_inside(base.parent, f"schema/{name}",
                                                limit=len(text.encode("utf-8")))
        except Unreadable:
            current = None
        if current == text.encode("utf-8"):
            continue
        stale.append(name)
        if not check:
            write_atomic(target, text.encode("utf-8"), within=base.parent)
            written = f"schema/{name}"
            console.print(t("wrote {path}", path=written), markup=False)
    if check and stale:
        label = t("out of date:")
        advice = t("run `dotool schema` and commit the result")
        console.print(f"[red]{label}[/] {', '.join('schema/' + n for n in stale)}; {advice}")
        raise typer.Exit(1)
    if not stale:
        console.print(t("{folder} is up to date", folder="schema/"), markup=False)
