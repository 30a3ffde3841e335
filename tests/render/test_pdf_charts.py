"""The PDF's charts are matplotlib's drawings, the same the HTML shows, and Typst lays out the
text while they are drawn without changing a byte of the PDF."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest

from dotool.model.dates import Half
from dotool.render import pdf
from dotool.render.document import Meta, render_masterplan, render_report
from tests.render.conftest import DATA_DATE, typeset_calls

HALF = Half.parse("2021-H2")  # the sample's half with trend and KPI charts


@pytest.mark.parametrize("name", ["report", "masterplan"])
def test_every_chart_of_the_pdf_is_the_drawing_the_html_shows(sample_plan: Any,
                                                               name: str) -> None:
    """Each chart reaches Typst as matplotlib's SVG, byte for byte the one inlined in the
    HTML, and the Typst source shows it as an image of that file with its text alternative:
    no chart is drawn a second time by hand."""
    render = (lambda fmt: render_report(sample_plan, HALF, fmt=fmt, lang="de",
                                        data_date=DATA_DATE)) if name == "report" else (
        lambda fmt: render_masterplan(sample_plan, fmt=fmt, lang="de", data_date=DATA_DATE))
    html = render("html").data.decode("utf-8")
    with typeset_calls() as seen:
        render("pdf")
    ((source, files),) = seen
    charts = {path: data for path, data in files.items() if path.startswith("charts/")}
    assert len(charts) >= (8 if name == "report" else 7), sorted(charts)
    for path, data in charts.items():
        svg = data.decode("utf-8")
        assert svg.startswith("<svg ") and svg in html, path
        assert re.search(rf'#figure\(image\("{re.escape(path)}", width: (?:[0-9.]+pt|100%), '
                         r'alt: "[^"]+"\)', source), path
    assert source.count('image("charts/') == len(charts)


def _sample_source(sample_plan: Any) -> tuple[str, dict[str, bytes]]:
    with typeset_calls() as seen:
        render_report(sample_plan, HALF, fmt="pdf", lang="en", data_date=DATA_DATE)
    return seen[0]


META = Meta("", "", "en", DATA_DATE)


@pytest.mark.parametrize("cores", [1, 2, 8])
def test_charts_drawn_while_typst_lays_out_give_the_pdf_of_one_compile(
        sample_plan: Any, monkeypatch: pytest.MonkeyPatch, cores: int) -> None:
    """With two cores or more the charts are drawn while Typst lays the text out around empty
    pictures of their size; the PDF is the very one a single compile with every chart makes.
    On one core they are drawn first."""
    source, files = _sample_source(sample_plan)
    charts = {path: data for path, data in files.items() if path.startswith("charts/")}
    others = {path: data for path, data in files.items() if path not in charts}
    single = pdf.typeset(source, files, META)
    started: list[str] = []
    meanwhile: list[bool] = []

    class Recorded(threading.Thread):
        def start(self) -> None:
            started.append(self.name)
            super().start()

    def draw() -> dict[str, bytes]:  # Typst may be done already: its cache knows the text
        meanwhile.append(started == ["dotool-typst-layout"])
        return charts

    monkeypatch.setattr(pdf.threading, "Thread", Recorded)
    monkeypatch.setattr(pdf, "_cores", lambda: cores)
    sizes = {path: (453.6, 200.0) for path in charts}  # sizes need not be exact
    assert pdf.typeset(source, others, META, pdf.Drawings(sizes, draw)) == single
    assert meanwhile == [cores > 1]


def test_a_chart_that_cannot_be_drawn_fails_the_pdf(sample_plan: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source, _files = _sample_source(sample_plan)
    monkeypatch.setattr(pdf, "_cores", lambda: 2)  # Typst lays out beside the failing drawing

    def draw() -> dict[str, bytes]:
        raise RuntimeError("matplotlib failed")

    with pytest.raises(RuntimeError, match="matplotlib failed"):
        pdf.typeset(source, {}, META, pdf.Drawings({"charts/status.svg": (100.0, 50.0)}, draw))


def test_an_error_in_the_document_is_reported_once_the_charts_are_drawn(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The layout beside the drawing keeps quiet; the compile after it reports Typst's error."""
    monkeypatch.setattr(pdf, "_cores", lambda: 2)
    drawn = []

    def draw() -> dict[str, bytes]:
        drawn.append(True)
        return {"charts/a.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="10pt" '
                                b'height="10pt" viewBox="0 0 10 10"/>'}

    with pytest.raises(pdf.TypesetError, match="unknown variable: nowhere"):
        pdf.typeset('= Title\n#image("charts/a.svg")\n#nowhere', {}, META,
                    pdf.Drawings({"charts/a.svg": (10.0, 10.0)}, draw))
    assert drawn == [True]


class PanicException(BaseException):
    """As pyo3 raises a panic of Rust code: not an `Exception`."""


def test_a_panic_in_the_layout_beside_the_drawing_is_left_to_the_compile(
        sample_plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Had Typst panicked while laying out beside the drawing, the thread would not print a
    traceback of its own; the compile that follows makes the PDF (or reports the failure)."""
    import typst

    source, files = _sample_source(sample_plan)
    charts = {path: data for path, data in files.items() if path.startswith("charts/")}
    others = {path: data for path, data in files.items() if path not in charts}
    real = typst.Compiler

    class Panicking:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.compiler = real(*args, **kwargs)

        def query(self, *args: Any, **kwargs: Any) -> Any:
            raise PanicException("index out of bounds")

        def compile(self, *args: Any, **kwargs: Any) -> Any:
            return self.compiler.compile(*args, **kwargs)

    uncaught: list[Any] = []
    monkeypatch.setattr(threading, "excepthook", uncaught.append)
    monkeypatch.setattr(typst, "Compiler", Panicking)
    monkeypatch.setattr(pdf, "_cores", lambda: 2)
    made = pdf.typeset(source, others, META, pdf.Drawings(
        {path: (453.6, 200.0) for path in charts}, lambda: charts))
    assert made.startswith(b"%PDF-") and uncaught == []
