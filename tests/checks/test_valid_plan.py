"""The plan every rendering command gets (`load_valid_plan`) and what a warm cache gives back.

Fast, in-process: the CLI tests show the same through the commands, too slowly to run once per
mutant of `make mutate`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from dotool.checks.run import load_valid_plan, validate
from dotool.errors import InvalidContent
from dotool.model.dates import Half
from tests.conftest import Counts, copy_base

_HEAD = """\
id: {id}
title: Beispiel
field: rathaus
scope: internal
kind: project
summary: Ein Beispiel.
lead: Hauptamt
"""


def _plan(tmp_path: Path, files: dict[str, str]) -> Path:
    root = copy_base(tmp_path / "plan")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _cache_files() -> list[Path]:
    return [p for p in Path(os.environ["DOTOOL_CACHE_DIR"]).rglob("*") if p.is_file()]


def test_an_invalid_plan_is_refused_with_its_errors_and_the_count_left_out(
        tmp_path: Path) -> None:
    """60 unknown dependencies in one file: the refusal shows the 50 a file may show, counts
    the 10 left out, and says so in its message (exit 1)."""
    deps = ", ".join(f"M-{n}" for n in range(101, 161))
    root = _plan(tmp_path, {"measures/M-004-viele.yaml":
                            _HEAD.format(id="M-004") + f"depends_on: [{deps}]\n"})
    with pytest.raises(InvalidContent) as refused:
        load_valid_plan(root, cache=False)
    assert refused.value.exit_code == 1
    assert [(f.code, f.path, f.line) for f in refused.value.findings] == [
        ("unknown-measure", "measures/M-004-viele.yaml", 8)] * 50
    assert refused.value.left_out == 10
    assert str(refused.value) == ("the masterplan has 50 validation errors and 10 more "
                                  "findings left out; nothing was written")


def test_the_day_given_decides_what_is_still_to_come(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An update for 2030-H1 is an error on the machine's day (2026) and fine on a day in that
    half: `today` is the day the plan is checked on, not the clock's."""
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")
    update = ("updates:\n  - half: 2030-H1\n    status: in_progress\n    rag: green\n"
              "    progress: 10\n    text: Begonnen.\n")
    root = _plan(tmp_path, {"measures/M-004-spaet.yaml": _HEAD.format(id="M-004") + update})
    with pytest.raises(InvalidContent) as refused:
        load_valid_plan(root, cache=False)
    assert [f.code for f in refused.value.findings] == ["half-in-future"]
    plan = load_valid_plan(root, today=date(2030, 3, 1), cache=False)
    assert plan.measure("M-004") is not None


def test_the_plan_is_cached_unless_told_not_to(plan_dir: Path) -> None:
    """Rendering commands load the plan through the cache; `cache=False` leaves no trace."""
    load_valid_plan(plan_dir, cache=False)
    assert _cache_files() == []
    load_valid_plan(plan_dir)
    assert _cache_files() != []


def test_adoptions_are_in_the_order_they_were_adopted(tmp_path: Path) -> None:
    """Version 10.0 follows 2.0 (by date), although its file name sorts first: the adoptions
    of the plan (the JSON export lists them) are in the order of their dates."""
    adoption = "version: \"{v}\"\ndate: {d}\nresolution: BV/{n}\nmeasures: [M-001]\n"
    root = _plan(tmp_path, {
        "masterplan/adoptions/10.0.yaml": adoption.format(v="10.0", d="2024-03-01", n="1/2024"),
        "masterplan/adoptions/2.0.yaml": adoption.format(v="2.0", d="2022-03-01", n="1/2022"),
    })
    plan = load_valid_plan(root, cache=False)
    assert [a.version for a in plan.adoptions] == ["1.0", "2.0", "10.0"]


