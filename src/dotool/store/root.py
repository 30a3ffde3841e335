"""Finding the masterplan root: `--root`, `DOTOOL_ROOT`, or walking up from the working folder."""

from __future__ import annotations

import os
from pathlib import Path

from dotool.errors import UsageError
from dotool.store.files import MASTERPLAN
from dotool.store.reading import Unreadable, real_path
from dotool.text import shown

MARKER = Path(MASTERPLAN)


def find_root(explicit: Path | None = None, *, start: Path | None = None) -> Path:
    """The folder holding `masterplan/masterplan.yaml`.

    An explicit `--root` (or `DOTOOL_ROOT`) must hold the marker itself; otherwise the search walks
    up from `start` (the working folder) to the first folder that holds it.
    """
    given = explicit or (Path(os.environ["DOTOOL_ROOT"]) if os.environ.get("DOTOOL_ROOT") else None)
    if given is not None:
        try:
            root = real_path(given.expanduser())
        except Unreadable as exc:
            raise UsageError(f"{shown(str(given))} is not a masterplan root: it {exc.reason}",
                             hint="pass the folder that holds masterplan/") from None
        if not os.path.lexists(root / MARKER):
            raise UsageError(
                f"{shown(str(given))} is not a masterplan root: it has no {MARKER.as_posix()}",
                hint="pass the folder that holds masterplan/, or create one with `dotool init`",
            )
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        # Present is enough: a marker that cannot be read (a link loop, a FIFO) is reported
        # as a finding about that file, which says more than "no masterplan here".
        if os.path.lexists(folder / MARKER):
            return folder
    raise UsageError(
        f"no masterplan found in {shown(str(here))} or any folder above it",
        hint="run inside a masterplan repository, pass --root DIR, or start one with `dotool init`",
    )
