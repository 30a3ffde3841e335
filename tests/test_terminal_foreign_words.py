"""What a library or the system says reaches a German Digital Officer in German — or, where it
cannot be translated (git, Typst, Jinja), after a German sentence and marked as the tool's own.

Each test drives the real command on a German plan (`tests/cases/base` says `language: de`).
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from dotool.i18n import terminal
from tests.conftest import copy_base, flat


@pytest.fixture(autouse=True)
def _german(monkeypatch: pytest.MonkeyPatch) -> None:
    """No DOTOOL_LANG: the plan's `language: de` decides."""
    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()


#: Broken YAML as people write it, and the German libyaml's words become.
YAML_CASES = [
    ("\ttitle: Tab\n", "Tabulator"),
    ("%FOO bar\n---\n", "unbekannte Direktive"),
    ("%YAML 2.0\n---\n", "nicht unterstützte YAML-Version"),
    ("%YAML 1.1\n%YAML 1.1\n---\n", "doppelte %YAML-Direktive"),
    ('x: "\\xZZ"\n', "die erwartete Hexadezimalzahl fehlt"),
    ('x: "a\\q"\n', "beim Lesen eines Textes in Anführungszeichen"),
    ("x: !<tag\n", "das erwartete '>' fehlt"),
    ("x: |0\n  a\n", "eine Einrückungsangabe von 0"),
]
#: libyaml's English: none of it may be left.
YAML_ENGLISH = re.compile(r"\b(found|expected|while|parsing|scanning|directive|allowed|"
                          r"indicator|escape)\b")


@pytest.mark.parametrize(("text", "german"), YAML_CASES, ids=[c[1] for c in YAML_CASES])
def test_yaml_syntax_errors_are_german(run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                       text: str, german: str) -> None:
    root = copy_base(tmp_path / "plan")
    measure = next((root / "measures").glob("M-001-*.yaml"))
    if text.startswith("%"):
        broken = text + measure.read_text(encoding="utf-8")
    elif text.startswith("\t"):
        broken = measure.read_text(encoding="utf-8").replace("\n  ", "\n\t", 1)
    else:
        broken = measure.read_text(encoding="utf-8") + text
    measure.write_text(broken, encoding="utf-8")
    said = flat(run_cli("validate", "--root", root, "--no-cache", exit_code=1).stdout)
    assert "YAML-Syntaxfehler" in said and german in said, said
    assert not YAML_ENGLISH.search(said), said


def test_system_reasons_are_german(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A file where a folder should be: the system says "Not a directory"."""
    root = copy_base(tmp_path / "plan")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    said = flat(run_cli("site", "--root", root, "-o", tmp_path / "a-file" / "site",
                         exit_code=2).stderr)
    assert "ist kein Ordner" in said, said
    assert "directory" not in said.lower()


def test_an_editor_that_cannot_start_is_told_in_german(run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_base(tmp_path / "plan")
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    said = flat(run_cli("add-measure", "--root", root, "--no-input", "--edit",
                         "--title", "Test", "--field", "rathaus", "--scope", "internal",
                         "--kind", "project", "--lead", "Hauptamt", "--priority", "high",
                         "--start", "2021-01", "--end", "2021-12", "--summary", "Kurz.",
                         exit_code=None).stderr)
    assert "Datei oder Ordner nicht gefunden" in said, said
    assert "No such file" not in said


@pytest.mark.parametrize(("number", "german"), [
    (errno.EACCES, "keine Berechtigung"), (errno.ENOENT, "Datei oder Ordner nicht gefunden"),
    (errno.EISDIR, "ist ein Ordner"), (errno.ENOSPC, "kein Speicherplatz mehr auf dem Datenträger"),
    (errno.EROFS, "das Dateisystem ist schreibgeschützt"),
])
def test_the_reasons_of_the_system_are_worded_by_their_number(number: int, german: str) -> None:
    import os

    from dotool.store.oswords import os_reason

    reason = os_reason(OSError(number, os.strerror(number), "x"))
    assert not isinstance(reason, str) and reason.render("de") == german
    assert reason.render("en") == os.strerror(number)  # English as the system says it


def test_a_reason_dotool_wrote_itself_is_kept() -> None:
    from dotool.store.oswords import os_reason

    assert os_reason(FileExistsError(errno.EEXIST, "ein Ordner ist im Weg")) == \
        "ein Ordner ist im Weg"
    assert os_reason(OSError("no reason")) == "no reason"


def test_git_output_follows_a_german_sentence(run_cli, make_repo, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`adopt` tags with git; git refuses without an identity, in its own English."""
    root = make_repo()
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    said = flat(run_cli("adopt", "9.0", "--date", "2021-01-01", "--resolution", "BV/1",
                         "--root", root, exit_code=2).stderr)
    assert said.startswith("Fehler: git tag ist fehlgeschlagen. Meldung von git (englisch): ")
    assert "\\x0a" not in said  # git's lines as one line, not escaped line breaks
    assert not (root / "masterplan" / "adoptions" / "9.0.yaml").exists()


def test_typst_output_follows_a_german_sentence(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("typst")
    root = copy_base(tmp_path / "plan")
    (root / "templates").mkdir()
    (root / "templates" / "report.typ.j2").write_text("#let x = (\n", encoding="utf-8")
    said = flat(run_cli("report", "--root", root, "--half", "2020-H2", "-o",
                         tmp_path / "r.pdf", exit_code=1).stderr)
    assert "das PDF konnte nicht gesetzt werden. Meldung von Typst (englisch):" in said, said
    assert "Hinweis: eine Vorlage im Repository lässt sich nicht kompilieren" in said


def test_jinja_output_follows_a_german_sentence(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = copy_base(tmp_path / "plan")
    (root / "templates").mkdir()
    (root / "templates" / "report.md.j2").write_text("{% if %}\n", encoding="utf-8")
    said = flat(run_cli("report", "--root", root, "--half", "2020-H2", exit_code=1).stderr)
    assert "die Vorlage im Repository hat einen Syntaxfehler. Meldung von Jinja (englisch):" \
        in said, said
    assert "template syntax error" not in said and "fix the" not in said


def test_a_workbook_that_is_no_workbook_is_told_in_german(run_cli,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    bad = tmp_path / "tabelle.xlsx"
    bad.write_bytes(b"not a zip")
    for args in (("import", bad, "--dry-run"), ("collect", "apply", bad, "--dry-run")):
        result = run_cli(*args, "--root", root, exit_code=None)
        said = flat(result.stdout + result.stderr)
        assert "keine Excel-Arbeitsmappe" in said, said
        assert not re.search(r"\b(zip|file|is not|error)\b", said, re.I), said
