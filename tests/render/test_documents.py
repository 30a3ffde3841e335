"""Whole documents: golden files, determinism, escaping, privacy."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dotool.model.dates import Half
from dotool.render.document import render_masterplan, render_report
from tests.render.conftest import DATA_DATE, golden_mismatch, golden_path

CASES = [(half, lang, fmt) for half in ("2020-H2", "2021-H2") for lang in ("de", "en")
         for fmt in ("md", "html")]


@pytest.mark.parametrize(("half", "lang", "fmt"), CASES)
def test_report_matches_golden(sample_plan, update_golden: bool, half: str, lang: str,  # type: ignore[no-untyped-def]
                               fmt: str) -> None:
    chosen = Half.parse(half)  # without git the "Stand" is the end of the half
    data = render_report(sample_plan, chosen, fmt=fmt, lang=lang, data_date=chosen.end).data
    golden = golden_path(f"report-{half}.{lang}.{fmt}")
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.exists(), f"no golden file {golden.name}: run pytest --update-golden"
    assert data.decode() == golden.read_text(encoding="utf-8"), golden_mismatch(golden.name)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_masterplan_matches_golden(sample_plan, update_golden: bool, lang: str) -> None:  # type: ignore[no-untyped-def]
    data = render_masterplan(sample_plan, fmt="md", lang=lang, data_date=DATA_DATE).data
    golden = golden_path(f"masterplan.{lang}.md")
    if update_golden:
        golden.write_bytes(data)
    assert data.decode() == golden.read_text(encoding="utf-8"), golden_mismatch(golden.name)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_rendering_twice_gives_the_same_bytes(sample_plan, fmt: str) -> None:  # type: ignore[no-untyped-def]
    first = render_report(sample_plan, Half.parse("2021-H1"), fmt=fmt, lang="de",
                          data_date=DATA_DATE)
    second = render_report(sample_plan, Half.parse("2021-H1"), fmt=fmt, lang="de",
                           data_date=DATA_DATE)
    assert first.data == second.data
    plan1 = render_masterplan(sample_plan, fmt=fmt, lang="en", data_date=DATA_DATE)
    plan2 = render_masterplan(sample_plan, fmt=fmt, lang="en", data_date=DATA_DATE)
    assert plan1.data == plan2.data


@pytest.mark.parametrize("internal", [False, True])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_contact_never_appears(sample_plan, fmt: str, internal: bool) -> None:  # type: ignore[no-untyped-def]
    contacts = [m.contact for m in sample_plan.measures if m.contact]
    assert contacts
    for data in (
        render_report(sample_plan, Half.parse("2021-H2"), fmt=fmt, lang="de", data_date=DATA_DATE,
                      internal=internal).data.decode(),
        render_masterplan(sample_plan, fmt=fmt, lang="de", data_date=DATA_DATE,
                          internal=internal).data.decode(),
    ):
        assert not [c for c in contacts if c in data]
        assert "Durchwahl" not in data


def test_non_public_sample_measure_by_title_only(sample_plan) -> None:  # type: ignore[no-untyped-def]
    secret = next(m for m in sample_plan.measures if not m.public)
    text = secret.updates[0].text.split()[0:6]
    snippet = " ".join(text)
    for internal in (False, True):
        for fmt in ("md", "html"):
            data = render_report(sample_plan, secret.updates[0].half, fmt=fmt, lang="de",
                                 data_date=DATA_DATE, internal=internal).data.decode()
            assert secret.title in data
            assert (snippet in data) is internal
    plan = render_masterplan(sample_plan, fmt="md", lang="de", data_date=DATA_DATE).data.decode()
    assert secret.title in plan and secret.summary.split(".")[0] not in plan


HOSTILE = (
    "Böse <script>alert(1)</script> {{ 7*7 }} {% raw %}x{% endraw %} "
    "[klick](javascript:alert(1)) <img src=http://evil.example/x.png> "
    "![bild](http://evil.example/y.png) | Spalte"
)


def _hostile_plan(plan_dir: Path):  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    path = plan_dir / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8")
    quoted = '"' + HOSTILE.replace('"', '\\"') + '"'
    text = text.replace("summary: Termine online buchen.", f"summary: {quoted}")
    text = text.replace("text: Software ausgewählt.", f"text: {quoted}\n    next: {quoted}")
    text = text.replace("title: Online-Terminvergabe", "title: Termine | <b>fett</b>")
    path.write_text(text, encoding="utf-8")
    return load_valid_plan(plan_dir)


def test_hostile_text_is_escaped_not_evaluated(plan_dir: Path) -> None:
    plan = _hostile_plan(plan_dir)
    html = render_report(plan, Half.parse("2020-H2"), fmt="html", lang="de", data_date=DATA_DATE)
    page = html.data.decode()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<b>" not in page and "<img src=http" not in page
    assert "{{ 7*7 }}" in page and "{% raw %}" in page
    assert 'href="javascript:' not in page
    assert "evil.example/y.png" in page and 'src="http://evil' not in page
    assert html.assets == {}
    md = render_report(plan, Half.parse("2020-H2"), fmt="md", lang="de", data_date=DATA_DATE)
    text = md.data.decode()
    assert "<script>" not in text and "{{ 7\\*7 }}" in text  # shown, `*` escaped as text
    assert "![bild](http" not in text and "[bild](http://evil.example/y.png)" in text
    assert "](javascript:" not in text.replace("\\](javascript:", "")  # no link, only text
    assert "Termine \\| &lt;b>fett&lt;/b>" in text  # the title in a table cell
    masterplan = render_masterplan(plan, fmt="html", lang="de", data_date=DATA_DATE).data.decode()
    assert "<script>" not in masterplan and "{{ 7*7 }}" in masterplan


def test_local_image_is_embedded_remote_is_a_link(plan_dir: Path) -> None:
    from dotool.store.assets import repo_image_reader
    from tests.images import png

    (plan_dir / "docs").mkdir()
    (plan_dir / "docs" / "plan.png").write_bytes(png(4, 2))
    path = plan_dir / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "summary: Termine online buchen.",
        'summary: "Bild ![Plan](docs/plan.png) und ![Weg](../../etc/passwd.png)"')
    path.write_text(text, encoding="utf-8")
    from dotool.checks.run import load_valid_plan

    plan = load_valid_plan(plan_dir)
    page = render_masterplan(plan, fmt="html", lang="de", data_date=DATA_DATE,
                             resolve=repo_image_reader(plan_dir)).data.decode()
    # Embedded once (a data URL in the page's image definitions), shown where the text says.
    assert page.count('href="data:image/png;base64,') == 1
    assert '<svg class="md-image" role="img" aria-label="Plan" width="4" height="2"' in page
    assert '<a href="../../etc/passwd.png">Weg</a>' in page
    md = render_masterplan(plan, fmt="md", lang="de", data_date=DATA_DATE,
                           resolve=repo_image_reader(plan_dir))
    assert "![Plan](assets/docs/plan.png)" in md.data.decode()
    assert set(md.assets) == {"docs/plan.png"}


@pytest.mark.parametrize(("lang", "said"), [
    ("de", "Noch nicht begonnen; noch kein Beginn festgelegt."),
    ("en", "Not started yet; no start date set.")])
def test_a_measure_without_a_start_is_not_given_an_empty_start_date(plan_dir: Path, lang: str,
                                                                     said: str) -> None:
    """A measure not yet scheduled says so in every format, not "planned start: ." with
    nothing between the colon and the full stop."""
    from pypdf import PdfReader

    from dotool.checks.run import load_valid_plan

    path = plan_dir / "measures" / "M-002-glasfaser.yaml"  # a measure of the masterplan
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("start: 2020-07")], encoding="utf-8")  # no dates, no updates
    plan = load_valid_plan(plan_dir)
    for fmt in ("md", "html", "pdf"):
        out = render_report(plan, Half.parse("2020-H2"), fmt=fmt, lang=lang, data_date=DATA_DATE)
        shown = (" ".join(page.extract_text() for page in PdfReader(io.BytesIO(out.data)).pages)
                 if fmt == "pdf" else out.data.decode())
        assert said in " ".join(shown.split()), fmt
        assert ": ." not in shown, fmt
