"""The controlled vocabularies of the plan and their labels.

The keys are stable identifiers written in the YAML files; the labels are what documents and
the terminal show, English here and German in the terminal catalogue.
"""

from __future__ import annotations

from typing import Literal, get_args

from dotool.i18n.terminal import Message, tc

Scope = Literal["internal", "external"]
Kind = Literal["project", "advisory", "innovation", "strategy", "infrastructure"]
Priority = Literal["high", "medium", "low"]
Status = Literal["planned", "in_progress", "ongoing", "completed", "on_hold", "dropped"]
Rag = Literal["green", "amber", "red"]
FundingStatus = Literal["planned", "applied", "approved", "received", "rejected"]
Language = Literal["de", "en"]

#: Statuses after which a measure needs no more updates.
CLOSED_STATUSES: frozenset[str] = frozenset({"completed", "dropped"})
#: Statuses of a measure that is still being worked on (warnings about dates apply).
ACTIVE_STATUSES: frozenset[str] = frozenset({"planned", "in_progress", "ongoing", "on_hold"})


def ampel(status: str, rag: str | None) -> str | None:
    """The Ampel an update with this status shows: a dropped measure has none any more, though
    its file records one (every update must). The measure's state (`MeasureState.rag`) and every
    output showing the Ampel of one of its updates ask this (docs/figures.md, "Status and
    Ampel")."""
    return None if status == "dropped" else rag


def percent(status: str, progress: int | None) -> int | None:
    """The progress an update with this status shows: a standing task has no percentage, a
    dropped measure none any more (docs/figures.md, "Progress of a measure")."""
    return None if status in ("ongoing", "dropped") else progress

#: The English label of each key, marked for the terminal catalogue with the vocabulary as
#: context (`planned` is "geplant" as a status and as a funding status, but need not be); the
#: German labels are in `i18n/locale/de/LC_MESSAGES/terminal.po`, beside every other wording.
ENGLISH: dict[str, dict[str, Message]] = {
    "scope": {
        "internal": tc("scope", "internal"),
        "external": tc("scope", "external"),
    },
    "kind": {
        "project": tc("kind", "Project"),
        "advisory": tc("kind", "Advisory"),
        "innovation": tc("kind", "Innovation"),
        "strategy": tc("kind", "Strategy"),
        "infrastructure": tc("kind", "Infrastructure"),
    },
    "priority": {
        "high": tc("priority", "high"),
        "medium": tc("priority", "medium"),
        "low": tc("priority", "low"),
    },
    "status": {
        "planned": tc("status", "planned"),
        "in_progress": tc("status", "in progress"),
        "ongoing": tc("status", "ongoing"),
        "completed": tc("status", "completed"),
        "on_hold": tc("status", "on hold"),
        "dropped": tc("status", "dropped"),
    },
    "rag": {
        "green": tc("rag", "green"),
        "amber": tc("rag", "amber"),
        "red": tc("rag", "red"),
    },
    "funding_status": {
        "planned": tc("funding_status", "planned"),
        "applied": tc("funding_status", "applied"),
        "approved": tc("funding_status", "approved"),
        "received": tc("funding_status", "received"),
        "rejected": tc("funding_status", "rejected"),
    },
}

KEYS: dict[str, tuple[str, ...]] = {
    "scope": get_args(Scope),
    "kind": get_args(Kind),
    "priority": get_args(Priority),
    "status": get_args(Status),
    "rag": get_args(Rag),
    "funding_status": get_args(FundingStatus),
}


def label(vocabulary: str, key: str, lang: str = "de") -> str:
    """The label of `key` in `vocabulary` for `lang` (the key itself if unknown)."""
    found = ENGLISH.get(vocabulary, {}).get(key)
    return key if found is None else found.render(lang)


def labels(vocabulary: str, key: str) -> dict[str, str]:
    """The labels of `key` in every language: language → label."""
    return {lang: label(vocabulary, key, lang) for lang in ("de", "en")}
