"""`dotool adopt`: record a council decision adopting the current plan as a version.

The record is data (`masterplan/adoptions/<version>.yaml`), so a shallow CI clone renders the same
report; the annotated tag `masterplan-<version>` marks the adopted commit for `--at` and `diff`.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from dotool.authoring.checking import check_change, option_day
from dotool.authoring.yamltext import flow_list, scalar
from dotool.checks.run import validate_raw
from dotool.errors import DotoolError, GitError, InvalidContent, UsageError
from dotool.i18n.terminal import t
from dotool.model.patterns import VERSION_PATTERN
from dotool.store.atomic import write_atomic
from dotool.store.files import (
    ADOPTIONS_DIR,
    MASTERPLAN,
    MAX_BYTES,
    MEASURES_DIR,
    raw_plan_from_blobs,
    read_plan,
)
from dotool.store.git import Git

_VERSION = re.compile(rf"^{VERSION_PATTERN}$")
MODELINE = "# yaml-language-server: $schema=../../schema/adoption.schema.json"


@dataclass(frozen=True)
class Adopted:
    """What `adopt` wrote: the record, and the tag and commit when in git."""

    path: Path
    text: str
    tag: str | None
    commit: str | None
    completed: bool = False  # the record was there already: only the missing tag was created
    not_adopted: tuple[str, ...] = ()  # plan files here that the adopted commit lacks (ignored)


def adopt(root: Path, *, version: str, date: str, resolution: str, body: str | None = None,
          tag: bool = True) -> Adopted:
    """Write the adoption record of `version` and create its annotated tag when in git."""
    if not _VERSION.fullmatch(version):  # not `match`: its `$` lets "1.0\n" through
        raise UsageError(t("`{version}` is not a version: write numbers with dots, e.g. 1.0 or "
                           "2.1", version=version))
    day = option_day("--date", date)
    from dotool import clock

    if day > clock.today():  # `validate` would refuse the record (adoption-in-future)
        raise UsageError(t("--date: {day} is in the future", day=day.isoformat()),
                         hint=t("record the adoption once the council has decided"))
    if not resolution.strip():
        raise UsageError(t("{option} must not be empty", option="--resolution"))
    rel = f"{ADOPTIONS_DIR}/{version}.yaml"
    target = root / rel
    recorded = _recorded(target)
    if target.exists() and recorded is None:
        raise _already(version, rel)
    git = Git(root)
    in_git = tag and git.is_repo()
    commit = tag_name = None
    if in_git:
        commit = git.head_commit()
        if commit is None:
            raise GitError(t("the repository has no commit yet"),
                           hint=t("commit the plan first"))
        if git.is_dirty(MASTERPLAN, MEASURES_DIR):
            raise UsageError(t("masterplan.yaml or measures/ have changes that are not "
                               "committed"),
                             hint=t("commit them first: the record names the adopted commit"))
        tag_name = f"masterplan-{version}"
        if git.tag_exists(tag_name):
            if recorded is not None:
                raise _already(version, rel)
            raise UsageError(t("the git tag {tag} exists already", tag=tag_name),
                             hint=t("choose the next version number"))
    raw = read_plan(root, limit=MAX_BYTES)  # read once: validated here, then with the record
    not_adopted: tuple[str, ...] = ()
    if in_git:
        # The record names the commit, so it lists the commit's measures: a file git ignores
        # is in the working tree but not in what is adopted (the other records stay as here).
        with Git(root) as reader:  # its `cat-file` process ends here
            head = raw_plan_from_blobs(root, reader.read_tree("HEAD", limit=MAX_BYTES))
        committed = {f.path for f in head.measures}
        not_adopted = tuple(f.path for f in raw.measures if f.path not in committed)
        raw = replace(raw, masterplan=head.masterplan, measures=head.measures,
                      strays=head.strays)
    current = validate_raw(raw, cache=True)
    if current.plan is None:
        raise InvalidContent([*current.errors])
    ids = sorted(m.id for m in current.plan.measures)
    lines = [MODELINE, f'version: "{version}"', f"date: {day.isoformat()}"]
    if body and body.strip():
        lines.append(f"body: {scalar(body.strip())}")
    lines.append(f"resolution: {scalar(resolution.strip())}")
    # A long plan reads (and diffs) better one id a line.
    lines += [f"measures: {flow_list(ids)}"] if len(ids) <= 10 else \
        ["measures:", *(f"  - {i}" for i in ids)]
    if commit:
        lines += [f"commit: {commit}", f"tag: {tag_name}"]
    text = "\n".join(lines) + "\n"
    data = text.encode("utf-8")
    if recorded is not None:
        # Only an adoption interrupted between its record and its tag is finished here: the
        # record must be exactly what this run would write, and the tag must be missing.
        if recorded != data or not in_git:
            raise _already(version, rel)
    else:
        check_change(root, rel, data, raw=raw)
        write_atomic(target, data, overwrite=False, within=root)
    if in_git and tag_name:
        try:
            git.create_annotated_tag(tag_name, f"Masterplan {version}, adopted {day.isoformat()} "
                                               f"({resolution.strip()})")
        except DotoolError:
            # Leave the repository as it was: a record without its tag would be half an adoption.
            if recorded is None:
                with contextlib.suppress(OSError):
                    target.unlink()
            raise
    return Adopted(target, text, tag_name, commit, completed=recorded is not None,
                   not_adopted=not_adopted)


def _recorded(target: Path) -> bytes | None:
    """The bytes of an existing record (None if there is none, or it is not a plain file)."""
    try:
        if target.is_symlink() or not target.is_file():
            return None
        return target.read_bytes()
    except OSError:
        return None


def _already(version: str, rel: str) -> UsageError:
    return UsageError(t("version {version} is already recorded in {path}", version=version,
                        path=rel), hint=t("choose the next version number"))
