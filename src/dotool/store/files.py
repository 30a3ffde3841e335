"""Listing and reading the files of a plan (bytes only: parsing happens in `yamlload`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MASTERPLAN = "masterplan/masterplan.yaml"
MEASURES_DIR = "measures"
ADOPTIONS_DIR = "masterplan/adoptions"


@dataclass(frozen=True, slots=True)
class RawFile:
    """One file of the plan as read from disk: its repository-relative path and bytes.

    `problem` is set (and `data` empty) when the file could not be read safely — a symlink that
    leaves the repository, a folder where a file should be, an unreadable file.
    """

    path: str
    data: bytes
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class RawPlan:
    """All files of a plan, read once."""

    root: Path
    masterplan: RawFile | None
    measures: tuple[RawFile, ...]
    adoptions: tuple[RawFile, ...]
    strays: tuple[str, ...]  # files in measures/ or adoptions/ that are not *.yaml


def _read(root: Path, file: Path, limit: int) -> RawFile:
    rel = file.relative_to(root).as_posix()
    try:
        real = file.resolve(strict=True)
        if root not in real.parents:
            return RawFile(rel, b"", "is a link to a file outside the masterplan repository")
        if not real.is_file():
            return RawFile(rel, b"", "is not a regular file")
        with real.open("rb") as handle:
            # Read one byte past the limit so the loader can tell "too large" without
            # ever holding a huge file in memory.
            return RawFile(rel, handle.read(limit + 1))
    except OSError as exc:
        return RawFile(rel, b"", f"cannot be read: {exc.strerror or exc}")


def read_plan(root: Path, *, limit: int) -> RawPlan:
    """Read `masterplan.yaml`, every `measures/*.yaml` and every adoption record under `root`."""
    root = root.resolve()
    master = root / MASTERPLAN
    masterplan = _read(root, master, limit) if master.exists() or master.is_symlink() else None
    measures: list[RawFile] = []
    adoptions: list[RawFile] = []
    strays: list[str] = []
    for folder, bucket in ((root / MEASURES_DIR, measures), (root / ADOPTIONS_DIR, adoptions)):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.suffix == ".yaml":
                bucket.append(_read(root, entry, limit))
            elif entry.is_file() and entry.name != "README.md":
                # Not silently ignored: a measure saved as .yml would vanish from the plan.
                strays.append(entry.relative_to(root).as_posix())
    return RawPlan(root, masterplan, tuple(measures), tuple(adoptions), tuple(strays))


def raw_plan_from_blobs(root: Path, blobs: dict[str, bytes]) -> RawPlan:
    """The plan from in-memory files ({root-relative path: bytes}, e.g. a git tree).

    Follows `read_plan`'s rules: direct children of measures/ and masterplan/adoptions/ only,
    dotfiles skipped, anything but *.yaml (and README.md) reported as a stray.
    """
    masterplan = RawFile(MASTERPLAN, blobs[MASTERPLAN]) if MASTERPLAN in blobs else None
    measures: list[RawFile] = []
    adoptions: list[RawFile] = []
    strays: list[str] = []
    for path in sorted(blobs):
        folder, _, name = path.rpartition("/")
        bucket = {MEASURES_DIR: measures, ADOPTIONS_DIR: adoptions}.get(folder)
        if bucket is None or name.startswith("."):
            continue
        if name.endswith(".yaml"):
            bucket.append(RawFile(path, blobs[path]))
        elif name != "README.md":
            strays.append(path)
    return RawPlan(root, masterplan, tuple(measures), tuple(adoptions), tuple(strays))


def with_file(raw: RawPlan, path: str, data: bytes) -> RawPlan:
    """`raw` with the file at `path` (root-relative) replaced or added: a plan not yet written."""
    if path == MASTERPLAN:
        return RawPlan(raw.root, RawFile(path, data), raw.measures, raw.adoptions, raw.strays)
    folder = path.rpartition("/")[0]
    files = raw.adoptions if folder == ADOPTIONS_DIR else raw.measures
    updated = tuple(sorted([*(f for f in files if f.path != path), RawFile(path, data)],
                           key=lambda f: f.path))
    if folder == ADOPTIONS_DIR:
        return RawPlan(raw.root, raw.masterplan, raw.measures, updated, raw.strays)
    return RawPlan(raw.root, raw.masterplan, updated, raw.adoptions, raw.strays)
