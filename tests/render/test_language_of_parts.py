"""WCAG 3.1.2, language of parts: the plan's own text keeps the plan's language on a page in
another language — in the report, the masterplan and every page of the site."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from dotool.model.dates import Half
from dotool.render.document import render_masterplan, render_report
from tests.render.conftest import DATA_DATE

#: Text nodes not read as page text (the document title, scripts, charts with their own name).
_SKIP = {"title", "script", "style", "svg"}
_VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "col", "area", "base", "source"}


class _Langs(HTMLParser):
    """Every text node of a page with the language it is in (the nearest `lang` attribute)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:  # tolerate optional end tags (</p>, </li>) left out
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(tag in _SKIP for tag, _ in self.stack):
            lang = next((lang for _, lang in reversed(self.stack) if lang), None)
            self.texts.append((" ".join(data.split()), lang))


def text_langs(html: str) -> list[tuple[str, str | None]]:
    parser = _Langs()
    parser.feed(html)
    return parser.texts


def authored_strings(plan) -> set[str]:  # type: ignore[no-untyped-def]
    """Text written in the plan, long enough not to occur by chance in the interface."""
    mp = plan.masterplan
    found = {mp.title, mp.municipality, mp.committee, mp.owner or ""}
    found |= {g.title for g in mp.goals} | {f.title for f in mp.fields}
    for m in plan.measures:
        found |= {m.title, m.lead, *m.participants, *(ms.title for ms in m.milestones),
                  *(k.name for k in m.kpis), *(m.ozg.services if m.ozg else ())}
        for u in m.updates:  # the start of each update text, where it is plain text
            start = " ".join(u.text.split())[:30]
            if not any(c in start for c in "*_[`<&"):
                found.add(start)
    return {s for s in found if len(s) >= 8}


def unmarked(html: str, strings: set[str], plan_lang: str) -> list[str]:
    """Text nodes holding text of the plan that are not in the plan's language."""
    return sorted({text for text, lang in text_langs(html)
                   if lang != plan_lang and any(s in text for s in strings)})


def test_report_and_masterplan_in_english_mark_the_plans_german(sample_plan) -> None:  # type: ignore[no-untyped-def]
    strings = authored_strings(sample_plan)
    half = Half.parse("2021-H2")
    report = render_report(sample_plan, half, fmt="html", lang="en", data_date=half.end)
    masterplan = render_masterplan(sample_plan, fmt="html", lang="en", data_date=DATA_DATE)
    for html in (report.data.decode(), masterplan.data.decode()):
        assert '<html lang="en">' in html
        assert not unmarked(html, strings, "de")
        assert '<div lang="de">' in html  # Markdown text (descriptions, update texts)
        # The interface itself stays English.
        assert ("Key performance indicators", "en") in text_langs(html)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_same_language_adds_no_marks(sample_plan, fmt: str) -> None:  # type: ignore[no-untyped-def]
    half = Half.parse("2021-H2")
    text = render_report(sample_plan, half, fmt=fmt, lang="de", data_date=half.end).data.decode()
    assert 'lang="de"' not in text.replace('<html lang="de">', "")
    english = render_report(sample_plan, half, fmt="md", lang="en", data_date=half.end).data
    assert b'lang="' not in english  # Markdown has no markup for it


def test_site_in_english_marks_the_plans_german(sample_plan) -> None:  # type: ignore[no-untyped-def]
    from dotool.render.site import render_site

    strings = authored_strings(sample_plan)
    files = render_site(sample_plan, lang="en", data_date=None)
    pages = {name: data.decode() for name, data in files.items() if name.endswith(".html")}
    problems = {name: bad for name, html in pages.items()
                if (bad := unmarked(html, strings, "de"))}
    assert not problems
    # The field filter's options hold field titles: the option itself carries the language.
    assert '<option value="buergerservice" lang="de">' in pages["measures/index.html"]
    german = render_site(sample_plan, lang="de", data_date=None)["measures/M-004.html"].decode()
    assert 'lang="de"' not in german.replace('<html lang="de">', "")
