"""`dotool history ID`: one measure's updates and the commits that touched its file.

Only the measure's own file is read — never the plan — and the measure's data is kept in the
cache (`PlanCache.views`) by the file's content: when the file is as it was the last time, its
updates come from there and neither YAML nor pydantic is imported, so the command starts about
as fast as `dotool --version` plus the `git log` it runs (`make bench`). A file not seen before, or
changed, is loaded and checked by the models as `validate` would, then remembered.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dotool.store.cache import PlanCache, digest, file_key, for_root
from dotool.store.files import RawFile, read_file
from dotool.store.git import Commit, Git


@dataclass(frozen=True)
class UpdateData:
    """One update as the terminal shows it (the fields of `Update` that `history` prints)."""

    half: str
    status: str
    rag: str
    progress: int | None
    text: str
    rag_reason: str | None


@dataclass(frozen=True)
class MeasureData:
    """A measure's id, title and updates; `dumped` is each update as JSON data (the model's
    `model_dump(mode="json", exclude_none=True)`), for `--format json`."""

    id: str
    title: str
    updates: tuple[UpdateData, ...]
    dumped: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class History:
    """A measure's updates and, when in git, the commits that touched its file."""

    measure: MeasureData
    path: str
    commits: list[Commit] | None  # None: not in git


def history(root: Path, measure_id: str, *, cache: bool = True) -> History:
    """One measure over time. Only its own file is read, so this stays fast on a large plan."""
    from dotool.authoring.checking import measure_file

    path = measure_file(root, measure_id)
    rel = path.relative_to(root).as_posix()
    # Read by the plan's rules (`read_file`): a link leaving the repository is a finding, not
    # a way to print a file from elsewhere; the size limit holds as for `validate`.
    raw = read_file(root, rel)
    store = for_root(root) if cache and not raw.problem else None
    measure = _remembered(store, raw) if store is not None else None
    if measure is None:
        measure = _load(root, raw)
        if store is not None:
            store.views.put(_key(raw), _plain(measure))
            store.save()
    git = Git(root)
    commits = None
    if git.is_repo():
        if git.is_shallow():
            from dotool.errors import GitError
            from dotool.i18n.terminal import t

            raise GitError(t("the commit history is incomplete in this shallow clone"),
                           hint=git.fetch_hint())
        commits = git.log_follow(rel)
    return History(measure, rel, commits)


def _key(raw: RawFile) -> bytes:
    return digest(b"history", file_key(raw.path, raw.data))


def _load(root: Path, raw: RawFile) -> MeasureData:
    """The measure from its file through the models; `InvalidContent` if the file has errors."""
    from dotool.checks.load import load_plan
    from dotool.errors import InvalidContent
    from dotool.store.files import RawPlan

    loaded = load_plan(RawPlan(root, measures=(raw,)))
    errors = [f for f in loaded.findings if f.path == raw.path and f.severity == "error"]
    if errors or not loaded.measures:
        raise InvalidContent([*errors])
    m = loaded.measures[0][1]
    return MeasureData(
        m.id, m.title,
        tuple(UpdateData(str(u.half), u.status, u.rag, u.progress, u.text, u.rag_reason)
              for u in m.updates),
        tuple(u.model_dump(mode="json", exclude_none=True) for u in m.updates))


def _plain(m: MeasureData) -> tuple[Any, ...]:
    """What the cache keeps (plain values `marshal` can write)."""
    return (m.id, m.title, tuple((u.half, u.status, u.rag, u.progress, u.text, u.rag_reason)
                                 for u in m.updates), m.dumped)


def _remembered(store: PlanCache, raw: RawFile) -> MeasureData | None:
    """The measure remembered for these bytes, or None (also for an entry of another shape)."""
    entry = store.views.get(_key(raw))
    try:
        measure_id, title, updates, dumped = entry
        rows = tuple(UpdateData(*u) for u in updates)
        if not (isinstance(measure_id, str) and isinstance(title, str)
                and all(isinstance(d, dict) for d in dumped) and len(dumped) == len(rows)
                and all(isinstance(u.half, str) and isinstance(u.text, str) for u in rows)):
            raise ValueError("not a measure")
    except (TypeError, ValueError):
        if entry is not None:
            store.views.discard(_key(raw))
        return None
    return MeasureData(measure_id, title, rows, tuple(dumped))
