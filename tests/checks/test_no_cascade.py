"""One problem, one finding — and every problem at once.

A measure file that cannot be read or parsed still exists (its file name says which measure),
so naming it elsewhere is no second error; an unreadable `measures/` makes no reference
checkable. And a finding the data allows is not held back by another error in the same file:
a duplicate id beside a schema error, a duplicate field key beside an unknown key.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool.checks.run import validate
from tests.conftest import copy_base


def _codes(root: Path) -> list[tuple[str, str]]:
    return sorted((f.code, f.path) for f in validate(root, cache=False).findings
                  if f.severity == "error")


def test_a_measure_with_a_yaml_syntax_error_still_exists_for_references(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    measure = root / "measures" / "M-001-termine.yaml"  # in the adoption and M-002's depends_on
    measure.write_text(measure.read_text(encoding="utf-8") + 'title: "unclosed\n',
                       encoding="utf-8")
    codes = _codes(root)
    assert ("yaml-syntax", "measures/M-001-termine.yaml") in codes
    assert not [c for c in codes if c[0] == "unknown-measure"], codes


def test_an_unreadable_measure_file_still_exists_for_references(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    measure = root / "measures" / "M-001-termine.yaml"
    measure.unlink()
    measure.symlink_to(root / "nowhere.yaml")
    assert _codes(root) == [("file-unreadable", "measures/M-001-termine.yaml")]


def test_measures_as_a_file_is_one_error(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    for path in (root / "measures").iterdir():
        path.unlink()
    (root / "measures").rmdir()
    (root / "measures").write_text("not a folder\n", encoding="utf-8")
    assert _codes(root) == [("file-unreadable", "measures")]


def test_measures_linked_to_a_folder_outside_is_one_error_naming_a_folder(
        tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    (root / "measures").rename(tmp_path / "elsewhere")
    (root / "measures").symlink_to(tmp_path / "elsewhere")
    findings = [f for f in validate(root, cache=False).findings if f.severity == "error"]
    assert [(f.code, f.path) for f in findings] == [("file-unreadable", "measures")]
    assert str(findings[0].message) == (
        "measures is a link to a folder outside the masterplan repository")


def test_a_duplicate_id_is_reported_beside_a_schema_error(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    second = root / "measures" / "M-003-e-akte.yaml"
    second.write_text(second.read_text(encoding="utf-8").replace("id: M-003", "id: M-002")
                      + "fortschritt: 20\n", encoding="utf-8")
    findings = validate(root, cache=False).findings
    assert ("schema-extra-forbidden", "measures/M-003-e-akte.yaml") in [
        (f.code, f.path) for f in findings]
    duplicate = [f for f in findings if f.code == "duplicate-id"]
    assert [(f.path, f.line, str(f.message)) for f in duplicate] == [
        ("measures/M-003-e-akte.yaml", 1,
         "measure id M-002 is also used by measures/M-002-glasfaser.yaml")]


def test_a_duplicate_field_key_is_reported_beside_an_unknown_key(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "plan")
    plan = root / "masterplan" / "masterplan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("language: de", "sprache: de")
                    + "  - key: netz\n    title: Noch einmal\n", encoding="utf-8")
    findings = validate(root, cache=False).findings
    codes = [(f.code, f.loc) for f in findings if f.path == "masterplan/masterplan.yaml"]
    assert ("schema-extra-forbidden", ("sprache",)) in codes
    assert ("duplicate-key", ("fields", 2, "key")) in codes, codes


@pytest.mark.parametrize("unknown_key", [False, True])
def test_a_malformed_id_is_shown_an_example_in_the_plans_prefix(tmp_path: Path,
                                                               unknown_key: bool) -> None:
    """`depends_on: [DIG-3]` in a plan with `id_prefix: DIG`: "for example DIG-007", not
    M-007 (also while masterplan.yaml has an error elsewhere)."""
    root = copy_base(tmp_path / "plan")
    plan = root / "masterplan" / "masterplan.yaml"
    text = plan.read_text(encoding="utf-8").replace("id_prefix: M", "id_prefix: DIG")
    plan.write_text(text.replace("language: de", "sprache: de") if unknown_key else text,
                    encoding="utf-8")
    measure = root / "measures" / "M-002-glasfaser.yaml"
    measure.write_text(measure.read_text(encoding="utf-8").replace("depends_on: [M-001]",
                                                                   "depends_on: [DIG-3]"),
                       encoding="utf-8")
    for cache in (False, True, True):  # the files' findings from the cache, too
        [found] = [f for f in validate(root, cache=cache).findings
                   if f.loc == ("depends_on", 0)]
        assert found.hint == "for example DIG-007", found
