"""Checking a change before it is written: the plan with the new bytes, validated in memory."""

from __future__ import annotations

import re
from pathlib import Path

from dotool.checks.run import Validation, validate_raw
from dotool.errors import InvalidContent, UsageError
from dotool.findings import Finding
from dotool.model.patterns import MEASURE_ID_PATTERN
from dotool.store.files import MAX_BYTES, MEASURES_DIR, RawPlan, read_plan, with_file


def _key(finding: Finding) -> tuple[object, ...]:
    # Without the line: a change above an old problem moves it, it does not make it new.
    return (finding.path, finding.code, finding.loc, finding.message)


def check_change(root: Path, path: str, data: bytes, *, raw: RawPlan | None = None) -> Validation:
    """Validate the plan as it would be with `data` at `path`; raise `InvalidContent` if not ok.

    The changed file must have no error at all. Elsewhere only errors the change causes count
    (a duplicate id, a broken reference), so an unrelated problem in another file does not block
    recording an update. Warnings do not block a change and are not looked for.
    """
    return check_changes(root, {path: data}, raw=raw)


def check_changes(root: Path, changes: dict[str, bytes], *,
                  raw: RawPlan | None = None) -> Validation:
    """`check_change` for several files changed together (one validation of the whole plan)."""
    from dotool.store import cache as cache_store

    before = raw or read_plan(root, limit=MAX_BYTES)
    changed = before
    for path, data in changes.items():
        changed = with_file(changed, path, data)
    # The plan's cache serves every file the change leaves alone (parsed once, by content), and
    # the validation of the plan as it is now, which the last `validate` usually remembers. It
    # is read, not saved: the command's own write comes first, and nothing else is written.
    store = cache_store.for_root(root)
    after = validate_raw(changed, cache=store or False, errors_only=True)
    old = {_key(f) for f in validate_raw(before, cache=store or False, errors_only=True).errors} \
        if after.errors else set()
    bad = [f for f in after.errors if f.path in changes or _key(f) not in old]
    if bad:
        raise InvalidContent([*bad])
    return after


def measure_file(root: Path, measure_id: str) -> Path:
    """The file of measure `measure_id` (file names start with the id); exit 2 if none."""
    measure_id = measure_id.strip().upper()
    if not re.fullmatch(MEASURE_ID_PATTERN, measure_id):
        raise UsageError(f"`{measure_id}` is not a measure id", hint="ids look like M-007")
    folder = root / MEASURES_DIR
    found = sorted(folder.glob(f"{measure_id}-*.yaml")) + sorted(folder.glob(f"{measure_id}.yaml"))
    if not found:
        raise UsageError(f"no measure {measure_id} in {MEASURES_DIR}/",
                         hint="`dotool list` shows all measures")
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise UsageError(f"more than one file for {measure_id}: {names}",
                         hint="`dotool validate` reports the duplicate id")
    return found[0]
