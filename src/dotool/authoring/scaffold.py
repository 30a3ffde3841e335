"""`dotool init`: a new masterplan repository that validates from the first minute.

Nothing is ever overwritten: every target is checked first, and if any exists with other
content nothing is written at all (files identical to what init writes are left as they are, so
an interrupted `init` completes when run again). The files are rendered from the Jinja
templates in `authoring/scaffold/`, packaged with dotool (see `render_scaffold`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from dotool import __version__
from dotool.authoring.source import Source, checked, running_source
from dotool.authoring.yamltext import scalar
from dotool.errors import UsageError
from dotool.i18n.terminal import t
from dotool.store.batch import write_batch
from dotool.store.git import Git
from dotool.text import shown

#: target path → template in authoring/scaffold/ (None: empty file)
LAYOUT: dict[str, str | None] = {
    "masterplan/masterplan.yaml": "masterplan.yaml.j2",
    "measures/.gitkeep": None,
    ".vscode/settings.json": "vscode-settings.json.j2",
    ".pre-commit-config.yaml": "pre-commit-config.yaml.j2",
    ".github/workflows/validate.yml": "validate.yml.j2",
    ".github/workflows/pages.yml": "pages.yml.j2",
    "README.md": "README.md.j2",
    ".gitignore": "gitignore.j2",
}


@dataclass(frozen=True)
class Scaffolded:
    """What `init` did: the files written (relative to root), whether it ran `git init`, and
    the source of dotool the workflows install."""

    root: Path
    written: list[str]
    git_initialised: bool
    git_missing: bool
    source: Source


def render_scaffold(name: str, **values: Any) -> str:
    """The scaffold template `name` (in `authoring/scaffold/`) rendered with `values`.

    The delimiters are `[[ value ]]`, `[% block %]` and `[# comment #]`, not Jinja's braces:
    the workflows hold GitHub's own `${{ … }}` expressions, and every template stays a file its
    reader (and a YAML parser) takes as it is. Values are data, never template code; in YAML a
    value given by the user goes through `|yaml` (quoted when its text needs it).
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(files("dotool.authoring") / "scaffold")),
        block_start_string="[%", block_end_string="%]", variable_start_string="[[",
        variable_end_string="]]", comment_start_string="[#", comment_end_string="#]",
        undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = scalar
    return env.get_template(name).render(values)


def scaffold_files(*, municipality: str, committee: str, spec: str) -> dict[str, bytes]:
    """Every file of a new repository: {relative path: bytes}; CI installs dotool by `spec`."""
    from dotool.model.jsonschema import schema_files

    out: dict[str, bytes] = {}
    for target, name in LAYOUT.items():
        text = "" if name is None else render_scaffold(
            name, municipality=municipality, committee=committee, spec=spec,
            version=__version__)
        out[target] = text.encode("utf-8")
    for name, text in schema_files().items():
        out[f"schema/{name}"] = text.encode("utf-8")
    return out


def _same(path: Path, data: bytes) -> bool:
    """True if `path` is a regular file (not a link, nor a FIFO) holding exactly `data`."""
    from dotool.store.reading import Unreadable, read_regular

    try:
        return read_regular(path, limit=len(data)) == data
    except Unreadable:
        return False


def init(root: Path, *, municipality: str, committee: str, spec: str | None = None,
         git: bool = True) -> Scaffolded:
    """Write a new masterplan repository into `root`; exit 2 if any target exists.

    `spec` is the requirement CI installs dotool by (default: where this dotool came from).
    """
    for flag, value in (("--municipality", municipality), ("--committee", committee)):
        if not value.strip():
            raise UsageError(t("{option} must not be empty", option=flag))
    if root.exists() and not root.is_dir():
        raise UsageError(t("{path} exists and is not a folder", path=shown(str(root))))
    source = Source(checked(spec)) if spec is not None else running_source()
    content = scaffold_files(municipality=municipality.strip(), committee=committee.strip(),
                             spec=source.spec)
    # A file that already holds exactly what init would write is no conflict: so an `init`
    # that was interrupted completes when run again with the same values.
    present = {rel for rel in content if _same(root / rel, content[rel])}
    existing = [rel for rel in content if rel not in present
                and ((root / rel).exists() or (root / rel).is_symlink())]
    if existing:
        raise UsageError(t("{path} already holds {files}; nothing was written",
                           path=shown(str(root)), files=", ".join(existing)),
                         hint=t("dotool init never overwrites: choose an empty folder"))
    # All or nothing: if another process creates a target meanwhile, what this run wrote is
    # taken back.
    written = write_batch(root, {rel: (None, data) for rel, data in content.items()
                                 if rel not in present})
    import shutil

    has_git = shutil.which("git") is not None
    repo = Git(root)
    initialised = False
    if git and has_git and not repo.is_repo():
        repo.init()
        initialised = True
    return Scaffolded(root, written, initialised, git_missing=not has_git, source=source)
