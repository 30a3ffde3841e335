"""Values typed on the command line: key or label, either language, any case; else a hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool import choices
from dotool.errors import UsageError
from dotool.i18n import terminal


@pytest.mark.parametrize(("typed", "key"), [
    ("amber", "amber"), ("gelb", "amber"), ("GELB", "amber"), ("Amber", "amber"),
    ("grün", "green"), ("rot", "red"),
])
def test_an_ampel_is_understood_by_key_and_by_label(typed: str, key: str) -> None:
    assert choices.vocabulary("--rag", typed, "rag") == key


@pytest.mark.parametrize(("typed", "key"), [
    ("in_progress", "in_progress"), ("in-progress", "in_progress"), ("in progress", "in_progress"),
    ("in Umsetzung", "in_progress"), ("Daueraufgabe", "ongoing"), ("abgeschlossen", "completed"),
])
def test_a_status_is_understood_in_every_spelling(typed: str, key: str) -> None:
    assert choices.vocabulary("--status", typed, "status") == key


def test_a_typo_is_refused_with_the_nearest_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError) as caught:
        choices.vocabulary("--status", "complete", "status")
    assert caught.value.message == ("--status: `complete` is not one of planned, in_progress, "
                                    "ongoing, completed, on_hold, dropped")
    assert caught.value.hint == "did you mean `completed`?"
    monkeypatch.setenv("DOTOOL_LANG", "de")
    with pytest.raises(UsageError) as caught:
        choices.vocabulary("--rag", "gelbb", "rag")
    assert caught.value.message == ("--rag: `gelbb` ist keiner der Werte grün (green), "
                                    "gelb (amber), rot (red)")
    assert caught.value.hint == "meinten Sie `gelb`?"


def test_nothing_close_gives_no_hint() -> None:
    with pytest.raises(UsageError) as caught:
        choices.choose("--format", "xlsx", ("table", "json", "csv"))
    assert caught.value.hint is None


def test_a_field_is_understood_by_key_and_title() -> None:
    fields = {"buergerservice": "Bürgerservice und digitales Rathaus"}
    assert choices.field("--field", "Bürgerservice und digitales Rathaus", fields) == \
        "buergerservice"
    with pytest.raises(UsageError) as caught:
        choices.field("--field", "buergerservic", fields)
    assert caught.value.hint == "did you mean `buergerservice`?"


def test_list_on_a_german_plan_speaks_german(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()
    sample = Path(__file__).resolve().parents[1]
    assert "M-005" in run_cli("list", "--root", sample, "--rag", "gelb", "--format", "csv").stdout
    result = run_cli("list", "--root", sample, "--format", "cvs", exit_code=2)
    assert result.stderr == ("Fehler: --format: `cvs` ist keiner der Werte table, json, csv\n"
                             "Hinweis: meinten Sie `csv`?\n")
