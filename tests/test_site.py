"""`dotool site`: the files, public content only, escaping, safe writing into the folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GENERATED_TODAY, REPO, generate_plan

HOSTILE = """\
id: M-004
title: "Angriff <script>alert('t')</script> & Co"
field: rathaus
scope: external
kind: project
summary: "Text mit <img src=x onerror=alert(1)> und [Link](javascript:alert(2))."
lead: "Fachdienst <b>Fett</b>"
contact: Geheim Kontakt -999
updates:
  - half: 2020-H2
    status: in_progress
    rag: amber
    rag_reason: "<iframe src=//evil.example></iframe>"
    progress: 10
    text: "Sachstand <style>body{display:none}</style>"
"""


def _texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's site in German, rendered once for the module."""
    from dotool.checks.run import load_valid_plan
    from dotool.render.site import render_site
    from dotool.store.tree import write_tree

    plan = load_valid_plan(REPO)
    target = tmp_path_factory.mktemp("site")
    write_tree(target, render_site(plan, lang="de", data_date=None, repo=REPO))
    return target


def test_pages_exist(sample_site) -> None:  # type: ignore[no-untyped-def]
    names = set(_texts(sample_site))
    expected = {"index.html", "measures/index.html", "fields/index.html", "roadmap.html",
                "reports/index.html", "about.html", "assets/site.css", "assets/site.js",
                "assets/search-index.js", "measures/M-004.html", "fields/buergerservice.html",
                "reports/2020-H2.html", "reports/2021-H1.html", "reports/2021-H2.html"}
    assert expected <= names
    assert len([n for n in names if n.startswith("measures/M-") and n.endswith(".html")]) == 24
    # Figures over time: a CSV beside every measure with a report, field and KPI page.
    assert "measures/M-004-history.csv" in names and "fields/buergerservice-progress.csv" in names
    assert {"kpis/index.html", "kpis/M-004-online_share.html", "kpis/M-004-online_share.csv",
            "favicon.svg"} <= names


def test_no_non_public_measure_and_no_contact(sample_site) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import REPO

    contacts = [line.split(":", 1)[1].strip()
                for p in (REPO / "measures").glob("*.yaml")
                for line in p.read_text(encoding="utf-8").splitlines()
                if line.startswith("contact:")]
    assert contacts
    for name, text in _texts(sample_site).items():
        assert "M-016" not in text, name
        assert "Informationssicherheitsmanagement" not in text, name
        for contact in contacts:
            assert contact not in text, name
    assert not (sample_site / "measures" / "M-016.html").exists()


#: The width of a page's content on a phone of 390 CSS pixels (the site's margins: 2 × 20 px).
PHONE_CONTENT = 350


def test_every_chart_is_drawn_for_a_phone(sample_site) -> None:  # type: ignore[no-untyped-def]
    """Every chart of the site, the report pages' trend and KPI charts included, keeps its
    text at 10 px at a width a phone has (its --chart-min): it never scrolls in its frame."""
    import re

    widths = [(name, int(px)) for name, text in _texts(sample_site).items()
              if name.endswith(".html") for px in re.findall(r"--chart-min: (\d+)px", text)]
    names = {name for name, _px in widths}
    assert {"index.html", "reports/2021-H2.html", "roadmap.html", "kpis/M-004-online_share.html",
            "measures/M-004.html", "fields/buergerservice.html"} <= names
    assert not [(n, px) for n, px in widths if px > PHONE_CONTENT]
    report = _texts(sample_site)["reports/2021-H2.html"]
    assert {'data-chart="trend"', 'data-chart="budget"', 'data-chart="kpis-1"'} <= {
        m for m in re.findall(r'data-chart="[^"]+"', report)}


def test_sample_notice_and_language(sample_site) -> None:  # type: ignore[no-untyped-def]
    index = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in index
    assert "Beispieldaten" in index
    assert "Beispieldaten" in (sample_site / "about.html").read_text(encoding="utf-8")


