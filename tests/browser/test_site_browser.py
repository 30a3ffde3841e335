"""The site in a real browser: accessibility (axe-core), filters, search, keyboard, file://."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import GENERATED

pytestmark = pytest.mark.browser

#: One page of every kind the site has.
PAGES = ["index.html", "measures/index.html", "measures/M-004.html", "measures/M-008.html",
         "fields/index.html", "fields/buergerservice.html", "roadmap.html", "kpis/index.html",
         "kpis/M-004-online_share.html", "reports/index.html", "reports/2021-H2.html",
         "about.html"]
BOTH = pytest.mark.parametrize("width", ["desktop", "phone"], indirect=True)


def visible_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "tr[data-measure]", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.measure)")


def fits_reads_and_passes_axe(page: Any, url: str, width: int, axe: Path) -> None:
    """At `width`: no sideways scrolling of the page, chart text at least 9.5 px as shown, no
    accessibility violation of any impact (the `page` fixture fails on any console message)."""
    page.goto(url)
    name = url.split("/", 3)[-1]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, \
        f"{name} scrolls sideways at {width} px: {wider_than(page, width)}"
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
        'figure.chart svg text')].map(t => parseFloat(getComputedStyle(t).fontSize)
        * t.getScreenCTM().a).filter(v => v > 0), 99)""")
    assert smallest >= 9.5, f"{name}: chart text {smallest:.1f} px at {width} px"
    page.add_script_tag(path=str(axe))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    bad = result["violations"]
    report = json.dumps([{"id": v["id"], "impact": v["impact"], "help": v["help"],
                          "nodes": [n["target"] for n in v["nodes"][:5]]} for v in bad],
                        indent=2)
    assert not bad, f"{name} at {width} px:\n{report}"


def wider_than(page: Any, width: int) -> list[str]:
    """The innermost elements that reach past `width` (what makes a page scroll sideways)."""
    return page.evaluate("""(width) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > width + 0.5
                && ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
        .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                         + ' ' + (e.textContent || '').trim().slice(0, 40))""", width)


@BOTH
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_fits_reads_and_passes_axe(page, server, axe_source, lang, path, width) -> None:  # type: ignore[no-untyped-def]
    """Every kind of page of the sample's site, at 1280 and 390 px."""
    fits_reads_and_passes_axe(page, f"{server}/{lang}/{path}", width, axe_source)


@BOTH
@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("kind", ["overview", "field", "measure", "kpi", "roadmap", "report",
                                  "list"])
def test_generated_plan_fits_reads_and_passes_axe(page, server, axe_source, generated, lang,  # type: ignore[no-untyped-def]
                                                  kind, width) -> None:
    """One page of every kind of a generated plan of 150 measures (words, tables and charts
    we did not write: long German compounds, 150 rows, twelve halves of history)."""
    url = f"{server}/{GENERATED}/{lang}/{generated[kind]}"
    fits_reads_and_passes_axe(page, url, width, axe_source)


