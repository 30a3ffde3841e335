"""Listing and reading the files of a plan (bytes only: parsing happens in `yamlload`)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

MASTERPLAN = "masterplan/masterplan.yaml"
MEASURES_DIR = "measures"
ADOPTIONS_DIR = "masterplan/adoptions"
REPORTS_DIR = "masterplan/reports"  # the council paper of a half's report (optional)
MAX_BYTES = 1024 * 1024  # the largest plan file read (SPEC §4)

# Line breaks as YAML 1.1 (and libyaml's marks) count them, so lines match reported positions.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def source_lines(text: str) -> list[str]:
    """The lines of `text` without line endings (line N is ``lines[N - 1]``)."""
    lines = LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


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
    strays: tuple[str, ...]  # files in measures/, adoptions/ or reports/ that are not *.yaml
    reports: tuple[RawFile, ...] = ()


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


def read_file(root: Path, rel: str, *, limit: int = MAX_BYTES) -> RawFile:
    """One plan file (`rel` relative to `root`) under the rules `read_plan` reads by: a link
    leaving the repository, a folder or an unreadable file gives a `problem`, not its bytes.

    Commands that edit a file (`dotool update`) read it here, so they can neither copy a file
    from outside the repository into it nor load a file of any size.
    """
    root = root.resolve()
    return _read(root, root / rel, limit)


def read_plan(root: Path, *, limit: int) -> RawPlan:
    """Read `masterplan.yaml`, every `measures/*.yaml`, every adoption record and every report's
    paper (`masterplan/reports/*.yaml`) under `root`."""
    root = root.resolve()
    master = root / MASTERPLAN
    masterplan = _read(root, master, limit) if master.exists() or master.is_symlink() else None
    measures: list[RawFile] = []
    adoptions: list[RawFile] = []
    reports: list[RawFile] = []
    strays: list[str] = []
    for rel, bucket in ((MEASURES_DIR, measures), (ADOPTIONS_DIR, adoptions),
                        (REPORTS_DIR, reports)):
        folder = root / rel
        if not folder.is_dir():
            continue
        # Resolving every file's path costs more than reading it: the folder is resolved once,
        # and only links (and a folder outside the repository) take the careful way.
        inside = root in folder.resolve().parents
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.name.endswith(".yaml"):
                if inside and not entry.is_symlink():
                    bucket.append(_read_entry(f"{rel}/{entry.name}", entry, limit))
                else:
                    bucket.append(_read(root, Path(entry.path), limit))
            elif entry.is_file() and entry.name != "README.md":
                # Not silently ignored: a measure saved as .yml would vanish from the plan.
                strays.append(f"{rel}/{entry.name}")
    return RawPlan(root, masterplan, tuple(measures), tuple(adoptions), tuple(strays),
                   tuple(reports))


def _read_entry(rel: str, entry: os.DirEntry[str], limit: int) -> RawFile:
    """`_read` for a directory entry that is not a link, in a folder inside the repository."""
    try:
        if not entry.is_file(follow_symlinks=False):
            return RawFile(rel, b"", "is not a regular file")
        with open(entry.path, "rb") as handle:
            # Asking for the size, not for `limit` bytes, spares a 1 MiB buffer per file.
            size = os.fstat(handle.fileno()).st_size
            return RawFile(rel, handle.read(min(size, limit) + 1))
    except OSError as exc:
        return RawFile(rel, b"", f"cannot be read: {exc.strerror or exc}")


def raw_plan_from_blobs(root: Path, blobs: dict[str, bytes]) -> RawPlan:
    """The plan from in-memory files ({root-relative path: bytes}, e.g. a git tree).

    Follows `read_plan`'s rules: direct children of measures/, masterplan/adoptions/ and
    masterplan/reports/ only,
    dotfiles skipped, anything but *.yaml (and README.md) reported as a stray.
    """
    masterplan = RawFile(MASTERPLAN, blobs[MASTERPLAN]) if MASTERPLAN in blobs else None
    measures: list[RawFile] = []
    adoptions: list[RawFile] = []
    reports: list[RawFile] = []
    strays: list[str] = []
    for path in sorted(blobs):
        folder, _, name = path.rpartition("/")
        bucket = {MEASURES_DIR: measures, ADOPTIONS_DIR: adoptions,
                  REPORTS_DIR: reports}.get(folder)
        if bucket is None or name.startswith("."):
            continue
        if name.endswith(".yaml"):
            bucket.append(RawFile(path, blobs[path]))
        elif name != "README.md":
            strays.append(path)
    return RawPlan(root, masterplan, tuple(measures), tuple(adoptions), tuple(strays),
                   tuple(reports))


def with_file(raw: RawPlan, path: str, data: bytes) -> RawPlan:
    """`raw` with the file at `path` (root-relative) replaced or added: a plan not yet written."""
    if path == MASTERPLAN:
        return replace(raw, masterplan=RawFile(path, data))
    folder = path.rpartition("/")[0]
    def put(files: tuple[RawFile, ...]) -> tuple[RawFile, ...]:
        return tuple(sorted([*(f for f in files if f.path != path), RawFile(path, data)],
                            key=lambda f: f.path))

    if folder == ADOPTIONS_DIR:
        return replace(raw, adoptions=put(raw.adoptions))
    if folder == REPORTS_DIR:
        return replace(raw, reports=put(raw.reports))
    return replace(raw, measures=put(raw.measures))