def test_the_report_paper_of_a_half_is_in_the_plan(tmp_path: Path) -> None:
    """`masterplan/reports/2021-H1.yaml` is the council paper the report of 2021-H1 uses."""
    root = _plan(tmp_path, {"masterplan/reports/2021-H1.yaml": "session: 2021-09-15\n"})
    plan = load_valid_plan(root, cache=False)
    paper = plan.vorlage(Half.parse("2021-H1"))
    assert paper is not None and paper.session == date(2021, 9, 15)
    assert list(plan.vorlagen) == [Half.parse("2021-H1")]


def test_files_from_the_cache_are_not_parsed_again_and_their_findings_keep_their_place(
        tmp_path: Path, counts: Counts) -> None:
    """Another file changed: the unchanged ones come from the cache, not parsed again, with the
    loader's finding of one (an unknown key) and the warning the checks locate in the other (an
    e-mail contact) at the same line and column as when they were parsed. The invalid one still
    exists for the other's `depends_on` (its id is read from the cached data: no second error)."""
    root = _plan(tmp_path, {
        "measures/M-004-kontakt.yaml": _HEAD.format(id="M-004")
        + "contact: ab@teststadt.example\npublic: true\ndepends_on: [M-005]\n",
        "measures/M-005-farbe.yaml": _HEAD.format(id="M-005") + "colour: blau\n"})

    def mine(findings: object) -> list[tuple[str, str, int | None, int | None]]:
        return [(f.code, f.path, f.line, f.col) for f in findings  # type: ignore[attr-defined]
                if f.path.startswith("measures/M-00") and f.code != "update-missing"]

    first = validate(root)
    assert mine(first.findings) == [
        ("contact-email", "measures/M-004-kontakt.yaml", 8, 10),
        ("schema-extra-forbidden", "measures/M-005-farbe.yaml", 8, 1)]

    counts.clear()
    other = root / "measures" / "M-002-glasfaser.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("title:", "title: Neu –", 1),
                     encoding="utf-8")
    again = validate(root)
    assert counts.parsed == ["measures/M-002-glasfaser.yaml"]
    assert mine(again.findings) == mine(first.findings)
    assert again.sources["measures/M-004-kontakt.yaml"][7] == "contact: ab@teststadt.example"


def test_a_change_checked_before_writing_is_refused_for_errors_alone() -> None:
    """`errors_only` (a change checked before it is written): the unknown field is reported,
    the e-mail contact (a warning) is not even located, and the update `--half` requires of
    every active measure counts, as the error `--half` makes it."""
    from dotool.checks.run import validate_raw
    from dotool.findings.catalogue import MASTERPLAN, MINIMAL_PLAN, measure, updates
    from dotool.store.files import raw_plan_from_blobs

    blobs = {MASTERPLAN: MINIMAL_PLAN.encode(),
             "measures/M-001-termine.yaml": measure(
                 "contact: ab@teststadt.example\n" + updates({})).encode(),
             "measures/M-002-netz.yaml": measure(updates({}, {"half": "2021-H2"}),
                                                 id="M-002").replace(
                 "field: rathaus", "field: netz").encode()}
    raw = raw_plan_from_blobs(Path("."), blobs)
    found = validate_raw(raw, today=date(2026, 12, 2), errors_only=True).findings
    assert [(f.code, f.path) for f in found] == [("unknown-field", "measures/M-002-netz.yaml")]
    required = validate_raw(raw, today=date(2026, 12, 2), half=Half.parse("2021-H2"),
                            errors_only=True).findings
    assert [(f.code, f.severity, f.path) for f in required] == [
        ("update-missing", "error", "measures/M-001-termine.yaml"),
        ("unknown-field", "error", "measures/M-002-netz.yaml")]