def test_favicon_is_the_sites_own(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/de/measures/M-004.html")
    href = page.get_attribute("link[rel=icon]", "href")
    assert href == "../favicon.svg"
    response = page.request.get(f"{server}/de/favicon.svg")
    assert response.ok and response.headers["content-type"].startswith("image/svg")


@pytest.mark.parametrize("typed", ["buergerbüro", "BÜRGERBUERO", "Buergerbuero",
                                   "burgerburo", "m-004"])
def test_search_folds_umlauts_and_case(page, server, typed) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/de/measures/index.html")
    page.fill("#f-q", typed)
    found = visible_ids(page)
    assert "M-004" in found and len(found) < 24, (typed, found)


def test_search_folds_sharp_s(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/de/measures/index.html")
    page.fill("#f-q", "Strasse")
    with_ss = visible_ids(page)
    page.fill("#f-q", "Straße")
    assert visible_ids(page) == with_ss and 0 < len(with_ss) < 24


def test_filters_by_clicks(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/de/measures/index.html")
    assert page.is_visible("#filters")
    everything = visible_ids(page)
    assert len(everything) == 24
    assert page.inner_text("#filter-count") == "24 von 24 Maßnahmen angezeigt"

    page.select_option("#f-status", "completed")
    completed = visible_ids(page)
    expected = page.eval_on_selector_all(
        "tr[data-status='completed']", "rows => rows.map(r => r.dataset.measure)")
    assert completed == expected and 0 < len(completed) < 24
    assert page.inner_text("#filter-count").startswith(f"{len(completed)} von 24")

    page.select_option("#f-field", "buergerservice")
    both = visible_ids(page)
    assert set(both) <= set(completed) and "M-004" in both

    page.select_option("#f-scope", "internal")
    assert "M-004" not in visible_ids(page)  # M-004 is verwaltungsextern

    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('tr[data-measure][hidden]').length === 0")
    assert visible_ids(page) == everything

    page.select_option("#f-rag", "red")
    red = visible_ids(page)
    assert red and all(page.get_attribute(f"tr[data-measure='{i}']", "data-rag") == "red"
                       for i in red)


def test_full_text_search_by_typing(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/de/measures/index.html")
    page.click("#f-q")
    page.keyboard.type("Terminvergabe")
    assert "M-004" in visible_ids(page) and len(visible_ids(page)) < 24
    # Words found in the text of the updates, without case and accents.
    page.fill("#f-q", "")
    page.keyboard.type("wartezeit burgerburo")
    assert "M-004" in visible_ids(page)
    page.fill("#f-q", "")
    page.keyboard.type("xyzzy-nothing")
    assert visible_ids(page) == []
    assert page.is_visible("#no-results")


def test_search_from_the_header(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/en/index.html")
    page.fill("#site-q", "Kita")
    page.press("#site-q", "Enter")
    page.wait_for_url(re.compile(r".*/en/measures/index\.html\?q=Kita$"))
    assert page.input_value("#f-q") == "Kita"
    found = visible_ids(page)
    assert "M-019" in found and len(found) < 5  # the Kita-Portal, and texts that name it


def test_header_search_fills_both_boxes_and_the_address_keeps_the_list(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/en/index.html")
    page.fill("#site-q", "Kita")
    page.press("#site-q", "Enter")
    page.wait_for_url(re.compile(r".*/en/measures/index\.html\?q=Kita$"))
    # The list's own search box and the header's both show what is searched for.
    assert page.input_value("#f-q") == "Kita" and page.input_value("#site-q") == "Kita"

    # Searching and filtering on the list is kept in the address ...
    page.fill("#f-q", "Glasfaser")
    page.select_option("#f-field", "infrastruktur")
    assert page.url.endswith("/en/measures/index.html?q=Glasfaser&field=infrastruktur")
    assert page.input_value("#site-q") == "Glasfaser"
    found = visible_ids(page)
    assert found == ["M-009"]
    # ... so going back to the list from a measure shows the same list, not the first search.
    page.click("tr[data-measure='M-009'] a")
    page.wait_for_url(re.compile(r".*/en/measures/M-009\.html$"))
    page.go_back()
    page.wait_for_url(re.compile(r".*\?q=Glasfaser&field=infrastruktur$"))
    assert page.input_value("#f-q") == "Glasfaser"
    assert page.input_value("#f-field") == "infrastruktur"
    assert visible_ids(page) == found
    # Resetting the filters clears the address as well.
    page.click("button[type=reset]")
    page.wait_for_url(re.compile(r".*/en/measures/index\.html$"))
    assert len(visible_ids(page)) == 24


def test_keyboard_skip_link_and_visible_focus(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/de/measures/M-004.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.is_visible(".skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Every link and control can be reached with Tab and shows where the focus is.
    page.goto(f"{server}/de/index.html")
    seen = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement;
            const s = getComputedStyle(e);
            return [e.tagName, e.textContent.trim(), s.outlineStyle, s.outlineWidth]; }""")
        assert info[2] != "none" and info[3] != "0px", info
        seen.add(info[1])
    assert "Handlungsfelder" in seen and "Sachstandsberichte" in seen


def test_works_from_file_url(page, www) -> None:  # type: ignore[no-untyped-def]
    page.goto((www / "de" / "measures" / "index.html").as_uri())
    # The stylesheet and the scripts load through relative paths.
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert colour == "rgb(31, 78, 121)"
    page.fill("#f-q", "Glasfaser")
    assert "M-009" in visible_ids(page) and len(visible_ids(page)) < 24
    page.click("text=Übersicht")
    assert page.url.endswith("/de/index.html")


def test_english_labels(page, server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/en/measures/M-004.html")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text(".skip-link") == "Skip to content"




PHONE = pytest.mark.parametrize("width", ["phone"], indirect=True)


@PHONE
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_chart_of_the_generated_plan_is_whole_on_a_phone(page, server, generated, lang,  # type: ignore[no-untyped-def]
                                                               width) -> None:
    """At 390 px no chart scrolls inside its frame: a bar's end, its value, a legend or the
    latest half cut off at the right is out of sight (headless Chromium shows no scrollbar)."""
    seen = []
    for kind in ("overview", "report", "field", "measure", "kpi", "roadmap"):
        page.goto(f"{server}/{GENERATED}/{lang}/{generated[kind]}")
        sizes = page.eval_on_selector_all("figure.chart", """charts => charts.map(c =>
            [c.dataset.chart, c.scrollWidth, c.clientWidth])""")
        cut = [(name, wide, box) for name, wide, box in sizes if wide > box]
        assert not cut, f"{kind} at {width} px: charts wider than their box: {cut}"
        seen += [name for name, _wide, _box in sizes]
    # The report page's charts (its counts, the trend, the KPIs) and the overview's were seen.
    assert {"status", "rag", "progress", "trend", "budget", "kpis-1"} <= set(seen), seen


def _edges(page: Any, wrap: Any) -> tuple[float, float]:
    """How light the left and right edge (4 px) of a scrolling table's box are, 0–255, with
    the table's own text, lines and fills hidden: what is left is the box's own background."""
    from io import BytesIO

    from PIL import Image, ImageStat

    shot = Image.open(BytesIO(wrap.screenshot())).convert("L")
    w, h = shot.size
    top = h // 4  # below the table's head

    def mean(x0: int) -> float:
        return float(ImageStat.Stat(shot.crop((x0, top, x0 + 4, h))).mean[0])

    return mean(0), mean(w - 4)


@PHONE
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_table_wider_than_a_phone_shows_there_is_more(page, server, generated, lang,  # type: ignore[no-untyped-def]
                                                       width) -> None:
    """A measure's history is wider than 390 px and scrolls in its own box: a shadow at the
    right edge says that more lies beyond; scrolled to its end, the shadow is at the left."""
    page.goto(f"{server}/{GENERATED}/{lang}/{generated['measure']}")
    wrap = page.locator(".table-wrap:has(table.history)")
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the history fits at 390 px"
    page.add_style_tag(content=".table-wrap * { color: transparent !important; "
                       "border-color: transparent !important; background: none !important; "
                       "box-shadow: none !important; }")
    wrap.scroll_into_view_if_needed()
    left, right = _edges(page, wrap)
    assert left > 250 and right < 225, f"at the start: left {left:.0f}, right {right:.0f}"
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    left, right = _edges(page, wrap)
    assert left < 225 and right > 250, f"at the end: left {left:.0f}, right {right:.0f}"
    # A table that fits its box shows no shadow at all.
    fits = page.locator(".table-wrap").first
    assert fits.evaluate("w => w.scrollWidth <= w.clientWidth")
    assert min(_edges(page, fits)) > 250
