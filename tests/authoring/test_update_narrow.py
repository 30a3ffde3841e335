"""A change to one measure is checked against the other measures' recorded facts
(`dotool.checks.facts`), with the findings of the whole-plan check, or by the whole-plan check
when the record cannot vouch for the answer."""

from __future__ import annotations

import marshal
import os
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dotool.store import cache
from tests.authoring.test_update import M1, M2, M2_ARGS, M2_BLOCK
from tests.conftest import Counts

M3 = "measures/M-003-e-akte.yaml"
ADOPTION = "masterplan/adoptions/1.0.yaml"
M4 = "measures/M-004-neu.yaml"
NEW_MEASURE = """\
id: M-004
title: Neue Maßnahme
field: rathaus
scope: internal
kind: project
summary: Etwas Neues.
lead: Fachdienst IT
depends_on: [M-003]
"""
PAPER = """\
vorlage: BV/0007/2021
session: 2021-09-16
body: Ausschuss für Digitales
"""


def test_a_warm_update_loads_only_the_changed_measure(plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                      counts: Counts) -> None:
    run_cli("validate", "--root", plan_dir)
    counts.clear()
    out = run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run").stdout
    assert out == (plan_dir / M2).read_text(encoding="utf-8") + M2_BLOCK
    assert counts.narrowed == [True]
    assert counts.parsed == [M2]  # the masterplan and adoption from the cache
    assert counts.measures() == [M2]  # no other measure, not even from the cache


def test_updates_one_after_another_stay_narrow(plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                               counts: Counts) -> None:
    """A written update is recorded as checked: the next change to another measure finds it."""
    run_cli("validate", "--root", plan_dir)
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS)
    counts.clear()
    run_cli("update", "M-003", "--root", plan_dir, "--half", "2021-H2", "--status", "ongoing",
            "--rag", "green", "--text", "Läuft.", "--dry-run")
    assert counts.narrowed == [True]
    assert counts.measures() == [M3]


