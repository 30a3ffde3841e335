"""Listing and reading the files of a plan (bytes only: parsing happens in `yamlload`)."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from dotool.i18n.terminal import Message, t
from dotool.store.oswords import os_reason
from dotool.store.reading import Unreadable, check_inside, kind_words, read_regular, resolved
from dotool.text import shown

MASTERPLAN = "masterplan/masterplan.yaml"
MEASURES_DIR = "measures"
ADOPTIONS_DIR = "masterplan/adoptions"
REPORTS_DIR = "masterplan/reports"  # the council paper of a half's report (optional)
MAX_BYTES = 1024 * 1024  # the largest plan file read (rule file-too-large, docs/rules.md)

# Line breaks as YAML 1.1 (and libyaml's marks) count them, so lines match reported positions.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def plan_folders(root: Path) -> tuple[Path, ...]:
    """The real paths of the repository's own folders, which no output may be written into."""
    base = resolved(root)
    return tuple(resolved(base / name) for name in
                 (".git", "masterplan", MEASURES_DIR, "templates", "schema"))


def source_lines(text: str) -> list[str]:
    """The lines of `text` without line endings (line N is ``lines[N - 1]``)."""
    lines = LINE_BREAK.split(text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True, slots=True)
class RawFile:
    """One file of the plan as read from disk: its repository-relative path and bytes.

    `problem` is set (and `data` empty) when the file could not be read by the rule of
    `dotool.store.reading` — a symlink that leaves the repository or loops, a folder or FIFO
    where a file should be, an unreadable file — or when its name is not UTF-8 (`path` then
    shows the odd bytes escaped).
    """

    path: str
    data: bytes
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class RawPlan:
    """All files of a plan, read once — or the few a command needs: what is left out is empty
    (`RawPlan(root, measures=(one,))` is one measure without the masterplan)."""

    root: Path
    masterplan: RawFile | None = None
    measures: tuple[RawFile, ...] = ()
    adoptions: tuple[RawFile, ...] = ()
    strays: tuple[str, ...] = ()  # files in measures/, adoptions/ or reports/ that are not *.yaml
    reports: tuple[RawFile, ...] = ()


def _read(root: Path, file: Path, limit: int) -> RawFile:
    rel = file.relative_to(root).as_posix()
    try:
        return RawFile(rel, read_regular(check_inside(root, file), limit=limit))
    except Unreadable as exc:
        return RawFile(rel, b"", str(exc.message))


def read_file(root: Path, rel: str, *, limit: int = MAX_BYTES) -> RawFile:
    """One plan file (`rel` relative to `root`) under the rules `read_plan` reads by: a link
    leaving the repository, a folder or an unreadable file gives a `problem`, not its bytes.

    Commands that edit a file (`dotool update`) read it here, so they can neither copy a file
    from outside the repository into it nor load a file of any size.
    """
    root = resolved(root)
    return _read(root, root / rel, limit)


_UNDECODED = re.compile("[\udc80-\udcff]")


def _odd_name(rel: str) -> RawFile | None:
    """A problem for a file whose name is not UTF-8 (Python keeps its bytes as surrogates)."""
    if not rel.isascii() and _UNDECODED.search(rel):
        return RawFile(shown(rel), b"", str(t("has a name that is not UTF-8; rename it (a name "
                                              "in UTF-8 reads the same on every computer)")))
    return None


