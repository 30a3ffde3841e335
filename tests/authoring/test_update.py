"""`dotool update`: round-trip edits that leave every other byte alone, validated, atomic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dotool.authoring.yamltext import scalar, text_lines
from dotool.store.yamlload import load_yaml
from tests.conftest import REPO

M1 = "measures/M-001-termine.yaml"
COMMENTED = """\
# yaml-language-server: $schema=../schema/measure.schema.json
# Maßnahme aus dem Plan 2019, Nr. 06.01
id: M-001
title: 'Online-Terminvergabe'   # single quotes stay single
lead: "Fachdienst Bürgerservice"
field: rathaus
goals: [ service ]
scope: external
kind: project
summary: >-
  Termine online
  buchen.

priority: high
start: 2020-09
end: 2021-06
kpis:
  - key: online_share
    name: Anteil online gebuchter Termine
    unit: "%"
    target: 60

updates:
  # Sachstände, ältester zuerst
  - half: 2020-H2
    status: in_progress   # begonnen
    rag: green
    progress: 40
    kpis: {online_share: 12}
    text: Software ausgewählt.

  - half: 2021-H1
    status: in_progress
    rag: amber
    rag_reason: Lieferverzug.
    progress: 70
    text: |
      Pilot läuft.

      # Kein Kommentar, Markdown-Überschrift
# trailing comment at the end
"""

NEW_BLOCK = """\
  - half: 2021-H2
    status: completed
    rag: green
    progress: 100
    kpis: {online_share: 58}
    text: "In Betrieb: seit Juli."
"""

M2 = "measures/M-002-glasfaser.yaml"
M2_ARGS = ("--half", "2021-H2", "--status", "in_progress", "--rag", "green", "--progress", "50",
           "--text", "Bau läuft.")
M2_BLOCK = """\
  - half: 2021-H2
    status: in_progress
    rag: green
    progress: 50
    text: Bau läuft.
"""
ARGS = ("--half", "2021-H2", "--status", "completed", "--rag", "green", "--progress", "100",
        "--kpi", "online_share=58", "--text", "In Betrieb: seit Juli.")


def test_comments_quoting_and_blank_lines_survive_byte_for_byte(plan_dir, run_cli) -> None:
    path = plan_dir / M1
    path.write_text(COMMENTED, encoding="utf-8")
    run_cli("validate", "--root", plan_dir)
    run_cli("update", "M-001", "--root", plan_dir, *ARGS)
    head, tail = COMMENTED.split("# trailing comment")
    # The new item follows the last one, separated by a blank line like the items before.
    assert path.read_text(encoding="utf-8") == head + "\n" + NEW_BLOCK + "# trailing comment" \
        + tail
    run_cli("validate", "--root", plan_dir)


def test_replacing_changes_only_that_update(plan_dir, run_cli) -> None:
    path = plan_dir / M1
    path.write_text(COMMENTED, encoding="utf-8")
    run_cli("update", "M-001", "--root", plan_dir, "--half", "2020-H2", "--replace", "--status",
            "in_progress", "--rag", "green", "--progress", "45", "--text", "Ausgewählt.")
    old_item = COMMENTED[COMMENTED.index("  - half: 2020-H2"):COMMENTED.index("\n\n  - half: 2021")]
    new_item = ("  - half: 2020-H2\n    status: in_progress\n    rag: green\n    progress: 45\n"
                "    text: Ausgewählt.")
    assert path.read_text(encoding="utf-8") == COMMENTED.replace(old_item, new_item)


def test_first_update_is_appended_to_a_file_without_updates(plan_dir, run_cli) -> None:
    path = plan_dir / "measures/M-003-e-akte.yaml"
    text = "# E-Akte\nid: M-003\ntitle: E-Akte\nfield: rathaus\nscope: internal\nkind: project\n" \
           "summary: Elektronische Akte.\nlead: Hauptamt\nstart: 2021-01\nupdates: []  # noch keine"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    run_cli("update", "M-003", "--root", plan_dir, "--half", "2021-H1", "--status", "ongoing",
            "--rag", "green", "--text", "Zeile eins\nZeile zwei", "--next", "no")
    assert path.read_bytes().decode() == (
        text.replace("updates: []  # noch keine", "updates: # noch keine").replace("\n", "\r\n")
        + "\r\n  - half: 2021-H1\r\n    status: ongoing\r\n    rag: green\r\n"
        "    text: |-\r\n      Zeile eins\r\n      Zeile zwei\r\n    next: \"no\"\r\n")
    run_cli("validate", "--root", plan_dir)


def test_invalid_result_leaves_the_file_untouched(plan_dir, run_cli) -> None:
    path = plan_dir / M1
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    result = run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H2", "--status",
                     "in_progress", "--rag", "red", "--progress", "10", "--text", "x",
                     exit_code=1)
    assert "rag_reason" in result.stderr and "nothing was written" in result.stderr
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in (REPO / "tests/cases/base/measures").iterdir())


@pytest.mark.parametrize(("args", "flag"), [
    (("--rag", "green", "--text", "x", "--progress", "1"), "--status"),
    (("--status", "in_progress", "--text", "x", "--progress", "1"), "--rag"),
    (("--status", "in_progress", "--rag", "green", "--progress", "1"), "--text"),
    (("--status", "in_progress", "--rag", "green", "--text", "x"), "--progress"),
    (("--status", "done", "--rag", "green", "--text", "x", "--progress", "1"), "--status"),
    (("--status", "ongoing", "--rag", "green", "--text", "x", "--kpi", "a:1"), "--kpi"),
    (("--status", "ongoing", "--rag", "green", "--text", "x", "--replanned-end", "2021"),
     "--replanned-end"),
])
def test_missing_or_malformed_values_exit_2_naming_the_flag(plan_dir, run_cli, args, flag):
    before = (plan_dir / M1).read_bytes()
    result = run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H2", *args,
                     exit_code=2)
    assert flag in result.stderr
    assert (plan_dir / M1).read_bytes() == before


def test_unknown_measure_and_bad_half_exit_2(plan_dir, run_cli) -> None:
    assert "no measure M-077" in run_cli("update", "M-077", "--root", plan_dir, *ARGS,
                                         exit_code=2).stderr
    assert "YYYY-H1 or YYYY-H2" in run_cli("update", "M-001", "--root", plan_dir, "--half",
                                           "2021-H3", *ARGS[2:], exit_code=2).stderr


def test_dry_run_prints_and_writes_nothing(plan_dir, run_cli) -> None:
    before = (plan_dir / M2).read_bytes()
    out = run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS, "--dry-run").stdout
    assert out == before.decode() + M2_BLOCK
    assert (plan_dir / M2).read_bytes() == before


KILLER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    real = os.replace
    def slow_replace(src, dst):
        if sys.argv[1] == "after":
            real(src, dst)
        Path(sys.argv[2]).write_text("now")
        time.sleep(60)
    os.replace = slow_replace
    from dotool.cli.main import app
    app(sys.argv[3:])
""")