def _edit(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _changed(rel: str, old: str = "", new: str = "") -> Callable[[Path], dict[str, bytes]]:
    def change(root: Path) -> dict[str, bytes]:
        text = (root / rel).read_text(encoding="utf-8")
        assert old in text
        return {rel: (text.replace(old, new, 1) if old else text + M2_BLOCK).encode()}

    return change


def _new(root: Path) -> dict[str, bytes]:
    return {M4: NEW_MEASURE.encode()}


def _write(rel: str, text: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    return write


def _refused_then_written(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        from dotool.authoring.checking import Refused, check_changes

        changes = _changed(rel, old, new)(root)
        with pytest.raises(Refused):
            check_changes(root, changes)
        (root / rel).write_bytes(changes[rel])

    return write


def _without_updates(root: Path) -> None:
    """Every measure as planned, none reported on yet (a plan just begun)."""
    for path in (root / "measures").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text[:text.index("updates:")], encoding="utf-8")


# name: (edit before `validate`, edit after it, the change, served by the record, accepted)
CASES = {
    "a valid update": (None, None, _changed(M2), True, True),
    "a new measure": (None, None, _new, True, True),
    "a dependency on a missing id": (None, None, _changed(M2, "[M-001]", "[M-009]"), True,
                                     False),
    "a dependency on itself": (None, None, _changed(M2, "[M-001]", "[M-002, M-001]"), True,
                               False),
    "an unknown field": (None, None, _changed(M2, "field: netz", "field: nezt"), True, False),
    "an end before the start": (None, None, _changed(M2, "end: 2022-12", "end: 2019-12"), True,
                                False),
    "a schema error in the changed file": (None, None, _changed(M2, "progress: 30",
                                                                "progress: viel"), True, False),
    "a duplicate id in the changed file": (None, None, _changed(M3, "id: M-003", "id: M-002"),
                                           True, False),
    # M-001 sorts first: the duplicate is reported in M-003's file, and M-002 and the adoption
    # lose the M-001 they name.
    "a duplicate id reported in another file": (None, None,
                                                _changed(M1, "id: M-001", "id: M-003"), False,
                                                False),
    # The cycle closes with the changed file's edge (M-002 → M-003 → M-002): reported there.
    "a dependency cycle in the changed file": (_edit(M2, "[M-001]", "[M-001, M-003]"), None,
                                               _changed(M3, "field: rathaus",
                                                        "field: rathaus\ndepends_on: [M-002]"),
                                               True, False),
    "a dependency cycle": (None, None, _changed(M1, "field: rathaus",
                                                "field: rathaus\ndepends_on: [M-002]"), False,
                           False),
    # The file still names M-002 (the adoption's M-002 is no error): the record answers.
    "a YAML error in the changed file": (None, None, _changed(M2, "title: Glasfaser",
                                                              "title: [Glasfaser"), True,
                                         False),
    # A plan with an error before the change is never written into, wherever the error lies.
    "another file broken already": (_edit(M3, "title:", "colour: blue\ntitle:"), None,
                                    _changed(M2), False, False),
    "another file with an error of its own already": (_edit(M3, "start: 2021-01",
                                                            "start: 2021-01\nend: 2020-06"),
                                                      None, _changed(M2), False, False),
    "another file edited since": (None, _edit(M3, "title:", "ref: X\ntitle:"), _changed(M2),
                                  False, True),
    "another file edited since, now broken": (None, _edit(M3, "title:", "colour: blue\ntitle:"),
                                              _changed(M2), False, False),
    "a new file since": (None, lambda root: (root / M4).write_text(NEW_MEASURE, "utf-8"),
                         _changed(M2), False, True),
    # Only measure files are checked from the record; a change to the masterplan is not.
    "a change to the masterplan": (None, None, _changed("masterplan/masterplan.yaml",
                                                        "Teststadt", "Neustadt"), False, True),
    "no masterplan": (lambda root: (root / "masterplan/masterplan.yaml").unlink(), None,
                      _changed(M2), False, False),
    "a stray in measures/": (None, _write("measures/notes.txt", "x"), _changed(M2), False,
                             False),
    "a stray among the adoptions": (None, _write("masterplan/adoptions/notes.txt", "x"),
                                    _changed(M2), False, False),
    # The paper's error lies outside the changed file: the whole plan answers, with it.
    "a report paper with an error": (_write("masterplan/reports/2021-H1.yaml", "bogus: 1\n"),
                                     None, _changed(M2), False, False),
    "a plan without any update yet": (_without_updates, None, _new, True, True),
    "a report paper": (_write("masterplan/reports/2021-H1.yaml", PAPER), None, _changed(M2),
                       True, True),
    # `read_plan` reads no hidden file: the record does not answer for one either.
    "a hidden file": (None, None, lambda root: {"measures/.M-004.yaml": NEW_MEASURE.encode()},
                      False, False),
    # A change refused once for a measure's own rule, then written by hand: the record never
    # holds a version with an error (its rules across files would not find it again).
    "another file as a refused change had it": (None, _refused_then_written(
        M3, "start: 2021-01", "start: 2021-01\nend: 2020-06"), _changed(M2), False, False),
}


def _outcome(root: Path, changes: dict[str, bytes]) -> tuple[object, ...]:
    from dotool.authoring.checking import Refused, check_changes

    try:
        checked = check_changes(root, changes)
    except Refused as exc:
        return "refused", exc.message, tuple(exc.findings), exc.left_out
    return "accepted", checked.findings, checked.left_out, checked.files


@pytest.mark.parametrize("name", list(CASES))
def test_the_record_answers_as_the_whole_plan_does(name: str, plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                   counts: Counts,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from dotool.checks import facts

    before, after, change, served, accepted = CASES[name]
    if before:
        before(plan_dir)
    run_cli("validate", "--root", plan_dir, exit_code=None)
    if after:
        after(plan_dir)
    changes = change(plan_dir)
    counts.clear()
    got = _outcome(plan_dir, changes)
    assert counts.narrowed == [served]
    assert (got[0] == "accepted") is accepted
    with monkeypatch.context() as whole:
        whole.setattr(facts, "narrowed", lambda *args, **kwargs: None)
        assert _outcome(plan_dir, changes) == got
    if not accepted:
        assert any(f.path in changes for f in got[2]) or not served  # type: ignore[attr-defined]


def test_the_plan_of_a_narrowed_check_is_the_whole_plan_with_the_change(  # type: ignore[no-untyped-def]
        plan_dir: Path, run_cli, counts: Counts) -> None:
    """The answer from the record is a validation like the whole one: its root, no file in
    error, the changed file's lines (for showing findings), and the plan as `validate_raw` of
    the changed files gives it (loaded in full only when asked for)."""
    from dotool.authoring.checking import check_changes
    from dotool.checks.run import validate_raw
    from dotool.store.files import MAX_BYTES, read_plan, with_file

    run_cli("validate", "--root", plan_dir)
    changes = _changed(M2)(plan_dir)
    counts.clear()
    checked = check_changes(plan_dir, changes)
    assert counts.narrowed == [True]
    full = validate_raw(with_file(read_plan(plan_dir.resolve(), limit=MAX_BYTES), M2,
                                  changes[M2]), errors_only=True)
    assert checked.root == full.root == plan_dir.resolve()
    assert checked.erred == full.erred == frozenset()
    assert checked.sources[M2] == full.sources[M2] == changes[M2].decode().splitlines()
    whole = full.plan
    assert whole is not None and checked.plan == whole
    m2 = whole.measure("M-002")
    assert m2 is not None and str(max(u.half for u in m2.updates)) == "2021-H2"
    assert sorted(whole.paths.values()) == [M1, M2, M3]


def test_without_a_record_the_whole_plan_is_checked(plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                    counts: Counts) -> None:
    run_cli("validate", "--root", plan_dir, "--no-cache")
    counts.clear()
    out = run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run").stdout
    assert out == (plan_dir / M2).read_text(encoding="utf-8") + M2_BLOCK
    assert counts.narrowed == [False]
    assert sorted(counts.measures()) == [M1, M2, M3]
    counts.clear()  # the whole check recorded the facts: the next one is narrow
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run")
    assert counts.narrowed == [True]


def test_a_record_holds_for_its_day_only(plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                          counts: Counts, monkeypatch: pytest.MonkeyPatch) -> None:
    """A measure's own rules read the day (an update for a half not yet begun is an error): a
    record made on another day (`DOTOOL_TODAY`) vouches for no measure."""
    from dotool.checks import facts

    _edit(M3, "läuft.\n", "läuft.\n  - half: 2021-H2\n    status: ongoing\n    rag: green\n"
          "    text: Läuft weiter.\n")(plan_dir)
    monkeypatch.setenv("DOTOOL_TODAY", "2022-02-01")
    run_cli("validate", "--root", plan_dir)
    monkeypatch.setenv("DOTOOL_TODAY", "2021-03-01")  # M-003's update for 2021-H2 lies ahead
    changes = _changed(M2, "title: Glasfaser", "title: Glasfaser für das")(plan_dir)
    counts.clear()
    got = _outcome(plan_dir, changes)
    assert counts.narrowed == [False]
    assert got[0] == "refused"  # M-003's error, on this day, refuses any change to the plan
    assert [(f.path, f.severity) for f in got[2]] == [(M3, "error")]  # type: ignore[attr-defined]
    with monkeypatch.context() as whole:
        whole.setattr(facts, "narrowed", lambda *args, **kwargs: None)
        assert _outcome(plan_dir, changes) == got


def _facts_file() -> Path:
    (found,) = Path(os.environ["DOTOOL_CACHE_DIR"]).glob("*.facts")
    return found


def _rewrite(path: Path, change: Callable[[dict[bytes, list[object]]], None]) -> None:
    """The cache file with its entries changed, and a header and digest that check out."""
    data = path.read_bytes()
    head = data.index(b"\n", len(cache.MAGIC)) + 1
    run, entries = marshal.loads(data[head + 16:])
    change(entries)
    payload = marshal.dumps((run, entries))
    path.write_bytes(data[:head] + cache.digest(payload) + payload)


def _scramble(entries: dict[bytes, list[object]]) -> None:
    for entry in entries.values():
        if type(entry[1]) is dict:  # a record: every version of another shape
            entry[1] = {path: [("not", "a", "version")] for path in entry[1]}


def _retype(entries: dict[bytes, list[object]]) -> None:
    for entry in entries.values():
        if type(entry[1]) is dict:  # a record: versions that match their files, but an id of 7
            entry[1] = {path: [(*v[:2], 7, *v[3:]) for v in versions]  # type: ignore[attr-defined]
                        for path, versions in entry[1].items()}


def _unrecord(entries: dict[bytes, list[object]]) -> None:
    for entry in entries.values():
        if type(entry[1]) is dict:  # a record: a list in its place
            entry[1] = list(entry[1])


@pytest.mark.parametrize("kind", ["truncated", "foreign", "wrong-shape", "wrong-types",
                                  "not-a-record"])
def test_a_bad_facts_store_is_a_miss(kind: str, plan_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                     counts: Counts) -> None:
    run_cli("validate", "--root", plan_dir)
    path = _facts_file()
    if kind in ("wrong-shape", "wrong-types", "not-a-record"):
        _rewrite(path, {"wrong-shape": _scramble, "wrong-types": _retype,
                        "not-a-record": _unrecord}[kind])
    else:
        path.write_bytes(path.read_bytes()[:100] if kind == "truncated" else b"\x89PNG\r\n")
    counts.clear()
    out = run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run").stdout
    assert out == (plan_dir / M2).read_text(encoding="utf-8") + M2_BLOCK
    assert counts.narrowed == [False]
    refused = run_cli("update", "M-002", "--root", plan_dir, "--half", "2021-H2", "--status",
                      "completed", "--rag", "green", "--progress", "50", "--text", "x",
                      exit_code=1)
    assert "completed-progress" in refused.stderr or "progress 100" in refused.stderr


@pytest.mark.parametrize("kind", ["fifo", "loop"])
def test_a_facts_file_that_is_no_file_costs_speed_not_results(  # type: ignore[no-untyped-def]
        kind: str, plan_dir: Path, run_cli, counts: Counts) -> None:
    run_cli("validate", "--root", plan_dir)
    path = _facts_file()
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)  # never waited on
    else:
        path.symlink_to(path.name)
    counts.clear()
    before = (plan_dir / M2).read_text(encoding="utf-8")
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS)
    assert (plan_dir / M2).read_text(encoding="utf-8") == before + M2_BLOCK
    assert counts.narrowed == [False]
    assert path.is_file() and not path.is_symlink()  # replaced by a good one after the write


def test_a_remembered_stat_spares_reading_and_a_changed_one_is_noticed(  # type: ignore[no-untyped-def]
        plan_dir: Path, run_cli, counts: Counts, monkeypatch: pytest.MonkeyPatch) -> None:
    from dotool.checks import facts

    monkeypatch.setattr(cache, "SETTLED_NS", -10**12)  # every file counts as settled
    read: list[str] = []
    real = facts.read_regular

    def reading(path: Path, **kwargs):  # type: ignore[no-untyped-def]
        read.append(path.name)
        return real(path, **kwargs)

    monkeypatch.setattr(facts, "read_regular", reading)
    run_cli("validate", "--root", plan_dir)
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run")
    assert sorted(read) == ["M-001-termine.yaml", "M-003-e-akte.yaml"]  # once, by their bytes
    read.clear()
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run")
    assert read == []  # their `stat` stands for them now
    # Edited in place to the same size, its time of modification put back: the change time
    # still tells, the file is read again, and the record no longer vouches for it.
    target = plan_dir / M3
    st = target.stat()
    data = target.read_bytes()
    target.write_bytes(data.replace(b"title: E-Akte", b"title: X-Akte", 1))
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    counts.clear()
    done = run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run")
    assert read == ["M-003-e-akte.yaml"]
    assert counts.narrowed == [False]
    assert done.stdout == (plan_dir / M2).read_text(encoding="utf-8") + M2_BLOCK


def test_a_dry_runs_text_written_later_is_still_in_the_record(  # type: ignore[no-untyped-def]
        plan_dir: Path, run_cli, counts: Counts, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file keeps two versions, the one on disk and the one last checked: checking
    another measure, or the same change twice, loses neither, so `update --dry-run > file`
    followed by another update stays narrow."""
    monkeypatch.setattr(cache, "SETTLED_NS", -10**12)  # every file counts as settled
    m3_args = ("--half", "2021-H2", "--status", "ongoing", "--rag", "green", "--text", "Läuft.")
    run_cli("validate", "--root", plan_dir)
    counts.clear()
    out = run_cli("update", "M-003", "--root", plan_dir, *m3_args, "--dry-run").stdout
    run_cli("update", "M-003", "--root", plan_dir, *m3_args, "--dry-run")
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run")  # M-003 as on disk
    (plan_dir / M3).write_text(out, encoding="utf-8")
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run")  # as checked before
    assert counts.narrowed == [True] * 4
    assert counts.measures() == [M3, M3, M2, M2]


def _mutation(rnd: random.Random, text: str, ids: list[str]) -> str:
    """A random change of the kinds the rules across files and a measure's own rules see."""
    kind = rnd.randrange(7)
    if kind == 0:  # another measure's id (a duplicate), or its own
        return re.sub(r"^id: \S+", "id: " + rnd.choice(ids), text, count=1, flags=re.M)
    if kind == 1:  # a field that may not exist
        return re.sub(r"^field: \S+", "field: " + rnd.choice(["verwaltung", "bildung", "xyz"]),
                      text, count=1, flags=re.M)
    if kind == 2:  # dependencies: existing ids (cycles), a missing one, itself
        deps = ", ".join(rnd.sample([*ids, "M-9999"], 2))
        return text.replace("\nscope:", f"\ndepends_on: [{deps}]\nscope:", 1)
    if kind == 3:  # a key the schema forbids
        return text.replace("\nscope:", "\nbogus: 1\nscope:", 1)
    if kind == 4:  # not YAML
        return text.replace("title:", "title: [", 1)
    if kind == 5:  # a goal that may not exist
        return re.sub(r"^goals: .*$", "goals: [nope]", text, count=1, flags=re.M)
    return text.replace("progress:", "progress: 1", 1)  # progress beyond 100, or going down


def test_random_changes_to_a_generated_plan_get_the_whole_plans_answer(  # type: ignore[no-untyped-def]
        tmp_path: Path, counts: Counts, monkeypatch: pytest.MonkeyPatch) -> None:
    from dotool.checks import facts
    from dotool.checks.run import validate
    from tests.conftest import GENERATED_TODAY, generate_plan

    monkeypatch.setenv("DOTOOL_TODAY", GENERATED_TODAY.isoformat())
    root = generate_plan(tmp_path / "plan", measures=60).resolve()
    validate(root)
    files = sorted((root / "measures").glob("*.yaml"))
    ids = [f.name.split("-massnahme")[0] for f in files]
    rnd = random.Random(7)
    served = []
    for _ in range(40):
        changes = {}
        for file in rnd.sample(files, 1 if rnd.random() < 0.8 else 2):
            text = file.read_text(encoding="utf-8")
            changes[file.relative_to(root).as_posix()] = _mutation(rnd, text, ids).encode()
        counts.clear()
        got = _outcome(root, changes)
        served += counts.narrowed
        with monkeypatch.context() as whole:
            whole.setattr(facts, "narrowed", lambda *args, **kwargs: None)
            assert _outcome(root, changes) == got, changes
    assert served.count(True) > len(served) // 2  # most are answered by the record
