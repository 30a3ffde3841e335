"""The plan's past (`dotool diff`, `dotool masterplan --at`): the plan at a git ref and what
changed between two refs. Read-only; a measure's own past is `history.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dotool.checks.load import load_plan
from dotool.checks.run import validate, validate_raw
from dotool.errors import InvalidContent
from dotool.findings import Finding
from dotool.model.adoption import Adoption, latest
from dotool.model.measure import Measure
from dotool.model.plan import Plan
from dotool.store.cache import PlanCache, for_root
from dotool.store.files import MAX_BYTES, RawPlan, raw_plan_from_blobs, read_plan
from dotool.store.git import Git

WORKING_TREE = "working tree"


def _plan_or_raise(result_plan: Plan | None, errors: list[Finding], where: str) -> Plan:
    if result_plan is None:
        from dotool.i18n.terminal import t, tn

        exc = InvalidContent(errors)
        shown = t("working tree") if where == WORKING_TREE else where
        exc.message = str(tn("the masterplan at {where} has {n} validation error",
                             "the masterplan at {where} has {n} validation errors", len(errors),
                             where=shown))
        raise exc
    return result_plan


@dataclass(frozen=True)
class Snapshot:
    """The plan at a git ref, with what a document rendered from it needs."""

    plan: Plan
    commit: str
    adoption: Adoption | None  # the adoption that names this commit or tag, if any


def snapshot(root: Path, ref: str) -> Snapshot:
    """The plan as it stood at `ref` and the adoption recorded for it (the date of its data is
    `dotool.app.loading.data_date` at `Snapshot.commit`).

    The adoption record is usually committed after the tag it names, so the records of the
    working tree are searched as well as those at `ref`.
    """
    with Git(root) as git:
        commit = git.verify_ref(ref)
        plan = plan_at(root, ref, git=git)
    # Only the adoption records are needed: the measures of the working tree are not parsed.
    here = read_plan(root, limit=MAX_BYTES)
    records = [a for _, a in load_plan(RawPlan(root, adoptions=here.adoptions)).adoptions]
    matching = [a for a in (*plan.adoptions, *records)
                if a.tag == ref or (a.commit and len(a.commit) >= 7
                                    and commit.startswith(a.commit))]
    adoption = latest(matching)
    return Snapshot(plan, commit, adoption)


def plan_at(root: Path, ref: str, *, git: Git | None = None,
            cache: PlanCache | None = None) -> Plan:
    """The valid plan as it stood at git `ref` (exit 2 for a missing ref, 1 if invalid there).

    Blobs seen before come from the cache; a `cache` passed in is shared and saved by the caller.
    """
    own = git is None
    git = git or Git(root)
    try:
        blobs = git.read_tree(ref, limit=MAX_BYTES)
    finally:
        if own:
            git.close()
    result = validate_raw(raw_plan_from_blobs(root, blobs),
                          cache=cache if cache is not None else True)
    return _plan_or_raise(result.plan, list(result.errors), ref)


@dataclass(frozen=True)
class Change:
    """One value that changed: `what` is the field (e.g. `budget.one_off`)."""

    what: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class MeasureChange:
    id: str
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class PlanDiff:
    """What changed between two states of the plan: the material for a Fortschreibung."""

    old: str
    new: str
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, title)
    removed: list[tuple[str, str]] = field(default_factory=list)
    replanned: list[MeasureChange] = field(default_factory=list)
    status: list[MeasureChange] = field(default_factory=list)
    #: key → title of the fields of action at either state, to show a changed field by title
    field_titles: dict[str, str] = field(default_factory=dict)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _planning(m: Measure) -> dict[str, str | None]:
    """What a re-planning changes, as of the measure's latest update (the projection's rule)."""
    from dotool.model.projection import measure_state

    state = measure_state(m, None)
    return {
        "field": m.field, "start": _text(m.start), "end": _text(m.end),
        "replanned_end": _text(state.current_end) if state.replanned_since_adoption else None,
        "budget.one_off": _text(state.money.one_off),
        "budget.annual": _text(state.money.annual),
    }


def _status(m: Measure) -> str:
    from dotool.model.projection import measure_state

    return measure_state(m, None).status


def diff_plans(old: Plan, new: Plan, *, old_name: str, new_name: str) -> PlanDiff:
    """Measures added, removed, re-planned and with a changed (latest) status."""
    titles = {f.key: f.title for plan in (old, new) for f in plan.masterplan.fields}
    result = PlanDiff(old_name, new_name, field_titles=titles)
    before = {m.id: m for m in old.measures}
    after = {m.id: m for m in new.measures}
    result.added.extend((i, after[i].title) for i in sorted(after.keys() - before.keys()))
    result.removed.extend((i, before[i].title) for i in sorted(before.keys() - after.keys()))
    for measure_id in sorted(before.keys() & after.keys()):
        a, b = before[measure_id], after[measure_id]
        pa, pb = _planning(a), _planning(b)
        changes = tuple(Change(k, pa[k], pb[k]) for k in pa if pa[k] != pb[k])
        if changes:
            result.replanned.append(MeasureChange(measure_id, b.title, changes))
        if _status(a) != _status(b):
            result.status.append(MeasureChange(measure_id, b.title, (
                Change("status", _status(a), _status(b)),)))
    return result


def diff(root: Path, ref1: str, ref2: str | None = None) -> PlanDiff:
    """What changed from `ref1` to `ref2` (default: the working tree)."""
    # One cache for both sides: most files are the same at both refs, so the second side
    # finds them in memory, and the cache file is written once.
    shared = for_root(root)
    with Git(root) as git:
        old = plan_at(root, ref1, git=git, cache=shared)
        if ref2 is None:
            current = validate(root)
            new = _plan_or_raise(current.plan, list(current.errors), WORKING_TREE)
        else:
            new = plan_at(root, ref2, git=git, cache=shared)
    if shared is not None:
        shared.save()
    return diff_plans(old, new, old_name=ref1, new_name=ref2 or WORKING_TREE)
