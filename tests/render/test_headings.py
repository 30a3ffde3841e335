"""Headings inside the plan's texts stand under the heading of the place the text is shown.

`## Ausgangslage` in the masterplan's `situation` is a level 3 heading under the chapter
"2 Ausgangslage" (level 2), `# Hintergrund` in a measure's summary a level 5 heading under the
measure (level 4) in the documents and a level 3 heading under "Steckbrief" on the site's
page; past level 6 a heading is a bold paragraph. Every output — Markdown, HTML, the site,
DOCX, the PDF's Typst source — goes down one level at a time, never skipping one.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

SITUATION = ("situation: |-\n  ## Ausgangslage\n\n  Vorab.\n\n  ### Im Detail\n\n  ```\n"
             "  # kein Titel\n  ## auch keiner\n  ```\n\n  ###### Ganz tief\n\n")
SUMMARY = "summary: |-\n  # Hintergrund\n\n  - ## In einer Liste\n\n  > ### Im Zitat\n\n"


@pytest.fixture
def plan(sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")
    path = sample_dir / "masterplan" / "masterplan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("situation: >-\n", SITUATION, 1),
                    encoding="utf-8")
    path = sample_dir / "measures" / "M-015-winsen-app.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: >-\n", SUMMARY, 1),
                    encoding="utf-8")
    return sample_dir


def _no_skips(levels: list[tuple[int, str]]) -> None:
    """Each heading at most one level below the one before it (the first one is a title)."""
    for (before, text_before), (now, text) in pairwise(levels):
        assert now <= before + 1, f"{text!r} (level {now}) under {text_before!r} ({before})"


def _after(levels: list[tuple[int, str]], title: str, count: int) -> list[tuple[int, str]]:
    index = next(i for i, (_, text) in enumerate(levels) if text.startswith(title))
    return levels[index:index + count]


WANT = [(2, "2 Ausgangslage"), (3, "Ausgangslage"), (4, "Im Detail")]
WANT_MEASURE = [(4, "M-015 Eigene Stadt-App „Winsen mobil“"), (5, "Hintergrund"),
                (6, "In einer Liste"), (4, "M-018 Innovationslabor und digitales Ideenmanagement")]


def test_markdown(plan: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run_cli("masterplan", "-o", tmp_path / "mp.md", "--root", plan)
    text = (tmp_path / "mp.md").read_text(encoding="utf-8")
    levels, fenced = [], False
    for line in text.splitlines():
        bare = line.lstrip(" >-")
        fenced = fenced != bare.startswith("```")
        found = re.match(r"(#{1,6}) (.*)", bare)
        if found and not fenced:
            levels.append((len(found.group(1)), found.group(2)))
    _no_skips(levels)
    assert _after(levels, "2 Ausgangslage", 3) == WANT
    assert _after(levels, "M-015", 4) == WANT_MEASURE
    assert "# kein Titel\n## auch keiner\n```" in text  # code stays as written
    assert "\n**Ganz tief**\n" in text  # level 7: a bold paragraph
    assert "\n> **Im Zitat**\n" in text
    assert "dotoolheading" not in text


def _html_levels(page: str) -> list[tuple[int, str]]:
    return [(int(level), re.sub(r"<[^>]+>", "", body).strip()) for level, body in
            re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", page, re.DOTALL)]


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_html_and_docx(plan: Path, run_cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"mp.{fmt}"
    run_cli("masterplan", "-o", out, "--root", plan)
    if fmt == "html":
        page = out.read_text(encoding="utf-8")
        levels = _html_levels(page)
        assert '<p class="text-heading"><strong>Ganz tief</strong></p>' in page
        assert '<p class="text-heading"><strong>Im Zitat</strong></p>' in page
        assert "data-nest" not in page
    else:
        import docx

        levels = []
        for paragraph in docx.Document(str(out)).paragraphs:
            style = paragraph.style.name
            if style == "Title" or style.startswith("Heading "):
                levels.append((1 if style == "Title" else int(style.split()[1]),
                               paragraph.text.strip()))
            assert paragraph.text.strip() not in ("Ganz tief", "Im Zitat") \
                or not style.startswith("Heading"), style
    _no_skips(levels)
    assert _after(levels, "2 Ausgangslage", 3) == WANT
    assert _after(levels, "M-015", 4) == WANT_MEASURE


def test_site(plan: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run_cli("site", "-o", tmp_path / "site", "--root", plan)
    page = (tmp_path / "site" / "measures" / "M-015.html").read_text(encoding="utf-8")
    levels = _html_levels(page)
    _no_skips(levels)
    assert [level for level, _ in levels].count(1) == 1
    assert _after(levels, "Steckbrief", 4) == [(2, "Steckbrief"), (3, "Hintergrund"),
                                               (4, "In einer Liste"), (5, "Im Zitat")]


def test_pdf(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dotool.render.pdf
    from dotool.checks.run import load_valid_plan
    from dotool.render.document import render_masterplan

    sources: list[str] = []
    real = dotool.render.pdf.typeset

    def capture(source: str, files: dict[str, bytes], meta: Any, drawings: Any = None) -> bytes:
        sources.append(source)
        return real(source, files, meta, drawings)  # it must compile as well

    monkeypatch.setattr(dotool.render.pdf, "typeset", capture)
    from datetime import date

    render_masterplan(load_valid_plan(plan, cache=False), fmt="pdf", lang="de",
                      data_date=date(2026, 1, 15))
    source = sources[0]
    levels = [(len(eq) if eq else int(n), re.sub(r"\s+", " ", body).strip())
              for eq, body, n, body2 in re.findall(
                  r"^(=+) (.*)$|#heading\(level: (\d)[^)]*\)\[(.*?)\];", source, re.MULTILINE)
              for body in [body or body2]]
    _no_skips(levels)
    shifted = "outlined: false, bookmarked: false"
    assert re.search(r"^== \S+ Ausgangslage\n+#heading\(level: 3, " + shifted
                     + r"\)\[Ausgangslage\];", source, re.MULTILINE), source
    assert f"#heading(level: 4, {shifted})[Im Detail];" in source
    assert "#block(sticky: true, strong[Ganz tief]);" in source
    assert f"#heading(level: 5, {shifted})[Hintergrund];" in source
    assert f"#heading(level: 6, {shifted})[In einer Liste];" in source
    assert "#block(sticky: true, strong[Im Zitat]);" in source
    assert "dotoolheading" not in source
