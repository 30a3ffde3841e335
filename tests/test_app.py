"""The application layer called as a library: the date of the data decided in one place, and
rendering that raises only dotool's own errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dotool.app.loading import UNDATED, data_date, load_for_rendering
from dotool.checks.run import load_valid_plan
from dotool.errors import ContentError
from dotool.model.dates import Half
from tests.conftest import copy_base, git


def _without_updates(root: Path) -> None:
    """Every measure of the plan at `root` without its `updates:` (the base plan's files end
    with them)."""
    for path in (root / "measures").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if "\nupdates:" in text:
            path.write_text(text[: text.index("\nupdates:") + 1], encoding="utf-8")


def test_data_date_prefers_git(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo()
    measure = next((root / "measures").glob("*.yaml"))
    measure.write_text(measure.read_text(encoding="utf-8") + "# later\n", encoding="utf-8")
    git(root, "commit", "-qam", "Plan", date="2021-05-06T10:00:00+02:00")
    (root / "notes.txt").write_text("x", encoding="utf-8")
    git(root, "add", "notes.txt")
    git(root, "commit", "-qm", "Not the plan", date="2021-07-08T10:00:00+02:00")
    plan = load_valid_plan(root)
    # The latest commit touching the plan's folders, not one elsewhere in the repository.
    assert data_date(root, plan) == date(2021, 5, 6)
    assert data_date(root, plan, half=Half.parse("2020-H1"), document=True) == date(2021, 5, 6)
    first = git(root, "rev-list", "--max-parents=0", "HEAD").strip()
    assert data_date(root, plan, commit=first) == date(2020, 9, 1)


def test_data_date_without_git_falls_back_in_order(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    plan = load_valid_plan(root)
    latest = plan.latest_reported_half()
    assert latest is not None
    assert data_date(root, plan) == latest.end  # the latest reported half
    assert data_date(root, plan, half=Half.parse("2020-H1")) == date(2020, 6, 30)  # the report's
    _without_updates(root)
    bare = load_valid_plan(root)
    assert bare.latest_reported_half() is None
    assert data_date(root, bare) is None  # open data and the site say no date
    adopted = max((a.date for a in bare.adoptions), default=UNDATED)
    assert data_date(root, bare, document=True) == adopted  # a document must carry one
    assert load_for_rendering(root).data_date == adopted


def test_a_broken_override_is_a_content_error_from_rendering(tmp_path: Path) -> None:
    """Rendering itself raises the located ContentError, so no caller classifies afterwards."""
    from dotool.app.documents import render_report

    root = copy_base(tmp_path / "plan")
    (root / "templates").mkdir()
    (root / "templates" / "report.md.j2").write_text("line one\n{{ report.nothing.here }}\n",
                                                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        render_report(root, half=Half.parse("2020-H2"), fmt="md", lang="de", internal=False)
    assert caught.value.path.endswith("templates/report.md.j2") and caught.value.line == 2
