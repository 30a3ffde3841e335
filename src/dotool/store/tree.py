"""Writing a generated folder (the site): every file atomically, only our own files removed.

A manifest (`.dotool-site`) lists the files the last run wrote. A file in the old manifest that
this run does not write is removed — otherwise the page of a measure that has since been made
non-public would stay online. Nothing else in the folder is ever touched.
"""

from __future__ import annotations

import contextlib
from pathlib import Path, PurePosixPath

from dotool.errors import UsageError
from dotool.store.atomic import write_atomic

MANIFEST = ".dotool-site"


def _safe(relative: str) -> bool:
    path = PurePosixPath(relative)
    return bool(relative) and not path.is_absolute() and ".." not in path.parts \
        and "\\" not in relative


def write_tree(target: Path, files: dict[str, bytes]) -> list[str]:
    """Write `files` (relative path → bytes) under `target`; return the stale files removed."""
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder", hint="pass a folder for the site")
    bad = [name for name in files if not _safe(name)]
    if bad:  # a bug in the caller, never user input: refuse rather than write outside
        raise ValueError(f"unsafe paths: {bad}")
    manifest = target / MANIFEST
    previous: list[str] = []
    if manifest.is_file():
        previous = [line.strip() for line in manifest.read_text(encoding="utf-8").splitlines()]
    for name, data in files.items():
        path = target / name
        if path.is_dir():
            raise UsageError(f"{path} is a folder; dotool site needs to write a file there")
        # Unchanged files are left alone: timestamps stay, and a deploy uploads less.
        if path.is_file() and path.read_bytes() == data:
            continue
        write_atomic(path, data)
    write_atomic(manifest, "".join(f"{name}\n" for name in sorted(files)).encode("utf-8"))
    removed = []
    base = target.resolve()
    for name in sorted(set(previous) - set(files)):
        path = target / name
        if not _safe(name) or not path.resolve().is_relative_to(base) or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(name)
    return removed
