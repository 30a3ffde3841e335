"""Keep the catalogues in step with the templates: `python -m dotool.i18n.extract`.

Collects every message of the packaged templates and of the render code — plain (`_`),
plural (`ngettext`) and with a context (`pgettext`) — adds the new ones to both `.po` files
(English gets the msgid itself as a start, German an empty string that the completeness test
then reports) and drops none, so no translation is ever lost.
"""

from __future__ import annotations

from pathlib import Path

from dotool.i18n import DOMAIN, LANGUAGES, LOCALES, po_path

_PACKAGE = Path(__file__).resolve().parents[1]
#: The Python code whose messages are in the catalogues: the renderers, the open-data workbook's
#: headers (`export`) and the workbooks of `collect` (written in the plan's language).
_CODE = (_PACKAGE / "render", _PACKAGE / "export", _PACKAGE / "collect")
_KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2),
             "pgettext": ((1, "c"), 2)}

#: A message as the catalogue keys it: its id (a (singular, plural) pair for plurals) and its
#: context (None for most).
Key = tuple[str | tuple[str, str], str | None]


def messages() -> dict[Key, list[str]]:
    """Every message → the files that use it: templates, `render/*.py`, `export/*.py`,
    `collect/*.py`."""
    from babel.messages.extract import extract

    from dotool.render.templates import packaged_templates

    found: dict[Key, list[str]] = {}
    templates = packaged_templates()
    sources = [(p, "jinja2") for p in sorted([*templates.rglob("*.j2"), *templates.glob("*.css")])]
    sources += [(p, "python") for folder in _CODE for p in sorted(folder.glob("*.py"))]
    for path, method in sources:
        with path.open("rb") as handle:
            options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                       "lstrip_blocks": "true"} if method == "jinja2" else {}
            func = "jinja2.ext:babel_extract" if method == "jinja2" else "python"
            for _line, message, _comments, context in extract(func, handle, keywords=_KEYWORDS,
                                                              options=options):
                msgid = (message[0], message[1]) if isinstance(message, tuple) else message
                if msgid and all(msgid):
                    found.setdefault((msgid, context), []).append(path.name)
    return found


def update_catalogues() -> list[str]:
    """Add missing messages to every `.po` file; return what was added."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    added = []
    wanted = messages()
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=LOCALES[lang], domain=DOMAIN)
        else:
            catalog = Catalog(locale=LOCALES[lang], domain=DOMAIN, project="dotool",
                              charset="utf-8")
        for msgid, context in sorted(wanted, key=str):
            if catalog.get(msgid, context=context) is not None:
                continue
            if isinstance(msgid, tuple):
                string: str | tuple[str, str] = msgid if lang == "en" else ("", "")
            else:
                string = msgid if lang == "en" else ""
            catalog.add(msgid, string, context=context)
            added.append(f"{lang}: {msgid}" + (f" [{context}]" if context else ""))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, omit_header=False, sort_output=True,
                     no_location=True)
    return added


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    for line in update_catalogues():
        print(line)