def test_a_remembered_validation_shows_the_offending_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Validated again unchanged, the findings come from the cache, with nothing loaded or
    checked, and the text report still quotes the file's lines, read from its bytes (a byte
    order mark is not part of line 1)."""
    from dotool.checks import run

    root = _plan(tmp_path, {"measures/M-004-kontakt.yaml": "\ufeff" + _HEAD.format(id="M-004")
                            + "contact: ab@teststadt.example\npublic: true\n"})
    first = validate(root)

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again, not remembered")

    monkeypatch.setattr(run, "_validate_loaded", not_again)
    warm = validate(root)
    assert warm.findings == first.findings
    assert "measures/M-004-kontakt.yaml" in warm.sources
    assert "measures/M-009-fehlt.yaml" not in warm.sources
    lines = warm.sources["measures/M-004-kontakt.yaml"]
    assert lines[0] == "id: M-004" and lines[7] == "contact: ab@teststadt.example"


def test_a_plan_from_a_git_tree_is_read_by_the_folder_rules() -> None:
    from dotool.store.files import MASTERPLAN, raw_plan_from_blobs

    blobs = {MASTERPLAN: b"m", "measures/M-001-a.yaml": b"a", "measures/.M-002-draft.yaml": b"d",
             "measures/README.md": b"r", "measures/M-003-c.yml": b"c",
             "measures/sub/M-004-d.yaml": b"x", "measures/M-005-\udcff.yaml": b"o",
             "masterplan/adoptions/1.0.yaml": b"v", "masterplan/reports/2021-H1.yaml": b"p"}
    raw = raw_plan_from_blobs(Path("plan"), blobs)
    assert raw.root == Path("plan")
    assert [(f.path, f.data, f.problem) for f in raw.measures] == [
        ("measures/M-001-a.yaml", b"a", None),
        ("measures/M-005-\\xff.yaml", b"", "has a name that is not UTF-8; rename it (a name in "
                                           "UTF-8 reads the same on every computer)")]
    assert raw.strays == ("measures/M-003-c.yml",)  # a dotfile, README.md and subfolders: no
    assert [f.path for f in raw.adoptions] == ["masterplan/adoptions/1.0.yaml"]
    assert [f.path for f in raw.reports] == ["masterplan/reports/2021-H1.yaml"]


def test_a_remembered_invalid_plan_has_no_plan(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Validated again unchanged, a plan with an error is still refused: the remembered
    validation has its errors, its root and no plan to render."""
    from dotool.checks import run

    root = _plan(tmp_path, {"measures/M-004-dep.yaml": _HEAD.format(id="M-004")
                            + "depends_on: [M-009]\n"})
    first = validate(root)
    assert [f.code for f in first.errors] and first.plan is None

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again, not remembered")

    monkeypatch.setattr(run, "_validate_loaded", not_again)
    warm = validate(root)
    assert warm.findings == first.findings and warm.root == first.root == root.resolve()
    assert warm.plan is None
    with pytest.raises(InvalidContent):
        load_valid_plan(root)


def test_a_remembered_count_of_files_that_is_no_number_is_validated_again(
        tmp_path: Path) -> None:
    """A remembered validation whose count of files is not a number (a cache written by
    something else) is not used: the plan is validated again, with its count."""
    from tests.authoring.test_update_narrow import _rewrite

    root = _plan(tmp_path, {})
    first = validate(root)
    (plans,) = Path(os.environ["DOTOOL_CACHE_DIR"]).glob("*.plans")

    def as_text(entries: dict[bytes, list[object]]) -> None:
        for entry in entries.values():
            files, *rest = entry[1]  # type: ignore[misc]
            entry[1] = (str(files), *rest)

    _rewrite(plans, as_text)
    again = validate(root)
    assert type(again.files) is int and again.files == first.files


