"""`dotool site`: the static website of the plan, built and written into a folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteWritten:
    """What building the site did: the files written, those removed as no longer part of the
    site, and the images shown as links with the reason (path → why)."""

    written: int
    removed: list[str]
    refused: dict[str, str]


def build_site(root: Path, *, output: Path, lang: str | None) -> SiteWritten:
    """Write the public website of the valid plan at `root` into `output`, in `lang` (default:
    the plan's language).

    `output` is checked before any work: never a folder of the plan, never through a symbolic
    link inside it. Files dotool wrote before and no longer makes are removed; other files are
    left alone.
    """
    from dotool.app.loading import data_date
    from dotool.checks.run import load_valid_plan
    from dotool.render.markdown import Images
    from dotool.render.site import STALE_FOLDERS, is_ours, render_site
    from dotool.render.templates import raising_own_errors
    from dotool.store.assets import repo_image_reader
    from dotool.store.files import plan_folders
    from dotool.store.tree import check_target, write_tree

    check_target(output, plan_folders(root))  # before the work, not only before writing
    plan = load_valid_plan(root)
    images = Images(repo_image_reader(root), "files")
    # render/site.py renders the site's own pages; their template failures are converted here.
    with raising_own_errors():
        files = render_site(plan, lang=lang or plan.masterplan.language,
                            data_date=data_date(root, plan), repo=root, images=images)
    removed = write_tree(output, files, ours=is_ours, forbidden=plan_folders(root),
                         stale_in=STALE_FOLDERS)
    return SiteWritten(len(files), list(removed), dict(images.refused))
