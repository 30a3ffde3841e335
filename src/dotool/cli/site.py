"""`dotool site -o DIR`: a static, accessible website of the plan and its progress."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dotool.cli.common import LangOption, RootOption, handle_errors


@handle_errors
def site(
    output: Annotated[Path, typer.Option("-o", "--output", help="The folder to write the site "
                                         "into (created if missing; other files in it are "
                                         "left alone).", show_default=False)],
    lang: LangOption = None,
    root: RootOption = None,
) -> None:
    """Write the public website: overview, fields of action, measures, roadmap and reports.

    Only measures with `public: true` appear, never a `contact`. The site needs no server and
    no network: open DIR/index.html, or publish DIR with GitHub or GitLab Pages.

    Examples:

    * `dotool site -o build/site`
    * `dotool site -o build/site-en --lang en`
    """

    from dotool.checks.run import load_valid_plan
    from dotool.cli.common import err_console, resolve_root
    from dotool.cli.rendering import data_date, pick_lang
    from dotool.errors import UsageError
    from dotool.render.site import render_site
    from dotool.store.assets import repo_file_reader
    from dotool.store.tree import write_tree

    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} is a file, not a folder", hint="pass a folder for the site")
    where = resolve_root(root)
    plan = load_valid_plan(where)
    files = render_site(plan, lang=pick_lang(lang, plan.masterplan.language),
                        stand=data_date(where, plan), repo=where,
                        resolve=repo_file_reader(where))
    removed = write_tree(output, files)
    console = err_console()
    for name in removed:
        console.print(f"removed {output / name} (no longer part of the site)", markup=False)
    console.print(f"wrote {len(files)} files to {output}; open {output / 'index.html'}",
                  markup=False)
