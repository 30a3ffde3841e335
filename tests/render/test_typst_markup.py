"""Plan text in Typst: whatever it holds, Typst shows it as text and runs nothing.

Each case is compiled by Typst itself (in an empty temporary root) and the PDF's text read back:
the text must come out as it went in, and the document must hold nothing but that text.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotool.render import FONT_DIR
from dotool.render.markdown import Images
from dotool.render.typst_markup import (
    escape,
    escape_inline,
    id_shapes,
    string,
    to_typst,
    visible,
)

HEAD = ('#set document(title: "t")\n'
        '#set text(lang: "de", font: ("Liberation Sans", "DejaVu Sans Mono"))\n= T\n')
#: What an attacker would try: run code, read files, close the element, comment out the rest.
ATTACKS = [
    '#read("/etc/passwd")', '#image("/etc/passwd")', '#include "main.typ"',
    '#import "@preview/cetz:0.3.0"', "]#read(\"main.typ\")[", "#{panic(\"x\")}",
    "// the rest of the line", "/* open comment", "$ x^2 $", "<label> @ref",
    "= Heading", "- item", "+ item", "/ term: def", "1. first", "```raw```", "`raw`",
    "\\u{1F600} \\#", "*bold* _emph_", "~ -- --- ... -?", "#let x = 1", "#set page(width: 1pt)",
    '"quoted" \'single\'', "&amp; &lt; <b>", "https://example.org/x", "[link](x)",
    "tab\there", "\x00\x07\x1b[2J\x7f", "x\u2028y\u2029z", "a]b[c", "#", "\\", "]", "[",
]


def compile_text(body: str, tmp_path: Path) -> str:
    """The text of the PDF that Typst makes of `HEAD + body`, whitespace folded."""
    import typst
    from pypdf import PdfReader

    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    (root / "main.typ").write_text(HEAD + body, encoding="utf-8")
    pdf = typst.compile(str(root / "main.typ"), root=str(root), font_paths=[str(FONT_DIR)],
                        ignore_system_fonts=True, pdf_standards=["ua-1"])
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return fold(text.removeprefix("T"))


def fold(text: str) -> str:
    """Whitespace folded to single spaces; soft hyphens of Typst's hyphenation removed."""
    return " ".join(text.replace("\xad\n", "").replace("\xad", "").split())


def expected(text: str) -> str:
    """What the reader sees of `text`: what fonts can show (`visible`), whitespace folded."""
    return fold(visible(text))


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_in_plain_text_is_shown_as_written(attack: str, tmp_path: Path) -> None:
    shown = compile_text(f"#[{escape_inline(attack)}]\n\n{escape(attack)}\n", tmp_path)
    want = expected(attack)
    # Typst's smart quotes turn straight quotes into typographic ones: the only change.
    assert shown.replace("„", '"').replace("“", '"').replace("‚", "'").replace("‘", "'") \
        == f"{want} {want}"


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_in_a_string_argument_stays_a_string(attack: str, tmp_path: Path) -> None:
    # alt texts and the document's metadata are Typst strings: `string` makes one literal.
    shown = compile_text(f"#text({string(attack)})\n", tmp_path)
    assert shown == expected(attack)


def test_markdown_keeps_its_structure_and_nothing_else(tmp_path: Path) -> None:
    text = ("# Titel im Text\n\nEin **fetter** und *kursiver* Satz mit `code` und "
            "[Link](https://example.org).\n\n- eins #read(\"x\")\n- zwei ]\n\n1. erstens\n\n"
            "> Zitat $x$\n\n[böse](javascript:alert(1)) ![extern](https://evil.example/x.png)")
    source = str(to_typst(text, Images()))
    assert "#link(\"https://example.org\")" in source
    assert "javascript" not in source.replace('\\"', "").split("#link")[0] or \
        "#link(\"javascript" not in source
    assert "#image" not in source  # a remote image is a link, never fetched
    shown = compile_text(source, tmp_path)
    assert shown.startswith("Titel im Text Ein fetter und kursiver Satz mit code und Link.")
    assert '• eins #read("x")' in shown and "• zwei ]" in shown and "1. erstens" in shown
    assert "Zitat $x$" in shown and "[böse](javascript:alert(1))" in shown


