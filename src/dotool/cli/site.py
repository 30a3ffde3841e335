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

    from dotool.checks.run import load_valid_plan
    from dotool.cli.common import choose_lang, err_console, resolve_root
    from dotool.cli.rendering import data_date, note_images, pick_lang
    from dotool.i18n.terminal import t, tn
    from dotool.render.markdown import Images
    from dotool.render.site import STALE_FOLDERS, is_ours, render_site
    from dotool.store.assets import repo_image_reader
    from dotool.store.files import plan_folders
    from dotool.store.tree import check_target, write_tree
    from dotool.text import shown

    where = resolve_root(root)  # first: its plan's language is the terminal's
    lang = choose_lang(lang)
    check_target(output, plan_folders(where))  # before the work, not only before writing
    plan = load_valid_plan(where)
    images = Images(repo_image_reader(where), "files")
    files = render_site(plan, lang=pick_lang(lang, plan.masterplan.language),
                        stand=data_date(where, plan), repo=where, images=images)
    note_images(images.refused)
    removed = write_tree(output, files, ours=is_ours, forbidden=plan_folders(where),
                         stale_in=STALE_FOLDERS)
    console = err_console()
    for name in removed:
        console.print(t("removed {path} (no longer part of the site)",
                        path=shown(str(output / name))), markup=False)
    console.print(tn("wrote {n} file to {folder}; open {index}",
                     "wrote {n} files to {folder}; open {index}", len(files),
                     folder=shown(str(output)), index=shown(str(output / "index.html"))),
                  markup=False)
