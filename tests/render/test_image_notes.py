"""Every image a document does not show gets one note saying why, in the terminal's language.

The README promises it ("Any other image — remote, refused, over the limits above — is shown as a
link, and the command says why in a note"); each cause below once went without a note, or with a
reason in English inside a German sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dotool.i18n import terminal
from tests.conftest import copy_base
from tests.images import png

#: Image source → words of the reason (English, German).
REFUSED = {
    "../../etc/passwd": ("leads up with `..`", "führt mit `..` nach oben"),
    "/etc/passwd": ("is an absolute path", "ist ein absoluter Pfad"),
    "https://evil.example/x.png": ("is on the web", "liegt im Web"),
    ".git/config": ("in the repository's .git folder", "im .git-Ordner des Repositorys"),
    "masterplan/masterplan.yaml": ("the plan's masterplan/ folder",
                                   "im Ordner masterplan/ des Plans"),
    "docs": ("is a folder, not a regular file", "ist ein Ordner, keine reguläre Datei"),
    "img/plan": ("is not named as an image", "ist nicht als Bild benannt"),
    "docs/notes.txt": ("is not an image (PNG, JPEG, GIF, WebP or SVG) by its content",
                       "ist seinem Inhalt nach kein Bild"),
    "img/missing.png": ("does not exist", "existiert nicht"),
    "img/outside.png": ("is a link to a file outside the masterplan repository",
                        "ist ein Link auf eine Datei außerhalb des Masterplan-Repositorys"),
}
COMMANDS = [("masterplan", "-o", "{out}/m.html"), ("masterplan",),
            ("report", "--half", "2021-H1", "-o", "{out}/r.md"), ("site", "-o", "{out}/site")]
#: English words no German note holds.
ENGLISH = re.compile(r"\b(is|the|not|an|by|its|link to|does|exist|outside|folder|named)\b")


def _plan(tmp_path: Path) -> Path:
    root = copy_base(tmp_path / "plan")
    (root / "img").mkdir()
    (root / "img" / "ok.png").write_bytes(png())
    (root / "img" / "plan").write_bytes(png())  # an image by its content, without its name
    (root / "docs").mkdir()
    (root / "docs" / "notes.txt").write_text("no picture", encoding="utf-8")
    (root / "img" / "outside.png").symlink_to(tmp_path / "secret.png")
    (tmp_path / "secret.png").write_bytes(png(2, 2))
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    refs = " ".join(f"![x]({src})" for src in [*REFUSED, "img/ok.png"])
    measure = root / "measures" / "M-001-termine.yaml"
    measure.write_text(measure.read_text(encoding="utf-8")
                       .replace("summary: Termine online buchen.", f"summary: '{refs} {refs}'")
                       .replace("text: In Betrieb.", f"text: '{refs}'"), encoding="utf-8")
    return root


def _notes(stderr: str, prefix: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_every_refused_image_is_noted_once_with_its_reason(  # type: ignore[no-untyped-def]
        run_cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    root = _plan(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(*[a.format(out=out) for a in args], "--root", root)
    notes = _notes(result.stderr, "note: the image ")
    for src, (english, _german) in REFUSED.items():
        mine = [n for n in notes if n.startswith(f"note: the image {src} is shown as a link: it ")]
        assert len(mine) == 1, f"{src}: {mine}\n{result.stderr}"
        assert english in mine[0], mine[0]
    assert len(notes) == len(REFUSED), result.stderr  # img/ok.png is shown: no note


def test_image_notes_of_a_german_plan_are_german(run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOTOOL_LANG")  # the plan's `language: de` decides
    terminal.reset()
    root = _plan(tmp_path)
    result = run_cli("masterplan", "-o", tmp_path / "m.html", "--root", root)
    notes = _notes(result.stderr, "Hinweis: das Bild ")
    assert len(notes) == len(REFUSED), result.stderr
    for src, (_english, german) in REFUSED.items():
        note = next(n for n in notes if n.startswith(f"Hinweis: das Bild {src} "))
        reason = note.partition(" wird als Link gezeigt: es ")[2]
        assert german in reason, note
        assert not ENGLISH.search(reason.replace(src, "")), note


def test_an_image_of_another_scheme_is_noted_as_shown_by_its_text(  # type: ignore[no-untyped-def]
        run_cli, tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    measure = root / "measures" / "M-001-termine.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace(
        "summary: Termine online buchen.", "summary: '![Karte](data:image/png;base64,AAAA)'"),
        encoding="utf-8")
    result = run_cli("masterplan", "--root", root)
    assert "Karte" in result.stdout and "data:image" not in result.stdout
    assert ("note: the image data:image/png;base64,AAAA is shown as its text only: it is a "
            "data: address, not a file of the repository") in result.stderr
