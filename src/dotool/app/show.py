"""`dotool show ID`: one measure and its state, read from its own file and what it refers to.

The state is the one every output shows (`dotool.model.projection`): as of the plan's latest
reported half, with the field and goal titles of `masterplan.yaml` and the adoptions deciding
"masterplan measure or further initiative". Only three things are read for it — the measure's
file, `masterplan.yaml` and the adoption records — plus the plan's latest reported half.

Like `dotool history` (`app/history.py`), what is shown is kept in the cache's `views`
store, keyed by the bytes of those files and that half: when they are as they were, the view
comes from there and neither YAML nor pydantic is imported. The latest half is the one figure
that depends on every measure. It is remembered under a signature of the `measures/` folder —
each file's name, inode, size and change times, the check `git status` and `make` rely on —
which costs a `stat` per file instead of reading the plan. A signature is remembered only once
every file in it is older than `SETTLED_NS`, so that a file rewritten within the resolution of
the file system's clock is never mistaken for the one remembered (git's "racy clean" rule).
On a miss the plan's measures are loaded (from the `files` store where unchanged) as
`validate` loads them.

What `show` refuses: a measure file, `masterplan.yaml` or adoption record that does not load
(YAML or schema errors, exit 1 with the findings). A problem in another measure's file does
not keep this one from being shown (that measure's updates do not count towards the latest
half); the checks across files are `validate`'s.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotool.store.cache import PlanCache, digest, file_key, for_root
from dotool.store.files import ADOPTIONS_DIR, MASTERPLAN, MEASURES_DIR, RawFile, read_file

if TYPE_CHECKING:
    from dotool.checks.load import Loaded
    from dotool.model.dates import Half

#: Part of every key: a change to what a view holds changes it, so no older entry is read.
FORMAT = b"show-1"
#: How old every file must be before the folder's signature is remembered (see the docstring).
SETTLED_NS = 2_000_000_000
#: The keys of a view (plain data: `marshal` writes it, `--format json` prints part of it).
VIEW_KEYS = ("measure", "path", "as_of", "state", "field", "goals", "kpis", "spend",
             "overdue", "next")

View = dict[str, Any]


def measure_view(root: Path, measure_id: str, *, cache: bool = True) -> View:
    """The view of one measure (see the module's docstring); `InvalidContent` when one of the
    files it reads does not load."""
    names = _names(root)
    rel = _measure_path(root, measure_id, names)
    files = (read_file(root, rel), read_file(root, MASTERPLAN), *_adoptions(root))
    store = for_root(root) if cache else None
    signature, settled = _signature(root, names)
    half_key = digest(FORMAT, b"latest half", signature)
    known = _remembered_half(store, half_key) if store is not None else None
    if store is not None and known is not None:
        view = _remembered_view(store, _view_key(files, known[0]))
        if view is not None:
            return view
    mine = _load(root, files)
    if known is None:
        latest = _latest_half(root, store)
        known = (str(latest) if latest is not None else None,)
        if store is not None and settled:
            store.views.put(half_key, known)
    view = _build(mine, rel, known[0])
    if store is not None:
        store.views.put(_view_key(files, known[0]), view)
        store.save()
    return view


def _adoptions(root: Path) -> list[RawFile]:
    """The adoption records (`masterplan/adoptions/*.yaml`), read by the plan's rules."""
    try:
        names = sorted(e.name for e in os.scandir(root / ADOPTIONS_DIR)
                       if e.name.endswith(".yaml") and not e.name.startswith("."))
    except OSError:
        return []  # no adoptions yet (validate reports a folder that cannot be listed)
    return [read_file(root, f"{ADOPTIONS_DIR}/{name}") for name in names]


def _names(root: Path) -> list[str] | None:
    """The names in `measures/`, sorted (None when it cannot be listed)."""
    try:
        return sorted(os.listdir(root / MEASURES_DIR))
    except OSError:
        return None


def _measure_path(root: Path, measure_id: str, names: list[str] | None) -> str:
    """The measure's file, relative to `root`; an unknown id is refused with the nearest one."""
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t

    wanted = measure_id.strip().upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]*-[0-9]{3,}", wanted):
        from dotool.text import shown

        raise UsageError(t("`{id}` is not a measure id", id=shown(wanted)),
                         hint=t("ids look like M-007"))
    ids = [found.group(1) for name in names or () if (found := _ID.match(name))]
    if names is not None and wanted not in ids:
        from difflib import get_close_matches

        close = get_close_matches(wanted, ids, n=1, cutoff=0.6)
        raise UsageError(t("no measure {id}", id=wanted),
                         hint=t("did you mean `{name}`?", name=close[0]) if close
                         else t("`dotool list` shows all measures"))
    mine = [name for name in names or () if name == f"{wanted}.yaml"
            or (name.startswith(f"{wanted}-") and name.endswith(".yaml"))]
    if len(mine) == 1:  # the usual case, without globbing the folder again
        return f"{MEASURES_DIR}/{mine[0]}"
    from dotool.authoring.checking import measure_file  # two files for one id: refused

    return measure_file(root, wanted).relative_to(root).as_posix()


