"""Every finding of every invalid case reads in German when the terminal speaks German.

The cases (tests/cases/invalid/) pin the English wording; here each is validated in both
languages and the findings compared one by one: the same findings (code, file, line, column,
field), each German message and hint worded differently from the English one and with no
English sentence left in it once the values it quotes are taken out. A message someone forgot
to mark, or marked without a German wording, fails here.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from dotool.checks.rulebook import run_example
from dotool.checks.run import validate
from dotool.findings import Finding
from dotool.findings.catalogue import Example, rules
from dotool.i18n import terminal
from dotool.model.dates import Half
from tests.conftest import HERE, copy_base

CASES = sorted(p for p in (HERE / "cases" / "invalid").iterdir() if (p / "case.yaml").is_file())

#: Words only English has: none is German, a key of the file format or a value of a vocabulary
#: (those are read whole: `one_off` is no `one`).
_WORDS = """
    the a is are be been it its this that these which there here of and or but not no with
    without has have must should would cannot does did found expected only than more most least
    at on by from into before after already still too every each one file key value line column
    missing allowed twice unknown empty blank number list mapping
"""
ENGLISH = frozenset(_WORDS.split())
# What a message quotes is the plan's own text, not the message's: `…`, "…", „…“, and paths.
_QUOTED = re.compile(r"`[^`]*`|\"[^\"]*\"|„[^“]*“|'[^']*'|\S*[/.]\S*")


def _english_words(text: str) -> set[str]:
    return set(re.findall(r"[a-zäöüß_]+", _QUOTED.sub(" ", text).lower())) & ENGLISH


def _findings(case: Path, root: Path, lang: str) -> list[Finding]:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    args = [str(a) for a in spec.get("args", [])]
    half = args[args.index("--half") + 1] if "--half" in args else None
    today = date.fromisoformat(str(spec["today"])) if "today" in spec else None
    terminal.reset(lang)
    try:
        result = validate(root, today=today, half=Half.parse(half) if half else None,
                          strict="--strict" in args, cache=False)
    finally:
        terminal.reset()
    return sorted(result.findings, key=lambda f: (*f.sort_key(), f.loc_text, f.severity))


@pytest.mark.clock
@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_every_finding_of_an_invalid_case_is_worded_in_german(case: Path,
                                                              tmp_path: Path) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    root = copy_base(tmp_path / "plan")
    for rel in spec.get("remove", []):
        (root / rel).unlink()
    if (case / "files").is_dir():
        shutil.copytree(case / "files", root, dirs_exist_ok=True)
    english, german = _findings(case, root, "en"), _findings(case, root, "de")
    assert english, "an invalid case has findings"
    _assert_german(english, german)


def _assert_german(english: list[Finding], german: list[Finding]) -> None:
    def where(f: Finding) -> tuple[object, ...]:
        return (f.severity, f.code, f.path, f.line, f.col, f.loc)

    assert [where(f) for f in german] == [where(f) for f in english]
    untranslated = []
    for en, de in zip(english, german, strict=True):
        for en_text, de_text in ((en.message, de.message), (en.hint, de.hint)):
            if en_text is None and de_text is None:
                continue
            if de_text is None or de_text == en_text or _english_words(de_text):
                untranslated.append({"code": en.code, "en": en_text, "de": de_text,
                                     "english words": sorted(_english_words(de_text or ""))})
    assert not untranslated, json.dumps(untranslated, indent=2, ensure_ascii=False)


EXAMPLES = [(r.code, i, e) for r in rules() for i, e in enumerate(r.fails)]


@pytest.mark.parametrize(("code", "index", "example"), EXAMPLES,
                         ids=[f"{code}-{index}" for code, index, _ in EXAMPLES])
def test_every_example_of_the_catalogue_is_worded_in_german(code: str, index: int,
                                                            example: Example) -> None:
    """The catalogue's failing examples: one of every rule, the rarer ones included."""
    found = {}
    for lang in ("en", "de"):
        terminal.reset(lang)
        try:
            found[lang] = sorted(run_example(example).findings,
                                 key=lambda f: (*f.sort_key(), f.loc_text))
        finally:
            terminal.reset()
    assert any(f.code == code for f in found["en"])
    _assert_german(found["en"], found["de"])


def test_the_check_finds_english_left_in_a_message() -> None:
    """The test above would fail for a forgotten message: its English words are seen."""
    assert _english_words("the planned end 2021-03 is before the start 2021-06") \
        >= {"the", "is", "before"}
    assert not _english_words('Meilenstein "Schulung is due" war am 2021-05-31 fällig und ist '
                              "nicht erreicht (Stand 2021-H1); die Maßnahme ist abgeschlossen")
    assert not _english_words("unbekannter Schlüssel `milestone`; erlaubte Schlüssel: id, title")


def test_gitlab_fingerprints_are_the_same_in_both_languages(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """GitLab tracks a finding by its fingerprint: switching the language must not make every
    finding look fixed and new."""
    for case in ("blank-required", "update-order", "yaml-duplicate-key", "dependency-cycle"):
        root = copy_base(tmp_path / case)
        shutil.copytree(HERE / "cases" / "invalid" / case / "files", root, dirs_exist_ok=True)
        reports = {}
        for lang in ("en", "de"):
            monkeypatch.setenv("DOTOOL_LANG", lang)
            result = run_cli("validate", "--root", root, "--format", "gitlab", "--no-cache",
                             exit_code=1)
            reports[lang] = json.loads(result.stdout)
        en, de = reports["en"], reports["de"]
        assert en, case
        assert [f["fingerprint"] for f in de] == [f["fingerprint"] for f in en], case
        assert all(d["description"] != e["description"] for d, e in zip(de, en, strict=True))


# A rule's finding (remembered with the plan's validation) and a schema error (with the file).
@pytest.mark.parametrize(("case", "german"), [("progress-missing", "Sachstand"),
                                              ("bad-enum", "erwartet wird")])
def test_the_cache_keeps_the_languages_apart(case: str, german: str, run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings are cached worded: a German run after an English one is not given English."""
    root = copy_base(tmp_path / "plan")
    shutil.copytree(HERE / "cases" / "invalid" / case / "files", root, dirs_exist_ok=True)
    messages = {}
    for lang in ("en", "de", "en"):
        monkeypatch.setenv("DOTOOL_LANG", lang)
        result = run_cli("validate", "--root", root, "--format", "json", exit_code=1)
        found = [f["message"] for f in json.loads(result.stdout)["findings"]]
        assert messages.setdefault(lang, found) == found
    assert messages["en"] != messages["de"]
    assert any(german in m for m in messages["de"]), messages["de"]


def test_list_rules_in_german(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DOTOOL_LANG", "de")
    lines = run_cli("validate", "--list-rules").stdout.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in rules()]
    assert lines[0].split(None, 2)[1:] == ["Fehler", "masterplan/masterplan.yaml ist vorhanden."]
    assert any(line.split()[1] == "Warnung" for line in lines)
    listed = json.loads(run_cli("validate", "--list-rules", "--format", "json").stdout)
    assert listed[0] == {"code": "file-missing", "severity": "error",
                         "summary": "masterplan/masterplan.yaml ist vorhanden."}
