"""`dotool report` and `dotool masterplan`: a document of the plan rendered to bytes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dotool.render.document import FORMATS, Rendered

if TYPE_CHECKING:
    from dotool.model.dates import Half

__all__ = ["FORMATS", "Rendered", "ReportDocument", "init_paper", "render_masterplan",
           "render_report", "report_half"]


@dataclass(frozen=True)
class ReportDocument:
    """The rendered report, and the latest reported half when no measure reported on the half
    asked for (the report then says "no update reported" everywhere: rarely what was meant)."""

    rendered: Rendered
    half: Half
    unreported: bool
    latest: Half | None


def report_half(half: Half | None) -> Half:
    """The half a report is on: `half`, else the last one that has ended; a half that has not
    begun yet is a usage error (exit 2)."""
    from dotool import clock
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t
    from dotool.model.dates import Half

    current = Half.of(clock.today())
    chosen = half or current.previous()
    if chosen > current:
        raise UsageError(t("--half {half} has not begun yet (now: {current})",
                           half=str(chosen), current=str(current)),
                         hint=t("report on a half that has ended, or on the current one"))
    return chosen


def init_paper(root: Path, *, half: Half | None) -> str:
    """Write masterplan/reports/<half>.yaml, the council paper of the report, to fill in; its
    path, relative to the plan."""
    from dotool.authoring.vorlage import init_vorlage

    return init_vorlage(root, report_half(half))


def render_report(root: Path, *, half: Half | None, fmt: str, lang: str | None,
                  internal: bool) -> ReportDocument:
    """The half-yearly report on `half` (default: the last ended) of the valid plan at `root`
    in `fmt`, in `lang` (default: the plan's language)."""
    from dotool.app.loading import data_date
    from dotool.checks.run import load_valid_plan
    from dotool.render.document import render_report as render
    from dotool.store.assets import repo_image_reader

    chosen = report_half(half)
    plan = load_valid_plan(root)
    rendered = render(plan, chosen, fmt=fmt, lang=lang or plan.masterplan.language,
                      data_date=data_date(root, plan, half=chosen, document=True),
                      internal=internal, repo=root, resolve=repo_image_reader(root))
    unreported = not any(u.half == chosen for m in plan.measures for u in m.updates)
    return ReportDocument(rendered, chosen, unreported, plan.latest_reported_half())


def render_masterplan(root: Path, *, fmt: str, lang: str | None, internal: bool,
                      at: str | None = None) -> Rendered:
    """The masterplan document of the valid plan at `root` (or as it stood at git ref `at`,
    with the adoption recorded for it) in `fmt`, in `lang` (default: the plan's language)."""
    from dotool.app.loading import load_for_rendering
    from dotool.render.document import render_masterplan as render
    from dotool.store.assets import repo_image_reader

    loaded = load_for_rendering(root, at=at)
    plan = loaded.plan
    return render(plan, fmt=fmt, lang=lang or plan.masterplan.language,
                  data_date=loaded.data_date, internal=internal, adoption=loaded.adoption,
                  repo=root, resolve=repo_image_reader(root))
