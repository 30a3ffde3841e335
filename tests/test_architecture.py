"""The import rules of docs/ARCHITECTURE.md, checked on the source of every module.

Each module is parsed (never imported) and every import statement in it counts: at the top, under
`if TYPE_CHECKING:` and inside functions, where dotool defers its heavy imports. A rule names the
modules it applies to and the modules they must not import, both as dotted prefixes.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "dotool"
ARCHITECTURE = Path(__file__).resolve().parents[1] / "docs" / "ARCHITECTURE.md"

#: The front ends and presentation libraries only the command line and the terminal output use.
UI_LIBRARIES = ("typer", "click", "rich")


@dataclass(frozen=True)
class Rule:
    """Modules under any of `sources` import nothing under any of `forbidden` (but `allowed`)."""

    why: str
    sources: tuple[str, ...]
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()


#: Tools a maintainer runs by hand, not part of any command: the catalogue extractor reads the
#: packaged templates and walks the command line for its help texts (`python -m
#: dotool.i18n.extract`); it is held to no layer.
MAINTAINER_TOOLS = {"dotool.i18n.extract"}

RULES = [
    Rule("a command calls the application layer; it renders nothing itself",
         ("dotool.cli",), ("dotool.render",)),
    Rule("the application layer runs without a front end and prints nothing",
         ("dotool.app",), ("dotool.cli", "dotool.output", *UI_LIBRARIES)),
    Rule("only the command line knows typer and click; only it and the terminal output know "
         "rich",
         tuple(f"dotool.{p}" for p in ("app", "authoring", "checks", "collect", "export",
                                       "findings", "i18n", "model", "render", "store", "clock",
                                       "errors", "text", "palette", "csv_dialect",
                                       "xlsxlib")),
         UI_LIBRARIES),
    Rule("the terminal output knows no command line", ("dotool.output",),
         ("dotool.cli", "typer", "click", "dotool.render")),
    Rule("nothing but __main__ reaches the command line",
         ("dotool.app", "dotool.authoring", "dotool.checks", "dotool.collect", "dotool.export",
          "dotool.findings", "dotool.i18n", "dotool.model", "dotool.output", "dotool.render",
          "dotool.store", "dotool.clock", "dotool.errors", "dotool.text", "dotool.palette",
          "dotool.csv_dialect", "dotool.xlsxlib"),
         ("dotool.cli",)),
    Rule("only the command line and the terminal output use the application layer",
         ("dotool.authoring", "dotool.checks", "dotool.collect", "dotool.export",
          "dotool.findings", "dotool.i18n", "dotool.model", "dotool.render", "dotool.store"),
         ("dotool.app",)),
    Rule("rendering turns a valid plan into bytes: it never runs git, writes files, checks or "
         "authors; it reads images and template overrides through the one rule for files",
         ("dotool.render",),
         ("dotool.store", "dotool.checks", "dotool.authoring", "dotool.collect",
          "dotool.output"),
         ("dotool.store.assets", "dotool.store.reading", "dotool.store.files")),
    Rule("the models are the bottom: they import no other part of dotool but the terminal "
         "catalogue their messages are worded in",
         ("dotool.model",), ("dotool",), ("dotool.model", "dotool.i18n.terminal")),
    Rule("the store reads and writes files; it knows no models, checks or formatting",
         ("dotool.store",),
         ("dotool.model", "dotool.checks", "dotool.render", "dotool.export", "dotool.output",
          "dotool.authoring", "dotool.collect", "jinja2", "pydantic")),
    Rule("the checks find problems; they neither render, export nor author",
         ("dotool.checks",),
         ("dotool.render", "dotool.export", "dotool.output", "dotool.authoring",
          "dotool.collect", "jinja2")),
    Rule("open data is made from the models alone", ("dotool.export",),
         ("dotool.store", "dotool.checks", "dotool.render", "dotool.output",
          "dotool.authoring", "dotool.collect")),
    Rule("the catalogues and formatting know no other part of dotool (the catalogue extractor, "
         "a maintainer's tool, reads the packaged templates)",
         ("dotool.i18n",), ("dotool",),
         ("dotool.i18n", "dotool.text", "dotool.errors", "dotool.render.templates")),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import statement in the file at `path`, anywhere in
    it; `from a import b` counts as `a.b` when that is a module of dotool, else as `a`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert not node.level, f"{path}:{node.lineno}: dotool imports absolutely"
            base = node.module or ""
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append((node.lineno, full if _is_module(full) else base))
    return found


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_the_walk_sees_deferred_and_type_only_imports() -> None:
    """The walk counts imports inside functions and under TYPE_CHECKING, not only at the top:
    `cli/rendering.py` imports `app.documents` only inside a function and for typing."""
    seen = {name for _, name in imports_of(PACKAGE / "cli" / "rendering.py")}
    assert "dotool.app.documents" in seen and "dotool.store.atomic" in seen
    assert len(MODULES) > 100


@pytest.mark.parametrize("rule", RULES, ids=[r.sources[0] for r in RULES])
def test_import_rule(rule: Rule) -> None:
    broken = [f"{path.relative_to(SRC)}:{line}: {name}"
              for path in MODULES if _under(_module_name(path), rule.sources)
              and _module_name(path) not in MAINTAINER_TOOLS
              for line, name in imports_of(path)
              if _under(name, rule.forbidden) and not _under(name, rule.allowed)]
    assert not broken, f"{rule.why}:\n" + "\n".join(broken)


def test_a_broken_rule_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule check fails on a command module that imports the renderer inside a function."""
    fake = tmp_path / "dotool" / "cli" / "fake.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("def run() -> None:\n    from dotool.render.document import FORMATS\n",
                    encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.SRC", tmp_path)
    monkeypatch.setattr(f"{__name__}.MODULES", [fake])
    with pytest.raises(AssertionError, match=r"cli/fake.py:2: dotool.render.document"):
        test_import_rule(RULES[0])


