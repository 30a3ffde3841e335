"""`dotool import FILE`: measures from a table (.xlsx or .csv), never overwriting."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors, parse_half


@handle_errors
def import_table(
    file: Annotated[Path, typer.Argument(help="The table: .xlsx or .csv.", dir_okay=False)],
    map_: Annotated[list[str] | None, typer.Option(
        "--map", metavar="FIELD=COLUMN", help="Which column holds a field, when its name does "
        "not say (repeatable), e.g. --map title=Vorhaben.", show_default=False)] = None,
    mapping: Annotated[Path | None, typer.Option(
        "--mapping", help="A YAML file of FIELD: COLUMN lines (instead of many --map).",
        show_default=False, dir_okay=False)] = None,
    scope: Annotated[str | None, typer.Option(help="Scope of rows without one: internal or "
                                              "external.", show_default=False)] = None,
    kind: Annotated[str | None, typer.Option(help="Kind of rows without one: project, "
                                             "advisory, …", show_default=False)] = None,
    half: Annotated[str | None, typer.Option(help="The half a status column reports on "
                                             "(default: the last half that has ended).",
                                             show_default=False)] = None,
    create_fields: Annotated[bool, typer.Option(
        "--create-fields", help="Add fields of action the plan does not have yet.")] = False,
    encoding: Annotated[str | None, typer.Option(help="The CSV file's encoding (default: "
                                                 "UTF-8, else Windows-1252).",
                                                 show_default=False)] = None,
    delimiter: Annotated[str | None, typer.Option(help="The CSV delimiter (default: "
                                                  "detected).", show_default=False)] = None,
    sheet: Annotated[str | None, typer.Option(help="The sheet of an .xlsx file (default: "
                                              "the first).", show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print every file it would "
                                          "write; write nothing.")] = False,
    root: RootOption = None,
) -> None:
    """Create measure files from a table. Columns named like the fields or their German labels
    (Titel, Beschreibung, Handlungsfeld, Federführung, …) need no mapping.

    Examples:

    * `dotool import massnahmen.xlsx --scope internal --kind project --dry-run`
    * `dotool import plan.csv --map title=Vorhaben --map lead=Amt --create-fields`
    """
    from dotool.authoring.table_import import import_table as prepare
    from dotool.authoring.table_rows import write_import
    from dotool.choices import vocabulary
    from dotool.cli.common import err_console, resolve_root
    from dotool.errors import ContentError, UsageError
    from dotool.i18n.terminal import t
    from dotool.text import shown

    base = resolve_root(root)  # first: the refusals below speak the plan's language
    pairs = dict(_pair(p) for p in map_ or [])
    if mapping is not None:
        pairs = {**_mapping_file(mapping), **pairs}
    defaults = {k: v for k, v in (("scope", vocabulary("--scope", scope, "scope")),
                                  ("kind", vocabulary("--kind", kind, "kind"))) if v}
    result = prepare(base, file, mapping=pairs, defaults=defaults, half=_half(half),
                     create_fields=create_fields, encoding=encoding, delimiter=delimiter,
                     sheet=sheet)
    from dotool.collect import texts
    from dotool.i18n import translations

    gettext = translations(result.lang).gettext
    console = err_console()
    if result.errors:
        error = t("error:")
        for line in result.errors:
            console.print(f"{error} {shown(line)}", markup=False, highlight=False)
        raise ContentError(gettext(texts.TABLE_PROBLEMS) % {"count": len(result.errors)},
                           path=file.name)
    if not result.files:
        raise UsageError(gettext(texts.NO_MEASURE) % {"file": shown(file.name)})
    write_import(base, result, dry_run=dry_run)
    for key, title in result.new_fields.items():
        said = texts.WOULD_ADD_FIELD if dry_run else texts.ADDED_FIELD
        console.print(gettext(said) % {"key": key, "title": shown(title)}, markup=False,
                      highlight=False)
    for rel, text in result.files.items():
        if dry_run:
            print(f"--- {rel}\n{text}", end="")
        console.print(gettext(texts.WOULD_WRITE if dry_run else texts.WROTE) % {"path": rel},
                      markup=False, highlight=False)


def _pair(text: str) -> tuple[str, str]:
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t

    name, sep, column = text.partition("=")
    if not sep or not name.strip() or not column.strip():
        raise UsageError(t("--map: `{value}` is not FIELD=COLUMN", value=text),
                         hint=t("for example --map title=Vorhaben"))
    return name.strip(), column.strip()


def _mapping_file(path: Path) -> dict[str, str]:
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.store.oswords import os_reason
    from dotool.store.yamlload import load_yaml

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(t("--mapping: cannot read {path}: {reason}", path=path,
                           reason=os_reason(exc))) from None
    loaded = load_yaml(data, path=path.name)
    doc = loaded.document.data if loaded.document else None
    if loaded.findings or not isinstance(doc, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in doc.items()):
        raise UsageError(t("--mapping: {file} must hold lines FIELD: COLUMN", file=path.name))
    return {k.strip(): v.strip() for k, v in doc.items()}


def _half(text: str | None) -> object:
    if text is not None:
        return parse_half(text)
    from dotool import clock
    from dotool.model.dates import Half

    return Half.of(clock.today()).previous()
