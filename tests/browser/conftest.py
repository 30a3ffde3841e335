"""Fixtures of the browser tests: the sample's site in two languages, a local server, Chromium.

The tests drive Debian's Chromium (`/usr/bin/chromium`) with Playwright and never download a
browser; `.ci/run` installs Chromium with apt-get, and `make test` installs the pinned axe-core
with `npm ci` whenever npm is there. Without them the tests are skipped with the reason — except
under CI (`CI` set), where a browser test that cannot run fails: CI must prove the site.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# No network on the test machines, and none wanted: every background service is off.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LANGS = ("de", "en")


@pytest.fixture(scope="session")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's site, German in www/de and English in www/en (so: from a sub-folder)."""
    from dotool.checks.run import load_valid_plan
    from dotool.render.site import render_site
    from dotool.store.tree import write_tree
    from tests.conftest import REPO

    plan = load_valid_plan(REPO)
    root = tmp_path_factory.mktemp("www")
    for lang in LANGS:
        write_tree(root / lang, render_site(plan, lang=lang, data_date=None, repo=REPO))
    return root


#: The generated plan's "today": it reports up to the half before (benchmarks/generate.py).
GENERATED_TODAY = date(2026, 7, 1)
#: Where the generated plan's site lies inside `www` (beside the sample's de/ and en/).
GENERATED = "generated"


@pytest.fixture(scope="session")
def generated(www: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A generated plan of 150 measures (benchmarks/generate.py, fixed seed), its site in
    www/generated/de and www/generated/en; returns one page of every kind, by kind."""
    from dotool.checks.run import load_valid_plan
    from dotool.render.site import render_site
    from dotool.store.tree import write_tree
    from tests.conftest import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    root = tmp_path_factory.mktemp("generated") / "plan"
    generate(root, measures=150, n_halves=12, seed=3, today=GENERATED_TODAY)
    plan = load_valid_plan(root, today=GENERATED_TODAY, cache=False)
    for lang in LANGS:
        write_tree(www / GENERATED / lang, render_site(plan, lang=lang, data_date=None, repo=root))
    # The measure with KPIs and the most updates (the longest history), and its first KPI.
    measure = max((m for m in plan.measures if m.kpis and m.public),
                  key=lambda m: (len(m.updates), len(m.kpis), m.id))
    fields = [f.key for f in plan.masterplan.fields]
    field = max(fields, key=lambda k: sum(m.field == k for m in plan.measures))
    latest = plan.latest_reported_half()
    return {"overview": "index.html", "field": f"fields/{field}.html",
            "measure": f"measures/{measure.id}.html",
            "kpi": f"kpis/{measure.id}-{measure.kpis[0].key}.html",
            "roadmap": "roadmap.html", "report": f"reports/{latest}.html",
            "list": "measures/index.html"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # silence the access log
        pass


@pytest.fixture(scope="session")
def server(www: Path) -> Iterator[str]:
    """`http.server` on 127.0.0.1 serving `www`, in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(www))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def unavailable(reason: str) -> None:
    """Skip a browser test that cannot run here, saying why; under CI, fail it instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} — under CI the browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright."""
    if not CHROMIUM.is_file():
        unavailable("Chromium is not installed at /usr/bin/chromium "
                    "(apt-get install chromium; .ci/run does this)")
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("playwright is not installed (make install)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


#: The widths every page is tried at: a laptop and a phone.
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(params=["desktop"])
def width(request: pytest.FixtureRequest) -> int:
    """The viewport's width (a test asks for both with `@pytest.mark.parametrize("width",
    ["desktop", "phone"], indirect=True)`)."""
    return WIDTHS[request.param]


@pytest.fixture
def page(browser: Any, server: str, width: int) -> Iterator[Any]:
    """A fresh page; fails the test if it asks for anything but the local site, or if the
    browser logs any console message (of any level: a 404, a warning, a script error)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    outside: list[str] = []
    console: list[str] = []
    tab.on("request", lambda request: None if request.url.startswith(
        (server, "file://", "data:")) else outside.append(request.url))
    tab.on("console", lambda message: console.append(
        f"{message.type}: {message.text} ({tab.url})"))
    tab.on("pageerror", lambda error: console.append(f"page error: {error} ({tab.url})"))
    # A request cut short because the test moved on to the next page is no failure.
    tab.on("requestfailed", lambda request: None if request.failure == "net::ERR_ABORTED"
           else console.append(f"failed: {request.url} ({request.failure})"))
    tab.on("response", lambda response: console.append(
        f"HTTP {response.status}: {response.url}") if response.status >= 400 else None)
    yield tab
    context.close()
    assert not outside, f"requests outside the site: {outside}"
    assert not console, "the browser logged:\n" + "\n".join(console)


@pytest.fixture(scope="session")
def axe_source() -> Path:
    if not AXE.is_file():
        unavailable("axe-core is not installed: npm ci --prefix tests/browser "
                    "(make test does this when npm is there)")
    return AXE
