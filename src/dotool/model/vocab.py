"""The controlled vocabularies of the plan, with their German and English labels, in one place.

The keys are stable identifiers written in the YAML files; the labels are what documents show.
"""

from __future__ import annotations

from typing import Literal, get_args

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

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "scope": {
        "internal": {"de": "verwaltungsintern", "en": "internal"},
        "external": {"de": "verwaltungsextern", "en": "external"},
    },
    "kind": {
        "project": {"de": "Projekt", "en": "Project"},
        "advisory": {"de": "Beratung", "en": "Advisory"},
        "innovation": {"de": "Innovation", "en": "Innovation"},
        "strategy": {"de": "Strategie", "en": "Strategy"},
        "infrastructure": {"de": "Infrastruktur", "en": "Infrastructure"},
    },
    "priority": {
        "high": {"de": "hoch", "en": "high"},
        "medium": {"de": "mittel", "en": "medium"},
        "low": {"de": "niedrig", "en": "low"},
    },
    "status": {
        "planned": {"de": "geplant", "en": "planned"},
        "in_progress": {"de": "in Umsetzung", "en": "in progress"},
        "ongoing": {"de": "Daueraufgabe", "en": "ongoing"},
        "completed": {"de": "abgeschlossen", "en": "completed"},
        "on_hold": {"de": "zurückgestellt", "en": "on hold"},
        "dropped": {"de": "entfallen", "en": "dropped"},
    },
    "rag": {
        "green": {"de": "grün", "en": "green"},
        "amber": {"de": "gelb", "en": "amber"},
        "red": {"de": "rot", "en": "red"},
    },
    "funding_status": {
        "planned": {"de": "geplant", "en": "planned"},
        "applied": {"de": "beantragt", "en": "applied"},
        "approved": {"de": "bewilligt", "en": "approved"},
        "received": {"de": "ausgezahlt", "en": "received"},
        "rejected": {"de": "abgelehnt", "en": "rejected"},
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
    return LABELS.get(vocabulary, {}).get(key, {}).get(lang, key)
