"""Halves (`2020-H2`) and partial dates (`2020-09` or `2020-09-15`) as small value types."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import total_ordering
from typing import Any, TypeVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from dotool.i18n.terminal import Message, t
from dotool.model.patterns import DATE_RE as _DATE
from dotool.model.patterns import HALF_PATTERN, PARTIAL_PATTERN
from dotool.model.patterns import HALF_RE as _HALF
from dotool.model.patterns import PARTIAL_RE as _PARTIAL

#: Every date of a plan lies in these years: a year 1 or 9999 is a typo, and would make the
#: roadmap span millennia (the clock, `DOTOOL_TODAY`, has the same range).
MIN_YEAR, MAX_YEAR = 1900, 2199

# A plan writes the same few halves and dates thousands of times: each spelling is validated once
# per run (the values are immutable), and kept up to a bound no plan reaches.
_HALVES: dict[str, Half] = {}
_PARTIALS: dict[str, PartialDate] = {}
_DAYS: dict[str, date] = {}
_MAX_KNOWN = 4096
_V = TypeVar("_V")


def _known(cache: dict[str, _V], text: str, value: _V) -> _V:
    """`value`, remembered as what `text` validates to while `cache` has room."""
    if len(cache) < _MAX_KNOWN:
        cache[text] = value
    return value


def _found(value: Any) -> str:
    """A value for a message: at most 60 characters of it."""
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _year_problem(year: int) -> Message | None:
    if MIN_YEAR <= year <= MAX_YEAR:
        return None
    return t("the year is not between {low} and {high}", low=MIN_YEAR, high=MAX_YEAR)


# pydantic fills `{found}` into these itself (`t` without values leaves the placeholder).
def _custom(kind: str, message: Message, found: Any) -> PydanticCustomError:
    """A pydantic error of dotool's own `kind`, worded in the terminal's language now."""
    return PydanticCustomError(kind, str(message), {"found": found})


@dataclass(frozen=True, slots=True, order=True)  # ordered as (year, number); fast in checks
class Half:
    """A reporting half-year: H1 is 1 January – 30 June, H2 is 1 July – 31 December."""

    year: int
    number: int  # 1 or 2

    @classmethod
    def parse(cls, text: str) -> Half:
        """Parse `YYYY-H1` / `YYYY-H2`; raises ValueError otherwise."""
        m = _HALF.match(text.strip())
        if not m:
            raise ValueError(t("`{text}` is not a half: write YYYY-H1 or YYYY-H2, e.g. 2020-H2",
                               text=text))
        year = int(m.group(1))
        problem = _year_problem(year)  # year 0 has no calendar dates; a plan is of our time
        if problem:
            raise ValueError(t("`{text}` is not a half of a plan: {problem}", text=text,
                               problem=problem))
        return cls(year, int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> Half:
        """The half a day falls in."""
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.number == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.number == 1 else date(self.year, 12, 31)

    def previous(self) -> Half:
        return Half(self.year, 1) if self.number == 2 else Half(self.year - 1, 2)

    def next(self) -> Half:
        return Half(self.year, 2) if self.number == 1 else Half(self.year + 1, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-H{self.number}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            _validate_half, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: Any, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": HALF_PATTERN, "examples": ["2020-H2"]}


def _validate_half(value: Any) -> Half:
    if type(value) is str and (known := _HALVES.get(value)) is not None:
        return known
    if isinstance(value, Half):
        return value
    if not isinstance(value, str) or not _HALF.fullmatch(value):
        raise _custom("half", t("expected a half such as 2020-H2 (YYYY-H1 or YYYY-H2), found "
                                "`{found}`"), _found(value))
    try:
        return _known(_HALVES, value, Half.parse(value))
    except ValueError as exc:
        raise PydanticCustomError("half", str(exc)) from None


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A month (`2020-09`) or a day (`2020-09-15`), as planners write start and end dates."""

    year: int
    month: int
    day: int | None = None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def half(self) -> Half:
        return Half.of(self.first_day)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month, self.day or 0) < (other.year, other.month, other.day or 0)

    def __str__(self) -> str:
        base = f"{self.year:04d}-{self.month:02d}"
        return f"{base}-{self.day:02d}" if self.day else base

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            _validate_partial, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: Any, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": PARTIAL_PATTERN,
                "examples": ["2020-09", "2021-06-30"]}


def _validate_partial(value: Any) -> PartialDate:
    if type(value) is str and (known := _PARTIALS.get(value)) is not None:
        return known
    if isinstance(value, PartialDate):
        return value
    m = _PARTIAL.fullmatch(value) if isinstance(value, str) else None
    if not m:
        raise _custom("partial_date", t("expected a month YYYY-MM or a day YYYY-MM-DD, found "
                                        "`{found}`"), _found(value))
    year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    problem = _year_problem(year)
    if problem:
        raise _custom("partial_date", t("`{found}` is not a date of a plan: {problem}",
                                        found=value, problem=problem), value)
    try:
        date(year, month, int(day) if day else 1)
    except ValueError:
        raise _custom("partial_date", t("`{found}` is not a date in the calendar"),
                      value) from None
    return _known(_PARTIALS, value, PartialDate(year, month, int(day) if day else None))


def parse_day(value: Any) -> date:
    """Validator for full dates written as strings (`due: 2020-10-31`)."""
    if type(value) is str and (known := _DAYS.get(value)) is not None:
        return known
    if isinstance(value, date):
        return value
    m = _DATE.fullmatch(value) if isinstance(value, str) else None  # `$` allows a final \n
    if not m:
        raise _custom("day", t("expected a date YYYY-MM-DD, found `{found}`"), _found(value))
    problem = _year_problem(int(m.group(1)))
    if problem:
        raise _custom("day", t("`{found}` is not a date of a plan: {problem}", found=value,
                               problem=problem), value)
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise _custom("day", t("`{found}` is not a date in the calendar"), value) from None
    return _known(_DAYS, value, day)
