"""`dotool update`: add the update of a half, or change only the fields given; never lose data.

* A half without an update gets a new one holding exactly the values given (nothing is copied
  from an earlier half); status, Ampel, text and (unless ongoing) progress are required.
* A half with an update keeps it: each given value replaces that field (a `--kpi` or `--budget-*`
  value that one entry), `--unset FIELD` removes one, and every other field, comment and byte of
  the file stays. `--replace` rewrites the whole update from the values given, on purpose.
* The change is validated with the whole plan before anything is written, and reported field by
  field (old → new).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotool import choices
from dotool.authoring.checking import check_change, keep_facts, measure_file, partial_date
from dotool.authoring.splice import DELETE, ORDER, Splice
from dotool.errors import ContentError, UsageError
from dotool.i18n.terminal import Message, t, tn
from dotool.model.dates import Half
from dotool.model.patterns import KEY_PATTERN
from dotool.model.vocab import KEYS
from dotool.store.atomic import write_atomic
from dotool.store.files import MAX_BYTES, MEASURES_DIR, read_file
from dotool.store.lock import locked
from dotool.text import shown

_KPI = re.compile(rf"^({KEY_PATTERN})=(.+)$")
#: What `--unset` may remove: an update's optional fields, one KPI value, one budget entry.
UNSETTABLE = ("rag_reason", "progress", "spent", "kpis", "next", "replanned_end",
              "funding_status", "budget", "budget.one_off", "budget.annual", "budget.note")
REQUIRED = ("half", "status", "rag", "text")


@dataclass(frozen=True)
class UpdateValues:
    """The values of one half-yearly update as given on the command line (None: not given)."""

    half: Half
    status: str | None = None
    rag: str | None = None
    rag_reason: str | None = None
    progress: int | None = None
    spent: float | None = None
    kpis: dict[str, float] = field(default_factory=dict)
    text: str | None = None
    next: str | None = None
    replanned_end: str | None = None
    funding_status: str | None = None
    budget: dict[str, Any] = field(default_factory=dict)  # one_off, annual, note
    unset: tuple[str, ...] = ()
    replace: bool = False

    def given(self) -> dict[str, Any]:
        """The fields given, in the order an update lists them."""
        out: dict[str, Any] = {"half": str(self.half)}
        for key in ORDER[1:]:
            value = getattr(self, key)
            if value is not None and value != {}:
                out[key] = value
        return out

    def check(self) -> None:
        """Exit 2 naming the flag of a malformed value (content rules come later)."""
        for name in ("status", "rag", "funding_status"):
            value = getattr(self, name)
            if value is not None and value not in KEYS[name]:
                # The command line gives keys (it resolves labels first): refuse with choices.
                choices.vocabulary(f"--{name.replace('_', '-')}", value, name)
        if self.replanned_end is not None:
            partial_date("--replanned-end", self.replanned_end)
        for path in self.unset:
            if path in REQUIRED:
                flag = "--" + path.replace("_", "-")
                raise UsageError(t("--unset {field}: `{field}` is required in an update",
                                   field=path),
                                 hint=t("give a new value with {flag}", flag=flag))
            if path not in UNSETTABLE and not re.fullmatch(rf"kpis\.{KEY_PATTERN}", path):
                raise UsageError(t("--unset {field}: not a field of an update", field=path),
                                 hint=t("one of {fields}, or kpis.KEY",
                                        fields=", ".join(UNSETTABLE)))
            top, _, sub = path.partition(".")
            if (sub and sub in self.given().get(top, {})) or (not sub and top in self.given()):
                raise UsageError(t("--unset {field} and a new value for it were both given",
                                   field=path))
        if self.replace and self.unset:
            raise UsageError(t("--replace writes only the values given; --unset is not needed"))

    def check_complete(self) -> None:
        """Exit 2 naming every flag a whole new update still needs (all at once).

        Each missing flag comes with its own hint (what to give), so no hint speaks of a flag
        that is not missing.
        """
        absent = [name for name in ("status", "rag", "text") if getattr(self, name) is None]
        if self.progress is None and self.status not in (None, "ongoing"):
            absent.append("progress")
        if not absent:  # all at once: a script should not have to learn them one run at a time
            return
        flags = ", ".join(f"--{name}" for name in absent)
        message = (tn("--replace rewrites the whole update {half}, so it needs {flags}",
                      "--replace rewrites the whole update {half}, so it needs {flags}",
                      len(absent), half=str(self.half), flags=flags) if self.replace else
                   tn("a new update for {half} needs {flags}",
                      "a new update for {half} needs {flags}", len(absent),
                      half=str(self.half), flags=flags))
        raise Incomplete(message, hint="; ".join(str(_WHAT[name]()) for name in absent),
                         missing=tuple(absent))


class Incomplete(UsageError):
    """A whole update is to be written and values it needs are missing (`missing`: their names).

    `collect apply` reports each one at its cell instead of the command line's message.
    """

    def __init__(self, message: Message, *, hint: str, missing: tuple[str, ...]) -> None:
        super().__init__(message, hint=hint)
        self.missing = missing


def _choices(vocabulary: str) -> str:
    from dotool.i18n.terminal import current
    from dotool.model.vocab import label

    return ", ".join(label(vocabulary, key, current()) for key in KEYS[vocabulary])


#: What to give for each value a new update needs (a hint per missing flag).
_WHAT: dict[str, Callable[[], Message]] = {
    "status": lambda: t("--status: the state in the half, one of {choices}",
                        choices=_choices("status")),
    "rag": lambda: t("--rag: the Ampel, one of {choices}", choices=_choices("rag")),
    "text": lambda: t("--text: what happened in the half, in a few sentences"),
    "progress": lambda: t("--progress: how far the measure is, 0 to 100 percent (not needed "
                          "when the status is ongoing)"),
}


def parse_kpis(pairs: list[str]) -> dict[str, float]:
    """`--kpi key=value` options as a mapping; exit 2 for a malformed one."""
    out: dict[str, float] = {}
    for pair in pairs:
        m = _KPI.match(pair.strip())
        try:
            if not m:
                raise ValueError
            out[m.group(1)] = _number(m.group(2))
        except ValueError:
            raise UsageError(t("--kpi: `{value}` is not KEY=NUMBER", value=shown(pair)),
                             hint=t("for example --kpi online_share=42")) from None
    return out


def _number(text: str) -> float:
    value = float(text.replace(",", "."))
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Updated:
    """What `update_measure` did: `action` is added, changed, replaced or unchanged."""

    path: Path
    action: str
    changes: tuple[tuple[str, Any, Any], ...]  # (field, old, new); None: absent
    text: str

    @property
    def replaced(self) -> bool:
        return self.action == "replaced"


def update_measure(root: Path, measure_id: str, values: UpdateValues, *,
                   dry_run: bool = False) -> Updated:
    """Add the update of `values.half`, or change it as told; validated, atomic."""
    values.check()
    # Read, change and write under the lock `add-measure` takes on measures/: two updates of
    # one file at the same moment would otherwise both start from the old text, and the
    # second write would silently drop the first update.
    measure_file(root, measure_id)  # an unknown id is exit 2 before measures/ is locked
    with locked(root / MEASURES_DIR):
        return _update(root, measure_id, values, dry_run=dry_run)


def _update(root: Path, measure_id: str, values: UpdateValues, *, dry_run: bool) -> Updated:
    done = planned_update(root, measure_id, values)
    if done.action != "unchanged":
        rel = done.path.relative_to(root).as_posix()
        check_change(root, rel, done.text.encode("utf-8"))
        if not dry_run:
            write_atomic(done.path, done.text.encode("utf-8"), within=root)
        keep_facts()
    return done


def planned_update(root: Path, measure_id: str, values: UpdateValues, *,
                   rel: str | None = None) -> Updated:
    """What `update_measure` would write, neither checked against the plan nor written.

    `collect apply` changes several measures at once: it takes each new text from here, then
    validates the plan with all of them and writes them together. It passes the measure's file
    `rel` from the plan it validated (looking for the file by its id lists the folder anew).
    """
    values.check()
    path = root / rel if rel is not None else measure_file(root, measure_id)
    rel = path.relative_to(root).as_posix()
    # Read by the plan's rules: a symlink leaving the repository would otherwise be read and
    # replaced by a copy of the outside file; a huge file would be parsed in full.
    raw = read_file(root, rel)
    if raw.problem:
        raise ContentError(f"{rel} {raw.problem}", path=rel)
    if len(raw.data) > MAX_BYTES:
        raise ContentError(t("the file is larger than 1 MiB; `dotool validate` says more"),
                           path=rel)
    try:
        text = raw.data.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(t("the file is not UTF-8; `dotool validate` says where"),
                           path=rel) from None
    action, changes, new_text = splice_update(text, values, path=rel)
    return Updated(path, action, changes, new_text)


def splice_update(text: str, values: UpdateValues, *,
                  path: str) -> tuple[str, tuple[tuple[str, Any, Any], ...], str]:
    """(action, changes, new text) of applying `values` to the measure file `text`."""
    splice = Splice(text, path)
    index = splice.index_of(values.half)
    if index is None:
        if values.unset:
            raise UsageError(t("--unset: there is no update for {half} to change",
                               half=str(values.half)),
                             hint=t("a new update holds only the values given"))
        values.check_complete()
        item = values.given()
        splice.add(values.half, item)
        return "added", _changes({}, item), splice.result(
            splice.expected(None, item, values.half))
    old = splice.data["updates"][index]
    if values.replace:
        values.check_complete()
        item = values.given()
        splice.replace(index, item)
        action = "replaced"
    else:
        if len(values.given()) == 1 and not values.unset:  # only the half
            raise UsageError(t("nothing to change in the update {half}", half=str(values.half)),
                             hint=t("give the fields to change, --unset FIELD, or --replace"))
        desired = _desired(old, values)
        item = {k: v for k, v in {**old, **desired}.items() if v is not DELETE}
        splice.change(index, desired)
        action = "changed"
    changes = _changes(old, item)
    if not changes:
        return "unchanged", (), text
    return action, changes, splice.result(splice.expected(index, item))


def _desired(old: dict[str, Any], values: UpdateValues) -> dict[str, Any]:
    """Each field to change with its new value (DELETE to remove it)."""
    desired: dict[str, Any] = {}
    given = values.given()
    for key, value in given.items():
        if key == "half":
            continue
        if isinstance(value, dict):  # kpis and budget: the entries given change
            before = old.get(key)
            value = {**(before if isinstance(before, dict) else {}), **value}
        desired[key] = value
    for path in values.unset:
        top, _, sub = path.partition(".")
        if not sub:
            desired[top] = DELETE
            continue
        current = desired.get(top, old.get(top))
        inner = dict(current) if isinstance(current, dict) else {}
        inner.pop(sub, None)
        desired[top] = inner or DELETE
    return {k: v for k, v in desired.items()
            if not (v is DELETE and k not in old) and old.get(k, DELETE) != v}


def _changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[tuple[str, Any, Any], ...]:
    """Every field (and KPI / budget entry) whose value differs, in the update's order."""
    out: list[tuple[str, Any, Any]] = []
    for key in dict.fromkeys([*ORDER, *old, *new]):
        a, b = old.get(key), new.get(key)
        if isinstance(a, dict) or isinstance(b, dict):
            a, b = a if isinstance(a, dict) else {}, b if isinstance(b, dict) else {}
            out += [(f"{key}.{sub}", a.get(sub), b.get(sub))
                    for sub in dict.fromkeys([*a, *b]) if a.get(sub) != b.get(sub)]
        elif a != b and key != "half":
            out.append((key, a, b))
    return tuple(out)
