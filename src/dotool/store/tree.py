"""Writing a generated folder (the site): every file atomically, only our own files removed.

The folder is the user's (`site -o DIR`), and its content may come from a pull request (a
committed `docs/` for GitHub Pages). So a write never goes through a symlink inside the folder —
a link `DIR/open-data → ../measures` would write the site into the plan — and never into the
plan's own folders, however the folder is reached. A stale file (the page of a measure since
made non-public) is removed only when its content says that dotool wrote it (`ours`), never
because some list says so: a list in the folder could be committed by anyone, and name
`CNAME`. Nothing else in the folder is ever touched.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from dotool.errors import UsageError
from dotool.i18n.terminal import Message, t
from dotool.store.atomic import kind_text, write_atomic
from dotool.store.oswords import os_reason
from dotool.store.reading import Unreadable, kind_of, read_regular, resolved
from dotool.text import shown

#: Whether a file (relative path, first bytes) was written by the generator; see `write_tree`.
Ours = Callable[[str, bytes], bool]
#: Files larger than this are never ours (dotool's pages are far smaller): not even read.
_MAX_OURS = 64 * 1024 * 1024
#: What to do instead of writing into the plan; each writer names its own usual folder.
SITE_HINT = t("write the site to a folder of its own, such as build/site")


def _safe(relative: str) -> bool:
    path = PurePosixPath(relative)
    return bool(relative) and not path.is_absolute() and ".." not in path.parts \
        and "\\" not in relative


def _refuse(path: Path, why: Message, hint: str | Message) -> UsageError:
    return UsageError(t("refusing to write {path}: {why}", path=shown(str(path)), why=why),
                      hint=hint)


def check_target(target: Path, forbidden: Iterable[Path], *,
                 hint: str | Message = SITE_HINT) -> Path:
    """The real path of the folder `target`, after checking that it is (or can become) a
    folder that is none of `forbidden` (real paths of the plan's folders) and lies in none."""
    real = resolved(target)  # where the folder is, or would be made, whatever links lead there
    for folder in forbidden:
        if real == folder or real.is_relative_to(folder):
            raise _refuse(target, t("it is the plan's own folder {name}/",
                                    name=shown(folder.name)), hint)
    if os.path.lexists(target) and not target.is_dir():
        try:
            kind = kind_text(kind_of(os.stat(target).st_mode) or "a file")
        except OSError as exc:  # a link loop, a link to nothing
            kind = str(t("a symbolic link that cannot be followed ({problem})",
                         problem=os_reason(exc)))
        raise UsageError(t("{path} is {kind}, not a folder", path=shown(str(target)), kind=kind),
                         hint=t("pass a folder (or the name of a new one)"))
    return real


#: What to do instead of writing a document or an export into the plan.
OUTPUT_HINT = t("write the output to a folder of its own, such as build/")


def in_plan_folder(target: Path, forbidden: Iterable[Path]) -> Path | None:
    """The folder of `forbidden` (real paths of the plan's folders) that `target` is, or lies
    in, however the folders on its way are reached (links followed); None if none."""
    # The file itself as named and as its folder's real path: a link at the file's own name is
    # refused elsewhere (`refuse_special`), and a new name has no real path of its own.
    places = (resolved(target), resolved(target.parent) / target.name)
    for folder in forbidden:
        if any(place == folder or place.is_relative_to(folder) for place in places):
            return folder
    return None


def check_target_file(target: Path, forbidden: Iterable[Path], *,
                      hint: str | Message = OUTPUT_HINT) -> None:
    """Refuse (exit 2) the output file `target` when it is, or lies in, one of the plan's
    folders `forbidden` — the rule `check_target` applies to an output folder."""
    folder = in_plan_folder(target, forbidden)
    if folder is None:
        return
    if resolved(target) == folder:
        raise _refuse(target, t("it is the plan's own folder {name}/",
                                name=shown(folder.name)), hint)
    raise _refuse(target, t("it lies in the plan's own folder {name}/",
                            name=shown(folder.name)), hint)


def _check_path(base: Path, name: str, forbidden: Iterable[Path], hint: str | Message) -> Path:
    """`base / name`, refused when a folder on the way or the file itself is a symlink (or not
    a folder / file), or when it would land in one of `forbidden`."""
    path = base
    parts = PurePosixPath(name).parts
    for index, part in enumerate(parts):
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            break
        last = index == len(parts) - 1
        if stat.S_ISLNK(mode):
            raise _refuse(path, t("it is a symbolic link, and dotool never writes through one "
                                  "inside its output"),
                          t("remove the link: dotool writes real folders and files there"))
        kind = kind_text(kind_of(mode) or "a file")
        if not last and not stat.S_ISDIR(mode):
            raise _refuse(path, t("it is {kind} where a folder is needed", kind=kind),
                          t("remove or rename it"))
        if last and not stat.S_ISREG(mode):
            raise _refuse(path, t("it is {kind}, not a regular file", kind=kind),
                          t("remove it, or pick another folder"))
    final = base / name
    for folder in forbidden:
        if final.is_relative_to(folder):
            raise _refuse(final, t("it lies in the plan's own folder {name}/",
                                   name=shown(folder.name)), hint)
    return final


def write_tree(target: Path, files: dict[str, bytes], *, ours: Ours | None = None,
               forbidden: Iterable[Path] = (), stale_in: Iterable[str] = (),
               hint: str | Message = SITE_HINT) -> list[str]:
    """Write `files` (relative path → bytes) under `target`; return the stale files removed.

    Every path is checked before anything is written (`_check_path`; `hint` says where to
    write instead when `target` is in the plan). Afterwards, a file in
    one of the folders `stale_in` (relative; "" is `target` itself, not its subfolders) that
    this run did not write is removed when `ours(path, its bytes)` says it is dotool's.
    """
    bad = [name for name in files if not _safe(name)]
    if bad:  # a bug in the caller, never user input: refuse rather than write outside
        raise ValueError(f"unsafe paths: {bad}")
    forbidden = tuple(forbidden)
    base = check_target(target, forbidden, hint=hint)
    paths = {name: _check_path(base, name, forbidden, hint) for name in sorted(files)}
    for name, path in paths.items():
        # Unchanged files are left alone: timestamps stay, and a deploy uploads less.
        with contextlib.suppress(Unreadable):
            if read_regular(path, limit=len(files[name])) == files[name]:
                continue
        write_atomic(path, files[name])
    removed: list[str] = []
    if ours is None:
        return removed
    for name in _stale(base, stale_in, set(files)):
        path = base / name
        try:
            if not ours(name, read_regular(path, limit=_MAX_OURS)):
                continue
            path.unlink()
        except (Unreadable, OSError):
            continue
        removed.append(name)
    return removed


def _stale(base: Path, folders: Iterable[str], written: set[str]) -> list[str]:
    """Regular files directly in `folders` (never through a link) that were not written now."""
    found = []
    for folder in folders:
        here = base / folder if folder else base
        try:
            if not stat.S_ISDIR(os.lstat(here).st_mode):
                continue
            with os.scandir(here) as listing:
                entries = [e for e in listing if e.is_file(follow_symlinks=False)]
        except OSError:
            continue
        for entry in entries:
            name = f"{folder}/{entry.name}" if folder else entry.name
            if name not in written:
                found.append(name)
    return sorted(found)
