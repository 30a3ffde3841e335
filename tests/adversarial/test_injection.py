"""Text of the plan is data, never code or markup: no template injection, no XSS, no leaks.

A contributor controls every text field through a pull request; readers of the public site and
of the published documents must get that text shown, not run. And the internal fields
(`contact`, measures with `public: false`) must not reach any public output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.adversarial.helpers import Worker, assert_clear
from tests.conftest import copy_base

JINJA = "{{ 777 * 1000 }}{% for x in range(3) %}L{{ x }}{% endfor %}{{ self.__init__ }}"
HTML = ('<script>alert(1)</script><img src=x onerror="alert(2)"><iframe src="//evil">'
        '"><svg/onload=alert(3)>')
LINKS = "[klick](javascript:alert(4)) ![bild](http://evil.example/x.png) [d](data:text/html,x)"
SECRET_CONTACT = "Frau Geheim, -4711, geheim@example.invalid"
SECRET_TITLE = "Vertrauliche Maßnahme Zebra"
SECRET_TEXT = "Interner Sachstand Okapi"


def _hostile_plan(root: Path) -> Path:
    copy_base(root)
    measure = root / "measures" / "M-001-termine.yaml"
    text = measure.read_text(encoding="utf-8")
    for key, value in (("title", f"Termine {JINJA} {HTML}"),
                       ("summary", f"{HTML}\n\n{LINKS}\n\n{JINJA}"),
                       ("lead", f"Fachdienst {HTML}")):
        text = re.sub(rf"(?m)^{key}: .*$", f"{key}: {json.dumps(value)}", text, count=1)
    text = text.replace("text: In Betrieb.", f"text: {json.dumps(HTML + ' ' + JINJA)}")
    text += f"contact: {json.dumps(SECRET_CONTACT)}\n"
    measure.write_text(text, encoding="utf-8")
    (root / "measures" / "M-004-intern.yaml").write_text(
        f"id: M-004\ntitle: {SECRET_TITLE}\nfield: rathaus\nscope: internal\nkind: project\n"
        f"summary: {SECRET_TEXT}\nlead: Hauptamt\ncontact: {json.dumps(SECRET_CONTACT)}\n"
        f"public: false\nstart: 2020-07\nupdates:\n  - half: 2021-H1\n    status: in_progress\n"
        f"    rag: green\n    progress: 10\n    text: {SECRET_TEXT}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def outputs(worker: Worker, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every rendering of the hostile plan: name → text (the site: every file joined)."""
    base = tmp_path_factory.mktemp("injection")
    root = _hostile_plan(base / "plan")
    assert_clear(worker.run("validate", "--root", root, cwd=root), 0)
    out = base / "out"
    commands = {
        "report.md": ("report", "--half", "2021-H1"),
        "report.html": ("report", "--half", "2021-H1", "-o", f"{out}/report.html"),
        "report-internal.html": ("report", "--half", "2021-H1", "--internal", "-o",
                                 f"{out}/report-internal.html"),
        "masterplan.md": ("masterplan",),
        "masterplan.html": ("masterplan", "-o", f"{out}/masterplan.html"),
        "export-public.json": ("export", "--public"),
        "export.json": ("export",),
        "export-csv": ("export", "--public", "--format", "csv", "-o", f"{out}/csv"),
        "site": ("site", "-o", f"{out}/site"),
        "list": ("list", "--format", "json"),
        "show": ("show", "M-001", "--format", "json"),
    }
    texts: dict[str, str] = {}
    for name, args in commands.items():
        run = worker.run(*args, "--root", root, cwd=root)
        assert_clear(run, 0)
        texts[name] = run.stdout
    for name in ("report.html", "report-internal.html", "masterplan.html"):
        texts[name] = (out / name).read_text(encoding="utf-8")
    for name, folder, pattern in (("export-csv", out / "csv", "*"),
                                  ("site", out / "site", "*.html"),
                                  ("site-scripts", out / "site", "*.js")):
        texts[name] = "\n".join(p.read_text(encoding="utf-8")
                                for p in sorted(folder.rglob(pattern)) if p.is_file())
    return texts


HTML_OUTPUTS = ["report.html", "report-internal.html", "masterplan.html", "site"]
ALL = [*HTML_OUTPUTS, "report.md", "masterplan.md", "export-public.json", "export.json",
       "export-csv", "list", "show"]


@pytest.mark.parametrize("name", ALL)
def test_text_is_never_evaluated_as_jinja(outputs: dict[str, str], name: str) -> None:
    text = outputs[name]
    assert "777000" not in text and "L0L1L2" not in text, name
    # (Markdown shows the `*` escaped, as text: `777 \* 1000`.)
    assert "777 * 1000" in text.replace("\\*", "*"), f"{name}: the text was dropped"


@pytest.mark.parametrize("name", [*HTML_OUTPUTS, "report.md", "masterplan.md"])
def test_raw_html_is_escaped(outputs: dict[str, str], name: str) -> None:
    text = outputs[name].lower()
    for bad in ("<script>alert", "<img src=x", "<iframe", "<svg/onload", 'href="javascript:',
                'src="http://evil', 'href="data:text/html'):
        assert bad not in text, f"{name} contains {bad!r}"
    if name in HTML_OUTPUTS:  # in Markdown `<` is escaped, the quotes after it need not be
        assert 'onerror="alert' not in text, name


def test_site_search_index_is_data_and_never_markup(outputs: dict[str, str]) -> None:
    scripts = outputs["site-scripts"]
    # The index holds the text as JSON strings, used for matching only: never written into the
    # page as HTML, and `</` escaped so it could not end a <script> element either.
    assert "<script>alert(1)<\\/script>" in scripts
    assert "</script>" not in scripts
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in scripts, sink


@pytest.mark.parametrize("name", ["site", "export-public.json", "export-csv"])
def test_public_outputs_hold_nothing_internal(outputs: dict[str, str], name: str) -> None:
    text = outputs[name]
    for secret in (SECRET_TITLE, SECRET_TEXT, "M-004", "Geheim", "geheim@"):
        assert secret not in text, f"{name} leaks {secret!r}"


@pytest.mark.parametrize("name", [n for n in ALL if n not in ("list", "show")])
def test_contact_is_in_no_rendered_output(outputs: dict[str, str], name: str) -> None:
    assert "Geheim" not in outputs[name] and "geheim@" not in outputs[name], name


@pytest.mark.parametrize("name", ["report.md", "report.html", "masterplan.md",
                                  "masterplan.html"])
def test_committee_documents_show_a_non_public_measure_by_title_only(outputs: dict[str, str],
                                                                     name: str) -> None:
    assert SECRET_TEXT not in outputs[name], name
    if name.startswith("report"):
        assert SECRET_TITLE in outputs[name], name
    assert SECRET_TEXT in outputs["report-internal.html"]
