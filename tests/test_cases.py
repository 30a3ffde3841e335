"""Every folder under tests/cases/{valid,invalid}/ is one validation case.

A case folder holds `case.yaml` (what to expect) and `files/` (files laid over the small valid
base plan in tests/cases/base). `case.yaml`:

    description: what the case shows
    args: [--strict]                 # extra arguments to `dotool validate` (optional)
    today: 2026-12-02                # the day dotool's clock reads (DOTOOL_TODAY), for the
                                     # rules that look at it; without it the case must pass on
                                     # any day (`make test-clock` checks that)
    remove: [measures/M-003-e-akte.yaml]   # base files to delete first (optional)
    exit: 1
    expect:                          # each must be among the findings (message: a substring)
      - {path: measures/M-001-termine.yaml, line: 3, col: 1, code: ..., message: ...}
    # path, line, col and message are required of every invalid case (line: null when the
    # finding is about the whole file, e.g. a file over 1 MiB)
    expect_count: 1                  # optional: exactly this many findings
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import HERE, copy_base

CASES = sorted(p for kind in ("valid", "invalid") for p in (HERE / "cases" / kind).iterdir()
               if (p / "case.yaml").is_file())


@pytest.mark.clock
@pytest.mark.parametrize("case", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_case(case: Path, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = yaml.safe_load((case / "case.yaml").read_text(encoding="utf-8"))
    if "today" in spec:
        monkeypatch.setenv("DOTOOL_TODAY", str(spec["today"]))
    root = copy_base(tmp_path / "plan")
    for rel in spec.get("remove", []):
        (root / rel).unlink()
    if (case / "files").is_dir():
        shutil.copytree(case / "files", root, dirs_exist_ok=True)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    expected_exit = spec.get("exit", 1 if case.parent.name == "invalid" else 0)
    result = run_cli("validate", "--root", root, "--format", "json", *spec.get("args", []),
                     exit_code=expected_exit)
    report = json.loads(result.stdout)
    found = report["findings"]
    for want in spec.get("expect", []):
        matches = [f for f in found
                   if all(f.get("column" if k == "col" else k) == v for k, v in want.items()
                          if k != "message")
                   and want.get("message", "") in f["message"]]
        assert matches, f"expected {want}\nfound:\n" + json.dumps(found, indent=2,
                                                                     ensure_ascii=False)
    if "expect_count" in spec:
        assert len(found) == spec["expect_count"], json.dumps(found, indent=2, ensure_ascii=False)
    if case.parent.name == "invalid":
        assert spec.get("expect"), "an invalid case must say what it expects"
        for want in spec["expect"]:
            # Located: file, line and column (null only for findings about the whole file).
            assert {"path", "line", "col", "message"} <= set(want), want
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before, "validate must not change any file"
