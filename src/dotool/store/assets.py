"""Reading image files the plan's Markdown refers to — only files inside the repository."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

#: Larger images are not embedded (a document is not a photo album).
MAX_IMAGE_BYTES = 5 * 1024 * 1024


def repo_file_reader(root: Path) -> Callable[[str], bytes | None]:
    """A function that returns the bytes of a repository-relative file, or None.

    None for anything outside `root` (also through symlinks), missing, not a regular file or
    larger than `MAX_IMAGE_BYTES`.
    """
    base = root.resolve()

    def read(relative: str) -> bytes | None:
        try:
            path = (base / relative).resolve()
            if not path.is_relative_to(base) or not path.is_file():
                return None
            if path.stat().st_size > MAX_IMAGE_BYTES:
                return None
            return path.read_bytes()
        except (OSError, ValueError):
            return None

    return read