def test_architecture_names_every_package_and_module() -> None:
    """docs/ARCHITECTURE.md lists every package and every top-level module of `dotool`."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s+([a-z_][a-z0-9_/]*(?:/|\.py))\s", text, flags=re.MULTILINE))
    wanted = {f"{p.parent.relative_to(PACKAGE).as_posix()}/" for p in PACKAGE.rglob("__init__.py")
              if p.parent != PACKAGE}
    wanted |= {p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py",
                                                                       "__main__.py")}
    wanted |= {"templates/"}
    assert not wanted - listed, f"not in docs/ARCHITECTURE.md: {sorted(wanted - listed)}"


#: Modules that share a name across packages because they serve the same command or subject,
#: each in its own layer: the exact set of paths (under src/dotool) and why. Any other shared
#: name fails `test_no_two_modules_share_a_name_but_for_one_role`; so does an entry that no
#: longer matches the tree (a module moved or renamed leaves no stale excuse behind).
SAME_ROLE = {
    "adopt.py": ({"authoring/adopt.py", "cli/adopt.py"},
                 "`dotool adopt`: the command's options, and the edit it makes"),
    "collect.py": ({"cli/collect.py", "output/collect.py"},
                   "`dotool collect`: the command's options, and its results on the terminal"),
    "export.py": ({"app/export.py", "cli/export.py", "model/export.py"},
                  "`dotool export`: options, the use case, and the export document's models"),
    "history.py": ({"app/history.py", "cli/history.py"},
                   "`dotool history`: the command's options, and the use case"),
    "masterplan.py": ({"cli/masterplan.py", "model/masterplan.py"},
                      "the masterplan: `dotool masterplan` renders it, the model reads "
                      "masterplan.yaml"),
    "measure.py": ({"model/measure.py", "model/projection/measure.py"},
                   "a measure: its file's model, and its state as of a half"),
    "plan.py": ({"model/plan.py", "model/projection/plan.py"},
                "the plan: its model, and its figures as of a half"),
    "show.py": ({"app/show.py", "cli/show.py"},
                "`dotool show`: the command's options, and the use case"),
    "site.py": ({"app/site.py", "cli/site.py", "render/site.py"},
                "`dotool site`: options, the use case, and the pages"),
    "update.py": ({"authoring/update.py", "cli/update.py"},
                  "`dotool update`: the command's options, and the edit it makes"),
    "vorlage.py": ({"authoring/vorlage.py", "model/vorlage.py"},
                   "a report's council paper: its scaffold (`report --init`), and its model"),
}


def _name_clashes(modules: list[Path], root: Path) -> list[str]:
    """Each shared module name the allow-list does not give exactly, and each stale entry."""
    by_name: dict[str, set[str]] = {}
    for path in modules:
        if path.name not in ("__init__.py", "__main__.py"):
            by_name.setdefault(path.name, set()).add(path.relative_to(root).as_posix())
    shared = {name: paths for name, paths in by_name.items() if len(paths) > 1}
    return ([f"{name}: {sorted(paths)}" for name, paths in sorted(shared.items())
             if SAME_ROLE.get(name, (set(), ""))[0] != paths]
            + [f"{name}: listed in SAME_ROLE, but no longer shared"
               for name in sorted(set(SAME_ROLE) - set(shared))])


def test_no_two_modules_share_a_name_but_for_one_role() -> None:
    """A module's name says its role: two packages hold modules of one name only when the
    allow-list above gives the reason (the same command or subject in two layers)."""
    clashes = _name_clashes(MODULES, PACKAGE)
    assert not clashes, ("modules of one name in different packages (rename one, or add them "
                         "with the reason to SAME_ROLE):\n" + "\n".join(clashes))


def test_a_new_name_clash_is_found(tmp_path: Path) -> None:
    """A second `common.py` beside the command line's is a clash the allow-list does not excuse;
    a third `show.py` breaks the listed pair; the allowed pairs pass."""
    parts = [p for paths, _ in SAME_ROLE.values() for p in paths]
    for part in [*parts, "cli/common.py", "render/common.py"]:
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / part).touch()
    assert _name_clashes(sorted(tmp_path.rglob("*.py")), tmp_path) == [
        "common.py: ['cli/common.py', 'render/common.py']"]
    (tmp_path / "output" / "show.py").touch()
    assert _name_clashes(sorted(tmp_path.rglob("*.py")), tmp_path) == [
        "common.py: ['cli/common.py', 'render/common.py']",
        "show.py: ['app/show.py', 'cli/show.py', 'output/show.py']"]
