"""Plans shaped like real published ones load and render (tests/samples/).

`klimaschutz`: a climate-protection programme with fields of action and no goals, kebab-case
keys, its own id prefix, several optional parts missing, one non-public measure.
`digitale-stadt`: a "Digitale Stadt" strategy with kebab-case goal, field and KPI keys and an
adoption record. Both were written for these tests; their updates run to 2024-H2.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import HERE

SAMPLES = HERE / "samples"
#: A day after the samples' last half, so "no update in the future" holds whatever the clock.
TODAY = "2025-09-15"

pytestmark = pytest.mark.clock


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", TODAY)


def _copy(name: str, target: Path) -> Path:
    shutil.copytree(SAMPLES / name, target / name)
    return target / name


def _headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, re.M)


@pytest.mark.parametrize("name", ["klimaschutz", "digitale-stadt"])
def test_the_sample_validates_without_a_finding(run_cli, name: str) -> None:
    result = run_cli("validate", "--root", SAMPLES / name, "--strict", "--format", "json")
    assert '"findings": []' in result.stdout, result.stdout


def test_a_plan_without_goals_renders_without_a_goals_chapter(run_cli, tmp_path: Path) -> None:
    root = _copy("klimaschutz", tmp_path)
    text = run_cli("masterplan", "--root", root).stdout
    # No goals and no Ausgangslage: the chapters are numbered without gaps.
    assert _headings(text) == ["1 Vision", "2 Handlungsfelder und Maßnahmen",
                               "3 Zeitplan (Roadmap)", "4 Finanzierung",
                               "5 Steuerung und Monitoring", "Anlage: Übersicht aller Maßnahmen"]
    assert "### 2.3 Mobilität und Verkehr" in text
    assert "| Zeitraum | noch nicht terminiert |" in text  # KS-004: neither start nor end
    assert "Ziele" not in text
    english = run_cli("masterplan", "--root", root, "--lang", "en").stdout
    assert _headings(english)[:2] == ["1 Vision", "2 Fields of action and measures"]
    assert "not yet scheduled" in english
    run_cli("masterplan", "--root", root, "-o", tmp_path / "k.html")
    html = (tmp_path / "k.html").read_text(encoding="utf-8")
    assert 'id="f-mobilitaet-verkehr"' in html and 's-goals' not in html
    assert '<h2 id="s-fields">2 Handlungsfelder und Maßnahmen</h2>' in html


def test_kebab_case_goals_and_kpis_reach_every_document(run_cli, tmp_path: Path) -> None:
    root = _copy("digitale-stadt", tmp_path)
    text = run_cli("masterplan", "--root", root).stdout
    assert _headings(text)[:4] == ["1 Vision", "2 Ausgangslage", "3 Ziele",
                                   "4 Handlungsfelder und Maßnahmen"]
    assert "| Ziele | Stadt im Wandel gestalten; Nachhaltig vernetzt |" in text
    report = run_cli("report", "--root", root, "--half", "2024-H2").stdout
    # KPI values from `kpis: {anteil-e-akte: 55}` in the report's KPI table.
    assert re.search(r"\| DS-001 \| Beschäftigte, die mit der E-Akte arbeiten \(%\) \| 8 \| "
                     r"100 \| 55 \| 48 \|", report), report
    assert "DS-005 Digitallotsinnen und Digitallotsen" in report  # a further initiative
    assert "Warten auf den Datenhub (DS-004)." in report


@pytest.mark.slow
@pytest.mark.parametrize("name", ["klimaschutz", "digitale-stadt"])
def test_report_and_masterplan_as_pdf_and_docx(run_cli, tmp_path: Path, name: str) -> None:
    from docx import Document
    from pypdf import PdfReader

    root = _copy(name, tmp_path)
    out = tmp_path / "out"
    for command in (("report", "--half", "2024-H2"), ("masterplan",)):
        for ext in ("pdf", "docx"):
            run_cli(*command, "--root", root, "-o", out / f"{command[0]}.{ext}")
    pdf = PdfReader(out / "report.pdf")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    plan_title = {"klimaschutz": "Integriertes Klimaschutzkonzept",
                  "digitale-stadt": "Strategie Digitale Stadt"}[name]
    assert f"{plan_title} – Sachstandsbericht 2. Halbjahr 2024" in " ".join(text.split())
    assert "Mobilität und Verkehr" in text
    docx = Document(io.BytesIO((out / "masterplan.docx").read_bytes()))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert any(h.endswith("Mobilität und Verkehr") for h in headings), headings
    assert ("Ziele" in " ".join(headings)) == (name == "digitale-stadt")


def test_the_site_has_a_page_per_kebab_case_field(run_cli, tmp_path: Path) -> None:
    root = _copy("digitale-stadt", tmp_path)
    run_cli("site", "--root", root, "-o", tmp_path / "site")
    page = tmp_path / "site" / "fields" / "mobilitaet-verkehr.html"
    text = page.read_text(encoding="utf-8")
    assert "Sensorgestütztes Parkleitsystem" in text
    # Not "1 Maßnahmen"; the progress is that of the field's masterplan measures.
    assert ('<p class="facts">Maßnahmen: 1 · Im Masterplan: 1 · Fortschritt der Maßnahmen des '
            'Masterplans: 15') in text