def test_a_remembered_validation_keeps_the_count_left_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Validated again unchanged, the summary still says how many findings were left out."""
    from dotool.checks import run
    from dotool.findings import MAX_PER_FILE

    keys = "".join(f"extra{n}: 1\n" for n in range(MAX_PER_FILE + 3))
    root = _plan(tmp_path, {"measures/M-004-viel.yaml": _HEAD.format(id="M-004") + keys})
    first = validate(root)
    assert first.left_out == 3

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again, not remembered")

    monkeypatch.setattr(run, "_validate_loaded", not_again)
    warm = validate(root)
    assert warm.findings == first.findings and warm.left_out == 3


def test_validate_strict_makes_every_warning_an_error(tmp_path: Path) -> None:
    root = _plan(tmp_path, {"measures/M-004-kontakt.yaml": _HEAD.format(id="M-004")
                            + "contact: ab@teststadt.example\npublic: true\n"})
    assert [(f.code, f.severity) for f in validate(root).findings] == [
        ("contact-email", "warning")]
    strict = validate(root, strict=True)
    assert [(f.code, f.severity) for f in strict.findings] == [("contact-email", "error")]
    assert strict.plan is None


def test_a_remembered_validation_is_for_its_day_and_its_kind_only(tmp_path: Path) -> None:
    """The cache remembers a validation for the day it was made and for what it looked for:
    another day, or a full check after one for errors alone, is validated again."""
    from dotool.checks.run import validate_raw
    from dotool.store.files import MAX_BYTES, read_plan

    root = _plan(tmp_path, {"measures/M-004-kontakt.yaml": _HEAD.format(id="M-004")
                            + "contact: ab@teststadt.example\npublic: true\n"})
    before = validate(root, today=date(2020, 12, 1))  # M-003's update for 2021-H1 lies ahead
    assert "half-in-future" in [f.code for f in before.errors]
    assert not validate(root, today=date(2026, 12, 2)).errors
    errors_only = validate_raw(read_plan(root, limit=MAX_BYTES), today=date(2026, 12, 2),
                               cache=True, errors_only=True)
    assert not errors_only.findings
    assert [f.code for f in validate(root, today=date(2026, 12, 2)).findings] == [
        "contact-email"]


def test_a_plan_folder_is_read_by_the_same_folder_rules(tmp_path: Path) -> None:
    from dotool.store.files import read_plan

    root = tmp_path / "plan"
    for rel, data in {"masterplan/masterplan.yaml": b"m", "measures/M-001-a.yaml": b"a",
                      "measures/.M-002-draft.yaml": b"d", "measures/README.md": b"r",
                      "measures/M-003-c.yml": b"c", "measures/sub/M-004-d.yaml": b"x",
                      "masterplan/reports/2021-H1.yaml": b"p", "outside.yaml": b"o"}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    (root / "measures/M-006-f.yaml").mkdir()
    (root / "measures/M-007-g.yaml").symlink_to(root / "outside.yaml")
    (root / "measures/M-008-h.yml").symlink_to(root / "nowhere")
    (root / "measures/M-009-\u00e4.yaml").write_bytes(b"u")  # not ASCII, but UTF-8: fine
    (root / "measures/M-010-loop.yml").symlink_to("M-010-loop.yml")
    os.mkfifo(root / "measures/M-011-pipe.yml")  # neither a file nor a link: not a stray
    os.mkfifo(root / "measures/M-012-pipe.yaml")
    (tmp_path / "elsewhere.yaml").write_bytes(b"e")
    (root / "measures/M-013-out.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (root / "measures/M-005-\udcff.yaml").write_bytes(b"x")
    (root / "masterplan/adoptions").write_bytes(b"not a folder")
    raw = read_plan(root, limit=1024)
    assert raw.root == root.resolve()
    assert raw.masterplan is not None and raw.masterplan.data == b"m"
    assert [(f.path, f.data, f.problem) for f in raw.measures] == [
        ("measures/M-001-a.yaml", b"a", None),
        ("measures/M-005-\\xff.yaml", b"", "has a name that is not UTF-8; rename it (a name in "
                                           "UTF-8 reads the same on every computer)"),
        ("measures/M-006-f.yaml", b"", "is a folder, not a regular file"),
        ("measures/M-007-g.yaml", b"o", None),
        ("measures/M-009-\u00e4.yaml", b"u", None),
        ("measures/M-012-pipe.yaml", b"", "is a FIFO (named pipe), not a regular file"),
        ("measures/M-013-out.yaml", b"",
         "is a link to a file outside the masterplan repository")]
    assert raw.strays == ("measures/M-003-c.yml", "measures/M-008-h.yml",
                          "measures/M-010-loop.yml")
    assert [(f.path, f.data, f.problem) for f in raw.adoptions] == [
        ("masterplan/adoptions", b"", "is a file, not a folder")]
    assert [(f.path, f.data) for f in raw.reports] == [("masterplan/reports/2021-H1.yaml", b"p")]
    alone = read_plan(root / "masterplan", limit=1024)  # no measures/: the other folders count
    assert alone.masterplan is None and alone.measures == ()
    (root / "masterplan/masterplan/adoptions").mkdir(parents=True)
    (root / "masterplan/masterplan/adoptions/2.0.yaml").write_bytes(b"w")
    alone = read_plan(root / "masterplan", limit=1024)
    assert [(f.path, f.data) for f in alone.adoptions] == [("masterplan/adoptions/2.0.yaml", b"w")]


def test_a_plan_folder_is_listed_plainly_only_when_read_plan_would_read_it_so(
        tmp_path: Path) -> None:
    from dotool.store.files import plain_listing, plan_folders

    root = tmp_path.resolve()
    assert plan_folders(root) == tuple(root / n for n in (".git", "masterplan", "measures",
                                                          "templates", "schema"))
    assert plain_listing(root, "measures") == []
    (root / "measures/sub").mkdir(parents=True)
    for name in ("M-001-a.yaml", ".draft", "README.md"):
        (root / "measures" / name).write_bytes(b"abc")
    listing = plain_listing(root, "measures")
    assert listing is not None
    assert [(rel, st.st_size) for rel, st in listing] == [("measures/M-001-a.yaml", 3)]
    (root / "link").symlink_to(root / "measures")
    assert plain_listing(root, "link") is None
    (root / "file").write_bytes(b"")
    assert plain_listing(root, "file") is None
    for odd in ("M-002-b.yml", "M-002-b.yaml/", "M-002-\udcff.yaml", "M-002-link.yaml"):
        path = root / "measures" / odd.rstrip("/")
        if odd.endswith("/"):
            path.mkdir()
        elif "link" in odd:
            path.symlink_to(root / "measures/M-001-a.yaml")
        else:
            path.write_bytes(b"")
        assert plain_listing(root, "measures") is None, odd
        path.rmdir() if odd.endswith("/") else path.unlink()
    assert plain_listing(root, "measures") is not None


def test_a_file_gone_between_listing_and_reading_is_reported(tmp_path: Path) -> None:
    from dotool.store.files import _read_entry

    (tmp_path / "M-001-a.yaml").write_bytes(b"a")
    os.mkfifo(tmp_path / "M-002-b.yaml")
    with os.scandir(tmp_path) as listing:
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        os.unlink(entry.path)
    assert [(f.path, f.data, f.problem) for f in
            (_read_entry(f"measures/{e.name}", e, 1024) for e in entries)] == [
        ("measures/M-001-a.yaml", b"", "does not exist (or is a link to nothing)"),
        ("measures/M-002-b.yaml", b"", "is not a regular file, not a regular file")]


def test_a_plan_folder_that_cannot_be_listed_is_one_file_with_the_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from dotool.store.files import read_plan

    (tmp_path / "measures").mkdir()
    (tmp_path / "measures/M-001-a.yaml").write_bytes(b"a")

    def refused(path: object) -> None:
        # The tests run as root, whom permissions never refuse: the listing is refused here.
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(os, "scandir", refused)
    raw = read_plan(tmp_path, limit=1024)
    monkeypatch.undo()
    assert [(f.path, f.data, f.problem) for f in raw.measures] == [
        ("measures", b"", "cannot be listed: Permission denied")]
    assert raw.strays == ()
