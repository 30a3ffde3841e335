"""One palette: the Ampel has the same colour in every output, every colour comes from
`dotool.palette`, and text is readable on white."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from dotool import palette
from dotool.model.dates import Half
from dotool.render.document import render_report
from tests.conftest import REPO
from tests.render.conftest import DATA_DATE

HALF = Half.parse("2021-H2")  # the sample's half with a green, an amber and a red measure


def _html(plan: Any) -> str:
    return render_report(plan, HALF, fmt="html", lang="de",
                         data_date=DATA_DATE).data.decode("utf-8")


def _chart_amber(html: str) -> str:
    """The fill of the "gelb" bar of the Ampel chart: the bars are drawn in the order of the
    chart's text alternative ("grün: 19; gelb: 3; rot: 2")."""
    desc = re.search(r'<desc id="rag-desc">([^<]*)</desc>', html)
    assert desc is not None
    labels = [part.split(":")[0] for part in desc.group(1).split("; ")]
    fills = re.findall(r'clip-path="url\(#rag-[^)]*\)" style="fill: (#[0-9a-f]{6})"', html)
    assert len(fills) == len(labels), (labels, fills)
    return fills[labels.index("gelb")]


def _docx_amber(plan: Any) -> str:
    """The colour of the ● before "gelb" in the DOCX's tables; the word itself is in ink."""
    from docx import Document

    data = render_report(plan, HALF, fmt="docx", lang="de", data_date=DATA_DATE).data
    found = set()
    for table in Document(io.BytesIO(data)).tables:
        for row in table.rows:
            for cell in row.cells:
                runs = cell.paragraphs[0].runs
                if len(runs) == 2 and runs[0].text == "● " and runs[1].text == "gelb":
                    assert runs[1].font.color.rgb is None  # the label is not in amber
                    found.add(f"#{runs[0].font.color.rgb}".lower())
    assert len(found) == 1, found
    return found.pop()


