"""Shared model configuration and field types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from dotool.i18n.terminal import Message, t
from dotool.model.dates import parse_day
from dotool.model.patterns import DAY_PATTERN

#: The largest amount in euros: a thousand times the yearly budget of any German city, and far
#: below where formatting loses digits (Babel fails from 10**28 on, and sums add up).
MAX_EURO = 1e12
#: The largest magnitude of a KPI value (for the same reason).
MAX_VALUE = 1e15
#: The most items of a list in a measure (goals, participants, depends_on, KPIs, milestones,
#: council papers, OZG services; updates: 100 halves are fifty years of reporting), and of the
#: goals and fields of the masterplan.
MAX_ITEMS = 100
#: The most KPIs of a measure: each is a chart in every report from then on (its trend), and
#: a measure is steered by a handful of them.
MAX_KPIS = 20
#: The longest text of one line (a title, a name, a unit, a note) and of a Markdown text in a
#: measure, a goal or a field (a summary, an update: some seven pages), and of the masterplan's
#: chapters (vision, situation, governance: some thirty pages). Together with `MAX_ITEMS` they
#: bound what one file puts into a document: the masterplan of a measure file at every limit
#: is some hundred pages (a PDF in well under a minute), not a thousand.
MAX_LINE = 300
MAX_TEXT = 20_000
MAX_CHAPTER = 100_000
#: How deep Markdown may nest: markdown-it stops nesting blocks and inline markup there
#: (`maxNesting`), and the checks refuse text whose `[` nest deeper — each one unclosed makes
#: the parser look ahead to the end of the text again.
MAX_NESTING = 20


class StrictModel(BaseModel):
    """Strict types, unknown keys are errors, instances are immutable, every text one line
    (`MAX_LINE`) unless its type says otherwise (`Markdown`, `Chapter`)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True,
                              str_max_length=MAX_LINE)


@dataclass(frozen=True)
class Expects:
    """What a text field with a pattern expects, in words, for the message of a pattern error.

    Put next to the pattern in `Annotated[...]`; a field may narrow it with its own (the last
    one wins), so `field: Annotated[Key, Expects(...)]` says "the key of a field of action"
    where `Key` alone says "a key". The message is decided by the field, never by the value.
    `what` is terminal text (the finding is worded in the terminal's language); docs/format.md
    shows its English.
    """

    what: Message
    example: str


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError(t("must not be blank"))
    return value


#: Required text: a string that is not blank.
Text = Annotated[str, AfterValidator(_not_blank)]


def bracket_depth(text: str) -> int:
    """How deep `[` nest in `text` at the deepest (unclosed ones count; `\\[` does not)."""
    if text.count("[") <= MAX_NESTING:  # nearly every text: no need to look closer
        return text.count("[")
    depth = deepest = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    return deepest


def _markdown(value: str) -> str:
    depth = bracket_depth(value)
    if depth > MAX_NESTING:
        raise ValueError(t("nests `[` {depth} deep, more than the {most} a Markdown text may: "
                           "close them with `]`, or write `\\[` for a bracket as text",
                           depth=depth, most=MAX_NESTING))
    return value


#: Markdown text (optional).
Markdown = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_markdown)]
#: Required Markdown text: not blank.
MarkdownText = Annotated[str, StringConstraints(max_length=MAX_TEXT),
                         AfterValidator(_not_blank), AfterValidator(_markdown)]
#: A chapter of the masterplan in Markdown (vision, situation, governance).
Chapter = Annotated[str, StringConstraints(max_length=MAX_CHAPTER), AfterValidator(_markdown)]

#: A calendar day written as `YYYY-MM-DD` (read as a string by the loader, parsed here).
Day = Annotated[
    date,
    BeforeValidator(parse_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN,
                    "examples": ["2020-10-31"]}),
]

#: An amount in euros (finite: `.inf` would print as "∞ €" and break the JSON export).
Euro = Annotated[float, Field(ge=0, le=MAX_EURO, allow_inf_nan=False)]

#: A measured or planned value of a KPI (finite, for the same reason).
Value = Annotated[float, Field(ge=-MAX_VALUE, le=MAX_VALUE, allow_inf_nan=False)]


def described(description: str, *examples: Any, **kwargs: Any) -> Any:
    """A `Field` with a German description and examples (they end up in the JSON Schema)."""
    return Field(description=description, examples=list(examples) or None, **kwargs)
