"""`validate`: read, load, check; the one entry point every command uses to get a valid plan.

Validating files that are byte for byte those of an earlier validation, with the same options on
the same day, gives the same findings: they come from the cache (`dotool.store.cache`) without
parsing or checking anything, and the plan's models are built only if a caller asks for them.
Otherwise every file is loaded (unchanged ones from the cache) and every rule runs.
Heavy modules (YAML, pydantic, the models) are imported only on that second path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotool.errors import InvalidContent
from dotool.findings import Finding, bounded
from dotool.store import cache as cache_store
from dotool.store.files import MAX_BYTES, RawFile, RawPlan, read_plan, source_lines

if TYPE_CHECKING:
    from dotool.checks.context import Context
    from dotool.checks.load import Loaded
    from dotool.model.dates import Half
    from dotool.model.plan import Plan


class Sources(Mapping[str, list[str]]):
    """The lines of every parsed file (to show offending lines), split only when shown."""

    def __init__(self, sources: Mapping[str, Any]) -> None:
        self._sources = sources  # path → its YamlDocument, or its bytes (files from the cache)
        self._lines: dict[str, list[str]] = {}

    def __getitem__(self, path: str) -> list[str]:
        if path not in self._lines:
            source = self._sources[path]
            self._lines[path] = (source_lines(source.decode("utf-8").removeprefix("\ufeff"))
                                 if isinstance(source, bytes) else source.lines)
        return self._lines[path]

    def __contains__(self, path: object) -> bool:
        return path in self._sources  # without splitting the file

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a plan: its findings (within the limits of
    `dotool.findings.bounded`; `left_out` counts the rest) and the plan when it loaded."""

    root: Path
    findings: tuple[Finding, ...]
    files: int
    sources: Mapping[str, list[str]]
    build_plan: Callable[[], Plan | None] = field(repr=False, compare=False)
    left_out: int = 0
    #: The files with an error, counted before `bounded` left any out (known when the plan
    #: was checked in this run, else empty).
    erred: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @cached_property
    def plan(self) -> Plan | None:
        """The plan when it has no errors (its models are built on first use)."""
        return self.build_plan()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def validate(root: Path, *, today: date | None = None, half: Half | None = None,
             strict: bool = False, cache: bool = True) -> Validation:
    """Check everything under `root` (every rule of the catalogue) and collect every finding.

    `cache=False` neither reads nor writes the cache (`--no-cache`).
    """
    return validate_raw(read_plan(root, limit=MAX_BYTES), today=today, half=half,
                        strict=strict, cache=cache, record=True)


def validate_raw(raw: RawPlan, *, today: date | None = None, half: Half | None = None,
                 strict: bool = False, cache: bool | cache_store.PlanCache = False,
                 errors_only: bool = False, record: bool = False) -> Validation:
    """Check files already in memory (a git tree, a file not yet written) like `validate`.

    `cache=True` uses the cache as `validate` does; it is off by default because a plan that
    exists only in memory (a change being checked before it is written) is rarely seen again.
    A `PlanCache` passed in is shared with other calls (the two sides of a diff see mostly the
    same files) and saved by the caller, once. `errors_only` leaves the warnings out: a change
    checked before it is written is refused for errors alone, and locating hundreds of warnings
    (a new half makes every measure without its update one) is most of the work. `record`
    keeps, when the plan is loaded, what a check of a change to one measure needs of the others
    (`dotool.checks.facts`): for the plan on disk, or one about to be written.
    """
    from dotool import clock

    today = today or clock.today()
    shared = isinstance(cache, cache_store.PlanCache)
    store = cache if isinstance(cache, cache_store.PlanCache) else (
        cache_store.for_root(raw.root) if cache else None)
    files = len(raw.measures) + len(raw.adoptions) + len(raw.reports) + 1
    key = b""
    if store is not None:
        key = _memo_key(raw, today, half, strict, errors_only)
        known = _remembered(store, key, raw)
        if known is not None:
            return known
    from dotool.checks.pause import paused_gc

    with paused_gc():  # from here on: the models are imported, the files loaded and checked
        return _validate_loaded(raw, store, key, files=files, today=today, half=half,
                                strict=strict, save=not shared, errors_only=errors_only,
                                record=record)


