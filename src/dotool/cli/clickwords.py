"""What typer and click say when they cannot read the command line, in the terminal's language.

`dotool list --stauts x`, a missing `--half`, `--progress abc`: typer (with the copy of click it
ships) refuses these itself, before a dotool command runs, in English that its code writes
directly — there is no gettext to hook into. So the finished message is worded again: each
sentence typer or click can show a dotool user is below as an English template, a `Message` of
the terminal catalogue; the message is matched against the templates and the German one is
filled in with the same values. A message that matches none (a newer typer's wording) stays as it
was; the usage line, "Try … for help." and the "Error" panel of typer's box follow the language
as well.

This runs only when such an error is about to be shown: `dotool.cli.main` calls `reword`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from dotool.i18n.terminal import Message, t

#: Every message typer or click can show a dotool user when the command line is wrong, as they
#: write it (typer 0.29: `typer/_click/exceptions.py`, `parser.py`, `core.py`, `typer/core.py`,
#: `_param_types.py`; the reasons for a number come from pydantic). `{reason}` and `{hint}` hold
#: another of these messages (or a name as typed), worded in turn.
MESSAGES = (
    t("No such option: {name}"),
    t("No such option: {name} (Possible options: {names})"),
    t("No such command {name}."),
    t("No such command {name}. Did you mean {names}?"),
    t("Missing command."),
    t("Missing option {hint}."),
    t("Missing argument {hint}."),
    t("Got unexpected extra argument(s) ({args})"),
    t("Option {name} requires an argument."),
    t("Option {name} does not take a value."),
    t("Invalid value for {hint}: {reason}"),
    t("Invalid value: {reason}"),
    t("{name} (env var: {var})"),
    t("file {name} is a directory."),
    t("dir {name} is a file."),
    t("Input should be a valid integer, unable to parse string as an integer"),
    t("Input should be a valid number, unable to parse string as a number"),
    t("Input should be greater than or equal to {limit}"),
    t("Input should be less than or equal to {limit}"),
)
#: The placeholders that hold another message rather than a value.
_NESTED = ("reason", "hint")
#: What a placeholder matches: any text, but an option's or argument's name as typer quotes it
#: (`'-o' / '--output'`, `'--root' (env var: 'DOTOOL_ROOT')`), so that the colon in the latter
#: does not end it.
_SHAPES = {"hint": r"'[^']*'(?: / '[^']*')*(?: \([^()]*\))?"}


def reword(error: Any, args: list[str]) -> None:
    """Word `error`, a usage error typer is about to show, in the language `args` settle on
    (`--lang`, `DOTOOL_LANG`, the plan's language, the locale)."""
    if type(error).__name__ == "NoArgsIsHelpError":
        return  # the help itself, worded by `helptext`
    from dotool.cli import helptext

    lang = helptext.language(args)
    helptext.typer_words(lang)
    ctx = getattr(error, "ctx", None)
    if ctx is not None:  # first: the message names an argument by the name of its value
        helptext.word_usage(ctx, lang)
    if lang == "en":
        return
    text = in_language(error.format_message(), lang)
    error.format_message = lambda: text


def in_language(text: str, lang: str) -> str:
    """`text`, one of `MESSAGES` as typer fills it in, worded in `lang`; any other unchanged."""
    for message, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found:
            values = {k: in_language(v, lang) if k in _NESTED else v
                      for k, v in found.groupdict().items()}
            return Message(message.template, params=values).render(lang)
    return text


@cache
def _patterns() -> list[tuple[Message, re.Pattern[str]]]:
    """The templates as patterns, the most specific (most fixed text) first: "No such option:
    {name}" would match the message that also names the possible options."""
    patterns = []
    for message in MESSAGES:
        parts = re.split(r"\{(\w+)\}", message.template)
        fixed = "".join(parts[0::2])
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>{_SHAPES.get(p, '.+?')})"
                        for i, p in enumerate(parts))
        patterns.append((len(fixed), message, re.compile(regex, re.S)))
    patterns.sort(key=lambda p: -p[0])
    return [(message, pattern) for _n, message, pattern in patterns]
