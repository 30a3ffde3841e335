"""Keep the catalogues in step with the code: `python -m dotool.i18n.extract`.

Two catalogues per language:

- `dotool` — the documents: every message of the packaged templates and of the render code,
  plain (`_`), plural (`ngettext`) and with a context (`pgettext`);
- `terminal` — what the commands say: every `t`, `tn` and `tc` in the package
  (`dotool.i18n.terminal`) — among them what typer and click say of a wrong command line, listed
  in `dotool.cli.clickwords` — and the help of `dotool --help` and of every command, a message
  per paragraph, read from the commands typer builds (`dotool.cli.helptext`).

New messages are added to both languages' files (English gets the msgid itself as a start,
German an empty string that the completeness tests then report) and none is dropped, so no
translation is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dotool.i18n import DOMAIN, LANGUAGES, LOCALES, po_path, terminal

_PACKAGE = Path(__file__).resolve().parents[1]
#: The Python code whose messages are in the catalogues: the renderers, the open-data workbook's
#: headers (`export`) and the workbooks of `collect` (written in the plan's language).
_CODE = (_PACKAGE / "render", _PACKAGE / "export", _PACKAGE / "collect")
#: Babel's keyword specification: function name → which arguments are the message.
Keywords = dict[str, tuple[tuple[int, str], int] | tuple[int, int] | None]
_KEYWORDS: Keywords = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2),
             "pgettext": ((1, "c"), 2)}
_TERMINAL_KEYWORDS: Keywords = {"t": None, "tn": (1, 2), "tc": ((1, "c"), 2)}

#: A message as the catalogue keys it: its id (a (singular, plural) pair for plurals) and its
#: context (None for most).
Key = tuple[str | tuple[str, str], str | None]


def messages() -> dict[Key, list[str]]:
    """Every message of the documents → the files that use it: templates, `render/*.py`,
    `export/*.py`, `collect/*.py`."""
    from dotool.render.templates import packaged_templates

    templates = packaged_templates()
    sources = [(p, "jinja2") for p in sorted([*templates.rglob("*.j2"), *templates.glob("*.css")])]
    sources += [(p, "python") for folder in _CODE for p in sorted(folder.glob("*.py"))]
    return _extract(sources, _KEYWORDS)


def terminal_messages() -> dict[Key, list[str]]:
    """Every message the commands show in the terminal → the files that use it."""
    sources = [(p, "python") for p in sorted(_PACKAGE.rglob("*.py"))]
    found = _extract(sources, _TERMINAL_KEYWORDS)
    for text in help_messages():
        found.setdefault((text, None), []).append("--help")
    return found


def help_messages() -> list[str]:
    """Every paragraph of the commands' help (`dotool --help`, `dotool <command> --help`)."""
    import typer

    from dotool.cli.helptext import help_texts
    from dotool.cli.main import app

    return list(dict.fromkeys(help_texts(typer.main.get_command(app))))


def _extract(sources: list[tuple[Path, str]], keywords: Keywords) -> dict[Key, list[str]]:
    from babel.messages.extract import extract

    found: dict[Key, list[str]] = {}
    for path, method in sources:
        with path.open("rb") as handle:
            options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                       "lstrip_blocks": "true"} if method == "jinja2" else {}
            func = "jinja2.ext:babel_extract" if method == "jinja2" else "python"
            for _line, message, _comments, context in extract(func, handle,
                                                              keywords=keywords,
                                                              options=options):
                msgid = (message[0], message[1]) if isinstance(message, tuple) else message
                if msgid and all(msgid):
                    found.setdefault((msgid, context), []).append(path.name)
    return found


def update_catalogues(domains: tuple[str, ...] = (DOMAIN, terminal.DOMAIN)) -> list[str]:
    """Add missing messages to the `.po` files of `domains`; return what was added."""
    added = []
    if DOMAIN in domains:
        added += _update(messages(), po_path, DOMAIN)
    if terminal.DOMAIN in domains:
        added += _update(terminal_messages(), terminal.po_path, terminal.DOMAIN)
    return added


def _update(wanted: dict[Key, list[str]], path_of: Callable[[str], Path],
            domain: str) -> list[str]:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    added = []
    for lang in LANGUAGES:
        path = path_of(lang)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=LOCALES[lang], domain=domain)
        else:
            catalog = Catalog(locale=LOCALES[lang], domain=domain, project="dotool",
                              charset="utf-8")
        for msgid, context in sorted(wanted, key=str):
            if catalog.get(msgid, context=context) is not None:
                continue
            if isinstance(msgid, tuple):
                string: str | tuple[str, str] = msgid if lang == "en" else ("", "")
            else:
                string = msgid if lang == "en" else ""
            catalog.add(msgid, string, context=context)
            added.append(f"{domain} {lang}: {msgid}" + (f" [{context}]" if context else ""))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True,
                     no_location=True)
    return added


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    import sys

    for line in update_catalogues(tuple(sys.argv[1:]) or (DOMAIN, terminal.DOMAIN)):
        print(line)
