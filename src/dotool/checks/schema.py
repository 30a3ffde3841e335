"""Turning pydantic's errors into located, readable findings with hints."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from dotool.findings import Finding, Loc, did_you_mean
from dotool.store.yamlload import YamlDocument

_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "date_type": "a date YYYY-MM-DD",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'the text "{value}"' if len(value) <= 60 else "a long text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"`{value}`"


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc` (for key suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/list wrappers down to a model class, if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        elif origin is list or origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def findings_from_error(
    error: ValidationError, model: type[BaseModel], doc: YamlDocument, path: str,
    skip: set[Loc] | None = None,
) -> list[Finding]:
    """One finding per pydantic error, located in `doc`."""
    out: list[Finding] = []
    for err in error.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        if skip and loc in skip:
            continue  # the loader already reported this value (for instance an unquoted `no`)
        kind, found = err["type"], err.get("input")
        name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        ctx = err.get("ctx") or {}
        hint = None
        position = doc.locate(loc)
        if kind == "extra_forbidden":
            target = _model_at(model, loc[:-1])
            known = list(target.model_fields) if target else []
            message = f"unknown key `{name}`"
            hint = did_you_mean(name, known) or (
                f"allowed keys: {', '.join(known)}" if known else None)
            position = doc.locate_key(loc)
        elif kind == "missing":
            message = f"required key `{name}` is missing"
            position = doc.locate_key(loc[:-1]) if loc[:-1] else (1, 1)
        elif kind == "literal_error":
            choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ")
                       .split(",")]
            message = f"found {_describe(found)}, expected one of: {', '.join(choices)}"
            hint = did_you_mean(str(found), choices)
        elif kind in _TYPE_WORDS:
            message = f"found {_describe(found)}, expected {_TYPE_WORDS[kind]}"
            if isinstance(found, str) and kind in ("int_type", "float_type", "bool_type"):
                hint = "remove the quotes around the value"
        elif kind == "string_pattern_mismatch":
            message, hint = _pattern_message(name, found)
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
            word = "at least" if kind.startswith("greater") else "at most"
            message = f"found {_describe(found)}, expected {word} {bound}"
        elif kind == "finite_number":
            message = f"found {_describe(found)}, expected a finite number"
            hint = "`.inf` and `.nan` are no amounts or KPI values"
        elif kind == "too_short":
            message = f"`{name}` must not be empty"
        elif kind == "value_error":
            message = f"`{name}` {err['msg'].removeprefix('Value error, ')}"
        else:
            message = err["msg"]
        line, col = position or (None, None)
        out.append(Finding("error", f"schema-{kind.replace('_', '-')}", path, message, line, col,
                           loc, hint))
    return out


def _pattern_message(name: str, found: Any) -> tuple[str, str | None]:
    if name in ("id", "depends_on") or (isinstance(found, str) and "-" in found):
        return (f"found {_describe(found)}, expected a measure id: prefix, hyphen, three or "
                "more digits", "for example M-007")
    if name == "version":
        return f"found {_describe(found)}, expected a version number", "for example 1.0 or 2.1"
    if name == "id_prefix":
        return f"found {_describe(found)}, expected capital letters", "for example M"
    return (f"found {_describe(found)}, expected a key: a lowercase letter, then lowercase "
            "letters, digits and _",
            "for example buergerservice")
