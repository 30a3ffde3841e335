"""Atomic writes: a temporary file in the same folder, flushed, then renamed over the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from dotool.errors import UsageError
from dotool.i18n.terminal import t
from dotool.store.oswords import os_reason


class WriteError(UsageError, OSError):
    """A file could not be written (exit 2). Also an `OSError`, so callers that treat a failed
    write as something to live with (the cache) still catch it as before."""


def is_temporary(name: str) -> bool:
    """True for the name of a temporary file `write_atomic` makes (`.NAME.xxxx.tmp`); one can be
    left behind when a write is killed, and is never part of the plan."""
    return name.startswith(".") and name.endswith(".tmp")


def refuse_special(target: Path) -> None:
    """Refuse (exit 2, saying why) an output path that exists and is not a regular file: a
    device (as root, `-o /dev/sda` would be destroyed), a FIFO, a socket, a folder or a
    symbolic link (replacing the link would surprise; following it could write anywhere)."""
    from dotool.store.reading import kind_of
    from dotool.text import shown

    try:
        kind = kind_of(os.lstat(target).st_mode)
    except OSError:  # a new name (or one behind a path that fails later, with its reason)
        return
    if kind is not None:
        raise UsageError(t("refusing to write {path}: it is {kind}; dotool writes only regular "
                           "files", path=shown(str(target)), kind=kind_text(kind)),
                         hint=t("pass the path of a new or regular file"))


def kind_text(kind: str) -> str:
    """What `dotool.store.reading.kind_of` says a file is, in the terminal's language."""
    kinds = {"a folder": t("a folder"), "a symbolic link": t("a symbolic link"),
             "a FIFO (named pipe)": t("a FIFO (named pipe)"), "a device": t("a device"),
             "a socket": t("a socket"), "not a regular file": t("not a regular file"),
             "a file": t("a file")}
    return str(kinds.get(kind, kind))


def write_atomic(target: Path, data: bytes, *, overwrite: bool = True,
                 within: Path | None = None, regular: bool = False) -> None:
    """Write `data` to `target` so that readers see the old file or the new one, never a part.

    With `overwrite=False` an existing target is never replaced (the rename is done with a hard
    link, which fails if the name exists) and `FileExistsError` is raised. With `within` (the
    masterplan root) a target whose folder lies outside it — a folder of the plan that is a
    symlink leading elsewhere — is refused: a plan file is only ever written inside the plan.
    With `regular` (a path a user named) the target must be a regular file or a new name
    (`refuse_special`), checked again just before it is replaced.
    Any other failure to write is a `WriteError` (exit 2) naming the target.
    """
    if regular:
        refuse_special(target)
    if within is not None:
        _refuse_outside(target, within)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except FileExistsError as exc:  # mkdir: a file stands where a folder of the path should be
        problem = t("{path} is a file, not a folder", path=str(exc.filename))
        raise _cannot_write(target, OSError(0, str(problem))) from None
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file private (0600); give it the mode the target has, or the
            # one a plain `open` would give, so other readers and git see a normal file.
            if hasattr(os, "fchmod"):  # POSIX (and Windows from Python 3.13)
                os.fchmod(handle.fileno(), _mode(target))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if regular:
            refuse_special(target)
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)  # atomic "create if absent"
            os.unlink(tmp)
    except FileExistsError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if overwrite:
            in_the_way = str(t("a folder is in the way"))
            raise _cannot_write(target, FileExistsError(17, in_the_way)) from None
        raise  # the caller's signal that the name is taken (`overwrite=False`)
    except OSError as exc:  # a full disk, a folder in the way, no permission
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _cannot_write(target, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _cannot_write(target: Path, exc: OSError) -> WriteError:
    return WriteError(t("cannot write {path}: {problem}", path=str(target),
                        problem=os_reason(exc)),
                      hint=t("check that the folder exists or can be created, and that you may "
                             "write there"))


def _refuse_outside(target: Path, root: Path) -> None:
    from dotool.store.reading import resolved

    base = resolved(root)
    # The folder is resolved (not the file: replacing a symlinked file replaces the link).
    folder = target.parent
    while not os.path.lexists(folder) and folder not in (root, folder.parent):
        folder = folder.parent  # folders the write creates are real ones: check what exists
    if os.path.lexists(folder) and not resolved(folder).is_relative_to(base):
        raise UsageError(t("refusing to write {path}: its folder is a link to a place outside "
                           "the masterplan repository {root}", path=str(target), root=str(base)),
                         hint=t("replace the symlink with a real folder"))


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