def test_a_local_image_is_embedded_under_a_name_of_dotools_making(tmp_path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    png = buffer.getvalue()
    from dotool.store.assets import repo_image_reader

    repo = tmp_path / "repo"
    (repo / "img").mkdir(parents=True)
    (repo / "img" / "plan.png").write_bytes(png)
    (repo / "img" / "fake.png").write_bytes(b"not a png at all")  # refused by its content
    images = Images(repo_image_reader(repo), "files")
    source = str(to_typst('![Plan "A"](img/plan.png) ![kaputt](img/fake.png) '
                          "![zweimal](img/plan.png)", images))
    (name,) = images.assets()  # embedded once however often it is shown
    assert re.fullmatch(r"assets/images/[0-9a-f]{20}\.png", name)
    assert images.sources() == {name: "img/plan.png"}
    assert 'alt: "Plan \\"A\\""' in source and "kaputt" in source and "fake" not in source
    root = tmp_path / "root"
    root.mkdir()
    (root / name).parent.mkdir(parents=True)
    (root / name).write_bytes(png)
    assert compile_text(source, tmp_path) == "kaputt"  # the picture has no text, only its alt


@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_text_compiles_into_a_pdf(tmp_path: Path, text: str) -> None:
    # Every code point, right-to-left scripts, emoji, unassigned ones: Typst never refuses the
    # text (PDF/UA forbids text without a glyph; `visible` replaces it) and never runs it.
    compile_text(f"#box[{escape_inline(text)}]\n{escape(text)}\n#text({string(text)})\n",
                 tmp_path)


# Left to right and without combining marks, the text read back is the text put in (pypdf
# reorders right-to-left runs and reads a letter with its combining mark twice, also one that
# the font composes from a base and a mark, as ⇎ from ⇔ and U+0338).
@settings(max_examples=60, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(max_codepoint=0x58F, blacklist_categories=(
    "Cs", "Mn", "Mc", "Me")) | st.characters(min_codepoint=0x2000, max_codepoint=0x21FF).filter(
    lambda c: not unicodedata.decomposition(c)
    and unicodedata.category(c) not in ("Mn", "Mc", "Me")), max_size=60))
def test_any_text_comes_out_as_it_went_in(tmp_path: Path, text: str) -> None:
    # Straight quotes too: the plan's text is shown as written, not set typographically.
    assert compile_text(f"#box[{escape_inline(text)}]\n", tmp_path) == expected(text)


#: Straight quotes Typst would turn into typographic ones, where a reader must see them as
#: written: a formula, code-like text, a quote closing after a bracket, feet and inches.
QUOTED = ['=HYPERLINK("http://evil.example/x","klick")', 'f(x)" und (y)\'', "'a' \"b\"",
          "Maß 6' 2\"", '"(")"', "It's the plan's \"goal\"", '""\'\'""']


@pytest.mark.parametrize("text", QUOTED)
def test_straight_quotes_stay_straight(text: str, tmp_path: Path) -> None:
    """In plain text, in Markdown (emphasis, a link's text, a list) and in a text's heading,
    as HTML and DOCX show them."""
    assert compile_text(escape(text), tmp_path) == text
    markdown = f"# {text}\n\n*{text}* [{text}](https://example.org)\n\n- {text}"
    source = str(to_typst(markdown, Images()))
    assert compile_text(source, tmp_path) == f"{text} {text} {text} • {text}"


def test_a_templates_own_quotes_stay_typographic() -> None:
    from dotool.render.typst_markup import gettext

    _ = gettext(lambda message: message)
    assert str(_('the "%(name)s" field', name='"x"')) == 'the "\\"x\\"" field'


def test_a_roadmap_part_keeps_the_space_before_its_number() -> None:
    """ "Roadmap: Schools (2/3)", not "Schools(2/3)": Typst printing strips the part's space."""
    from dotool.render.charts import Chart
    from dotool.render.templates import environment

    env = environment(lang="en", repo=None, images=Images(), html=False,
                      typst=True)
    chart = Chart("roadmap-2", "", "", 100.0, 50.0, lambda: ("<svg/>", None), subject="Schools",
                  part=" (2/3)")
    source = env.from_string('{% autoescape true %}{% import "_partials/measures.typ.j2" as '
                             "parts %}{{ parts.chart(c) }}{% endautoescape %}").render(c=chart)
    assert "caption: [Roadmap: Schools (2\\/3)]" in source


def test_the_id_column_is_measured_by_the_widest_id_of_each_prefix() -> None:
    # The annex's column of ids is as wide as these: one per prefix, with the most digits any
    # id of that prefix has (a plan that changed its prefix keeps the old ids).
    ids = ["M-001", "M-0042", "M-999", "DIG-12345", "DIG-100"]
    assert id_shapes(ids) == ["DIG-00000", "M-0000"]
    assert id_shapes([]) == []


def test_the_glyph_list_is_the_fonts_own() -> None:
    """`glyphs.txt` is what the fonts can show: after a font update, write it anew with
    `GLYPHS.write_text(font_glyphs())`."""
    from dotool.render.typst_markup import GLYPHS, _glyphs, font_glyphs

    assert GLYPHS.read_text(encoding="ascii") == font_glyphs()
    assert {ord("€"), ord("–"), ord("…"), ord("ß")} <= _glyphs()
    assert 0x4E2D not in _glyphs()  # no CJK in either font: shown as U+FFFD


def test_a_documents_pdf_shows_the_plans_quotes_as_written(plan_dir: Path) -> None:
    """The outside tester's case: a title and a summary with a formula and `)"` in the
    masterplan's PDF, read back from the PDF (HTML and DOCX show them so too)."""
    from datetime import date

    from pypdf import PdfReader

    from dotool.checks.run import load_valid_plan
    from dotool.render.document import render_masterplan

    path = plan_dir / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Online-Terminvergabe", "title: 'Termine (online)\"'")
                    .replace("summary: Termine online buchen.",
                             "summary: 'Formel =HYPERLINK(\"http://a.example\",\"klick\")'"),
                    encoding="utf-8")
    pdf = render_masterplan(load_valid_plan(plan_dir, cache=False), fmt="pdf", lang="de",
                            data_date=date(2021, 1, 15)).data
    shown = fold("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert 'Termine (online)"' in shown and '=HYPERLINK("http://a.example","klick")' in shown
