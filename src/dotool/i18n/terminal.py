"""The terminal's language: messages, prompts and table headers in the plan's language.

Terminal text is written in English in the code and marked with `t` (plain), `tc` (with a
context, where a word differs by field) or `tn` (plural). Each returns a `Message`, rendered when
it is shown — an error raised deep in the loader is worded in the language the command settled
on by the time it reaches the terminal. The German wording is in the `terminal` catalogue
(`locale/de/LC_MESSAGES/terminal.po`), kept in step by `python -m dotool.i18n.extract`.

Which language (first that applies):

1. `--lang` of the command,
2. `DOTOOL_LANG`,
3. the plan's `language` (read from `masterplan/masterplan.yaml` when the root is found),
4. German when the user's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) is German, else English.

The catalogue is read by a small `.po` reader here rather than through Babel: the terminal path
must start fast (`dotool history` has a budget of a few tens of milliseconds) and the files are
the ones `extract` writes, in the subset of the format it uses.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "terminal"
LANGUAGES = ("de", "en")
_LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_state: dict[str, str | None] = {"override": None, "plan": None}


def po_path(lang: str) -> Path:
    """The terminal catalogue of a language."""
    return _LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def reset(override: str | None = None) -> None:
    """Start a command: `override` is its `--lang` (None when not given)."""
    _state["override"] = override if override in LANGUAGES else None
    _state["plan"] = None


def use_plan_language(lang: str | None) -> None:
    """The plan's `language`, once the command knows it."""
    _state["plan"] = lang if lang in LANGUAGES else None


def use_plan_text(text: str) -> None:
    """Take the plan's language from the text of its `masterplan.yaml`.

    Read with one pattern, not the YAML loader: `language` is a top-level key with one of two
    plain values, and this runs on every command, including those that never load the plan. A
    text the pattern cannot read leaves the language as it was; validation reports what is
    wrong with the file.
    """
    found = _LANGUAGE_LINE.search(text)
    if found:
        use_plan_language(found.group(2))


_LANGUAGE_LINE = re.compile(r"""^language:[ \t]*(["']?)(de|en)\1[ \t]*(?:#.*)?$""", re.M)


def current() -> str:
    """The language terminal text is shown in now."""
    for lang in (_state["override"], os.environ.get("DOTOOL_LANG"), _state["plan"]):
        if lang in LANGUAGES:
            return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


class Message:
    """Terminal text to be shown in the current language: an English template and its values.

    `str()` renders it; values that are messages themselves are rendered in the same language.
    """

    __slots__ = ("context", "params", "plural", "template")

    def __init__(self, template: str, *, context: str | None = None,
                 plural: tuple[str, int] | None = None, params: dict[str, Any]) -> None:
        self.template = template
        self.context = context
        self.plural = plural
        self.params = params

    def render(self, lang: str | None = None) -> str:
        """The text in `lang` (default: the current language), values filled in."""
        lang = lang or current()
        text = _lookup(lang, self.template, self.context, self.plural)
        values = {k: v.render(lang) if isinstance(v, Message) else v
                  for k, v in self.params.items()}
        return text.format(**values) if values else text

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.template!r})"

    def __add__(self, other: object) -> str:
        return str(self) + str(other)

    def __radd__(self, other: object) -> str:
        return str(other) + str(self)


def t(template: str, /, **params: Any) -> Message:
    """Terminal text; `{name}` placeholders are filled from `params` when shown."""
    return Message(template, params=params)


def tc(context: str, template: str, /, **params: Any) -> Message:
    """Terminal text whose translation depends on `context` (for example the field it labels)."""
    return Message(template, context=context, params=params)


def tn(singular: str, plural: str, n: int, /, **params: Any) -> Message:
    """Terminal text with a singular and a plural form, chosen by `n` (also given as `{n}`)."""
    return Message(singular, plural=(plural, n), params={"n": n, **params})


def _lookup(lang: str, msgid: str, context: str | None, plural: tuple[str, int] | None) -> str:
    entry = catalogue(lang).get((context, msgid))
    if plural is None:
        return entry[0] if entry and entry[0] else msgid
    other, n = plural
    # German and English both have the plural rule `n != 1`.
    index = 0 if n == 1 else 1
    if entry and len(entry) > index and entry[index]:
        return entry[index]
    return msgid if n == 1 else other


@cache
def catalogue(lang: str) -> dict[tuple[str | None, str], list[str]]:
    """(context, msgid) → translations (one, or singular and plural) of `lang`'s catalogue."""
    try:
        text = po_path(lang).read_text(encoding="utf-8")
    except OSError:
        return {}
    return read_po(text)


def read_po(text: str) -> dict[tuple[str | None, str], list[str]]:
    """The entries of a `.po` file as `extract` writes it (fuzzy and obsolete ones left out)."""
    entries: dict[tuple[str | None, str], list[str]] = {}
    for block in re.split(r"\n[ \t]*\n", text):
        fields: dict[str, str] = {}
        current_key = ""
        fuzzy = False
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current_key] += json.loads(line)
                continue
            key, _, rest = line.partition(" ")
            current_key = key
            fields[key] = json.loads(rest) if rest.startswith('"') else ""
        msgid = fields.get("msgid")
        if not msgid or fuzzy:
            continue  # the header, or a translation nobody has confirmed
        if "msgid_plural" in fields:
            strings = [fields.get("msgstr[0]", ""), fields.get("msgstr[1]", "")]
        else:
            strings = [fields.get("msgstr", "")]
        entries[(fields.get("msgctxt"), msgid)] = strings
    return entries
