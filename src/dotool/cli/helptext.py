"""`dotool --help` in the terminal's language.

The help is written in English in the code — commands' docstrings, options' `help=`, the panels
of `dotool --help` — and typer reads it while it builds the click commands. When help is asked
for, the built commands get their German wording from the terminal catalogue before anything is
shown: each paragraph of a help text is one message there (`help_texts` lists them for
`python -m dotool.i18n.extract`). The words typer and click add themselves ("Options",
"[default: …]", "Show this message and exit.") are marked here like any terminal text.

Nothing of this runs for a command that is not asked for its help: finding the plan's language
means looking for the root, and that is the command's own business.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dotool.i18n import terminal
from dotool.i18n.terminal import Message, t

HELP_OPTIONS = ("-h", "--help")
#: `--lang` values `choose_lang` accepts, by what they are typed as (help must not fail on one
#: it does not know: that is passed over, as DOTOOL_LANG's would be).
_LANG_NAMES = {"de": "de", "deutsch": "de", "german": "de",
               "en": "en", "englisch": "en", "english": "en"}
#: typer's own words in the help (`typer.rich_utils`), as typer writes them.
_TYPER_WORDS: dict[str, str] = {}
#: What click's help option says of itself: in the catalogue like the commands' help, and
#: translated with it.
HELP_OPTION_TEXT = t("Show this message and exit.")


def translate(group: Any, ctx: Any, args: list[str]) -> None:
    """Word the help of `group` and of all its commands in the language `args` settle on."""
    from dotool.cli import metavars

    lang = language(args)
    typer_words(lang)
    usage = _usage_context(type(ctx), t("Usage:").render(lang))
    if lang != "en":
        ctx.formatter_class = usage.formatter_class
    for command, command_ctx in _walk(group, ctx):
        metavars.apply(command.get_params(command_ctx), command_ctx.info_name, lang)
        if lang == "en":
            continue  # the rest as written in the code
        command.context_class = usage  # the contexts click makes for the commands later
        command.help = _render(command.help, lang)
        _metavars(command, lang)
        panel = getattr(command, "rich_help_panel", None)
        if panel:
            command.rich_help_panel = _render(panel, lang)
        for param in command.get_params(command_ctx):
            text = getattr(param, "help", None)
            if text:
                param.help = _render(text, lang)


def word_usage(ctx: Any, lang: str) -> None:
    """Word the usage line of `ctx` ("Usage: dotool list [OPTIONS]") and the names of its
    values in `lang`, as an error about the command line shows them."""
    from dotool.cli import metavars

    ctx.formatter_class = _usage_context(type(ctx), t("Usage:").render(lang)).formatter_class
    _metavars(ctx.command, lang)
    metavars.apply(ctx.command.get_params(ctx), ctx.info_name, lang)  # 'ID' in "Missing …"


def _metavars(command: Any, lang: str) -> None:
    if command.options_metavar == "[OPTIONS]":
        command.options_metavar = t("[OPTIONS]").render(lang)
    if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
        command.subcommand_metavar = t("COMMAND [ARGS]...").render(lang)


def language(args: list[str]) -> str:
    """The terminal's language for help: `--lang`, `DOTOOL_LANG`, the plan's language (its root
    from `--root`, `DOTOOL_ROOT` or the working folder), the user's locale.

    No plan is no error here: help is shown anywhere, in the language of the locale then.
    """
    from dotool.cli.common import resolve_root
    from dotool.errors import DotoolError

    lang = _LANG_NAMES.get((_value(args, "--lang") or "").strip().lower())
    terminal.reset(lang)
    root = _value(args, "--root")
    with contextlib.suppress(DotoolError):
        resolve_root(Path(root) if root else None)
    return terminal.current()


def help_texts(group: Any) -> Iterator[str]:
    """Every paragraph of help of `group` and its commands, as written in the code."""
    ctx = group.context_class(group, info_name="dotool", help_option_names=list(HELP_OPTIONS))
    for command, _ctx in _walk(group, ctx):
        texts = [command.help, getattr(command, "rich_help_panel", None)]
        texts += [getattr(p, "help", None) for p in command.params]  # not the help option's
        for text in texts:
            yield from _paragraphs(text or "")


def _walk(command: Any,
          ctx: Any) -> Iterator[tuple[Any, Any]]:
    yield command, ctx
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        # A context as the command will get it (it inherits the help option names), so the
        # help option it creates and keeps is the one shown.
        yield from _walk(sub, sub.context_class(sub, parent=ctx, info_name=name))


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _render(text: str | None, lang: str) -> str | None:
    if not text:
        return text
    return "\n\n".join(Message(p, params={}).render(lang) if p.strip() else p
                       for p in text.split("\n\n"))


def _value(args: list[str], option: str) -> str | None:
    """The value of `option` in `args` (`--root DIR` or `--root=DIR`), the last one given."""
    found = None
    for i, word in enumerate(args):
        if word == "--":
            break
        if word == option and i + 1 < len(args):
            found = args[i + 1]
        elif word.startswith(option + "="):
            found = word.partition("=")[2]
    return found


def _usage_context(context: Any, prefix: str) -> Any:
    """A context class like `context` whose help starts with `prefix` instead of "Usage:"
    (click writes the word itself, unless asked for another)."""
    base = context.formatter_class

    def write_usage(self: Any, prog: str, args: str = "", prefix_: str | None = None) -> None:
        base.write_usage(self, prog, args, f"{prefix} " if prefix_ is None else prefix_)

    formatter = type("Formatter", (base,), {"write_usage": write_usage})
    return type("Context", (context,), {"formatter_class": formatter})


def typer_words(lang: str) -> None:
    """Set typer's own words of the help and of its error box to `lang` (English: back to
    typer's)."""
    from typer import rich_utils

    words: dict[str, Message] = {
        "ARGUMENTS_PANEL_TITLE": t("Arguments"),
        "OPTIONS_PANEL_TITLE": t("Options"),
        "COMMANDS_PANEL_TITLE": t("Commands"),
        "DEFAULT_STRING": t("[default: {}]"),
        "ENVVAR_STRING": t("[env var: {}]"),
        "REQUIRED_LONG_STRING": t("[required]"),
        "ERRORS_PANEL_TITLE": t("Error"),
        # typer fills in the command and colours it: "Try 'dotool list -h' for help."
        "RICH_HELP": t("Try {command} for help.",
                       command="[blue]'{command_path} {help_option}'[/]"),
    }
    for name, message in words.items():
        english = _TYPER_WORDS.setdefault(name, getattr(rich_utils, name))
        setattr(rich_utils, name, english if lang == "en" else message.render(lang))

