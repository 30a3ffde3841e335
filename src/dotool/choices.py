"""A value typed on the command line for one of a fixed set of choices, checked in one place.

Every option with choices — a vocabulary (`--status`, `--rag`, `--scope`, …), a field of action,
`--format`, `--lang` — goes through `choose`: the key or its label in either language is
accepted, in any case and with `-`, `_` or a space alike (`gelb`, `Amber`, `in Umsetzung`,
`in-progress`), and anything else is refused with exit 2, the choices in the terminal's language
and the nearest one as a hint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dotool.i18n.terminal import current, t


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def choose(option: str, value: str | None, keys: Sequence[str],
           labels: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The key `value` stands for among `keys` (None stays None).

    `labels` maps a key to the other names it may be typed as (its labels); the first is shown
    beside the key in the refusal.
    """
    if value is None:
        return None
    labels = labels or {}
    wanted = _norm(value)
    for key in keys:
        if wanted in {_norm(key), *(_norm(name) for name in labels.get(key, ()))}:
            return key
    from difflib import get_close_matches

    from dotool.errors import UsageError
    from dotool.text import shown

    names = {_norm(n): n for key in keys for n in (*labels.get(key, ())[:1], key)}
    close = get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    listed = ", ".join(f"{labels[k][0]} ({k})" if labels.get(k) and _norm(labels[k][0]) != _norm(k)
                       else k for k in keys)
    raise UsageError(t("{option}: `{value}` is not one of {choices}", option=option,
                       value=shown(value), choices=listed),
                     hint=t("did you mean `{name}`?", name=names[close[0]]) if close else None)


def vocabulary(option: str, value: str | None, name: str) -> str | None:
    """The key of `value` in the vocabulary `name` (`status`, `rag`, …), typed as key or label."""
    from dotool.model.vocab import KEYS, label

    lang = current()
    other = "en" if lang == "de" else "de"
    labels = {k: (label(name, k, lang), label(name, k, other)) for k in KEYS[name]}
    return choose(option, value, KEYS[name], labels)


def field(option: str, value: str | None, fields: Mapping[str, str]) -> str | None:
    """The key of a field of action given by key or title (`fields`: key → title)."""
    return choose(option, value, list(fields), {k: (title,) for k, title in fields.items()})