def read_plan(root: Path, *, limit: int) -> RawPlan:
    """Read `masterplan.yaml`, every `measures/*.yaml`, every adoption record and every report's
    paper (`masterplan/reports/*.yaml`) under `root`.

    A folder of the plan that is a link loop, leads out of the repository or is not a folder
    at all is one file with a problem (its files cannot be listed), never silently empty.
    """
    root = resolved(root)
    master = root / MASTERPLAN
    masterplan = _read(root, master, limit) if os.path.lexists(master) else None
    measures: list[RawFile] = []
    adoptions: list[RawFile] = []
    reports: list[RawFile] = []
    strays: list[str] = []
    for rel, bucket in ((MEASURES_DIR, measures), (ADOPTIONS_DIR, adoptions),
                        (REPORTS_DIR, reports)):
        folder = root / rel
        if not os.path.lexists(folder):
            continue
        try:
            # Resolving every file's path costs more than reading it: the folder is checked
            # once, and only links (and a folder outside the repository) take the careful way.
            real = check_inside(root, folder)
            mode = os.stat(real).st_mode
            if not stat.S_ISDIR(mode):
                # A plain file has no kind words of its own (kind_words gives None).
                kind = kind_words(mode) or t("a file")
                raise Unreadable(t("is {kind}, not a folder", kind=kind))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except (Unreadable, OSError) as exc:
            why = exc.message if isinstance(exc, Unreadable) else t("cannot be listed: {problem}",
                                                                    problem=os_reason(exc))
            bucket.append(RawFile(rel, b"", str(why)))
            continue
        direct = real == folder
        for entry in entries:
            if entry.name.startswith("."):
                continue
            odd = _odd_name(f"{rel}/{entry.name}")
            if odd is not None:
                bucket.append(odd)
            elif entry.name.endswith(".yaml"):
                if direct and not entry.is_symlink():
                    bucket.append(_read_entry(f"{rel}/{entry.name}", entry, limit))
                else:
                    bucket.append(_read(root, Path(entry.path), limit))
            elif entry.name != "README.md" and _is_file_or_broken(entry):
                # Not silently ignored: a measure saved as .yml would vanish from the plan.
                strays.append(f"{rel}/{entry.name}")
    return RawPlan(root, masterplan, tuple(measures), tuple(adoptions), tuple(strays),
                   tuple(reports))


def plain_listing(root: Path, rel: str) -> list[tuple[str, os.stat_result]] | None:
    """The `*.yaml` files of the folder `rel` of `root` (already real) with what `lstat` says of
    each, when `read_plan` would read the folder plainly: a real folder (or none at all), every
    file in it regular, no link, no name that is not UTF-8 and no stray. None otherwise — then
    only `read_plan` knows what the plan holds there."""
    folder = root / rel
    try:
        if not os.path.lexists(folder):
            return []
        if not stat.S_ISDIR(os.lstat(folder).st_mode) or os.path.realpath(folder) != str(folder):
            return None
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        found = []
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "README.md":
                continue
            if entry.is_symlink() or _odd_name(f"{rel}/{entry.name}") is not None:
                return None
            if entry.name.endswith(".yaml"):
                if not entry.is_file(follow_symlinks=False):
                    return None  # a folder, FIFO or device where a file should be
                found.append((f"{rel}/{entry.name}", entry.stat(follow_symlinks=False)))
            elif not entry.is_dir(follow_symlinks=False):  # read_plan reads no sub-folder
                return None  # a stray
    except OSError:
        return None
    return found


def _kind(entry: os.DirEntry[str]) -> Message:
    try:
        return kind_words(entry.stat(follow_symlinks=False).st_mode) or t("a file")
    except OSError:
        return t("not a regular file")


def _is_file_or_broken(entry: os.DirEntry[str]) -> bool:
    """True for a file, or a link that leads nowhere or loops (anything but a folder)."""
    try:
        return entry.is_file() or (entry.is_symlink() and not entry.is_dir())
    except OSError:  # a link loop
        return True


def _read_entry(rel: str, entry: os.DirEntry[str], limit: int) -> RawFile:
    """`_read` for a directory entry that is not a link, in a folder that is not one either."""
    try:
        if not entry.is_file(follow_symlinks=False):  # from the listing: no system call
            return RawFile(rel, b"", str(t("is {kind}, not a regular file", kind=_kind(entry))))
        return RawFile(rel, read_regular(Path(entry.path), limit=limit, regular=True))
    except Unreadable as exc:
        return RawFile(rel, b"", str(exc.message))


def raw_plan_from_blobs(root: Path, blobs: dict[str, bytes]) -> RawPlan:
    """The plan from in-memory files ({root-relative path: bytes}, e.g. a git tree).

    Follows `read_plan`'s rules: direct children of measures/, masterplan/adoptions/ and
    masterplan/reports/ only, dotfiles skipped, a name that is not UTF-8 a problem, anything
    but *.yaml (and README.md) reported as a stray.
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
        odd = _odd_name(path)
        if odd is not None:
            bucket.append(odd)
        elif name.endswith(".yaml"):
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
