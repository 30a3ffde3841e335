"""Checking a change before it is written: the plan with the new bytes, validated in memory."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dotool.checks.run import Validation, validate_raw
from dotool.errors import InvalidContent, UsageError
from dotool.findings import Finding
from dotool.i18n.terminal import Message, t, tn
from dotool.model.patterns import MEASURE_ID_PATTERN, PARTIAL_PATTERN
from dotool.store import cache as cache_store
from dotool.store.files import MAX_BYTES, MEASURES_DIR, RawPlan, read_plan, with_file
from dotool.text import shown

if TYPE_CHECKING:
    from collections.abc import Collection

    from dotool.model.dates import PartialDate


def partial_date(option: str | Message, text: str) -> PartialDate:
    """`text` as a month (YYYY-MM) or a day (YYYY-MM-DD) by the model's rule; else exit 2."""
    # Imported here: `history` reads measure files through this module without the models.
    from dotool.model.dates import PartialDate

    found = re.fullmatch(PARTIAL_PATTERN, text.strip(), re.ASCII)
    if found:
        year, month, day = (int(n) for n in (*text.strip().split("-"), "0")[:3])
        try:
            date(year, month, day or 1)
        except ValueError:
            pass
        else:
            return PartialDate(year, month, day or None)
    raise UsageError(t("{option}: `{value}` is not a month YYYY-MM or a day YYYY-MM-DD",
                       option=option, value=shown(text)),
                     hint=t("for example 2026-09 or 2026-09-30"))


def option_day(option: str | Message, text: str) -> date:
    """`text` as a day YYYY-MM-DD by the model's rule (`parse_day`: the days a plan's files
    may hold); else exit 2. The one reading of a day given on the command line."""
    from dotool.model.dates import parse_day

    try:
        return parse_day(text.strip())
    except Exception:  # pydantic's error type; the message is ours
        raise UsageError(t("{option}: `{value}` is not a day YYYY-MM-DD", option=option,
                           value=shown(text))) from None


def check_change(root: Path, path: str, data: bytes, *, raw: RawPlan | None = None) -> Validation:
    """Validate the plan as it would be with `data` at `path`; raise `InvalidContent` if not ok.

    The plan with the change must have no error at all, in any file: a change is never written
    into a plan that does not validate (an unknown key in masterplan.yaml, a broken measure
    file), as `add-measure` has always refused a plan whose masterplan does not load. Warnings
    do not block a change and are not looked for.
    """
    return check_changes(root, {path: data}, raw=raw)


def check_changes(root: Path, changes: dict[str, bytes], *,
                  raw: RawPlan | None = None) -> Validation:
    """`check_change` for several files changed together (one validation of the whole plan).

    When the cache holds what the rules across files need of every other measure, only the
    changed measure files are loaded (`dotool.checks.facts`), with the same findings. A caller
    that writes the files calls `keep_facts` after writing them."""
    from dotool import clock

    _pending.clear()
    store = cache_store.for_root(root)
    if raw is None and store is not None:
        from dotool.checks.facts import narrowed

        quick = narrowed(root, changes, store, clock.today())
        if quick is not None:
            _pending.append(store)
            if quick.errors:
                keep_facts()  # nothing will be written
                raise Refused([*quick.errors], changed=set(changes))
            return quick
    before = raw or read_plan(root, limit=MAX_BYTES)
    changed = before
    for path, data in changes.items():
        changed = with_file(changed, path, data)
    # The plan's cache serves every file the change leaves alone (parsed once, by content), and
    # the validation of the plan as it is now, which the last `validate` usually remembers. Of
    # it only what the next check of a change needs is saved (`keep_facts`).
    after = validate_raw(changed, cache=store or False, errors_only=True, record=raw is None)
    if store is not None:
        _pending.append(store)
    if after.errors:
        keep_facts()  # nothing will be written
        raise Refused([*after.errors], changed=set(changes))
    return after


#: The caches whose facts of the measures the last check learnt (see `keep_facts`).
_pending: list[cache_store.PlanCache] = []


def keep_facts() -> None:
    """Save what the last `check_changes` learnt of the plan's measures for the next check
    (the cache's `facts` store). A command calls it after its own write, which comes first: a
    command interrupted has written the file or not, never only the cache."""
    while _pending:
        _pending.pop().save_facts()


class Refused(InvalidContent):
    """A change validation refuses: its findings are about the files as they would be.

    When some lie in files the change leaves alone, the plan is invalid as it is: the message
    is the one of every command refusing an invalid plan (`InvalidContent`)."""

    def __init__(self, findings: list[Finding], *, changed: Collection[str] = ()) -> None:
        super().__init__(findings)
        if any(f.path not in changed for f in self.findings):
            return
        # Said plainly: the lines named are those of the changed text, which is not on disk,
        # so `dotool validate` would not find them.
        self.message = str(tn(
            "nothing was written: with this change the masterplan would have {n} validation "
            "error (the lines are those of the changed file)",
            "nothing was written: with this change the masterplan would have {n} validation "
            "errors (the lines are those of the changed file)", len(self.findings)))
        if self.left_out:
            self.message += str(tn(" and {n} more finding left out",
                                   " and {n} more findings left out", self.left_out))
        self.args = (self.message,)


def measure_file(root: Path, measure_id: str) -> Path:
    """The file of measure `measure_id` (file names start with the id); exit 2 if none."""
    measure_id = measure_id.strip().upper()
    if not re.fullmatch(MEASURE_ID_PATTERN, measure_id):
        raise UsageError(t("`{id}` is not a measure id", id=shown(measure_id)),
                         hint=t("ids look like M-007"))
    folder = root / MEASURES_DIR
    found = sorted(folder.glob(f"{measure_id}-*.yaml")) + sorted(folder.glob(f"{measure_id}.yaml"))
    if not found:
        raise UsageError(t("no measure {id} in {folder}/", id=measure_id, folder=MEASURES_DIR),
                         hint=t("`dotool list` shows all measures"))
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise UsageError(t("more than one file for {id}: {names}", id=measure_id, names=names),
                         hint=t("`dotool validate` reports the duplicate id"))
    return found[0]
