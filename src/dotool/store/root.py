"""Finding the masterplan root: `--root`, `DOTOOL_ROOT`, or walking up from the working folder."""

from __future__ import annotations

import os
from pathlib import Path

from dotool.errors import UsageError
from dotool.i18n.terminal import t
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
            # The reason is worded by the file reader (`dotool.store.reading`).
            raise UsageError(t("{path} is not a masterplan root: it {reason}",
                               path=shown(str(given)), reason=exc.message),
                             hint=t("pass the folder that holds masterplan/")) from None
        if not os.path.lexists(root / MARKER):
            raise UsageError(
                t("{path} is not a masterplan root: it has no {marker}", path=shown(str(given)),
                  marker=MARKER.as_posix()),
                hint=t("pass the folder that holds masterplan/, or create one with "
                       "`dotool init`"),
            )
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        # Present is enough: a marker that cannot be read (a link loop, a FIFO) is reported
        # as a finding about that file, which says more than "no masterplan here".
        if os.path.lexists(folder / MARKER):
            return folder
    raise UsageError(
        t("no masterplan found in {path} or any folder above it", path=shown(str(here))),
        hint=t("run inside a masterplan repository, pass --root DIR, or start one with "
               "`dotool init`"),
    )
