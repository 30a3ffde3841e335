"""What typer says about a wrong command line speaks the terminal's language too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dotool.cli import clickwords
from dotool.i18n import terminal
from tests.conftest import flat

SAMPLE = Path(__file__).resolve().parents[1]

#: A wrong command line, what a German plan's Digital Officer reads, what DOTOOL_LANG=en reads.
CASES = [
    (("list", "--stauts", "x"),
     "Unbekannte Option: --stauts. Meinten Sie --status?",
     "No such option: --stauts (Possible options: --status)"),
    (("list", "-x"), "Unbekannte Option: -x", "No such option: -x"),
    (("update", "M-001", "--progress", "50"),
     "Die Option '--half' fehlt.", "Missing option '--half'."),
    (("update", "M-001", "--half", "2025-H2", "--progress", "abc"),
     "Ungültiger Wert für '--progress': erwartet wird eine ganze Zahl",
     "Invalid value for '--progress': Input should be a valid integer, unable to parse string "
     "as an integer"),
    (("update", "M-001", "--half", "2025-H2", "--progress", "150"),
     "Ungültiger Wert für '--progress': der Wert darf höchstens 100 sein",
     "Invalid value for '--progress': Input should be less than or equal to 100"),
    (("update", "M-001", "--half", "2025-H2", "--spent", "-5"),
     "Ungültiger Wert für '--spent': der Wert muss mindestens 0 sein",
     "Invalid value for '--spent': Input should be greater than or equal to 0"),
    (("update", "M-001", "--half", "2025-H2", "--spent", "viel"),
     "Ungültiger Wert für '--spent': erwartet wird eine Zahl",
     "Invalid value for '--spent': Input should be a valid number, unable to parse string as a "
     "number"),
    (("show", "M-001", "M-002", "M-003"), "Unerwartete zusätzliche Argumente: M-002 M-003",
     "Got unexpected extra argument(s) (M-002 M-003)"),
    (("show",), "Das Argument 'ID' fehlt.", "Missing argument 'ID'."),
    (("lst",), "Unbekannter Befehl 'lst'. Meinten Sie 'list'?",
     "No such command 'lst'. Did you mean 'list'?"),
    (("collect", "nix"), "Unbekannter Befehl 'nix'.", "No such command 'nix'."),
    (("--debug",), "Bitte geben Sie einen Befehl an.", "Missing command."),
    (("list", "--status"), "Die Option '--status' braucht einen Wert.",
     "Option '--status' requires an argument."),
    (("--debug=1", "list"), "Die Option '--debug' nimmt keinen Wert an.",
     "Option '--debug' does not take a value."),
    (("import", "measures"),
     "Ungültiger Wert für 'TABELLE': 'measures' ist ein Ordner, keine Datei.",
     "Invalid value for 'TABLE': file 'measures' is a directory."),
    (("init", "README.md"),
     "Ungültiger Wert für 'ORDNER': 'README.md' ist eine Datei, kein Ordner.",
     "Invalid value for 'DIR': dir 'README.md' is a file."),
]


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a Digital Officer meets it: no DOTOOL_LANG; the sample plan says `language: de`."""
    monkeypatch.delenv("DOTOOL_LANG")
    monkeypatch.chdir(SAMPLE)
    terminal.reset()


@pytest.mark.parametrize(("args", "german", "english"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_wrong_command_line_is_told_in_the_plans_language(
        run_cli, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        args: tuple[str, ...], german: str, english: str) -> None:
    said = flat(run_cli(*args, exit_code=2).stderr)
    assert german in said
    assert "Fehler" in said and "Error" not in said and "Usage" not in said
    # The same process, asked in English afterwards: typer's own words are back.
    monkeypatch.setenv("DOTOOL_LANG", "en")
    said_en = flat(run_cli(*args, exit_code=2).stderr)
    assert english in said_en
    assert "Error" in said_en and "Fehler" not in said_en and "Aufruf" not in said_en
    # The usage line and the way to the help, where typer shows them (not for an error found
    # before it knows the command).
    usage = re.search(r"Usage: (dotool(?: [\w-]+)?) \[OPTIONS\]", said_en)
    if usage:
        assert f"Aufruf: {usage.group(1)} [OPTIONEN]" in said
        assert f"Hilfe erhalten Sie mit '{usage.group(1)} -h'." in said
    else:
        assert "Aufruf" not in said and args[0] in ("--debug=1", "list")


def test_the_plan_is_found_through_root_and_lang_decides_first(
        run_cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C.UTF-8")
    said = flat(run_cli("list", "--root", SAMPLE, "--stauts", exit_code=2).stderr)
    assert "Aufruf: dotool list [OPTIONEN]" in said
    assert "Unbekannte Option: --stauts. Meinten Sie --status?" in said
    said = flat(run_cli("report", "--root", SAMPLE, "--lang", "en", "--haf", "2025-H2",
                         exit_code=2).stderr)
    assert "No such option: --haf" in said and "Usage: dotool report [OPTIONS]" in said


def test_an_option_with_its_environment_variable_is_worded_whole(
        run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The root is a file: no plan to ask, so the locale decides.
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    said = flat(run_cli("list", "--root", "README.md", exit_code=2).stderr)
    assert ("Ungültiger Wert für '--root' (Umgebungsvariable 'DOTOOL_ROOT'): 'README.md' ist "
            "eine Datei, kein Ordner.") in said


@pytest.mark.parametrize("message", clickwords.MESSAGES, ids=lambda m: m.template)
def test_every_message_typer_writes_is_recognised(message: terminal.Message) -> None:
    """Each template, filled in as typer would, is found again — not taken for a shorter one."""
    values = {name: f"'v{i}'" for i, name in enumerate(re.findall(r"\{(\w+)\}", message.template))}
    english = message.template.format(**values)
    assert clickwords.in_language(english, "en") == english
    german = clickwords.in_language(english, "de")
    assert german == terminal.Message(message.template, params=values).render("de")
    assert german != english


def test_text_typer_may_write_one_day_is_left_as_it_is() -> None:
    assert clickwords.in_language("Something new went wrong.", "de") == \
        "Something new went wrong."
