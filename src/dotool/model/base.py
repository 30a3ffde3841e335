"""Shared model configuration and field types."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from dotool.model.dates import parse_day


class StrictModel(BaseModel):
    """Strict types, unknown keys are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


@dataclass(frozen=True)
class Expects:
    """What a text field with a pattern expects, in words, for the message of a pattern error.

    Put next to the pattern in `Annotated[...]`; a field may narrow it with its own (the last
    one wins), so `field: Annotated[Key, Expects(...)]` says "the key of a field of action"
    where `Key` alone says "a key". The message is decided by the field, never by the value.
    """

    what: str
    example: str


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


#: Required text: a string that is not blank.
Text = Annotated[str, AfterValidator(_not_blank)]

#: A calendar day written as `YYYY-MM-DD` (read as a string by the loader, parsed here).
Day = Annotated[
    date,
    BeforeValidator(parse_day),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2020-10-31"]}),
]

#: An amount in euros (finite: `.inf` would print as "∞ €" and break the JSON export).
Euro = Annotated[float, Field(ge=0, allow_inf_nan=False)]

#: A measured or planned value of a KPI (finite, for the same reason).
Value = Annotated[float, Field(allow_inf_nan=False)]


def described(description: str, *examples: Any, **kwargs: Any) -> Any:
    """A `Field` with a German description and examples (they end up in the JSON Schema)."""
    return Field(description=description, examples=list(examples) or None, **kwargs)