def _validate_loaded(raw: RawPlan, store: cache_store.PlanCache | None, key: bytes, *,
                     files: int, today: date, half: Half | None, strict: bool,
                     save: bool = True, errors_only: bool = False,
                     record: bool = False) -> Validation:
    from dotool.checks.load import load_plan

    loaded = load_plan(raw, cache=store)
    result = check_loaded(raw.root, loaded, files=files, today=today, half=half, strict=strict,
                          errors_only=errors_only)
    if store is not None:
        # The few files that were not parsed (unreadable, not YAML), so no lines are shown.
        unparsed = tuple(f.path for f in _raw_files(raw) if f.path not in result.sources)
        store.plans.put(key, (files, tuple(cache_store.finding_to_plain(f)
                                           for f in result.findings), unparsed,
                              result.left_out))
        if record and not strict and half is None:  # the plain rules a change is checked by
            from dotool.checks import facts

            facts.record(store, raw, loaded, result.erred, today)
        if save:
            store.save()
    return result


def _raw_files(raw: RawPlan) -> list[RawFile]:
    return [f for f in (raw.masterplan, *raw.measures, *raw.adoptions, *raw.reports)
            if f is not None]


def _memo_key(raw: RawPlan, today: date, half: Half | None, strict: bool,
              errors_only: bool = False) -> bytes:
    # Everything the findings depend on: each file's path and bytes (or why it was unreadable),
    # the stray files, the day (rules compare dates with today), the options and the language
    # the messages are worded in.
    from dotool.i18n.terminal import current

    parts = [b"validation", f"{today} {half} {strict} {errors_only} {current()}".encode(),
             *(s.encode() for s in raw.strays)]
    for file in _raw_files(raw):
        parts += (file.path.encode("utf-8", "surrogateescape"), file.data,
                  (file.problem or "").encode())
    return cache_store.digest(*parts)


def _remembered(store: cache_store.PlanCache, key: bytes, raw: RawPlan) -> Validation | None:
    """The validation remembered under `key`, or None (also for an entry of the wrong shape)."""
    entry = store.plans.get(key)
    try:
        files, plain, unparsed, left_out = entry
        findings = tuple(cache_store.finding_from_plain(f) for f in plain)
        sources = Sources({f.path: f.data for f in _raw_files(raw) if f.path not in unparsed})
    except (TypeError, ValueError):
        if entry is not None:
            store.plans.discard(key)
        return None
    if type(files) is not int or type(left_out) is not int:
        return None

    def build_plan() -> Plan | None:
        if any(f.severity == "error" for f in findings):
            return None
        from dotool.checks.load import load_plan

        return _plan_of(load_plan(raw, cache=store))

    return Validation(raw.root, findings, files, sources, build_plan, left_out)


def check_loaded(root: Path, loaded: Loaded, *, files: int, today: date, half: Half | None,
                 strict: bool, errors_only: bool = False) -> Validation:
    """Run the rules beyond the schema over what loaded."""
    from dotool.checks.context import Context

    measures = [m for _, m in loaded.measures]
    latest = max((u.half for m in measures for u in m.updates), default=None)
    ctx = Context(loaded, today, half or latest, required_half=half,
                  errors_only=errors_only and not strict)
    for check in rules():
        check(ctx)
    findings = [*loaded.findings, *ctx.findings]
    if strict:
        findings = [f.as_error() for f in findings]
    erred = frozenset(f.path for f in findings if f.severity == "error")
    kept, left_out = bounded(findings)
    return Validation(root, tuple(kept), files, Sources(loaded.documents),
                      lambda: _plan_of(loaded) if not erred else None, left_out, erred)


def rules() -> tuple[Callable[[Context], None], ...]:
    """The checks beyond the schema, in the order of the rule catalogue (a few look-ups of
    loaded modules: not worth a cache that would hide its code from mutation testing)."""
    import importlib

    from dotool.findings.catalogue import checks

    found = []
    for name in checks():
        module, _, function = name.rpartition(".")
        found.append(getattr(importlib.import_module(module), function))
    return tuple(found)


def _plan_of(loaded: Loaded) -> Plan | None:
    from dotool.checks import vorlagen
    from dotool.model.plan import Plan

    if loaded.masterplan is None:
        return None
    ordered = sorted(loaded.measures, key=lambda pm: pm[1].id)
    return Plan(
        masterplan=loaded.masterplan,
        measures=tuple(m for _, m in ordered),
        adoptions=tuple(sorted((a for _, a in loaded.adoptions), key=lambda a: a.date)),
        paths={m.id: p for p, m in ordered},
        vorlagen={half: v for p, v in loaded.vorlagen
                  if (half := vorlagen.half_of_file(p)) is not None},
    )


def load_valid_plan(root: Path, *, today: date | None = None, cache: bool = True) -> Plan:
    """The plan for rendering: raises `InvalidContent` (exit 1) when there is any error."""
    result = validate(root, today=today, cache=cache)
    if result.plan is None:
        raise InvalidContent(list(result.errors), left_out=result.left_out)
    return result.plan
