"""Findings whose hint fits the case: what the outside tester found worded wrongly.

A picture in measures/ is told where pictures go (not to be renamed bild.yaml); an unquoted `no`
in a text field is told to quote it (not "or write false"); German grammar after "enthält aber".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool.checks.run import validate
from dotool.i18n import terminal
from tests.conftest import copy_base
from tests.images import png


def _only(root: Path, code: str) -> tuple[str, str | None]:
    [found] = [f for f in validate(root, cache=False).findings if f.code == code]
    return found.message, found.hint


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()
    terminal.use_plan_language("de")


def test_a_picture_in_measures_is_told_where_pictures_go(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    (root / "measures" / "bild.png").write_bytes(png())
    message, hint = _only(root, "file-extension")
    assert message == "measures/bild.png is not read: only *.yaml files belong in this folder"
    assert hint == ("measures/ holds only the measures' YAML files: put pictures in a folder of "
                    "their own such as docs/ and show them in a text with "
                    "![Description](docs/bild.png)")


def test_a_measure_saved_as_yml_is_still_told_to_rename_it(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    (root / "measures" / "M-009-neu.yml").write_text("id: M-009\n", encoding="utf-8")
    assert _only(root, "file-extension")[1] == ("rename it to M-009-neu.yaml, or move it "
                                                "elsewhere")


def test_a_picture_in_measures_is_told_in_german(tmp_path: Path, german: None) -> None:
    root = copy_base(tmp_path / "plan")
    (root / "measures" / "bild.png").write_bytes(png())
    assert _only(root, "file-extension")[1] == (
        "in measures/ gehören nur die YAML-Dateien der Maßnahmen: legen Sie Bilder in einen "
        "eigenen Ordner wie docs/ und zeigen Sie sie in einem Text mit "
        "![Beschreibung](docs/bild.png)")


@pytest.mark.parametrize(("line", "hint"), [
    ("title: no", '`title` is text: put the value in quotes ("no")'),
    ("title: Yes", '`title` is text: put the value in quotes ("Yes")'),
    # Not a text field: both readings stay possible.
    ("public: no", 'YAML 1.1 reads `no` as false: quote it ("no") if you mean text, or write '
                   "false"),
])
def test_an_ambiguous_value_in_a_text_field_is_told_to_quote_it(tmp_path: Path, line: str,
                                                                 hint: str) -> None:
    root = copy_base(tmp_path / "plan")
    measure = root / "measures" / "M-003-e-akte.yaml"
    text = measure.read_text(encoding="utf-8")
    text = text.replace("title: E-Akte", line) if line.startswith("title") else text + line
    measure.write_text(text + "\n", encoding="utf-8")
    for cache in (False, True, True):  # also when the file's findings come from the cache
        [found] = [f for f in validate(root, cache=cache).findings
                   if f.code == "yaml-ambiguous"]
        assert found.hint == hint


def test_a_text_field_hint_in_german(tmp_path: Path, german: None) -> None:
    root = copy_base(tmp_path / "plan")
    measure = root / "measures" / "M-003-e-akte.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("title: E-Akte", "title: no"),
                       encoding="utf-8")
    assert _only(root, "yaml-ambiguous")[1] == (
        '`title` ist ein Text: setzen Sie den Wert in Anführungszeichen ("no")')


def test_a_file_holding_text_is_worded_in_the_accusative(tmp_path: Path, german: None) -> None:
    root = copy_base(tmp_path / "plan")
    (root / "measures" / "M-003-e-akte.yaml").write_text("nur ein Satz\n", encoding="utf-8")
    assert _only(root, "schema-not-mapping")[0] == (
        "die Datei muss eine Zuordnung von Schlüsseln zu Werten enthalten, enthält aber einen "
        "Text")
