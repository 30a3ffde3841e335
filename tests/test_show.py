"""`dotool show`: the measure in the plan's language, its figures, a fast start from the cache."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dotool.i18n import terminal


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The terminal as a German user meets it: no DOTOOL_LANG, the plan's language decides."""
    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()
    yield
    terminal.reset()


def test_show_speaks_german_with_labels_not_keys(sample_dir: Path, run_cli, german) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("show", "M-004", "--root", sample_dir).stdout
    for word in ("Handlungsfeld", "Federführung", "Bereich / Art", "Fortschritt", "Meilensteine",
                 "Kennzahlen", "Sachstände", "Bürgerservice und digitales Rathaus",
                 "verwaltungsextern · Projekt", "abgeschlossen", "● grün",
                 "Maßnahme des Masterplans"):
        assert word in out, word
    english = re.compile(r"\b(Field|Lead|Progress|Milestones|Updates|Costs|Spent|Planned|"
                         r"baseline|target|current|done|due|update|open|one-off|year)\b")
    assert not english.search(out), english.search(out)
    # Keys of the vocabularies and the field never appear, only their labels.
    for key in ("buergerservice ", "external", "completed", "green", "in_progress"):
        assert key not in out, key


def test_show_has_current_kpi_values_spend_and_next_steps(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                          german) -> None:
    out = run_cli("show", "M-004", "--root", sample_dir).stdout
    # The KPI's latest value, from the update that carried it (not the baseline or target).
    assert "Ausgangswert 0 % · Zielwert 60 % · aktuell 58 % (2021-H1)" in out
    # Spend against the plan: one-off plus the annual cost of the halves since the start.
    assert "Ansatz: einmalig 12.000\xa0€, jährlich 3.000\xa0€" in out
    assert "Ausgegeben: 11.400\xa0€ (Sachstand 2021-H1) · geplant bis 2021-H2: 16.500\xa0€" in out
    assert "Start der Online-Terminvergabe  erreicht am 11.01.2021 (fällig am 15.01.2021)" in out
    out = run_cli("show", "M-005", "--root", sample_dir).stdout
    steps = out.index("Nächste Schritte (2021-H2)")
    assert "Einspielen des Releases und automatische Verbuchung." in out[steps:]