@pytest.mark.parametrize("moment", ["before", "after"])
def test_update_killed_while_writing_leaves_old_or_new_file(plan_dir, tmp_path, moment) -> None:
    path = plan_dir / M2
    before = path.read_bytes()
    flag = tmp_path / "flag"
    proc = subprocess.Popen([sys.executable, "-c", KILLER, moment, str(flag), "update", "M-002",
                             "--root", str(plan_dir), *M2_ARGS], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "CI": "1"})
    deadline = time.monotonic() + 30
    while not flag.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert flag.exists(), "the update never reached the rename"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = path.read_bytes()
    expected = before if moment == "before" else before + M2_BLOCK.encode()
    assert after == expected
    assert not load_yaml(after, path=M2).findings


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
               min_size=1).filter(lambda s: s.strip()))
def test_written_scalars_read_back_as_the_same_text(text: str) -> None:
    doc = load_yaml(f"k: {scalar(text.strip())}\n".encode(), path="-").document
    assert doc is not None and doc.data == {"k": text.strip()}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))),
                min_size=2, max_size=5))
def test_text_of_several_lines_reads_back(lines: list[str]) -> None:
    value = "\n".join(lines)
    expected = "\n".join(line.rstrip() for line in lines).strip("\n")
    if "\n" not in expected:
        expected = expected.strip()
    if not expected:
        return
    text = "\n".join(["m:", *text_lines("text", value, 2)]) + "\n"
    doc = load_yaml(text.encode(), path="-").document
    assert doc is not None and doc.data == {"m": {"text": expected}}


def test_file_mode_is_kept(plan_dir, run_cli) -> None:
    path: Path = plan_dir / M2
    path.chmod(0o640)
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS)
    assert path.stat().st_mode & 0o777 == 0o640


def test_all_missing_values_are_named_at_once(plan_dir, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H2", "--status",
                     "in_progress", exit_code=2)
    assert result.stderr == (
        "error: a new update for 2021-H2 needs --rag, --text, --progress\n"
        "hint: --rag: the Ampel, one of green, amber, red; --text: what happened in the half, "
        "in a few sentences; --progress: how far the measure is, 0 to 100 percent (not needed "
        "when the status is ongoing)\n")



def test_a_change_is_checked_for_errors_only(plan_dir, run_cli) -> None:
    """The first update of a new half makes every other active measure a warning ("no update
    for the latest half"); an update is refused for errors alone, so those are not even looked
    for — validate still reports them afterwards."""
    from dotool.authoring.checking import check_change

    path = plan_dir / M2
    new = path.read_bytes() + M2_BLOCK.encode()
    checked = check_change(plan_dir, M2, new)
    assert checked.findings == ()
    run_cli("update", "M-002", "--root", plan_dir, *M2_ARGS)
    assert "warning" in run_cli("validate", "--root", plan_dir).stdout
