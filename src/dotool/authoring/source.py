"""Where a town's CI installs dotool from: the requirement `dotool init` writes into workflows.

The workflows read it from the repository variable `DOTOOL_SPEC` and fall back to the value
written here, so a town changes it in one place. The default follows the dotool that ran
`init`: the released version from the package index, or the git commit it was installed from
(PEP 610 `direct_url.json`), because a dotool not yet on PyPI must still install in CI.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dotool import __version__
from dotool.errors import UsageError
from dotool.i18n.terminal import t
from dotool.text import shown

#: What a requirement may hold here: it is written inside a quoted YAML string and a GitHub
#: expression, so no quotes, backslashes, `$`, braces, backticks or line breaks.
_SAFE = re.compile(r"[A-Za-z0-9 ._\-\[\]@:/+=<>!~,#%&?*]+")


@dataclass(frozen=True)
class Source:
    """The requirement CI installs, and a note when it may not be what the town wants."""

    spec: str
    note: str | None = None


def released() -> str:
    """The requirement of this very release from the package index."""
    return f"dotool[render]=={__version__}"


def checked(spec: str) -> str:
    """`spec` stripped, or `UsageError` when it cannot be written into a workflow safely."""
    spec = spec.strip()
    if not spec or not _SAFE.fullmatch(spec):
        raise UsageError(t("--dotool-spec: `{spec}` is not a requirement dotool can write into "
                           "a workflow", spec=shown(spec)),
                         hint=t("for example {first} or {second}",
                                first='"dotool[render]==0.1.0"',
                                second='"dotool[render] @ git+https://github.com/ORG/dotool'
                                       '@v0.1.0"'))
    return spec


def default_source(direct_url: str | None) -> Source:
    """The source of the running dotool, from its `direct_url.json` (None: from an index)."""
    if direct_url is None:
        return Source(released())
    try:
        info = json.loads(direct_url)
        url, vcs = str(info["url"]), info.get("vcs_info") or {}
    except (ValueError, KeyError, TypeError):
        return Source(released())
    parts = urlsplit(url)
    # Never copy credentials into a committed file; a local path means nothing on a CI runner,
    # and neither does ssh (the runner holds no key).
    reachable = parts.scheme == "https" and "@" not in parts.netloc
    if reachable and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        spec = f"dotool[render] @ git+{url}@{vcs['commit_id']}"
        if _SAFE.fullmatch(spec):
            return Source(spec)
    elif reachable and "archive_info" in info and _SAFE.fullmatch(url):
        return Source(f"dotool[render] @ {url}")
    where = (t("a local file or folder") if parts.scheme in ("file", "") else
             t("an address"))
    return Source(released(), note=str(t(
        "this dotool was installed from {where} that CI cannot reach, so the workflows install "
        "{spec} from PyPI; while that release is not there, set the repository variable "
        "DOTOOL_SPEC to another source, e.g. a git URL (see README.md), or run init with "
        "--dotool-spec", where=where, spec=released())))


def running_source() -> Source:
    """The default source for the dotool that is running now."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        direct_url = distribution("dotool").read_text("direct_url.json")
    except PackageNotFoundError:  # run from a source tree that was never installed
        direct_url = None
    return default_source(direct_url)
