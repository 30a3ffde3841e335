"""A change to one measure checked without loading the others: what the rules across files
need of each measure, kept in the cache.

`dotool update`, `add-measure` and `collect apply` check the plan as it would be with the
changed files (`dotool.authoring.checking`). Of every other measure that check needs only what
the rules across files read — its id, field, dependencies and latest reported half — and the
knowledge that its own rules find nothing. So a validation that loads the plan (`validate_raw(...,
record=True)`: `dotool validate`, every command that loads the plan through it, and a change
checked in full) records in the cache's `facts` store, for each measure file without an error,
a digest of its path and bytes and those facts; and the loader's entries of the masterplan,
the adoptions and the report papers. A measure's own rules read nothing but its file, the
masterplan and the day, so the record is kept under the masterplan's bytes and the day; each
file keeps two versions (the one on disk, and one checked but perhaps not written: `--dry-run`).

`narrowed` lists `measures/`: every file but the changed ones must match a recorded version — by
its `stat` (device, inode, size, times) when that was remembered while the file was settled
(`dotool.store.cache.settled`), else by its bytes, read and digested (and the `stat` is then
remembered). It loads the masterplan, adoptions and report papers (from the `facts` store where
unchanged) and the changed files, lets every other measure be a `Stand`, and runs every rule:
the changed files' own rules, and the rules across files over all. Where it cannot vouch for
the answer it gives none (None), and the caller checks the whole plan as before: no record
(a cold cache, `validate --no-cache`, a new day, another masterplan), another file changed
since or with an error then, a folder `read_plan` would not read plainly (a link, a stray), or
an error found outside the changed files. An answer it gives is the whole check's: the same
findings, so the same changes refused or accepted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, cast

from dotool.checks.load import Loaded, entry_key, load_plan
from dotool.findings import bounded
from dotool.store.cache import PlanCache, digest, file_key, settled, stat_key
from dotool.store.files import (
    ADOPTIONS_DIR,
    MASTERPLAN,
    MAX_BYTES,
    MEASURES_DIR,
    REPORTS_DIR,
    RawFile,
    RawPlan,
    plain_listing,
    read_file,
)
from dotool.store.reading import Unreadable, read_regular, resolved

if TYPE_CHECKING:
    from dotool.checks.run import Validation
    from dotool.model.dates import Half
    from dotool.model.measure import Measure
    from dotool.model.plan import Plan

#: Part of every key: a change to what a record holds changes it, so no older one is read.
FORMAT = b"facts-1"
#: Versions kept per file: the one on disk, and one checked but perhaps not written.
_VERSIONS = 2

#: (stat key or b"", key of path and bytes, id, field, depends_on, latest half or None)
Version = tuple[bytes, bytes, str, str, tuple[str, ...], str | None]


@dataclass(frozen=True, slots=True)
class Stand:
    """Another measure as the rules across files read it. Its own rules found nothing when it
    was recorded, so it has nothing of its own to check; reading anything else of it raises
    AttributeError, and `narrowed` then leaves the check to the whole plan."""

    id: str
    field: str
    depends_on: tuple[str, ...]
    goals: tuple[str, ...] = ()
    kpis: tuple[()] = ()
    updates: tuple[()] = ()


def _key(masterplan: RawFile, today: date) -> bytes:
    return digest(FORMAT, file_key(masterplan.path, masterplan.data), today.isoformat().encode())


def _versions(value: Any) -> list[Version]:
    """The well-formed versions of a record's entry (an entry of another shape has none)."""
    if type(value) is not list:
        return []
    return [v for v in value
            if type(v) is tuple and len(v) == 6 and type(v[0]) is bytes and type(v[1]) is bytes
            and type(v[2]) is str and type(v[3]) is str and type(v[4]) is tuple
            and all(type(d) is str for d in v[4]) and (v[5] is None or type(v[5]) is str)]


def _version(path: str, data: bytes, measure: Measure, stat: bytes = b"") -> Version:
    latest = max((u.half for u in measure.updates), default=None)
    return (stat, file_key(path, data), measure.id, measure.field, tuple(measure.depends_on),
            None if latest is None else str(latest))


def _with_stat(version: Version, stat: bytes) -> Version:
    return (stat, version[1], version[2], version[3], version[4], version[5])


def _record(store: PlanCache, key: bytes) -> dict[str, Any] | None:
    entry = store.facts.get(key)
    if entry is not None and type(entry) is not dict:
        store.facts.discard(key)
        return None
    return cast("dict[str, Any] | None", entry)


def record(store: PlanCache, raw: RawPlan, loaded: Loaded, erred: frozenset[str],
           today: date) -> None:
    """Remember the facts of each measure of `raw` without an error, and the loader's entries
    of its masterplan, adoptions and report papers (see the module's docstring)."""
    if raw.masterplan is None or raw.masterplan.problem:
        return
    key = _key(raw.masterplan, today)
    old = _record(store, key) or {}
    models = {path: measure for path, measure in loaded.measures if path not in erred}
    new: dict[str, list[Version]] = {}
    for file in raw.measures:
        before = _versions(old.get(file.path))
        measure = models.get(file.path)
        if measure is not None:
            version = _version(file.path, file.data, measure)
            # A `stat` remembered for these bytes still stands for them.
            stat = next((v[0] for v in before if v[1] == version[1]), b"")
            before = [_with_stat(version, stat), *(v for v in before if v[1] != version[1])]
        if before:
            new[file.path] = before[:_VERSIONS]
    store.facts.put(key, new)
    for file in (raw.masterplan, *raw.adoptions, *raw.reports):
        entry = store.files.get(entry_key(file))
        if entry is not None:
            store.facts.put(entry_key(file), entry)


