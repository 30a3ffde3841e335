"""Plans at the limits: files as large, lists as long, text as nested as a plan file may be.

Each shape is valid (or, for `many_findings`, invalid in as many ways as fit), so every command
has to do all of its work on it: these are the inputs of the time and memory bound.
"""

from __future__ import annotations

import json
from pathlib import Path

from dotool.model.base import MAX_ITEMS, MAX_KPIS, MAX_LINE, MAX_NESTING, MAX_TEXT
from dotool.store.assets import MAX_IMAGE_BYTES
from dotool.store.files import MAX_BYTES
from tests.images import png

MEASURE = "measures/M-003-e-akte.yaml"
_HEAD = ("id: M-003\ntitle: E-Akte\nfield: rathaus\nscope: internal\nkind: project\n"
         "lead: Hauptamt\nstart: 2020-07\nend: 2022-12\n")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def markdown_block(size: int) -> str:
    """About `size` characters of Markdown using every construct the parser knows, brackets
    nested as deep as allowed and long German words."""
    nest = "[" * MAX_NESTING + "Klammer" + "]" * MAX_NESTING
    piece = (f"## Abschnitt\n\nDie *Digitalisierungsstrategie* der **Verwaltung** "
             f"(Donaudampfschifffahrtsgesellschaftskapitän) mit [Link](https://example.org/a) "
             f"und ![Bild](http://example.org/b.png) und `code` {nest}\n\n"
             "- Punkt eins\n- Punkt zwei\n  - tiefer\n\n> Zitat\n> weiter\n\n1. erstens\n"
             "2. zweitens\n\n")
    return (piece * (size // len(piece) + 1))[:size]


def _line(label: str, i: int) -> str:
    """A one-line text of `MAX_LINE` characters."""
    return (f"{label} {i} " + "Verwaltungsdigitalisierungsmaßnahme " * 20)[:MAX_LINE].strip()


def document_shape() -> bytes:
    """A valid measure of almost 1 MiB as heavy for the documents as a file may be: Markdown
    texts at `MAX_TEXT`, every list at its limit with one-line texts at `MAX_LINE`, and the
    updates filling the rest of the size limit."""
    items = range(MAX_ITEMS)
    lines = [_HEAD.replace("start: 2020-07", "start: 1920-01"),
             f"summary: {_q(markdown_block(MAX_TEXT))}\n",
             f"objective: {_q(markdown_block(MAX_TEXT))}\n",
             "participants:\n", *(f"  - {_q(_line('Fachdienst', i))}\n" for i in items),
             "ozg:\n  services:\n", *(f"    - {_q(_line('Leistung', i))}\n" for i in items),
             "kpis:\n", *(f"  - key: k{i}\n    name: {_q(_line('Kennzahl', i))}\n"
                          f"    baseline: 0\n    target: {i}\n" for i in range(MAX_KPIS)),
             "milestones:\n", *(f"  - title: {_q(_line('Meilenstein', i))}\n"
                                f"    due: 2021-01-{i % 28 + 1:02d}\n" for i in items),
             "council:\n", *(f"  - ref: BV/{i}/2020\n    title: {_q(_line('Vorlage', i))}\n"
                             for i in items),
             "updates:\n"]
    room = (MAX_BYTES - 4096 - sum(len(line.encode()) for line in lines)) // MAX_ITEMS
    for i in items:
        head = (f"  - half: {1920 + i // 2}-H{i % 2 + 1}\n    status: in_progress\n"
                f"    rag: green\n    progress: {min(i, 100)}\n"
                f"    kpis: {{k{i % MAX_KPIS}: {i}}}\n")
        text = markdown_block(max(10, (room - len(head)) * 9 // 10))
        lines.append(f"{head}    text: {_q(text)}\n")
    return "".join(lines).encode("utf-8")


def many_findings() -> bytes:
    """An invalid measure of almost 1 MiB: `MAX_ITEMS` updates, each with as many problems as
    fit (a wrong status, Ampel and progress, and unknown keys) — some 60,000 findings."""
    per_update = (MAX_BYTES - 4096) // MAX_ITEMS
    head = "  - half: 2020-H2\n    status: finished\n    rag: purple\n    progress: 101\n"
    keys = "".join(f"    unknown_{i}: 1\n" for i in range(per_update // 20))
    update = head + keys[: per_update - len(head)].rpartition("\n")[0] + "\n"
    return (_HEAD + "summary: x\nupdates:\n" + update * MAX_ITEMS).encode("utf-8")


def one_long_line() -> bytes:
    """An invalid measure whose error sits at the end of one line of almost 1 MiB."""
    return (_HEAD + "summary: " + "x" * (MAX_BYTES - 1024) + "\nprogress: 1\n").encode("utf-8")


def image_shape(root: Path) -> None:
    """An image at the size limit, shown 150 times in a summary (each output holds it once)."""
    (root / "img").mkdir(exist_ok=True)
    (root / "img" / "big.png").write_bytes(png(8, 8, extra=b"x" * (MAX_IMAGE_BYTES - 200)))
    refs = " ".join(f"![Bild {i}](img/big.png)" for i in range(150))
    path = root / MEASURE
    text = path.read_text(encoding="utf-8")
    text = text.replace("summary: Elektronische Akte in allen Fachdiensten.",
                        f"summary: {_q(refs)}")
    path.write_text(text, encoding="utf-8")


SHAPES = {"document": document_shape, "many-findings": many_findings,
          "long-line": one_long_line}
