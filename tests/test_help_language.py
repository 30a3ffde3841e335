"""`dotool --help` and `dotool <command> --help` speak the terminal's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool.i18n import terminal
from dotool.i18n.extract import help_messages, terminal_messages
from tests.conftest import flat

SAMPLE = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a Digital Officer meets it: no DOTOOL_LANG; the plan (or the locale) decides."""
    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()


def _english_sentences_in(english_help: str) -> list[str]:
    """The beginnings (four words) of the help paragraphs the English help shows."""
    shown = flat(english_help)
    starts = []
    for paragraph in help_messages():
        words = flat(paragraph.replace("`", "")).split()
        if len(words) >= 4 and not paragraph.startswith("* `"):  # examples keep their commands
            start = " ".join(words[:4])
            if start in shown:
                starts.append(start)
    return starts


@pytest.mark.parametrize("args", [("--help",), ("report", "--help"), ("collect", "status", "-h")])
def test_help_on_a_german_plan_is_german(run_cli, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                         args: tuple[str, ...]) -> None:
    monkeypatch.chdir(SAMPLE)  # the sample's masterplan.yaml says `language: de`
    german = run_cli(*args).stdout
    monkeypatch.setenv("DOTOOL_LANG", "en")
    english = run_cli(*args).stdout
    sentences = _english_sentences_in(english)
    assert len(sentences) >= 3, english
    assert not [s for s in sentences if s in flat(german)], german
    assert "Optionen" in german and "Options" in english


def test_the_overview_and_the_report_help_say_it_in_german(run_cli,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    monkeypatch.chdir(SAMPLE)
    overview = flat(run_cli("--help").stdout)
    assert "Prüfen und ansehen" in overview
    assert "Aufruf: dotool [OPTIONEN] BEFEHL [ARGUMENTE]..." in overview
    assert "Den Halbjahresbericht an den Ausschuss erzeugen" in overview
    # The plan found through --root, from a folder outside it.
    monkeypatch.chdir(tmp_path)
    report = flat(run_cli("report", "--help", "--root", SAMPLE).stdout)
    assert "Aufruf: dotool report [OPTIONEN]" in report
    assert "Beispiele:" in report
    assert "Das Halbjahr des Berichts, JJJJ-H1 oder JJJJ-H2" in report
    assert "dotool report --half 2020-H2 (Markdown auf der Standardausgabe)" in report
    assert "[Umgebungsvariable: DOTOOL_ROOT]" in report


def test_lang_outranks_the_plan(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(SAMPLE)
    for lang in ("en", "English"):
        out = flat(run_cli("report", "--lang", lang, "--help").stdout)
        assert "Render the half-yearly report to the committee" in out
        assert "Options" in out and "Optionen" not in out
        assert "Usage: dotool report [OPTIONS]" in out


@pytest.mark.parametrize(("locale", "expected"), [("de_DE.UTF-8", "Optionen"),
                                                   ("C.UTF-8", "Options")])
def test_help_outside_a_plan_follows_the_locale(run_cli, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                tmp_path: Path, locale: str,
                                                expected: str) -> None:
    monkeypatch.chdir(tmp_path)  # no masterplan here or above: help is shown all the same
    monkeypatch.setenv("LANG", locale)
    assert expected in run_cli("show", "--help").stdout
    assert expected in run_cli(exit_code=2).stdout  # `dotool` alone is its help (exit 2)
    # A --root that is no plan is reported by the command, not by its help.
    assert expected in run_cli("list", "--root", tmp_path, "--help").stdout


def test_every_help_text_is_in_the_terminal_catalogue() -> None:
    """The catalogue test (test_terminal_language) checks the German of all of them."""
    helps = help_messages()
    assert "Render the half-yearly report to the committee (a Mitteilungsvorlage)." in helps
    assert "Render and publish" in helps  # a panel of `dotool --help`
    wanted = terminal_messages()
    assert not [h for h in helps if (h, None) not in wanted]
    german = terminal.catalogue("de")
    assert not [h for h in helps if not german.get((None, h), [""])[0]]
