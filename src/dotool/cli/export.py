"""`dotool export`: open data — the plan as one JSON document, CSV tables or an XLSX workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dotool.cli.common import LangOption, RootOption, handle_errors


@handle_errors
def export(
    fmt: Annotated[str, typer.Option("--format", help="json (one document), csv (measures.csv, "
                                     "updates.csv and kpis.csv) or xlsx (one workbook with "
                                     "a sheet per table).")] = "json",
    public: Annotated[bool, typer.Option("--public", help="Leave out measures with `public: "
                                         "false` entirely (for publishing).")] = False,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="json: the file to write (default: stdout). csv: the folder "
        "to write measures.csv, updates.csv and kpis.csv into (required). xlsx: the workbook "
        "to write (required).", show_default=False)] = None,
    lang: LangOption = None,
    root: RootOption = None,
) -> None:
    """Export the whole plan with the current state of every measure as open data.

    `contact` is never exported. The JSON is described by schema/export.schema.json; the CSV
    files are UTF-8 with a byte-order mark, separated by semicolons (docs/open-data.md). The
    workbook has typed cells and headers in the plan's language (or --lang).

    Examples:

    * `dotool export --public > masterplan.json`
    * `dotool export --format json --public -o build/open-data/masterplan.json`
    * `dotool export --format csv --public -o build/open-data`
    * `dotool export --format xlsx --public -o build/masterplan.xlsx`
    """

    from dotool.app.export import FORMATS, export_plan
    from dotool.choices import choose
    from dotool.cli.common import choose_lang, resolve_root
    from dotool.cli.rendering import check_output, wrote
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.store.atomic import write_atomic
    from dotool.store.files import plan_folders
    from dotool.store.tree import OUTPUT_HINT, check_target
    from dotool.text import shown

    where = resolve_root(root)  # first: its plan's language is the terminal's
    lang = choose_lang(lang)
    chosen = choose("--format", fmt, FORMATS) or fmt
    if chosen == "xlsx" and output is None:
        raise UsageError(t("xlsx writes a workbook, not text"), hint=t("pass -o FILE.xlsx"))
    if chosen == "csv" and output is None:
        raise UsageError(t("csv writes three files"), hint=t("pass -o DIR"))
    if chosen == "csv" and output is not None and output.exists() and not output.is_dir():
        raise UsageError(t("{path} is a file; csv needs a folder for measures.csv, "
                           "updates.csv and kpis.csv", path=shown(str(output))))
    if chosen in ("json", "xlsx"):
        check_output(output, where)  # never into the plan; a regular file or a new name
    if chosen == "csv" and output is not None:
        check_target(output, plan_folders(where), hint=OUTPUT_HINT)  # never into the plan
    files = export_plan(where, fmt=chosen, public=public, lang=lang)
    if chosen == "csv":
        assert output is not None
        for name, data in files.items():
            write_atomic(output / name, data, regular=True)
            wrote(output / name)
        return
    (data,) = files.values()
    if output is None:
        import sys

        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    write_atomic(output, data, regular=True)
    wrote(output)
