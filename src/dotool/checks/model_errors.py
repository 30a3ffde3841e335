"""Turning pydantic's errors into located, readable findings with hints."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from dotool.findings import Finding, Loc, did_you_mean
from dotool.findings.catalogue import finding
from dotool.findings.rules_schema import schema_code
from dotool.i18n.terminal import Message, current, t
from dotool.model.base import Expects
from dotool.store.yamlload import YamlDocument

# What a value of the wrong type should have been, by pydantic's error type (the types the
# models can produce are the keys of `SCHEMA_CODES`; a test keeps the two in step).
_TYPE_WORDS = {
    "int_type": t("a whole number"),
    "float_type": t("a number"),
    "bool_type": t("true or false"),
    "string_type": t("text"),
    "list_type": t("a list"),
    "dict_type": t("a mapping of keys to values"),
    "model_type": t("a mapping of keys to values"),
}



#: The texts YAML reads as a number or as true/false when they are written without quotes.
_UNQUOTED = {
    "int_type": re.compile(r"[-+]?[0-9]+"),
    "float_type": re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?"),
    "bool_type": re.compile(r"true|false|True|False|TRUE|FALSE"),
}


def _unquoted_would_be(kind: str, text: str) -> bool:
    """Whether `text`, found where a number or true/false belongs, is one in quotes: only then
    does "remove the quotes" help (`progress: "45"`, not `progress: abc`)."""
    pattern = _UNQUOTED.get(kind)
    return pattern is not None and pattern.fullmatch(text.strip()) is not None

def _describe(value: Any) -> Message | str:
    if value is None:
        return t("nothing (null)")
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return t('the text "{text}"', text=value) if len(value) <= 60 else t("a long text")
    if isinstance(value, dict):
        return t("a mapping")
    if isinstance(value, list):
        return t("a list")
    return f"`{value}`"


def grouped(number: int) -> str:
    """A whole number with its thousands grouped as the terminal's language writes them."""
    text = f"{number:,}"
    return text.replace(",", ".") if current() == "de" else text


def type_at(model: type[BaseModel], loc: Loc) -> tuple[Any, list[Any]]:
    """The type of the value at `loc` in `model`, and the metadata its `Annotated` carries.

    (None, []) when `loc` leads nowhere (an unknown key, an index into something not a list).
    """
    current: Any = model
    meta: list[Any] = []
    for part in loc:
        current, meta = _strip(current, meta)
        if isinstance(part, int) and typing.get_origin(current) is list:
            current, meta = typing.get_args(current)[0], []
        elif isinstance(part, str) and isinstance(current, type) \
                and issubclass(current, BaseModel) and part in current.model_fields:
            info = current.model_fields[part]
            current, meta = info.annotation, list(info.metadata)
        elif isinstance(part, str) and typing.get_origin(current) is dict:
            current, meta = typing.get_args(current)[1], []
        else:
            return None, []
    return _strip(current, meta)


def _strip(annotation: Any, meta: list[Any]) -> tuple[Any, list[Any]]:
    """Unwrap `Annotated[...]` (collecting its metadata) and `X | None` down to X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            meta = [*meta, *extra]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, meta
            annotation = args[0]
        else:
            return annotation, meta


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc` (for key suggestions)."""
    current, _ = type_at(model, loc)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def expects_at(model: type[BaseModel], loc: Loc) -> Expects | None:
    """What the text field at `loc` expects in words (the innermost `Expects` given for it)."""
    _, meta = type_at(model, loc)
    return next((m for m in reversed(meta) if isinstance(m, Expects)), None)


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
        hint: Message | None = None
        position = doc.locate(loc)
        if kind == "extra_forbidden":
            target = _model_at(model, loc[:-1])
            known = list(target.model_fields) if target else []
            message = t("unknown key `{name}`", name=name)
            hint = did_you_mean(name, known) or (
                t("allowed keys: {keys}", keys=", ".join(known)) if known else None)
            position = doc.locate_key(loc)
        elif kind == "missing":
            message = t("required key `{name}` is missing", name=name)
            position = doc.locate_key(loc[:-1]) if loc[:-1] else (1, 1)
        elif kind == "literal_error":
            choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ", ")
                       .split(",")]
            message = t("found {found}, expected one of: {choices}", found=_describe(found),
                        choices=", ".join(choices))
            hint = did_you_mean(str(found), choices)
        elif kind in _TYPE_WORDS:
            message = t("found {found}, expected {expected}", found=_describe(found),
                        expected=_TYPE_WORDS[kind])
            if isinstance(found, str) and _unquoted_would_be(kind, found):
                hint = t("remove the quotes around the value")
        elif kind == "string_pattern_mismatch":
            message, hint = _pattern_message(expects_at(model, loc), found, ctx)
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = ctx.get("ge", ctx.get("le", ctx.get("gt", ctx.get("lt"))))
            if isinstance(bound, float) and bound.is_integer():
                bound = grouped(int(bound)) if abs(bound) >= 10_000 else int(bound)
            message = (t("found {found}, expected at least {bound}", found=_describe(found),
                         bound=bound) if kind.startswith("greater") else
                       t("found {found}, expected at most {bound}", found=_describe(found),
                         bound=bound))
        elif kind == "finite_number":
            message = t("found {found}, expected a finite number", found=_describe(found))
            hint = t("`.inf` and `.nan` are no amounts or KPI values")
        elif kind == "too_short":
            message = t("`{name}` must not be empty", name=name)
        elif kind == "string_too_long":
            most = grouped(ctx.get("max_length", 0))
            message = (t("`{name}` has {size} characters, more than the {most} it may have",
                         name=name, size=grouped(len(found)), most=most)
                       if isinstance(found, str) else
                       t("`{name}` is longer than the {most} characters it may have", name=name,
                         most=most))
            hint = t("shorten it; a long text belongs in a document the plan links to")
        elif kind == "too_long":
            message = t("`{name}` has {size} items, more than the {most} a plan file may list",
                        name=name, size=ctx.get("actual_length") or t("too many"),
                        most=ctx.get("max_length"))
            hint = t("a list this long is a mistake or not a plan file; shorten it")
        elif kind == "value_error":
            # The model's own words (`dotool.model.base`), already in the terminal's language.
            message = t("`{name}` {problem}", name=name,
                        problem=err["msg"].removeprefix("Value error, "))
        else:
            # A kind this version has no words for (a newer pydantic): pydantic's English.
            message = t("{problem}", problem=err["msg"])
        line, col = position or (None, None)
        out.append(finding(schema_code(kind), path, message, line, col, loc, hint))
    return out


def _pattern_message(expects: Expects | None, found: Any,
                     ctx: dict[str, Any]) -> tuple[Message, Message | None]:
    # What the field expects comes from the model, never from the value: `field:
    # mobilitaet-verkehr` was once told it should be a measure id because it held a hyphen.
    if expects is None:  # a pattern without words: tests/test_keys.py forbids it
        return t("found {found}, expected text matching {pattern}", found=_describe(found),
                 pattern=ctx.get("pattern")), None
    return (t("found {found}, expected {expected}", found=_describe(found),
              expected=expects.what), t("for example {example}", example=expects.example))
