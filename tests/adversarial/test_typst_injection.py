"""The PDF is Typst code made from plan text: no text of the plan may run as Typst.

Every text field of a plan carries Typst that would read a file, import a package, break out
of its element or restyle the document. The PDFs must come out (exit 0), show each payload as
the text it is, hold no byte of the files the payloads reach for, and embed only images that
are files inside the repository.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tests.adversarial.helpers import Worker, assert_clear
from tests.conftest import copy_base

SECRET = "GEHEIMNIS-7f3a9c"  # in a file inside the repository that no payload may reach
#: Each payload on its own: code, file access, escapes from the element, markup, comments.
PAYLOADS = [
    '#read("secret.txt")', '#image("secret.png")', '#include "secret.typ"',
    '#import "@preview/cetz:0.3.0": *', ']; #read("/etc/hostname") #[', "#{panic(\"x\")}",
    '#set page(width: 1pt)', "#show: it => none", "// Kommentar ]", "/* offen",
    "$ x^2 $ <label> @ref", "`raw` ```block```", "\\u{1F600} \\#", "*fett* _kursiv_",
    "& &amp; < > \" '", "1. erstens", "- Punkt", "= Überschrift",
]


def _payload(index: int) -> str:
    return f"P{index}: {PAYLOADS[index % len(PAYLOADS)]}"


def _hostile_plan(root: Path) -> Path:
    copy_base(root)
    (root / "secret.txt").write_text(SECRET, encoding="utf-8")
    (root / "secret.typ").write_text(f"{SECRET}\n", encoding="utf-8")
    from PIL import Image

    Image.new("RGB", (8, 8), "blue").save(root / "plan.png")
    Image.new("RGB", (8, 8), "red").save(root / "secret.png")
    master = root / "masterplan" / "masterplan.yaml"
    text = master.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^committee: .*$", lambda _m: f"committee: {json.dumps(_payload(0))}",
                  text)
    text = re.sub(r"(?m)^title: .*$",
                  lambda _m: f"title: {json.dumps('Masterplan ' + _payload(1))}", text, count=1)
    text = text.replace("title: Digitales Rathaus", f"title: {json.dumps(_payload(2))}")
    master.write_text(text, encoding="utf-8")
    measure = root / "measures" / "M-001-termine.yaml"
    text = measure.read_text(encoding="utf-8")
    summary = "\n\n".join(_payload(i) for i in range(3, 3 + len(PAYLOADS)))
    summary += "\n\n![Planbild](plan.png) ![Geheim](secret.txt) ![fern](https://evil.example/x.png)"
    for key, value in (("title", "Termine " + _payload(4)), ("summary", summary),
                       ("lead", "Fachdienst " + _payload(5))):
        text = re.sub(rf"(?m)^{key}: .*$", lambda _m, k=key, v=value: f"{k}: {json.dumps(v)}",
                      text, count=1)
    text = text.replace("name: Anteil online gebuchter Termine", f"name: {json.dumps(_payload(6))}")
    text = text.replace("title: Software ausgewählt", f"title: {json.dumps(_payload(7))}")
    text = text.replace("text: In Betrieb.", f"text: {json.dumps(_payload(8) + ' ' + _payload(9))}")
    measure.write_text(text, encoding="utf-8")
    (root / "masterplan" / "reports").mkdir()
    (root / "masterplan" / "reports" / "2021-H1.yaml").write_text(
        f"vorlage: {json.dumps(_payload(10))}\nbody: {json.dumps(_payload(11))}\n"
        f"introduction: {json.dumps(_payload(12))}\nconclusion: {json.dumps(_payload(13))}\n"
        f"signature: {json.dumps('Stabsstelle ' + _payload(14))}\n", encoding="utf-8")
    return root


def _fold(text: str) -> str:
    text = text.replace("\xad\n", "").replace("\xad", "")
    for glyph, plain in (("„", '"'), ("“", '"'), ("‚", "'"), ("‘", "'"), ("”", '"'), ("’", "'")):
        text = text.replace(glyph, plain)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdfs(worker: Worker, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    base = tmp_path_factory.mktemp("typst")
    root = _hostile_plan(base / "plan")
    assert_clear(worker.run("validate", "--root", root, cwd=root), 0)
    out: dict[str, bytes] = {}
    for name, args in (("report-de", ("report", "--half", "2021-H1")),
                       ("report-en", ("report", "--half", "2021-H1", "--lang", "en")),
                       ("masterplan-de", ("masterplan",)),
                       ("masterplan-en", ("masterplan", "--lang", "en"))):
        target = base / f"{name}.pdf"
        assert_clear(worker.run(*args, "-o", target, "--root", root, cwd=root), 0)
        out[name] = target.read_bytes()
    return out


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return _fold("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


#: Where each payload shows as plain text: the report shows the plan's title, a field, the
#: measure's title, its KPI, the update text and the paper; the masterplan the committee, the
#: titles, the lead, KPI, milestone and the summary. (Markdown fields are left out where the
#: payload means something in Markdown: `*fett*` is emphasis there, by design.)
SHOWN = {"report": [1, 2, 4, 6, 8, 9, 10, 11, 14],
         "masterplan": [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 15]}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["report-de", "report-en", "masterplan-de", "masterplan-en"])
def test_every_payload_is_shown_as_text(pdfs: dict[str, bytes], name: str) -> None:
    text = _text(pdfs[name])
    missing = [_payload(i) for i in SHOWN[name.split("-")[0]] if _fold(_payload(i)) not in text]
    assert not missing, f"not shown as written in {name}: {missing}"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["report-de", "report-en", "masterplan-de", "masterplan-en"])
def test_no_payload_reads_a_file_or_restyles_the_document(pdfs: dict[str, bytes],
                                                          name: str) -> None:
    from pypdf import PdfReader

    pdf = pdfs[name]
    assert SECRET.encode() not in pdf and SECRET not in _text(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    # `#set page(width: 1pt)` ran nowhere: every page is A4, portrait or landscape.
    for page in reader.pages:
        size = sorted(round(float(v)) for v in page.mediabox[2:])
        assert size == [595, 842], size
    images = [image for page in reader.pages for image in page.images]
    if name.startswith("masterplan"):  # the summary's picture, once; the secret one never
        assert len(images) == 1
        assert images[0].image.getpixel((0, 0))[:3] == (0, 0, 255)
