"""The wording of the documents as a reader meets it: sentences, names, terms, in both languages."""

from __future__ import annotations

import html
import io
import re

import pytest

from dotool.model.dates import Half
from dotool.render.document import render_masterplan, render_report
from tests.render.conftest import DATA_DATE

NBSP = "\u00a0"
HALF = Half.parse("2021-H2")


def _text(page: bytes) -> str:
    """The text of an HTML page as a browser runs it together (inline tags dropped)."""
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", "", page.decode(), flags=re.S)
    text = re.sub(r"</?(span|a|strong|em|b|i|abbr|time|small)\b[^>]*>", "", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _h1(page: bytes) -> str:
    """The text of the page's title, its no-break spaces kept."""
    found = re.search(r"<h1>(.*?)</h1>", page.decode(), flags=re.S)
    assert found
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


@pytest.mark.parametrize(("lang", "joint"), [
    ("de", "9 weitere Initiativen. Der Gesamtfortschritt"),
    ("en", "9 further initiatives. Overall progress"),
])
def test_summary_sentences_are_separated_by_a_space(sample_plan, lang: str, joint: str) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("html", "md"):
        data = render_report(sample_plan, HALF, fmt=fmt, lang=lang, data_date=DATA_DATE).data
        text = _text(data) if fmt == "html" else " ".join(data.decode().split())
        assert joint in text, fmt


@pytest.mark.parametrize("lang", ["de", "en"])
def test_municipality_in_a_title_never_breaks(sample_plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    """"Winsen (Luhe)" printed as a title keeps "(Luhe)" on its line: a no-break space in every
    output, the plan's own text unchanged."""
    import docx
    from pypdf import PdfReader

    assert sample_plan.masterplan.municipality == "Winsen (Luhe)"
    name = f"Winsen{NBSP}(Luhe)"
    md = render_masterplan(sample_plan, fmt="md", lang=lang, data_date=DATA_DATE).data.decode()
    assert md.startswith(f"# Masterplan Digitalisierung {name}\n")
    page = render_masterplan(sample_plan, fmt="html", lang=lang, data_date=DATA_DATE).data
    assert _h1(page) == f"Masterplan Digitalisierung {name}"
    report = render_report(sample_plan, HALF, fmt="html", lang=lang, data_date=DATA_DATE).data
    assert _h1(report).startswith(f"{name}: Masterplan Digitalisierung")
    word = docx.Document(io.BytesIO(render_masterplan(sample_plan, fmt="docx", lang=lang,
                                                      data_date=DATA_DATE).data))
    assert word.paragraphs[1].text == f"Masterplan Digitalisierung {name}"
    pdf = PdfReader(io.BytesIO(render_masterplan(sample_plan, fmt="pdf", lang=lang,
                                                 data_date=DATA_DATE).data))
    lines = pdf.pages[0].extract_text().splitlines()
    assert name in [line.strip() for line in lines]  # on one line, as one word


ANNEX = {"de": "Wie die Zahlen entstehen", "en": "How the figures are made"}


def _annex(sample_plan, lang: str, fmt: str = "md") -> str:  # type: ignore[no-untyped-def]
    data = render_report(sample_plan, HALF, fmt=fmt, lang=lang, data_date=DATA_DATE).data
    text = _text(data) if fmt == "html" else " ".join(data.decode().split())
    return text[text.rindex(ANNEX[lang]):]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_annex_on_the_figures_speaks_to_the_council(sample_plan, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The annex is read by councillors: it says what the figures mean, not which command or
    option of the tool does what."""
    for fmt in ("md", "html"):
        annex = _annex(sample_plan, lang, fmt)
        assert "Ampel" not in annex or lang == "de", "the English tables say RAG status"
        assert not re.search(r"--\w|\b(validate|export|show|list)\b", annex), annex


@pytest.mark.parametrize(("lang", "left_out", "counted"), [
    ("de", "ausgenommen die nicht öffentlichen", "in den Zahlen nach Status, Ampel und Fortschritt "
     "zählen sie mit"),
    ("en", "except the non-public ones", "they still count in the figures by status, RAG status "
     "and progress"),
])
def test_the_annex_says_what_the_committee_report_leaves_out(sample_plan, lang: str,  # type: ignore[no-untyped-def]
                                                             left_out: str, counted: str) -> None:
    """The committee report leaves a non-public measure's money out of the finance table while
    its progress counts in the average; the annex says exactly that (not 'a public report')."""
    from dotool.render.report_view import build_report_view

    view = build_report_view(sample_plan, HALF, data_date=DATA_DATE)
    secret = next(m for m in view.measures if m.restricted)
    assert secret.in_average and view.finances.withheld == 1  # the facts the text describes
    annex = _annex(sample_plan, lang)
    assert left_out in annex and counted in annex
    assert "public report" not in annex and "öffentlicher Bericht" not in annex


def test_the_annex_stands_on_portrait_pages(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(render_report(sample_plan, HALF, fmt="pdf", lang="de",
                                             data_date=DATA_DATE).data))
    start = next(i for i, page in enumerate(pdf.pages) if ANNEX["de"] in page.extract_text())
    annex = pdf.pages[start:]
    assert annex and all(page.mediabox.width < page.mediabox.height for page in annex)


@pytest.mark.parametrize(("lang", "heading", "marker"), [
    ("de", "Maßnahmen mit geplantem Ende im nächsten Halbjahr", "nicht öffentlich"),
    ("en", "Measures planned to end in the next half-year", "not public"),
])
def test_outlook_gives_away_no_date_of_a_non_public_measure(sample_plan, lang: str,  # type: ignore[no-untyped-def]
                                                             heading: str, marker: str) -> None:
    """M-016 (not public) ends in the next half: listed last, marked, without a date — not
    between two entries of 30.06.2022, which would tell its date."""
    from dotool.render.report_view import build_report_view

    secret = next(m for m in sample_plan.measures if not m.public)
    view = build_report_view(sample_plan, HALF, data_date=DATA_DATE)
    assert secret.id in [m.id for m in view.ending_next]
    md = render_report(sample_plan, HALF, fmt="md", lang=lang, data_date=DATA_DATE).data.decode()
    section = md[md.index(heading):].split("\n\n**", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(items) > 2
    assert items[-1] == f"- {secret.id} {secret.title} (_{marker}_)"
    assert not [line for line in items[:-1] if secret.id in line]
    page = _text(render_report(sample_plan, HALF, fmt="html", lang=lang, data_date=DATA_DATE).data)
    assert f"{secret.id} {secret.title} ({marker}) " in page
    # The internal edition shows the measure in full, in its place by date.
    full = build_report_view(sample_plan, HALF, data_date=DATA_DATE, internal=True)
    ends = [m.planned_end for m in full.ending_next]
    assert ends == sorted(ends) and secret.id in [m.id for m in full.ending_next]


def test_german_wording_reads_naturally(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from dotool.i18n import translations

    md = render_report(sample_plan, HALF, fmt="md", lang="de", data_date=DATA_DATE).data.decode()
    text = " ".join(md.split())
    assert "Eine nicht öffentliche Maßnahme ist in den Beträgen nicht enthalten." in text
    assert ("Ein fälliger Meilenstein einer nicht öffentlichen Maßnahme ist nicht "
            "aufgeführt.") in text
    assert "### 6.1 Verwaltungsintern" in md and "### 6.2 Verwaltungsextern" in md
    assert "Veränderung (Pkt.)" in md and "(Pp.)" not in md
    assert "**Maßnahmen mit geplantem Ende im nächsten Halbjahr:**" in md
    summary = text[text.index("Der Gesamtfortschritt des Masterplans beträgt 63 %"):][:300]
    assert "0 Prozent" not in summary and "ohne Fortschritt" in summary
    de = translations("de")
    assert de.ngettext("One non-public measure is not included in the amounts.",
                       "%(num)s non-public measures are not included in the amounts.", 3) \
        % {"num": 3} == "3 nicht öffentliche Maßnahmen sind in den Beträgen nicht enthalten."
    page = render_masterplan(sample_plan, fmt="html", lang="de", data_date=DATA_DATE).data.decode()
    assert "<caption>Bedeutung der Statuswerte</caption>" in page
    plan = render_masterplan(sample_plan, fmt="md", lang="de", data_date=DATA_DATE).data.decode()
    rows = re.findall(r"^\| (geplant|in Umsetzung|Daueraufgabe|abgeschlossen|zurückgestellt|"
                      r"entfallen) \| (.+) \|$", plan, flags=re.M)
    assert len(rows) == 6
    repeated = {"in Umsetzung": "umgesetzt"}  # the term's own word, inflected
    assert not [(status, meaning) for status, meaning in rows
                if repeated.get(status, status).lower() in meaning.lower()], \
        "a definition repeats its term"


def test_english_wording_is_consistent(sample_plan) -> None:  # type: ignore[no-untyped-def]
    """The English report says 'RAG status' and 'ongoing' as its tables do."""
    md = render_report(sample_plan, HALF, fmt="md", lang="en", data_date=DATA_DATE).data.decode()
    text = " ".join(md.split())
    for stale in ("Ampel", "standing task", "nothing done", "not listed:"):
        assert stale not in text, stale
    assert "Dropped and ongoing measures are left out" in text
    assert "One milestone of a non-public measure is not listed." in text
    assert "### 6.1 Internal" in md