_ID = re.compile(r"([A-Z][A-Z0-9]*-[0-9]{3,})(?:-.*)?\.yaml$")


def _signature(root: Path, names: list[str] | None) -> tuple[bytes, bool]:
    """A digest of what `stat` says of every measure file, and whether all are settled."""
    folder = root / MEASURES_DIR
    parts: list[bytes] = []
    newest = 0
    if names is None:
        return digest(b"unlisted"), False
    for name in names:
        encoded = name.encode("utf-8", "surrogateescape")
        try:
            st = os.stat(folder / name)
        except OSError:
            parts += (encoded, b"-")
            continue
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        parts += (encoded, f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} "
                           f"{st.st_ctime_ns}".encode())
    return digest(*parts), newest < time.time_ns() - SETTLED_NS


def _view_key(files: tuple[RawFile, ...], half: str | None) -> bytes:
    parts = [FORMAT, (half or "").encode()]
    for f in files:
        parts += (file_key(f.path, f.data), (f.problem or "").encode())
    return digest(*parts)


def _remembered_half(store: PlanCache, key: bytes) -> tuple[str | None] | None:
    """(the latest half,) remembered under `key`, or None (also for an entry of another shape)."""
    entry = store.views.get(key)
    if type(entry) is tuple and len(entry) == 1 and (entry[0] is None or type(entry[0]) is str):
        return (entry[0],)
    if entry is not None:
        store.views.discard(key)
    return None


def _remembered_view(store: PlanCache, key: bytes) -> View | None:
    """The view remembered under `key`, or None (also for an entry of another shape)."""
    entry = store.views.get(key)
    if (type(entry) is dict and set(entry) == set(VIEW_KEYS)
            and type(entry["measure"]) is dict and type(entry["state"]) is dict
            and all(type(entry[k]) is list for k in ("goals", "kpis", "overdue"))):
        return entry
    if entry is not None:
        store.views.discard(key)
    return None


def _load(root: Path, files: tuple[RawFile, ...]) -> Loaded:
    """The measure, masterplan and adoptions through the models; `InvalidContent` on errors.

    Parsed without the `files` store: a few small files, and a store saved after a run that
    used only them would keep only a few entries (`PlanCache.used`), not the plan's."""
    from dotool.checks.load import load_plan
    from dotool.errors import InvalidContent
    from dotool.store.files import RawPlan

    measure, masterplan, *adoptions = files
    loaded = load_plan(RawPlan(root, masterplan, (measure,), tuple(adoptions)))
    errors = [f for f in loaded.findings if f.severity == "error"]
    if errors or loaded.masterplan is None or not loaded.measures:
        raise InvalidContent(errors)
    return loaded


def _latest_half(root: Path, store: PlanCache | None) -> Half | None:
    """The latest half any measure that loads has an update for (unchanged files from the
    cache, as `validate` loads them)."""
    from dotool.checks.load import load_plan
    from dotool.store.files import MAX_BYTES, RawPlan, read_plan

    raw = read_plan(root, limit=MAX_BYTES)
    loaded = load_plan(RawPlan(root, measures=raw.measures), cache=store)
    return max((u.half for _, m in loaded.measures for u in m.updates), default=None)


def _build(loaded: Loaded, rel: str, half_text: str | None) -> View:
    """The view: the measure's file as data and its state as of `half_text` (plain values)."""
    from dotool.model.dates import Half
    from dotool.model.export import derive
    from dotool.model.plan import Plan
    from dotool.model.projection import plan_figures

    assert loaded.masterplan is not None
    measure = loaded.measures[0][1]
    # The figures of a plan of this one measure: as of a given half, a measure's state, its
    # place in the adoption in force and in the progress average depend on nothing else.
    plan = Plan(masterplan=loaded.masterplan, measures=(measure,),
                adoptions=tuple(sorted((a for _, a in loaded.adoptions), key=lambda a: a.date)),
                paths={measure.id: rel})
    half = Half.parse(half_text) if half_text else None
    figures = plan_figures(plan, half)
    state = figures.state(measure.id)
    field = loaded.masterplan.field(measure.field)
    goals = {g.key: g.title for g in loaded.masterplan.goals}
    kpis = []
    for kpi in measure.kpis:
        # The value is the projection's; the half names the update that carried it.
        carrying = [u.half for u in state.upto if kpi.key in u.kpis]
        kpis.append([kpi.key, kpi.name, kpi.unit, kpi.baseline, kpi.target,
                     state.kpis.get(kpi.key), str(carrying[-1]) if carrying else None])
    money = state.money
    update = state.update
    return {
        "measure": measure.model_dump(mode="json", exclude_none=True),
        "path": rel,
        "as_of": half_text,
        "state": derive(figures, plan, measure).model_dump(mode="json"),
        "field": field.title if field else None,
        "goals": [[key, goals.get(key)] for key in measure.goals],
        "kpis": kpis,
        "spend": [state.spent, None if state.spent_at is None
                  else str(measure.updates[state.spent_at].half),
                  money.ceiling(state.years_elapsed) if money.planned else None],
        "overdue": [m.index for m in state.overdue],
        "next": [str(update.half), update.next] if update and update.next else None,
    }
