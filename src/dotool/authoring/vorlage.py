"""`dotool report --half H --init`: scaffold the council paper of a half's report.

The file is `masterplan/reports/<half>.yaml`, from `authoring/scaffold/report.yaml.j2` with the
plan's committee and owner filled in; every other field is left empty for the Digital Officer.
It is never overwritten, and it is validated before it is written.
"""

from __future__ import annotations

from pathlib import Path

from dotool.errors import InvalidContent, UsageError
from dotool.i18n.terminal import t
from dotool.model.dates import Half
from dotool.store.atomic import write_atomic
from dotool.store.files import REPORTS_DIR


def vorlage_text(half: Half, *, committee: str, owner: str | None) -> str:
    """The text of a new report paper for `half`."""
    from dotool.authoring.scaffold import render_scaffold

    return render_scaffold("report.yaml.j2", half=half, committee=committee, owner=owner)


def init_vorlage(root: Path, half: Half) -> str:
    """Write `masterplan/reports/<half>.yaml`; return its path relative to `root`.

    Exit 2 when the file exists; exit 1 when the plan does not validate with it.
    """
    from dotool.authoring.new_measure import load_masterplan
    from dotool.checks.run import validate_raw
    from dotool.store.files import MASTERPLAN, RawFile, RawPlan, read_file

    rel = f"{REPORTS_DIR}/{half}.yaml"
    target = root / rel
    if target.exists() or target.is_symlink():
        raise UsageError(t("{path} exists already; dotool never overwrites it", path=rel),
                         hint=t("edit the file, or delete it to start again"))
    master = load_masterplan(root)
    data = vorlage_text(half, committee=master.committee, owner=master.owner).encode("utf-8")
    # Checked with the plan's masterplan.yaml only: the rules of a report paper need no more.
    raw = RawPlan(root, read_file(root, MASTERPLAN), reports=(RawFile(rel, data),))
    mine = [f for f in validate_raw(raw).errors if f.path == rel]
    if mine:  # a half that has not begun, ...
        raise InvalidContent(mine)
    try:
        write_atomic(target, data, overwrite=False, within=root)
    except FileExistsError:
        raise UsageError(t("{path} exists already; dotool never overwrites it",
                           path=rel)) from None
    return rel
