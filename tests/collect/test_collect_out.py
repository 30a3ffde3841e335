"""`collect -o DIR` goes through the checks of every generated output: never into the plan."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HALF = "2022-H1"
UNIT = "Sachstand-2022-H1-IT-Service.xlsx"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("folder", ["measures", "masterplan", "measures/new"])
def test_refuses_the_plans_own_folders(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                       folder: str) -> None:
    before = _snapshot(sample_dir)
    result = run_cli("collect", "--half", HALF, "-o", sample_dir / folder, "--root", sample_dir,
                     exit_code=2)
    assert "it is the plan's own folder" in result.stderr
    assert "build/collect" in result.stderr
    assert _snapshot(sample_dir) == before


def test_refuses_a_link_that_leads_into_the_plan(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    link = tmp_path / "collect"
    link.symlink_to(sample_dir / "measures", target_is_directory=True)
    before = _snapshot(sample_dir)
    result = run_cli("collect", "--half", HALF, "-o", link, "--root", sample_dir, exit_code=2)
    assert "plan's own folder measures/" in result.stderr
    assert _snapshot(sample_dir) == before


def test_never_writes_through_a_link_in_the_folder(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "elsewhere.txt"
    victim.write_text("not a workbook")
    (out / UNIT).symlink_to(victim)
    result = run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir, "--force",
                     exit_code=2)
    assert "symbolic link" in result.stderr
    assert victim.read_text() == "not a workbook"
    assert sorted(os.listdir(out)) == [UNIT]  # no other unit's workbook either: all or nothing


def test_refuses_a_file_or_device_as_the_folder(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    result = run_cli("collect", "--half", HALF, "-o", plain, "--root", sample_dir, exit_code=2)
    assert "plain.txt is a file, not a folder" in result.stderr
    assert plain.read_text() == "x"
    result = run_cli("collect", "--half", HALF, "-o", "/dev/null", "--root", sample_dir,
                     exit_code=2)
    assert "/dev/null is a device, not a folder" in result.stderr


def test_existing_workbooks_need_force(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir)
    (out / UNIT).write_bytes(b"a clerk's own file")
    result = run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir, exit_code=2)
    assert UNIT in result.stderr and "--force" in result.stderr
    assert (out / UNIT).read_bytes() == b"a clerk's own file"
    run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir, "--force")
    from openpyxl import load_workbook

    assert "Maßnahmen" in load_workbook(out / UNIT).sheetnames


@pytest.mark.parametrize("due", ["20220715", "1800-07-15", "15.07.2022"])
def test_due_is_a_day_by_the_plans_rule(sample_dir: Path, run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                        due: str) -> None:
    """`--due` is read as `adopt --date` is and as a plan's files hold days (YYYY-MM-DD, a year
    a plan may have): not as anything Python's ISO reader takes (`20220715`)."""
    out = tmp_path / "books"
    result = run_cli("collect", "--half", HALF, "-o", out, "--root", sample_dir, "--due", due,
                     exit_code=2)
    assert f"--due: `{due}` is not a day YYYY-MM-DD" in result.stderr
    assert not out.exists()
