"""`dotool report` and `dotool masterplan` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_report_markdown_on_stdout_only(run_cli, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--half", "2020-H2", "--root", sample_dir)
    assert result.stdout.startswith("# Winsen\u00a0(Luhe): Masterplan Digitalisierung – "
                                    "Sachstandsbericht 2. Halbjahr 2020\n")
    assert result.stderr == ""
    # Not in git: the "Stand" is the end of the half, never today.
    assert "| Stand | 31.12.2020 |" in result.stdout


def test_report_writes_html_and_pdf_by_extension(run_cli, sample_dir: Path,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    out = tmp_path / "out" / "bericht.html"
    result = run_cli("report", "--half", "2021-H1", "--lang", "en", "-o", out,
                     "--root", sample_dir)
    assert result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    forced = tmp_path / "bericht.txt"
    run_cli("report", "--half", "2021-H1", "--format", "md", "-o", forced, "--root", sample_dir)
    assert forced.read_text(encoding="utf-8").startswith("# Winsen")


def test_masterplan_command(run_cli, sample_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("masterplan", "--root", sample_dir, "--lang", "en")
    assert result.stdout.startswith("# Masterplan Digitalisierung Winsen\u00a0(Luhe)")
    assert "## 3 Goals" in result.stdout
    out = tmp_path / "plan.docx"
    run_cli("masterplan", "--root", sample_dir, "-o", out)
    assert out.read_bytes()[:2] == b"PK"


def test_usage_errors_exit_2(run_cli, sample_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert "half" in run_cli("report", "--half", "2020-H3", "--root", sample_dir,
                             exit_code=2).stderr
    run_cli("report", "--half", "2020-H2", "--format", "pdf", "--root", sample_dir, exit_code=2)
    run_cli("report", "--half", "2020-H2", "-o", tmp_path / "x.odt", "--root", sample_dir,
            exit_code=2)
    run_cli("report", "--half", "2020-H2", "--lang", "fr", "--root", sample_dir, exit_code=2)
    assert not (tmp_path / "x.odt").exists()


def test_invalid_content_is_refused(run_cli, plan_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = plan_dir / "measures" / "M-001-termine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: completed",
                                                             "status: complete"),
                    encoding="utf-8")
    out = tmp_path / "r.html"
    result = run_cli("report", "--half", "2020-H2", "-o", out, "--root", plan_dir, exit_code=1)
    assert "complete" in result.stderr and not out.exists()


def test_stand_is_the_date_of_the_last_commit(run_cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(history=[("2021-02-03T09:00:00+01:00", "Sachstand", {"README.md": "x"})])
    result = run_cli("report", "--half", "2020-H2", "--root", root)
    # README.md is not plan data: the date is that of the initial commit of the plan.
    assert "| Stand | 01.09.2020 |" in result.stdout


@pytest.mark.clock
def test_report_on_a_half_without_updates_says_so(run_cli, sample_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")  # 2024-H1 has begun
    result = run_cli("report", "--root", sample_dir, "--half", "2024-H1")
    assert "no measure has an update for 2024-H1" in result.stderr
    assert "pass --half 2021-H2" in result.stderr
    assert result.stdout.startswith("# Winsen\u00a0(Luhe)")
    assert "no measure has" not in run_cli("report", "--root", sample_dir, "--half",
                                           "2021-H2").stderr


def test_report_refuses_a_half_that_has_not_begun(run_cli, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("report", "--root", sample_dir, "--half", "2150-H1", exit_code=2)
    assert "has not begun" in result.stderr and result.stdout == ""


def test_missing_rendering_libraries_are_an_installation_hint(run_cli, sample_dir: Path,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path, monkeypatch) -> None:
    import sys

    # As after `pip install dotool` without the `render` extra.
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = run_cli("report", "--root", sample_dir, "--half", "2021-H2", "-o",
                     tmp_path / "r.html", exit_code=2)
    assert "pip install 'dotool[render]'" in result.stderr
    assert "internal error" not in result.stderr and not (tmp_path / "r.html").exists()


def test_a_panic_in_typst_is_an_internal_error(run_cli, sample_dir: Path,  # type: ignore[no-untyped-def]
                                               tmp_path: Path, monkeypatch) -> None:
    """A panic in a Rust extension reaches Python as pyo3's PanicException, a BaseException:
    it is reported as the bug it is (exit 3), briefly, and no PDF is left behind."""
    from dotool.render import pdf

    class PanicException(BaseException):
        pass

    def panics(*args: object, **kwargs: object) -> bytes:
        raise PanicException("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(pdf, "typeset", panics)
    result = run_cli("report", "--root", sample_dir, "--half", "2021-H2", "-o",
                     tmp_path / "r.pdf", exit_code=3)
    assert "internal error: PanicException: called `Option::unwrap()`" in " ".join(
        result.stderr.split())
    assert "Traceback" not in result.stderr and not (tmp_path / "r.pdf").exists()


def test_a_repeated_replanned_end_is_no_new_replanning(run_cli, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    # M-005 was re-planned to 2022-03 in 2021-H2; its 2022-H1 update repeats that end.
    run_cli("update", "M-005", "--root", sample_dir, "--half", "2022-H1", "--status",
            "in_progress", "--rag", "amber", "--rag-reason", "Anbindung dauert.", "--progress",
            "90", "--replanned-end", "2022-03", "--text", "Fast fertig.")
    report = run_cli("report", "--root", sample_dir, "--half", "2022-H1").stdout
    assert not [x for x in report.splitlines() if "neu terminiert" in x and "M-005" in x]
    earlier = run_cli("report", "--root", sample_dir, "--half", "2021-H2").stdout
    assert ("| M-005 | ePayment: Gebühren online und bargeldlos bezahlen | neu terminiert: "
            "geplantes Ende bisher 30.09.2021, jetzt 31.03.2022 |") in earlier.splitlines()


def test_finance_totals_say_when_non_public_are_left_out(run_cli, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    note = "Eine nicht öffentliche Maßnahme ist in den Beträgen nicht enthalten."
    public = run_cli("report", "--root", sample_dir, "--half", "2021-H2").stdout
    assert note in public and "**4.669.000\xa0€**" in public  # Babel: a no-break space
    internal = run_cli("report", "--root", sample_dir, "--half", "2021-H2", "--internal").stdout
    assert note not in internal and "**4.704.000\xa0€**" in internal  # with M-016's 35.000 €


@pytest.mark.slow
def test_a_new_plan_without_measures_renders_every_document(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A plan just made by `init` has no measures yet: every document still renders (a chart
    with no data is left out; Typst refuses a picture without alt text in PDF/UA)."""
    root = tmp_path / "plan"
    run_cli("init", root, "--municipality", "Musterstadt", "--committee", "Ausschuss",
            "--no-input")
    for fmt in ("pdf", "docx", "html", "md"):
        for lang in ("de", "en"):
            run_cli("report", "--half", "2026-H1", "--lang", lang, "-o",
                    tmp_path / f"r-{lang}.{fmt}", "--root", root)
            run_cli("masterplan", "--lang", lang, "-o", tmp_path / f"m-{lang}.{fmt}",
                    "--root", root)
    assert (tmp_path / "r-de.pdf").read_bytes().startswith(b"%PDF")
