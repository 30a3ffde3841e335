"""An exclusive lock on a folder of the plan, for commands that read, change and write in it.

Held on the folder itself (no lock file is left behind) with `flock`, which the kernel releases
when the process ends, even by SIGKILL — an interrupted command never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (which must exist) for the `with` block."""
    try:
        import fcntl
    except ImportError:  # Windows: callers still never overwrite (hard-link creation)
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
