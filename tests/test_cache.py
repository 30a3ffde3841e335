"""The content cache: same findings warm as cold, bad cache files ignored, never in the
repository, `--no-cache` honoured, a changed file re-read and no other."""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dotool.store import cache
from tests.conftest import HERE, Counts, copy_base

INVALID = sorted(p for p in (HERE / "cases" / "invalid").iterdir() if (p / "files").is_dir())


def _cache_files() -> list[Path]:
    return sorted(p for p in Path(os.environ["DOTOOL_CACHE_DIR"]).rglob("*") if p.is_file())


def _outputs(run_cli: Callable[..., object], root: Path) -> tuple[str, str]:
    """JSON and text output of `dotool validate` (either exit code)."""
    done_json = run_cli("validate", "--root", root, "--format", "json", exit_code=None)
    done_text = run_cli("validate", "--root", root, "--format", "text", exit_code=None)
    return done_json.stdout, done_text.stdout  # type: ignore[attr-defined]


def _lay(case: Path, root: Path) -> Path:
    copy_base(root)
    shutil.copytree(case / "files", root, dirs_exist_ok=True)
    return root


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_warm_run_gives_the_same_findings_as_a_cold_one(case: Path, tmp_path: Path,
                                                        run_cli) -> None:
    root = _lay(case, tmp_path / "plan")
    without = run_cli("validate", "--root", root, "--format", "json", "--no-cache",
                      exit_code=None).stdout
    cold = _outputs(run_cli, root)  # the first run fills the cache
    assert _cache_files(), "a run with the cache on writes it"
    warm = _outputs(run_cli, root)
    assert warm == cold
    assert cold[0] == without


def test_sample_plan_warm_equals_cold(sample_dir: Path, run_cli) -> None:
    cold = _outputs(run_cli, sample_dir)
    assert _outputs(run_cli, sample_dir) == cold


def test_no_cache_writes_nothing(plan_dir: Path, run_cli) -> None:
    run_cli("validate", "--root", plan_dir, "--no-cache")
    assert _cache_files() == []


def test_cache_never_lands_inside_the_repository(plan_dir: Path, run_cli,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    before = sorted(p for p in plan_dir.rglob("*"))
    monkeypatch.setenv("DOTOOL_CACHE_DIR", str(plan_dir / ".cache"))
    run_cli("validate", "--root", plan_dir)
    assert sorted(p for p in plan_dir.rglob("*")) == before


def test_default_folder_is_the_user_cache(plan_dir: Path, tmp_path: Path, run_cli,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOTOOL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    run_cli("validate", "--root", plan_dir)
    assert list((tmp_path / "xdg" / "dotool").iterdir())


def _damage(kind: str, data: bytes) -> bytes:
    head = data.index(b"\n", len(cache.MAGIC)) + 1
    if kind == "truncated":
        return data[: len(data) // 2]
    if kind == "corrupt":
        middle = len(data) * 2 // 3
        return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
    if kind == "foreign":
        return b"\x89PNG\r\n\x1a\n" + os.urandom(200)
    if kind == "stale":  # written by another version of the tool
        return data[:head - 9] + b"00000000" + data[head - 1:]
    if kind == "wrong-shape":  # a valid file whose entries are not what the code wrote
        payload = marshal.dumps((1, {b"k" * 16: [1, ("nonsense",)], b"x": "y"}))
        return data[:head] + cache.digest(payload) + payload
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["truncated", "corrupt", "foreign", "stale", "wrong-shape"])
def test_a_bad_cache_file_is_ignored_and_rewritten(kind: str, tmp_path: Path, run_cli) -> None:
    root = _lay(HERE / "cases" / "invalid" / "bad-enum", tmp_path / "plan")
    cold = _outputs(run_cli, root)
    files = _cache_files()
    assert {p.suffix for p in files} == {".files", ".plans", ".facts"}
    good = {p: p.read_bytes() for p in files}
    for path, data in good.items():
        path.write_bytes(_damage(kind, data))
    assert _outputs(run_cli, root) == cold
    for path, data in good.items():  # rewritten: the same header, a payload that checks out
        again = path.read_bytes()
        head = data.index(b"\n", len(cache.MAGIC)) + 1
        assert again[:head] == data[:head]
        assert cache.digest(again[head + 16:]) == again[head:head + 16]


def test_changing_a_file_rereads_exactly_that_file(plan_dir: Path, run_cli,
                                                   counts: Counts) -> None:
    parsed = counts.parsed
    run_cli("validate", "--root", plan_dir)
    assert len(parsed) == 5  # masterplan, three measures, one adoption
    parsed.clear()
    run_cli("validate", "--root", plan_dir)
    assert parsed == []
    target = plan_dir / "measures" / "M-002-glasfaser.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "title: Neu –", 1),
                      encoding="utf-8")
    changed = run_cli("validate", "--root", plan_dir, "--format", "json", exit_code=None).stdout
    assert parsed == ["measures/M-002-glasfaser.yaml"]
    fresh = run_cli("validate", "--root", plan_dir, "--format", "json", "--no-cache",
                    exit_code=None).stdout
    assert changed == fresh


def test_rendering_commands_get_the_plan_from_a_warm_cache(sample_dir: Path) -> None:
    from dotool.checks.run import load_valid_plan, validate

    first = validate(sample_dir)
    warm = validate(sample_dir)  # findings from the cache: models built only when asked for
    assert warm.findings == first.findings
    assert warm.plan is not None and first.plan is not None
    assert warm.plan.measures == first.plan.measures
    assert load_valid_plan(sample_dir) == first.plan



def test_the_fingerprint_covers_the_code_that_makes_findings() -> None:
    # A pattern that matches nothing (a module moved or renamed) would let a cache written by
    # older rules answer for newer ones.
    from pathlib import Path

    import dotool
    from dotool.store.cache import _CODE

    package = Path(dotool.__file__).parent
    for pattern in _CODE:
        assert sorted(package.glob(pattern)), pattern
    covered = {p for pattern in _CODE for p in package.glob(pattern)}
    for folder in ("findings", "checks"):
        assert set((package / folder).glob("*.py")) <= covered, folder
