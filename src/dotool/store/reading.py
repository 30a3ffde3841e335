"""The one rule for every file dotool reads: plan files, images, template overrides, the cache.

A pull request controls every path in the repository, symlinks included. So a file is read only
when its real path (every link followed) lies inside the masterplan repository, outside `.git/`
(which holds the CI token after `actions/checkout`) and outside any folder the caller names (an
image is never a plan file: a link `img/a.png → ../measures/M-004-intern.yaml` would publish a
non-public measure); when no link on the way loops; when it is a regular file — never a device,
whose opening alone can act, nor a FIFO, which would block the read forever; and only up to a
size limit. A file that breaks the rule raises `Unreadable` saying why, in words that complete
"FILE …".
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from dotool.i18n.terminal import Message, t
from dotool.store.oswords import os_reason

#: The repository's own git folder: never read, whatever links to it.
GIT_DIR = ".git"
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) \
    | getattr(os, "O_BINARY", 0)


class Unreadable(Exception):
    """A file dotool does not read; `reason` completes "FILE …" ("is a symlink loop").

    `message` is the reason in the terminal's language; `reason` stays English, for code that
    tells one reason from another by its words.
    """

    def __init__(self, reason: Message) -> None:
        super().__init__(reason)
        self.message = reason

    @property
    def reason(self) -> str:
        """The reason in English (rendered when asked for: a missing cache file is Unreadable
        on every cold run, and the English catalogue is read for nothing else there)."""
        return self.message.render("en")


def kind_of(mode: int) -> str | None:
    """What a file of `mode` is when it is not a regular file ("a folder", "a FIFO", …)."""
    kind = kind_words(mode)
    return None if kind is None else kind.render("en")


def kind_words(mode: int) -> Message | None:
    """`kind_of` in the terminal's language."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISDIR, t("a folder")), (stat.S_ISLNK, t("a symbolic link")),
                       (stat.S_ISFIFO, t("a FIFO (named pipe)")), (stat.S_ISCHR, t("a device")),
                       (stat.S_ISBLK, t("a device")), (stat.S_ISSOCK, t("a socket"))):
        if test(mode):
            return name
    return t("not a regular file")


def _why(exc: OSError) -> Message:
    if exc.errno == errno.ELOOP:
        return t("is a symlink loop (or a chain of too many links)")
    if exc.errno == errno.ENOENT:
        return t("does not exist (or is a link to nothing)")
    return t("cannot be read: {problem}", problem=os_reason(exc))


def real_path(path: Path) -> Path:
    """`path` with every link followed; `Unreadable` when it loops or leads nowhere."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except OSError as exc:
        raise Unreadable(_why(exc)) from None
    except RuntimeError:  # pathlib's way of saying ELOOP (Python < 3.13)
        raise Unreadable(_why(OSError(errno.ELOOP, "loop"))) from None


def resolved(path: Path) -> Path:
    """`path` with the links that exist followed, for a path that may not exist yet; never
    raises (a loop is left as it is, and the caller's next step on it fails cleanly)."""
    return Path(os.path.realpath(path))


def read_regular(path: Path, *, limit: int, regular: bool = False) -> bytes:
    """The bytes of the regular file `path` (not a link), at most `limit` + 1 of them — one
    past the limit, so a caller can tell "too large" without ever holding a large file.

    `regular` says the caller knows the entry is a regular file already (from its folder
    listing), which spares the `lstat`; the open file is checked again either way.
    """
    try:
        if not regular:
            kind = kind_words(os.lstat(path).st_mode)  # before opening: a device can act
            if kind is not None:
                raise Unreadable(t("is {kind}, not a regular file", kind=kind))
        fd = os.open(path, _FLAGS)  # non-blocking: a FIFO put there meanwhile cannot hang us
        try:
            info = os.fstat(fd)
            kind = kind_words(info.st_mode)
            if kind is not None:
                raise Unreadable(t("is {kind}, not a regular file", kind=kind))
            want, chunks = min(info.st_size, limit) + 1, []
            while want > 0:  # the file may have grown or shrunk since `fstat`
                chunk = os.read(fd, want)
                if not chunk:
                    break
                chunks.append(chunk)
                want -= len(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as exc:
        raise Unreadable(_why(exc)) from None


def check_inside(root: Path, path: Path, *, exclude: Sequence[str] = ()) -> Path:
    """The real path of `path`, which must lie inside `root` (already real), outside `.git/`
    and outside the top-level folders `exclude`; `Unreadable` otherwise."""
    real = real_path(path)
    if real != root and not real.is_relative_to(root):
        if os.path.isdir(real):  # `measures` linked to a folder elsewhere
            raise Unreadable(t("is a link to a folder outside the masterplan repository"))
        raise Unreadable(t("is a link to a file outside the masterplan repository"))
    parts = real.relative_to(root).parts
    if any(part.lower() == GIT_DIR for part in parts):
        raise Unreadable(t("is (a link to) a file in the repository's .git folder"))
    if parts and parts[0] in exclude:
        raise Unreadable(t("is (a link to) a file in the plan's {folder} folder",
                           folder=parts[0] + "/"))
    return real


def read_inside(root: Path, rel: str, *, limit: int, exclude: Sequence[str] = ()) -> bytes:
    """The bytes of the file `rel` (relative to `root`, already real) by the one rule above,
    at most `limit` + 1 of them."""
    return read_regular(check_inside(root, root / rel, exclude=exclude), limit=limit)