def narrowed(root: Path, changes: Mapping[str, bytes], store: PlanCache,
             today: date) -> Validation | None:
    """The check of the plan with `changes` (measure files: path → bytes) the way
    `validate_raw(..., errors_only=True)` gives it, from the record of the other measures; None
    when the record cannot vouch for it (see the module's docstring)."""
    root = resolved(root)
    if not changes or not all(_measure_file(path) for path in changes):
        return None
    masterplan = read_file(root, MASTERPLAN) if os.path.lexists(root / MASTERPLAN) else None
    if masterplan is None or masterplan.problem:
        return None
    key = _key(masterplan, today)
    known = _record(store, key)
    measures = plain_listing(root, MEASURES_DIR)
    adoptions = plain_listing(root, ADOPTIONS_DIR)
    reports = plain_listing(root, REPORTS_DIR)
    if known is None or measures is None or adoptions is None or reports is None:
        return None
    stands = _stands(root, measures, changes, known)
    if stands is None:
        return None
    real = RawPlan(root, masterplan, tuple(RawFile(p, changes[p]) for p in sorted(changes)),
                   tuple(read_file(root, rel) for rel, _ in adoptions), (),
                   tuple(read_file(root, rel) for rel, _ in reports))
    loaded = load_plan(real, cache=store.with_facts_as_files())
    changed = list(loaded.measures)
    loaded.measures = sorted([*changed, *((p, cast("Measure", s)) for p, s, _ in stands)],
                             key=lambda pm: pm[0])
    findings = _findings(loaded, today, _latest(changed, stands), frozenset(changes))
    if findings is None or any(f.severity == "error" and f.path not in changes
                               for f in findings):
        return None
    erred = frozenset(f.path for f in findings if f.severity == "error")
    if not erred:  # about to be written: the next change to another measure finds it recorded
        for path, measure in changed:
            before = _versions(known.get(path))
            version = _version(path, changes[path], measure)
            known[path] = [version, *(v for v in before if v[1] != version[1])][:_VERSIONS]
    store.facts.put(key, known)  # saved by the caller, after its own write
    return _validation(root, changes, store, findings, erred, loaded,
                       len({*(rel for rel, _ in measures), *changes}) + len(adoptions)
                       + len(reports) + 1)


def _measure_file(path: str) -> bool:
    """True for a file `read_plan` reads as a measure (`measures/NAME.yaml`)."""
    pure = PurePosixPath(path)
    return (str(pure.parent) == MEASURES_DIR and pure.suffix == ".yaml"
            and not pure.name.startswith("."))


def _stands(root: Path, listing: list[tuple[str, os.stat_result]], changes: Mapping[str, bytes],
            known: dict[str, Any]) -> list[tuple[str, Stand, str | None]] | None:
    """Every measure file but the changed ones as its recorded version, with its latest half;
    None when one matches none (each matched by its bytes has its `stat` remembered)."""
    stands = []
    for rel, st in listing:
        if rel in changes:
            continue
        versions = _versions(known.get(rel))
        stamp = stat_key(st)
        found = next((v for v in versions if v[0] == stamp), None)
        if found is None:
            try:  # stat before read: a file changed in between is read again next time
                content = file_key(rel, read_regular(root / rel, limit=MAX_BYTES))
            except Unreadable:
                return None
            found = next((v for v in versions if v[1] == content), None)
            if found is None:
                return None
            if settled(st):
                known[rel] = [_with_stat(found, stamp), *(v for v in versions if v is not found)]
        stands.append((rel, Stand(found[2], found[3], found[4]), found[5]))
    return stands


def _latest(changed: list[tuple[str, Measure]],
            stands: list[tuple[str, Stand, str | None]]) -> Half | None:
    """The plan's latest reported half, as `check_loaded` takes it from every measure."""
    from dotool.model.dates import Half

    halves = [u.half for _, m in changed for u in m.updates]
    halves += [Half.parse(text) for text in {text for _, _, text in stands} if text is not None]
    return max(halves, default=None)


def _findings(loaded: Loaded, today: date, latest: Half | None,
              own: frozenset[str]) -> list[Any] | None:
    """What `check_loaded` finds (errors only), the own rules run for `own` alone; None when a
    rule reads of a `Stand` what it does not hold."""
    from dotool.checks.context import Context
    from dotool.checks.run import rules

    ctx = Context(loaded, today, latest, errors_only=True, own=own)
    try:
        for check in rules():
            check(ctx)
    except AttributeError:
        return None
    return [*loaded.findings, *ctx.findings]


def _validation(root: Path, changes: Mapping[str, bytes], store: PlanCache, findings: list[Any],
                erred: frozenset[str], loaded: Loaded, files: int) -> Validation:
    from dotool.checks.run import Sources, Validation, validate_raw
    from dotool.store.files import read_plan, with_file

    def build_plan() -> Plan | None:  # the whole plan, loaded only when asked for
        if erred:
            return None
        raw = read_plan(root, limit=MAX_BYTES)
        for path, data in changes.items():
            raw = with_file(raw, path, data)
        return validate_raw(raw, cache=store, errors_only=True).plan

    kept, left_out = bounded(findings)
    return Validation(root, tuple(kept), files, Sources(loaded.documents), build_plan, left_out,
                      erred)
