"""A repository's template overrides: trusted code, but a broken one is a clear, located error.

Overrides are reviewed like any other change to the repository (they can run any Jinja), so
the suite does not try to sandbox them. What it proves: a syntax error, an undefined variable,
a file that is not UTF-8, a missing parent, endless recursion — each gives exit 1 and a message
naming the template file and line, never a traceback, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.helpers import Worker, assert_clear, changes, snapshot
from tests.conftest import copy_base

# name → (template text, the line the error must name); ROOT stands for the root object of the
# template overridden (src/dotool/templates/README.md): "undefined" also proves it is defined.
BROKEN: dict[str, tuple[bytes, int]] = {
    "syntax": (b"# {{ ROOT.header.title }}\n\n{% if %}\n", 3),
    "unclosed": (b"line one\n{% for x in ROOT.fields %}\n{{ x }}\n", 3),  # its last line
    "undefined": (b"# Bericht\n\n{{ ROOT.header.title }}\n{{ no_such_variable }}\n", 4),
    "undefined-attribute": (b"one\ntwo\n{{ ROOT.no_such_attribute.deeper }}\n", 3),
    "latin1": ("# Bericht\nÜbersicht {{ ROOT }}\n".encode("latin-1"), 2),
    "binary": (b"\x89PNG\r\n\x1a\n\xff\xfe\0\0", 1),
    "missing-parent": (b'{% extends "no-such-base.j2" %}\n', 1),
    "recursion": (b'x\n{% include "report.md.j2" %}\n', 2),
    "error-in-filter": (b"a\nb\nc\n{{ ROOT.header | num }}\n", 4),
}

#: The root object of each kind of template: a report's, the masterplan's, a site page's.
ROOTS = {"report": b"report", "masterplan": b"plan", "site": b"site"}

# (command, the template it renders first)
COMMANDS: list[tuple[tuple[str, ...], str]] = [
    (("report", "--half", "2020-H2"), "report.md.j2"),
    (("report", "--half", "2020-H2", "-o", "{out}/report.html"), "report.html.j2"),
    (("report", "--half", "2020-H2", "-o", "{out}/report.docx"), "report.html.j2"),
    (("report", "--half", "2020-H2", "-o", "{out}/report.pdf"), "report.typ.j2"),
    (("masterplan",), "masterplan.md.j2"),
    (("masterplan", "-o", "{out}/masterplan.html"), "masterplan.html.j2"),
    (("masterplan", "-o", "{out}/masterplan.pdf"), "masterplan.typ.j2"),
    (("site", "-o", "{out}/site"), "site/index.html.j2"),
]


@pytest.mark.parametrize("broken", sorted(BROKEN))
@pytest.mark.parametrize("command", range(len(COMMANDS)), ids=[c[1] + "-" + c[0][-1].split(
    "/")[-1] for c in COMMANDS])
def test_broken_override_names_file_and_line(worker: Worker, tmp_path: Path, broken: str,
                                             command: int) -> None:
    args, template = COMMANDS[command]
    text, line = BROKEN[broken]
    if broken == "recursion":  # include itself, whichever template it is
        text = text.replace(b"report.md.j2", template.encode())
    text = text.replace(b"ROOT", ROOTS[template.split(".")[0].split("/")[0]])
    root = copy_base(tmp_path / "plan")
    target = root / "templates" / template
    target.parent.mkdir(parents=True)
    target.write_bytes(text)
    out = tmp_path / "out"
    before = snapshot(root)
    run = worker.run(*(a.format(out=out) for a in args), "--root", root, cwd=root)
    assert_clear(run, 1, says=f"templates/{template}:{line}:")
    assert not changes(before, snapshot(root))
    assert not out.exists() or not any(out.rglob("*")), "a failed rendering wrote output"


def test_a_working_override_is_used(worker: Worker, tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    (root / "templates").mkdir()
    (root / "templates" / "report.md.j2").write_text("Eigener Bericht: {{ report.header.title }}\n",
                                                     encoding="utf-8")
    run = worker.run("report", "--half", "2020-H2", "--root", root, cwd=root)
    assert_clear(run, 0)
    assert run.stdout.startswith("Eigener Bericht: ")


def test_an_override_that_typst_refuses_is_a_clear_error(worker: Worker, tmp_path: Path) -> None:
    """Valid Jinja, broken Typst: the override is named (Typst's message says what is wrong)."""
    root = copy_base(tmp_path / "plan")
    (root / "templates").mkdir()
    (root / "templates" / "report.typ.j2").write_text(
        '#set document(title: [T])\n= {{ report.header.title }}\n#no-such-function()\n',
        encoding="utf-8")
    before = snapshot(root)
    run = worker.run("report", "--half", "2020-H2", "-o", tmp_path / "r.pdf", "--root", root,
                     cwd=root)
    assert_clear(run, 1, says="templates/report.typ.j2")
    assert "no-such-function" in run.stderr
    assert not changes(before, snapshot(root)) and not (tmp_path / "r.pdf").exists()


def test_a_working_typst_override_is_used(worker: Worker, tmp_path: Path) -> None:
    from pypdf import PdfReader

    root = copy_base(tmp_path / "plan")
    (root / "templates").mkdir()
    (root / "templates" / "report.typ.j2").write_text(
        '#set document(title: [{{ report.header.title }}])\n#set text(lang: "de")\n'
        "= Eigener Bericht: {{ report.header.title }}\n", encoding="utf-8")
    run = worker.run("report", "--half", "2020-H2", "-o", tmp_path / "r.pdf", "--root", root,
                     cwd=root)
    assert_clear(run, 0)
    assert "Eigener Bericht: Masterplan" in PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
