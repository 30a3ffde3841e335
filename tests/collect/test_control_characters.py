"""Control characters in the plan's text (valid YAML escapes such as "\\e" and "\\u0007") reach
the collection workbook as visible escapes, as in `export --format xlsx`: an XLSX file is XML,
which cannot hold them. The workbook made from such a plan applies back to the same measure,
and what came back unchanged stays as the plan had it.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.collect.helpers import fill

HALF = "2022-H1"
UNIT = "Sachstand-2022-H1-IT-Service.xlsx"
M16 = "measures/M-016-informationssicherheit-isms.yaml"
TEXT = "Notfallhandbuch\\u0007 im Entwurf."  # as YAML writes it in double quotes
UPDATE = f"""  - half: {HALF}
    status: in_progress
    rag: green
    progress: 65
    text: "{TEXT}"
    next: "Schulung\\e[31m im Herbst."
"""


def _controlled(root: Path) -> None:
    """Control characters in the plan's names, a measure's title, a milestone's title, a KPI's
    name and the texts of the half's update."""
    def edit(rel: str, *pairs: tuple[str, str]) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    edit("masterplan/masterplan.yaml",
         ("municipality: Winsen (Luhe)", 'municipality: "Winsen\\e (Luhe)"'),
         ("title: Masterplan Digitalisierung", 'title: "Masterplan\\u0007 Digitalisierung"'))
    edit(M16, ("title: Informationssicherheitsmanagement (ISMS)",
               'title: "Informations\\esicherheit (ISMS)"'),
         ("  - title: Notfallhandbuch\n", '  - title: "Notfall\\u0007handbuch"\n'),
         ("    name: Umsetzungsgrad der Basis-Absicherung (IT-Grundschutz)",
          '    name: "Umsetzungsgrad\\e[2J"'))
    with (root / M16).open("a", encoding="utf-8") as handle:
        handle.write(UPDATE)


def test_the_workbook_shows_escapes_and_applies_back(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    _controlled(sample_dir)
    run_cli("validate", "--root", sample_dir)
    out = tmp_path / "out"
    run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir)
    book = out / UNIT
    wb = load_workbook(book)
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]
    for shown in ("Informations\\x1bsicherheit (ISMS)", "Notfall\\x07handbuch",
                  "Umsetzungsgrad\\x1b[2J", "Notfallhandbuch\\x07 im Entwurf.",
                  "Schulung\\x1b[31m im Herbst."):
        assert shown in cells, shown
    assert not any("\x1b" in c or "\x07" in c for c in cells)
    # The same tables in the export: one rule for every workbook dotool writes.
    run_cli("export", "--format", "xlsx", "-o", tmp_path / "plan.xlsx", "--root", sample_dir)
    exported = load_workbook(tmp_path / "plan.xlsx")
    cells = [str(c.value) for ws in exported for row in ws.iter_rows() for c in row if c.value]
    assert "Informations\\x1bsicherheit (ISMS)" in cells
    assert not any("\x1b" in c or "\x07" in c for c in cells)

    before = (sample_dir / M16).read_bytes()
    fill(book, "Maßnahmen", "M-016", {"progress": 70})
    number = next(r[2] for r in wb["Meilensteine"].iter_rows(min_row=5, values_only=True)
                  if r[0] == "M-016")
    from datetime import datetime

    fill(book, "Meilensteine", "M-016", {"done": datetime(2022, 3, 30)}, number=number)
    result = run_cli("collect", "apply", book, "--root", sample_dir)
    assert "progress: 65 → 70" in result.stdout
    assert "text:" not in result.stdout and "next:" not in result.stdout
    after = (sample_dir / M16).read_text(encoding="utf-8")
    assert after == before.decode("utf-8").replace("progress: 65", "progress: 70").replace(
        '  - title: "Notfall\\u0007handbuch"\n    due: 2022-03-31\n',
        '  - title: "Notfall\\u0007handbuch"\n    due: 2022-03-31\n    done: 2022-03-30\n')
    run_cli("validate", "--root", sample_dir)
