"""Every option and argument names its value in the terminal's language: `--half JJJJ-HN`,
not typer's `<str>`, `<int range> [0<=x<=100]` or `<list[str]>`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from dotool.cli import metavars
from dotool.cli.helptext import HELP_OPTIONS, _walk
from dotool.cli.main import app
from dotool.i18n import terminal

SAMPLE = Path(__file__).resolve().parents[1]
#: What typer writes where it has no name for a value: a type, a range.
TYPER_TYPES = re.compile(r"<(?:str|bool|int|float|path|dir|file|text)\b|list\[|<=x|x>=|\brange\b")


def _commands() -> Iterator[tuple[str, Any, Any]]:
    group = typer.main.get_command(app)
    ctx = group.context_class(group, info_name="dotool", help_option_names=list(HELP_OPTIONS))
    for command, command_ctx in _walk(group, ctx):
        yield command_ctx.command_path.removeprefix("dotool").strip(), command, command_ctx


COMMANDS = [path for path, _command, _ctx in _commands()]


@pytest.fixture(autouse=True)
def _plan_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a Digital Officer meets it: no DOTOOL_LANG; the sample plan says `language: de`."""
    monkeypatch.delenv("DOTOOL_LANG")
    monkeypatch.chdir(SAMPLE)
    terminal.reset()


def test_every_value_has_a_name() -> None:
    missing = [f"{path} {metavars.name_of(param)}"
               for path, command, ctx in _commands() for param in command.get_params(ctx)
               if not getattr(param, "is_flag", False)
               and metavars.metavar(path.rpartition(" ")[2], param) is None]
    assert not missing


def test_a_name_given_in_the_code_is_the_english_one() -> None:
    """`typer.Argument(metavar="ID")` is what the English help shows, not a second name."""
    declared = {(path, metavars.name_of(p)): (p.metavar, metavars.metavar(path, p))
                for path, command, _ctx in _commands() for p in command.params if p.metavar}
    assert declared  # ID, REF1, FIELD=COLUMN, …
    assert all(message is not None and message.render("en") == name
               for name, message in declared.values()), declared


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_not_types(run_cli, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                     command: str, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    german = run_cli(*command.split(), "--help").stdout
    monkeypatch.setenv("DOTOOL_LANG", "en")
    english = run_cli(*command.split(), "--help").stdout
    for text in (german, english):
        assert not TYPER_TYPES.search(text), text
        assert max(len(line) for line in text.splitlines()) <= int(columns)
    # No English name in the German help: those that differ from their German (not ID, TEXT).
    names = {m.render("en") for m in [*metavars.BY_NAME.values(), *metavars.BY_COMMAND.values()]
             if m.render("en") != m.render("de")}
    assert not [n for n in names if re.search(rf"(?<![\w.=-]){re.escape(n)}(?![\w=-])",
                                              german)], german


def test_update_help_in_german(run_cli) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(run_cli("update", "--help").stdout.split())
    for shown in ("--half JJJJ-HN", "--status STATUS", "--rag AMPEL", "--progress 0–100",
                  "--spent BETRAG", "--kpi SCHLÜSSEL=WERT", "--unset FELD", "--root ORDNER",
                  "* ID Die Maßnahme"):
        assert shown in text, shown
    assert "--replace Den ganzen" in text  # a flag: no name of a value


def test_update_help_in_english(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DOTOOL_LANG", "en")
    text = " ".join(run_cli("update", "--help").stdout.split())
    for shown in ("--half YYYY-HN", "--progress 0–100", "--kpi KEY=VALUE", "--root DIR"):
        assert shown in text, shown
    report = " ".join(run_cli("report", "--help").stdout.split())
    assert "--output -o FILE" in report and "--internal Include" in report


def test_a_missing_argument_is_named_in_the_plan_language(run_cli,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    german = run_cli("import", exit_code=2).stderr
    assert "'TABELLE'" in german and "{TABELLE}" in german, german
    monkeypatch.setenv("DOTOOL_LANG", "en")
    english = run_cli("import", exit_code=2).stderr
    assert "'TABLE'" in english and "{TABLE}" in english, english
