"""Several returned workbooks: their changes validated together, once; each applied whole or
not at all, a refused one named with its sheet and cell, its files left as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.collect.helpers import fill

HALF = "2022-H1"
# Three units of the sample with one measure each, none reported for 2022-H1 yet.
BOOKS = {"M-003": "Sachstand-2022-H1-Fachdienst-Buergerservice.xlsx",
         "M-005": "Sachstand-2022-H1-Fachdienst-Finanzen.xlsx",
         "M-016": "Sachstand-2022-H1-IT-Service.xlsx"}
OK = {"status": "in Umsetzung", "rag": "grün", "progress": 60, "text": "Läuft."}
RED = {"status": "in Umsetzung", "rag": "rot", "progress": 20, "text": "Verzug."}  # no reason


def _files(root: Path) -> dict[str, bytes]:
    return {p.name[:5]: p.read_bytes() for p in (root / "measures").glob("M-0*.yaml")}


@pytest.fixture
def books(sample_dir: Path, run_cli, tmp_path: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir)
    return [out / name for name in BOOKS.values()]


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The measure files of each validation `collect apply` runs, in order."""
    from dotool.authoring import checking

    seen: list[set[str]] = []
    real = checking.check_changes

    def spy(root: Path, changes: dict[str, bytes], **kwargs: Any) -> Any:
        seen.append({Path(p).name[:5] for p in changes})
        return real(root, changes, **kwargs)

    monkeypatch.setattr(checking, "check_changes", spy)
    return seen


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_refusal_in_the_second_workbook(books: list[Path], sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                          validations: list[set[str]], dry_run: bool) -> None:
    for (measure_id, values), book in zip({"M-003": OK, "M-005": RED, "M-016": OK}.items(),
                                          books, strict=True):
        fill(book, "Maßnahmen", measure_id, values)
    before = _files(sample_dir)
    result = run_cli("collect", "apply", *books, "--root", sample_dir,
                     *(["--dry-run"] if dry_run else []), exit_code=1)
    # Named: the workbook, its sheet and the cell of the amber/red reason, in its language.
    assert f'Fehler: {BOOKS["M-005"]}: Blatt "Maßnahmen", Zelle E5: M-005: ' in result.stderr
    assert f"{BOOKS['M-005']}: nichts wurde übernommen" in result.stderr
    assert f"Fehler: {BOOKS['M-003']}" not in result.stderr
    assert f"Fehler: {BOOKS['M-016']}" not in result.stderr
    after = _files(sample_dir)
    assert after["M-005"] == before["M-005"]  # the refused workbook's file, byte for byte
    changed = {k for k in before if after[k] != before[k]}
    # Each workbook whole or not at all: the good ones are applied (unless a dry run).
    assert changed == (set() if dry_run else {"M-003", "M-016"})
    # All three judged in one validation, then the two good ones again without the bad one.
    assert validations == [{"M-003", "M-005", "M-016"}, {"M-003", "M-016"}]


def test_all_good_workbooks_take_one_validation(books: list[Path], sample_dir: Path,  # type: ignore[no-untyped-def]
                                                run_cli, validations: list[set[str]]) -> None:
    for measure_id, book in zip(BOOKS, books, strict=True):
        fill(book, "Maßnahmen", measure_id, OK)
    before = _files(sample_dir)
    run_cli("collect", "apply", *books, "--root", sample_dir)
    assert validations == [{"M-003", "M-005", "M-016"}]
    after = _files(sample_dir)
    assert {k for k in before if after[k] != before[k]} == {"M-003", "M-005", "M-016"}
    assert "half: 2022-H1" in (after["M-005"]).decode()


def test_an_error_only_the_changes_together_cause(books: list[Path], sample_dir: Path,  # type: ignore[no-untyped-def]
                                                  run_cli, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    """No rule of today's catalogue lets an update of one measure break another measure's file;
    a rule across files could (like a duplicate id). Such an error, found with both workbooks'
    changes and in a file neither changes, belongs to the workbook whose changes complete it:
    the first is applied, the second refused with the error, and its file stays as it was."""
    from dotool.authoring import checking
    from dotool.authoring.checking import Refused
    from dotool.findings.catalogue import finding

    real = checking.check_changes

    def across(root: Path, changes: dict[str, bytes], **kwargs: Any) -> Any:
        names = {Path(p).name[:5] for p in changes}
        if {"M-003", "M-005"} <= names:  # only both changes together break M-001
            other = next((root / "measures").glob("M-001-*.yaml")).relative_to(root)
            raise Refused([finding("duplicate-id", other.as_posix(), "M-001 twice", 1, 1)])
        return real(root, changes, **kwargs)

    monkeypatch.setattr(checking, "check_changes", across)
    fill(books[0], "Maßnahmen", "M-003", OK)
    fill(books[1], "Maßnahmen", "M-005", OK)
    before = _files(sample_dir)
    result = run_cli("collect", "apply", books[0], books[1], "--root", sample_dir, exit_code=1)
    assert f"Fehler: {BOOKS['M-005']}: measures/M-001-" in result.stderr
    assert "M-001 twice" in result.stderr and f"Fehler: {BOOKS['M-003']}" not in result.stderr
    after = _files(sample_dir)
    assert after["M-005"] == before["M-005"] and after["M-001"] == before["M-001"]
    assert after["M-003"] != before["M-003"]
