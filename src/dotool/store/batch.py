"""Writing several plan files as one change: all of them, or none.

Each file is written atomically (`write_atomic`); if any write fails, the files already written
are put back as they were — old bytes restored, new files removed — before the error is raised.
`collect apply` writes a workbook's measures this way, `import` its new measure files, and
`init` its scaffold.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from dotool.store.atomic import write_atomic


def write_batch(root: Path, changes: dict[str, tuple[bytes | None, bytes]]) -> list[str]:
    """Write `changes` ({relative path: (old bytes or None for a new file, new bytes)}).

    A new file is never overwritten (`FileExistsError` if its name was taken meanwhile); every
    write stays inside `root`. On any failure the files written so far are restored and the
    error is raised. Returns the paths written, in order.
    """
    written: list[str] = []
    try:
        for rel, (old, new) in changes.items():
            write_atomic(root / rel, new, overwrite=old is not None, within=root)
            written.append(rel)
    except BaseException:
        _restore(root, {rel: changes[rel][0] for rel in written})
        raise
    return written


def _restore(root: Path, originals: dict[str, bytes | None]) -> None:
    """Put files back as they were (best effort: the first error is the one to report)."""
    for rel, old in reversed(originals.items()):
        with contextlib.suppress(OSError):
            if old is None:
                (root / rel).unlink()
            else:
                write_atomic(root / rel, old, within=root)
