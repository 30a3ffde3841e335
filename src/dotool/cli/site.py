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
                                         "left alone; never a folder of the plan, never "
                                         "through a symbolic link inside it).",
                                         show_default=False)],
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

    from dotool.app.site import build_site
    from dotool.cli.common import choose_lang, err_console, resolve_root
    from dotool.cli.rendering import note_images
    from dotool.i18n.terminal import t, tn
    from dotool.text import shown

    where = resolve_root(root)  # first: its plan's language is the terminal's
    lang = choose_lang(lang)
    built = build_site(where, output=output, lang=lang)
    note_images(built.refused)
    console = err_console()
    for name in built.removed:
        console.print(t("removed {path} (no longer part of the site)",
                        path=shown(str(output / name))), markup=False)
    console.print(tn("wrote {n} file to {folder}; open {index}",
                     "wrote {n} files to {folder}; open {index}", built.written,
                     folder=shown(str(output)), index=shown(str(output / "index.html"))),
                  markup=False)