def test_show_in_english_when_asked(sample_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("show", "M-004", "--root", sample_dir).stdout  # DOTOOL_LANG=en (conftest)
    assert "baseline 0 % · target 60 % · current 58 % (2021-H1)" in out
    assert "Spent: €11,400 (update 2021-H1) · planned by 2021-H2: €16,500" in out
    assert "completed (update 2021-H1)" in out and "● green" in out


def test_show_renders_markdown(sample_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = next((sample_dir / "measures").glob("M-004-*.yaml"))
    text = path.read_text(encoding="utf-8").replace(
        "  Termine im Bürgerbüro (Pass,",
        "  Termine **45 %** im `Bürgerbüro` [Portal](https://example.org) (Pass,", 1)
    path.write_text(text, encoding="utf-8")
    out = run_cli("show", "M-004", "--root", sample_dir).stdout
    assert "Termine 45 % im Bürgerbüro Portal (https://example.org) (Pass," in out
    out = run_cli("show", "M-015", "--root", sample_dir).stdout
    assert "Entfallen. Auf Empfehlung" in out and "**" not in out


def test_markdown_lines_blocks_and_emphasis() -> None:
    from dotool.output.mdlines import inline, markdown_lines

    assert inline("a **b *c* e** d") == [("a ", None), ("b ", "bold"), ("c", "bold italic"),
                                         (" e", "bold"), (" d", None)]
    assert inline(r"snake_case and \*x\*") == [("snake_case and ", None), ("*", None),
                                               ("x", None), ("*", None)]
    lines = markdown_lines("# Titel\n\nEins\nzwei\n\n- a\n- b\n  weiter\n1. c", indent="")
    texts = ["".join(text for text, _ in line) for line in lines]
    assert texts == ["Titel", "", "Eins zwei", "", "• a", "• b weiter", "1. c"]
    quoted = markdown_lines("> eins\n> zwei\n\ndanach", indent="")
    assert ["".join(text for text, _ in line) for line in quoted] == [
        "│ eins", "│ zwei", "", "danach"]


def test_show_json_keeps_keys(sample_dir: Path, run_cli, german) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run_cli("show", "M-004", "--root", sample_dir, "--format", "json").stdout)
    assert (data["field"], data["scope"], data["state"]["status"], data["state"]["as_of"]) == (
        "buergerservice", "external", "completed", "2021-H2")
    assert data["state"]["plan"] == "masterplan"


def test_show_refuses_a_broken_measure_file(sample_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = next((sample_dir / "measures").glob("M-004-*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("rag: green", "rag: purple", 1),
                    encoding="utf-8")
    result = run_cli("show", "M-004", "--root", sample_dir, exit_code=1)
    assert "measures/M-004-online-terminvergabe.yaml" in result.stderr
    assert "purple" in result.stderr and result.stdout == ""


def test_another_broken_file_does_not_hide_this_measure(sample_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    other = next((sample_dir / "measures").glob("M-005-*.yaml"))
    other.write_text("id: [\n", encoding="utf-8")
    out = run_cli("show", "M-004", "--root", sample_dir).stdout
    assert "Online-Terminvergabe" in out and "(as of 2021-H2)" in out


def test_the_latest_half_follows_every_measure(sample_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(run_cli("show", "M-004", "--root", sample_dir, "--format", "json")
                      .stdout)["state"]["as_of"] == "2021-H2"
    for path in (sample_dir / "measures").glob("*.yaml"):  # no update of 2021-H2 any more
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("  - half: 2021-H2")[0], encoding="utf-8")
    data = json.loads(run_cli("show", "M-004", "--root", sample_dir, "--format", "json").stdout)
    assert data["state"]["as_of"] == "2021-H1"


def _run(args: list[str], env: dict[str, str]) -> tuple[list[str], str]:
    """The heavy modules a whole `dotool` run loaded, and what it printed. The files count as
    settled at once (`SETTLED_NS`), so the second run may take the latest half from the cache."""
    from tests.test_startup import _imports_of

    return _imports_of(args, env, heavy=("pydantic", "yaml", "babel", "markdown_it", "pygments",
                                         "jinja2"),
                       prelude="import dotool.app.show as view\nview.SETTLED_NS = -10**12\n")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_warm_show_imports_no_model(sample_dir: Path, tmp_path: Path, fmt: str) -> None:
    """`show` of unchanged files comes from the cache: no YAML, no pydantic — and prints exactly
    what the first run printed from the models; a changed file is read again."""
    env = {k: v for k, v in os.environ.items() if k != "DOTOOL_LANG"}
    env["DOTOOL_CACHE_DIR"] = str(tmp_path / "cache")
    args = ["show", "M-004", "--root", str(sample_dir), "--format", fmt]
    cold, first = _run(args, env)
    assert "pydantic" in cold and "yaml" in cold
    warm, second = _run(args, env)
    assert warm == [] and second == first and "M-004" in second
    path = next((sample_dir / "measures").glob("M-004-*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Neu ", 1),
                    encoding="utf-8")
    changed, third = _run(args, env)
    assert "pydantic" in changed and "Neu Online" in third
    # Another measure's new half changes the state's half although this file is unchanged.
    other = next((sample_dir / "measures").glob("M-005-*.yaml"))
    other.write_text(other.read_text(encoding="utf-8") + (
        "  - half: 2022-H1\n    status: in_progress\n    rag: green\n    progress: 90\n"
        "    text: Weiter.\n"), encoding="utf-8")
    _, fourth = _run(args, env)
    assert ("2022-H1" in fourth) and ("2022-H1" not in third)