def test_hostile_text_is_escaped(run_cli, plan_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (plan_dir / "measures" / "M-004-angriff.yaml").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "site"
    run_cli("site", "-o", out, "--root", plan_dir)
    texts = _texts(out)
    page = texts["measures/M-004.html"]
    assert "&lt;script&gt;alert" in page
    for name, text in texts.items():
        if name.endswith(".html"):
            for raw in ("<script>alert", "<img src=x", "<iframe", "<style>body", "<b>Fett",
                        'href="javascript:'):
                assert raw not in text, (name, raw)
        assert "Geheim Kontakt" not in text, name


def test_refuses_a_file_and_keeps_unrelated_files(run_cli, plan_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    afile = tmp_path / "site.txt"
    afile.write_text("keep", encoding="utf-8")
    result = run_cli("site", "-o", afile, "--root", plan_dir, exit_code=2)
    assert "is a file" in result.stderr and afile.read_text(encoding="utf-8") == "keep"

    out = tmp_path / "www"
    (out / "own").mkdir(parents=True)
    (out / "own" / "page.html").write_text("mine", encoding="utf-8")
    run_cli("site", "-o", out, "--root", plan_dir)
    first = _texts(out)
    run_cli("site", "-o", out, "--root", plan_dir)
    assert _texts(out) == first  # deterministic
    assert (out / "own" / "page.html").read_text(encoding="utf-8") == "mine"

    # A measure made non-public later: its old page is removed, nothing else is.
    path = plan_dir / "measures" / "M-002-glasfaser.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "public: false\n", encoding="utf-8")
    result = run_cli("site", "-o", out, "--root", plan_dir)
    assert not (out / "measures" / "M-002.html").exists()
    assert "removed" in result.stderr
    assert (out / "own" / "page.html").read_text(encoding="utf-8") == "mine"
    # (The JSON Schema of the open data is not data: its examples name ids such as M-002.)
    assert all("M-002" not in t for n, t in _texts(out).items()
               if n != "open-data/export.schema.json")


def test_english_site(run_cli, plan_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "en"
    run_cli("site", "-o", out, "--lang", "en", "--root", plan_dir)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Skip to content" in index
    assert "Progress reports" in index


def test_init_scaffolds_a_pages_workflow(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from dotool import __version__

    root = tmp_path / "neu"
    run_cli("init", root, "--municipality", "Musterstadt", "--committee", "Ausschuss",
            "--no-input")
    workflow = yaml.safe_load((root / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert 'python -m pip install "$DOTOOL_SPEC"' in runs
    # The default when DOTOOL_SPEC is not set: this release (the tests run an editable install,
    # which CI could not reach).
    assert workflow["env"]["DOTOOL_SPEC"] == \
        f"${{{{ vars.DOTOOL_SPEC || 'dotool[render]=={__version__}' }}}}"
    assert "dotool site -o _site" in runs
    assert not any("dotool export" in run for run in runs)  # the site has its open data
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in steps)
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_pages_workflow_leaves_the_open_data_to_the_site() -> None:
    from importlib import resources

    import yaml

    text = (resources.files("dotool.authoring") / "scaffold" / "pages.yml.j2").read_text("utf-8")
    runs = [s.get("run", "") for s in yaml.safe_load(text)["jobs"]["build"]["steps"]]
    assert "dotool site -o _site" in runs
    assert not any("dotool export" in run for run in runs), "open-data/ is written twice"


def test_open_data_in_the_site(sample_site) -> None:  # type: ignore[no-untyped-def]
    """`open-data/` holds the public export, byte for byte, and the pages link it."""
    from dotool.checks.run import load_valid_plan
    from dotool.export.plan_csv import export_tables
    from dotool.export.plan_json import export_json
    from tests.conftest import REPO

    plan = load_valid_plan(REPO)
    data = sample_site / "open-data"
    assert (data / "plan.json").read_bytes() == export_json(plan, public=True, data_date=None)
    for name, expected in export_tables(plan, public=True).items():
        assert (data / name).read_bytes() == expected, name
    assert (data / "export.schema.json").read_bytes() == \
        (REPO / "schema" / "export.schema.json").read_bytes()
    assert "M-016" not in (data / "plan.json").read_text(encoding="utf-8")
    about = (sample_site / "about.html").read_text(encoding="utf-8")
    for name in ("plan.json", "measures.csv", "updates.csv", "export.schema.json"):
        assert f'href="open-data/{name}"' in about, name
    assert 'id="h-open-data">Offene Daten</h2>' in about
    footer = (sample_site / "measures" / "M-004.html").read_text(encoding="utf-8")
    footer = footer[footer.index('<footer class="site-footer">'):]
    for name in ("plan.json", "measures.csv", "updates.csv"):
        assert f'href="../open-data/{name}"' in footer, name


def test_site_open_data_equals_export(run_cli, plan_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`dotool site` writes what `dotool export --public` writes (same date of the data)."""
    run_cli("site", "-o", tmp_path / "site", "--root", plan_dir)
    run_cli("export", "--public", "-o", tmp_path / "plan.json", "--root", plan_dir)
    run_cli("export", "--format", "csv", "--public", "-o", tmp_path / "csv", "--root", plan_dir)
    data = tmp_path / "site" / "open-data"
    assert (data / "plan.json").read_bytes() == (tmp_path / "plan.json").read_bytes()
    for name in ("measures.csv", "updates.csv"):
        assert (data / name).read_bytes() == (tmp_path / "csv" / name).read_bytes()


def test_make_site_target() -> None:
    import shutil
    import subprocess

    from tests.conftest import REPO

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(["make", "-n", "site"], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout
    assert "dotool site -o build/site" in dry and "build/site/index.html" in dry
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    publishing = readme[readme.index("## Publishing"):]
    assert "`make site`" in publishing[:publishing.index("\n## ", 3)]




@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A generated plan of 150 measures (fixed seed) and its German site, page by page."""
    from dotool.checks.run import load_valid_plan
    from dotool.render.site import render_site

    root = generate_plan(tmp_path_factory.mktemp("generated") / "plan")
    plan = load_valid_plan(root, today=GENERATED_TODAY, cache=False)
    site = render_site(plan, lang="de", data_date=None, repo=root)
    return plan, {name: data.decode("utf-8") for name, data in site.items()
                  if name.endswith(".html")}


def test_generated_site_shows_the_figures_of_the_report(generated_site) -> None:  # type: ignore[no-untyped-def]
    """Overview, field pages and report page of the site show the figures of the report of
    the same half (read from its Markdown): overall progress, counts by status and Ampel,
    each field's progress. The site shows public measures only, so the report is the public
    plan's."""
    from dotool.model.public import public_plan
    from dotool.render.document import render_report
    from tests.figures_read import from_html, from_markdown, html_tables, md_table, words

    plan, pages = generated_site
    half = plan.latest_reported_half()
    public = public_plan(plan)
    assert len(public.measures) < len(plan.measures)  # the site leaves measures out
    markdown = render_report(public, half, fmt="md", lang="de",
                             data_date=half.end).data.decode("utf-8")
    report = from_markdown(markdown)
    assert report["status"] and report["rag"] and report["fields"]

    assert from_html(pages[f"reports/{half}.html"]) == report
    tables, text = html_tables(pages["index.html"])
    assert f"{report['progress']} Gesamtfortschritt" in text
    assert f"{len(public.measures)} öffentliche Maßnahmen" in text
    assert f"{len(report['completed'])} abgeschlossen im" in text
    # "amber or red" counts the report's deviations: open measures only, not every amber or
    # red Ampel of the table beside it (a completed measure may end amber).
    deviations = md_table(markdown, "Nr. | Maßnahme | Ampel | Begründung")
    assert f"{len(deviations)} offene Maßnahmen gelb oder rot" in text
    rag = report["rag"]
    assert {r[0]: int(r[1]) for r in tables["Maßnahmen nach Status"]} == report["status"]
    assert {words(r[0]): int(r[1]) for r in tables["Maßnahmen nach Ampel"]} == rag
    assert [(r[0], int(r[1]), int(r[2]), r[3]) for r in
            tables["Fortschritt nach Handlungsfeldern"]] == report["fields"]

    progress = {title: value for title, _n, _counted, value in report["fields"]}
    for field in plan.masterplan.fields:
        field_tables, field_text = html_tables(pages[f"fields/{field.key}.html"])
        shown = progress[field.title]
        assert f"Fortschritt der Maßnahmen des Masterplans: {shown}" in field_text, field.key
        trend = field_tables[f"Fortschritt der Maßnahmen des Masterplans in {field.title}"]
        assert trend[-1] == [f"{half.number}. Halbjahr {half.year}", shown], field.key


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_measure_page_claims_an_adoption_only_when_there_is_one(run_cli, plan_dir, tmp_path,  # type: ignore[no-untyped-def]
                                                                  lang) -> None:
    """Before the first `adopt` the report says "no adopted version yet"; the site's measure
    pages say the same instead of "measure of the adopted masterplan"."""
    words = {"de": ("noch keine beschlossene Fassung", "Maßnahme des beschlossenen Masterplans"),
             "en": ("no adopted version yet", "Measure of the adopted masterplan")}[lang]
    run_cli("site", "-o", tmp_path / "adopted", "--lang", lang, "--root", plan_dir)
    page = (tmp_path / "adopted" / "measures" / "M-001.html").read_text(encoding="utf-8")
    assert words[1] in page and words[0] not in page
    (plan_dir / "masterplan" / "adoptions" / "1.0.yaml").unlink()
    report = run_cli("report", "--lang", lang, "--root", plan_dir).stdout
    assert words[0] in report
    run_cli("site", "-o", tmp_path / "draft", "--lang", lang, "--root", plan_dir)
    page = (tmp_path / "draft" / "measures" / "M-001.html").read_text(encoding="utf-8")
    assert words[0] in page and words[1] not in page
