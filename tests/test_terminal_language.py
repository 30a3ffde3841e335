"""The terminal speaks the plan's language: its catalogue, its reader and who decides."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dotool.i18n import terminal
from dotool.i18n.extract import terminal_messages

PACKAGE = Path(terminal.__file__).resolve().parents[1]
SAMPLE = Path(__file__).resolve().parents[1]
_FIELD = re.compile(r"\{(\w+)")


def _placeholders(text: str) -> set[str]:
    return set(_FIELD.findall(text))


@pytest.fixture(autouse=True)
def _fresh_state() -> None:
    terminal.reset()


def test_every_terminal_message_has_its_german_wording() -> None:
    german = terminal.catalogue("de")
    english = terminal.catalogue("en")
    missing, wrong = [], []
    for (msgid, context), files in sorted(terminal_messages().items(), key=str):
        key = (context, msgid[0] if isinstance(msgid, tuple) else msgid)
        strings = german.get(key)
        if not strings or not all(strings):
            missing.append(f"{msgid!r} ({', '.join(sorted(set(files)))})")
            continue
        if key not in english:
            missing.append(f"en: {msgid!r}")
        wanted = _placeholders(" ".join(msgid) if isinstance(msgid, tuple) else msgid)
        if any(_placeholders(s) != wanted for s in strings):
            wrong.append(f"{msgid!r} → {strings!r}")
    assert not missing, ("terminal text without a German translation (run `python -m "
                         "dotool.i18n.extract terminal`, then translate):\n" + "\n".join(missing))
    assert not wrong, "placeholders differ from the English text:\n" + "\n".join(wrong)


def test_terminal_text_is_marked_with_literals_the_extractor_can_read() -> None:
    """`t(f"…")` or `t(name)` would never reach the catalogue and stay English for ever."""
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else (
                node.func.id if isinstance(node.func, ast.Name) else "")
            literal_args = {"t": 1, "tc": 2, "tn": 2}.get(name)
            if literal_args is None or path.name == "terminal.py":
                continue
            args = node.args[:literal_args]
            if len(args) < literal_args or not all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                bad.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not bad, "terminal text must be a string literal:\n" + "\n".join(bad)


def test_the_small_reader_reads_the_catalogues_as_babel_does() -> None:
    from babel.messages.pofile import read_po

    for lang in terminal.LANGUAGES:
        with terminal.po_path(lang).open("rb") as handle:
            catalog = read_po(handle)
        expected = {}
        for m in catalog:
            if not m.id or m.fuzzy:
                continue
            msgid = m.id[0] if isinstance(m.id, tuple) else m.id
            strings = list(m.string) if isinstance(m.string, tuple) else [m.string]
            expected[(m.context, msgid)] = strings
        assert terminal.read_po(terminal.po_path(lang).read_text(encoding="utf-8")) == expected


def test_plural_and_placeholders_follow_the_language() -> None:
    one = terminal.tn("the masterplan has {n} validation error",
                      "the masterplan has {n} validation errors", 1)
    many = terminal.tn("the masterplan has {n} validation error",
                       "the masterplan has {n} validation errors", 3)
    assert one.render("en") == "the masterplan has 1 validation error"
    assert many.render("en") == "the masterplan has 3 validation errors"
    assert many.render("de") == "der Masterplan hat 3 Validierungsfehler"


def test_unknown_text_falls_back_to_english() -> None:
    assert terminal.t("no such message {x}", x=1).render("de") == "no such message 1"


@pytest.mark.parametrize(("override", "env", "plan", "locale", "expected"), [
    ("en", "de", "de", "de_DE.UTF-8", "en"),   # --lang first
    (None, "de", "en", None, "de"),            # then DOTOOL_LANG
    (None, None, "de", "en_GB.UTF-8", "de"),   # then the plan's language
    (None, None, None, "de_DE.UTF-8", "de"),   # then the user's locale
    (None, None, None, "C.UTF-8", "en"),
    (None, None, None, None, "en"),
    (None, "fr", "xx", None, "en"),            # unknown values are passed over
])
def test_who_decides_the_language(monkeypatch: pytest.MonkeyPatch, override: str | None,
                                  env: str | None, plan: str | None, locale: str | None,
                                  expected: str) -> None:
    monkeypatch.delenv("DOTOOL_LANG", raising=False)
    if env:
        monkeypatch.setenv("DOTOOL_LANG", env)
    if locale:
        monkeypatch.setenv("LANG", locale)
    terminal.reset(override)
    terminal.use_plan_language(plan)
    assert terminal.current() == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("language: en", "en"), ("language: 'en'  # English", "en"), ('language: "de"', "de"),
    ("  language: en", None), ("language: english", None), ("languages: en", None),
])
def test_the_plan_language_is_read_from_its_top_level_key(line: str,
                                                          expected: str | None) -> None:
    terminal.use_plan_text(f"municipality: X\n{line}\ntitle: Y\n")
    assert terminal._state["plan"] == expected


def test_a_german_plan_gets_german_errors(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOTOOL_LANG")
    result = run_cli("show", "M-999", "--root", SAMPLE, exit_code=2)
    assert result.stderr.startswith("Fehler:"), result.stderr
    monkeypatch.setenv("DOTOOL_LANG", "en")
    assert run_cli("show", "M-999", "--root", SAMPLE, exit_code=2).stderr.startswith("error:")