def _typst_amber(plan: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """The amber of the Ampel's dot in the Typst source the PDF is compiled from."""
    import dotool.render.pdf

    sources: list[str] = []

    def capture(source: str, files: dict[str, bytes], meta: Any, drawings: Any = None) -> bytes:
        sources.append(source)
        return b"%PDF-"  # the source is what is looked at; compiling it is tested elsewhere

    monkeypatch.setattr(dotool.render.pdf, "typeset", capture)
    render_report(plan, HALF, fmt="pdf", lang="de", data_date=DATA_DATE)
    found = re.search(r'#let rag-colours = \(.*?"amber": rgb\("(#[0-9a-f]{6})"\)', sources[0])
    assert found is not None, sources[0][:2000]
    assert "rag-colours.pairs()" in sources[0]  # the dots are drawn with these colours
    return found.group(1)


def test_the_amber_is_the_same_in_chart_css_docx_and_pdf(sample_plan, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    html = _html(sample_plan)
    css = re.search(r"--amber: (#[0-9a-f]{6});", html)
    assert css is not None
    assert ".rag-amber .dot { background: var(--amber); }" in html
    chart = _chart_amber(html)
    assert chart == css.group(1) == _docx_amber(sample_plan) == _typst_amber(sample_plan,
                                                                              monkeypatch)


def test_css_custom_properties_are_generated_from_the_palette(sample_plan) -> None:  # type: ignore[no-untyped-def]
    html = _html(sample_plan)
    for name, value in palette.DOCUMENT.items():
        assert f"--{name}: {value};" in html
    # Every property the stylesheets use is defined.
    used = set(re.findall(r"var\(--([a-z-]+)\)", html)) - {"chart-min", "chart-max"}
    assert used <= set(palette.DOCUMENT), used - set(palette.DOCUMENT)


def test_a_style_override_without_colours_keeps_the_palette(tmp_path: Path, sample_plan) -> None:  # type: ignore[no-untyped-def]
    from dotool.render.markdown import Images
    from dotool.render.templates import environment

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "style.css").write_text(
        ":root { --head: #123456; }\nh1 { color: var(--head); }\n", encoding="utf-8")
    env = environment(lang="de", repo=tmp_path, images=Images(tmp_path), html=True)
    css = env.from_string('{{ palette_css }}\n{% include "style.css" %}').render()
    # The override sets the heading colour (later, so it wins) and keeps every other colour.
    assert css.index("--head: #1f4e79") < css.index("--head: #123456")
    assert "--amber: #f9a825;" in css


#: Files that may hold a colour literal, and why.
ALLOWED = {
    "src/dotool/palette.py": "the palette itself",
    "src/dotool/templates/site/favicon.svg": "a static icon copied as it is (a repository "
                                             "replaces it whole)",
}
#: A colour written out: hexadecimal, or Typst's `rgb` of a literal (`rgb("…")`, `rgb(31, …)`);
#: `rgb(d.ink)` of a plot's colour, which comes from the palette, is none.
_HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|[\"'][0-9A-Fa-f]{6}[\"']"
                  r"|rgb\(\s*[\"'0-9]")


def test_no_colour_literal_outside_the_palette() -> None:
    roots = [REPO / "src" / "dotool" / "render", REPO / "src" / "dotool" / "output",
             REPO / "src" / "dotool" / "templates"]
    assert all(root.is_dir() for root in roots), "a folder has moved: follow it"
    found = []
    for root in roots:
        for path in sorted(root.rglob("*")):
            name = path.relative_to(REPO).as_posix()
            if not path.is_file() or path.suffix == ".ttf" or name in ALLOWED:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if _HEX.search(line):
                    found.append(f"{name}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_check_finds_a_colour_literal() -> None:
    assert _HEX.search('ax.grid(color="#dddddd")') and _HEX.search("color: #555;")
    assert _HEX.search('fgColor="EEF3F8"') and _HEX.search('fill: rgb("#1a1a1a")')
    assert _HEX.search("fill: rgb(31, 78, 121)") and _HEX.search("rgb( '#abc')")
    assert not _HEX.search('href="#img-0a1b2c"') and not _HEX.search("#let accent")
    assert not _HEX.search("fill: rgb(r.colour)")  # a plot's colour, from the palette


def test_text_colours_reach_aa_contrast_on_white() -> None:
    for colour in palette.TEXT_ON_WHITE:
        assert palette.contrast(colour) >= 4.5, colour
    # White text sits on the site's dark header and navigation only.
    assert min(palette.contrast(palette.WHITE, bg) for bg in (palette.ACCENT, palette.NAV)) >= 4.5
    # The amber is a fill: as text it would fail.
    assert palette.contrast(palette.AMBER) < 4.5 and palette.AMBER not in palette.TEXT_ON_WHITE


def test_the_stylesheets_write_text_only_in_text_colours() -> None:
    """Every `color:` of the stylesheets names a colour held to 4.5:1 (white: on the dark
    header); the Ampel's colours are backgrounds only."""
    text = "\n".join((REPO / "src" / "dotool" / "templates" / name).read_text(encoding="utf-8")
                     for name in ("style.css", "site/site.css.j2"))
    used = set(re.findall(r"(?<![-\w])color: var\(--([a-z-]+)\)", text))
    assert used, "no text colour found: has the stylesheet moved?"
    text_colours = {palette.DOCUMENT[name] for name in used} - {palette.WHITE}
    assert text_colours <= set(palette.TEXT_ON_WHITE), used
    for key in palette.RAG:
        assert not re.search(rf"(?<![-\w])color: var\(--{key}\)", text), key


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert palette.contrast("#000000") == pytest.approx(21)
    assert palette.contrast("#ffffff") == pytest.approx(1)
    assert palette.contrast("#767676") == pytest.approx(4.54, abs=0.01)  # the AA threshold grey
