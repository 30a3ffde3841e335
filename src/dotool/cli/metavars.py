"""What the value of each option and argument is, as `--help` and usage errors name it.

typer names a value by its Python type — `<str>`, `<int range> [0<=x<=100]`, `<list[str]>`,
`<path>` — in English and in a programmer's words, and a flag gets `<bool>` though it takes no
value. Here every option (by its long name) and argument (by its name) gets a name of what is
typed, in the terminal's language: `--half JJJJ-HN`, `--kpi SCHLÜSSEL=WERT`, `-o DATEI`. A flag
shows none; a number's range is in the option's help text ("Percent, 0 to 100."), so typer's
`[0<=x<=100]` is left out.

`apply` runs only when help is shown or a usage error is about to be (`helptext`, `clickwords`).
`tests/test_help_metavars.py` requires a name here for every option that takes a value.
"""

from __future__ import annotations

from typing import Any

from dotool.i18n.terminal import Message, tc

_FOLDER = tc("metavar", "DIR")
_FILE = tc("metavar", "FILE")
_TEXT = tc("metavar", "TEXT")
_MONTH = tc("metavar", "YYYY-MM")
_DAY = tc("metavar", "YYYY-MM-DD")
_AMOUNT = tc("metavar", "AMOUNT")
_NAME = tc("metavar", "NAME")
_STATUS = tc("metavar", "STATUS")

#: Options by their long name, arguments by their name, as every command has them.
BY_NAME: dict[str, Message] = {
    # the plan and the output
    "--root": _FOLDER,
    "--format": tc("metavar", "FORMAT"),
    "--lang": tc("metavar", "LANG"),
    "--output": _FILE,
    "--at": tc("metavar", "REF"),
    # the measures
    "measure_id": tc("metavar", "ID"),
    "--half": tc("metavar", "YYYY-HN"),
    "--field": tc("metavar", "FIELD"),
    "--status": _STATUS,
    "--scope": tc("metavar", "SCOPE"),
    "--kind": tc("metavar", "KIND"),
    "--rag": tc("metavar", "RAG"),
    "--priority": tc("metavar", "PRIORITY"),
    "--title": tc("metavar", "TITLE"),
    "--goals": tc("metavar", "GOALS"),
    "--lead": tc("metavar", "LEAD"),
    "--start": tc("metavar", "DATE"),
    "--end": tc("metavar", "DATE"),
    "--summary": _TEXT,
    # an update
    "--rag-reason": _TEXT,
    "--progress": tc("metavar", "0–100"),
    "--spent": _AMOUNT,
    "--kpi": tc("metavar", "KEY=VALUE"),
    "--text": _TEXT,
    "--next": _TEXT,
    "--replanned-end": _MONTH,
    "--funding-status": _STATUS,
    "--budget-one-off": _AMOUNT,
    "--budget-annual": _AMOUNT,
    "--budget-note": _TEXT,
    "--unset": tc("metavar: a field of an update", "FIELD"),
    # adopt, diff, init
    "version": tc("metavar", "VERSION"),
    "--date": _DAY,
    "--resolution": tc("metavar", "NUMBER"),
    "--body": _NAME,
    "ref1": tc("metavar", "REF1"),
    "ref2": tc("metavar", "REF2"),
    "directory": _FOLDER,
    "--municipality": _NAME,
    "--committee": _NAME,
    "--dotool-spec": tc("metavar", "REQUIREMENT"),
    # import and collect
    "file": tc("metavar", "TABLE"),
    "--map": tc("metavar", "FIELD=COLUMN"),
    "--mapping": _FILE,
    "--encoding": tc("metavar", "ENCODING"),
    "--delimiter": tc("metavar", "CHARACTER"),
    "--sheet": tc("metavar", "SHEET"),
    "--out": _FOLDER,
    "--due": _DAY,
    "--reply-to": tc("metavar", "ADDRESS"),
    "files": tc("metavar", "WORKBOOK"),
}
#: Where one command's option of a common name takes another kind of value.
BY_COMMAND: dict[tuple[str, str], Message] = {
    ("site", "--output"): _FOLDER,
    ("export", "--output"): tc("metavar", "PATH"),  # a file or a folder, by --format
}


def name_of(param: Any) -> str:
    """The key of `param` in `BY_NAME`: an option's long name, an argument's name."""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.name)
    longs = [o for o in param.opts if o.startswith("--")]
    return longs[0] if longs else str(param.opts[0])


def metavar(command: str, param: Any) -> Message | None:
    """The name of the value of `param` of `command` (`site`, `status` of `collect status`);
    None for a parameter not listed."""
    key = name_of(param)
    return BY_COMMAND.get((command, key)) or BY_NAME.get(key)


def apply(params: list[Any], command: str, lang: str) -> None:
    """Name the values of `params`, those of `command` (its name: `list`, `status` of `collect
    status`, `dotool` for the options of `dotool` itself), in `lang`."""
    for param in params:
        if getattr(param, "is_flag", False):
            param.metavar = ""  # a flag takes no value: no name for one
            continue
        message = metavar(command, param)
        if message is None:
            continue  # a new option without a name here: typer's, as before (a test finds it)
        param.metavar = message.render(lang)
        # A number's range, which typer shows next to the value's name: the help text says it.
        param._get_number_range_help_str = _nothing
        if getattr(param, "param_type_name", "") == "argument":
            # typer shows an argument's type (`<str>`) next to its name, which says it now.
            param.display_type_rich = _nothing


def _nothing(*_args: Any, **_kwargs: Any) -> None:
    return None
