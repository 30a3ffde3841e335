"""dotool's one clock: `DOTOOL_TODAY`, the half of a day at its edges, the rules that read it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.clock


@pytest.mark.parametrize(("day", "half"), [
    (date(2026, 1, 1), "2026-H1"), (date(2026, 6, 30), "2026-H1"),
    (date(2026, 7, 1), "2026-H2"), (date(2026, 12, 31), "2026-H2"),
    (date(2027, 1, 1), "2027-H1"),
])
def test_a_day_belongs_to_its_half_at_the_edges(day: date, half: str) -> None:
    from dotool.model.dates import Half

    assert str(Half.of(day)) == half


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "2026-02-30", "1899-12-31",
                                   "02.12.2026", "2026-12-02T10:00", "٢٠٢٦-١٢-٠٢"])
@pytest.mark.parametrize("command", [("--version",), ("validate",), ("list",)])
def test_a_malformed_day_is_a_usage_error(run_cli, plan_dir: Path, monkeypatch, value: str,
                                          command: tuple[str, ...]) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", value)
    args = command if command == ("--version",) else (*command, "--root", plan_dir)
    if command == ("--version",):
        # Answered before anything reads the clock: it needs no day.
        run_cli(*args, exit_code=0)
        return
    result = run_cli(*args, exit_code=2)
    assert "DOTOOL_TODAY" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("where", "expected"), [("--root", "Fehler: DOTOOL_TODAY='morgen' ist "
                                                            "kein Datum\nHinweis: setzen Sie"),
                                                 ("cwd", "Fehler: DOTOOL_TODAY='morgen' ist "
                                                         "kein Datum\nHinweis: setzen Sie"),
                                                 ("--lang", "error: DOTOOL_TODAY='morgen' is "
                                                            "not a date\nhint: set")])
def test_a_malformed_day_is_refused_in_the_plans_language(
        run_cli, plan_dir: Path, monkeypatch, where: str, expected: str) -> None:
    """A German plan (`language: de`) under an English locale: German, as every other error
    about the command line; `--lang en` outranks the plan."""
    from dotool.i18n import terminal

    monkeypatch.delenv("DOTOOL_LANG")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("DOTOOL_TODAY", "morgen")
    terminal.reset()
    args = ["validate"]
    if where == "cwd":
        monkeypatch.chdir(plan_dir)
    else:
        args += ["--root", str(plan_dir)] + (["--lang", "en"] if where == "--lang" else [])
    assert run_cli(*args, exit_code=2).stderr.startswith(expected)


UPDATE_2027_H1 = """
  - half: 2027-H1
    status: completed
    rag: green
    progress: 100
    text: Abgeschlossen.
"""


@pytest.mark.parametrize(("today", "exit_code"), [("2026-12-31", 1), ("2027-01-01", 0),
                                                  ("2027-06-30", 0), ("2031-07-01", 0)])
def test_an_update_for_a_half_is_allowed_from_its_first_day(
        run_cli, plan_dir: Path, monkeypatch, today: str, exit_code: int) -> None:
    path = plan_dir / "measures" / "M-003-e-akte.yaml"
    path.write_text(path.read_text(encoding="utf-8") + UPDATE_2027_H1, encoding="utf-8")
    monkeypatch.setenv("DOTOOL_TODAY", today)
    result = run_cli("validate", "--root", plan_dir, "--format", "json", exit_code=exit_code)
    if exit_code:
        assert "update for 2027-H1, which has not begun yet (now: 2026-H2)" in result.stdout


@pytest.mark.parametrize(("today", "default_half"), [
    ("2026-06-30", "2025-H2"), ("2026-07-01", "2026-H1"),
    ("2026-12-31", "2026-H1"), ("2027-01-01", "2026-H2"),
])
def test_report_defaults_to_the_last_half_that_has_ended(
        run_cli, sample_dir: Path, monkeypatch, today: str, default_half: str) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", today)
    result = run_cli("report", "--root", sample_dir, "--lang", "en")
    assert f"no measure has an update for {default_half}" in result.stderr


@pytest.mark.parametrize(("today", "allowed", "refused"), [
    ("2026-06-30", "2026-H1", "2026-H2"), ("2026-07-01", "2026-H2", "2027-H1"),
    ("2026-12-31", "2026-H2", "2027-H1"), ("2027-01-01", "2027-H1", "2027-H2"),
])
def test_the_current_half_is_the_latest_a_command_accepts(
        run_cli, sample_dir: Path, monkeypatch, today: str, allowed: str, refused: str) -> None:
    monkeypatch.setenv("DOTOOL_TODAY", today)
    # The current half may be asked for (the sample has no update for it, so validate finds
    # the measures missing one, and the report says so) ...
    checked = run_cli("validate", "--root", sample_dir, "--half", allowed, exit_code=1)
    assert f"no update for {allowed}, which --half requires" in checked.stdout
    run_cli("report", "--root", sample_dir, "--half", allowed, exit_code=0)
    # ... the next one has not begun.
    for command in ("validate", "report"):
        result = run_cli(command, "--root", sample_dir, "--half", refused, exit_code=2)
        assert f"--half {refused} has not begun yet (now: {allowed})" in result.stderr


def test_a_milestone_done_today_is_allowed_and_tomorrow_is_not(run_cli, plan_dir: Path,
                                                               monkeypatch) -> None:
    path = plan_dir / "measures" / "M-001-termine.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("done: 2020-10-20", "done: 2027-01-01"), encoding="utf-8")
    monkeypatch.setenv("DOTOOL_TODAY", "2027-01-01")
    run_cli("validate", "--root", plan_dir, exit_code=0)
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-31")
    result = run_cli("validate", "--root", plan_dir, "--format", "json", exit_code=1)
    assert "done-in-future" in result.stdout


def test_only_the_clock_module_reads_the_machine_clock() -> None:
    """Every rule and default takes the day from `dotool.clock`, so DOTOOL_TODAY reaches all."""
    reads = re.compile(r"\b(?:date|datetime)\.(?:today|now|utcnow)\("
                       r"|\btime\.(?:localtime|gmtime)\(")
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "src" / "dotool").rglob("*.py")) if path.name != "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if reads.search(line)
    ]
    assert not offenders, "read the day through dotool.clock.today():\n" + "\n".join(offenders)
