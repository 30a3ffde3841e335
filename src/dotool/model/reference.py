"""`docs/format.md`: the reference of the file format, generated from the models.

Every key, its type, whether it is required, its default, its description and example come from
the pydantic models (their JSON Schema and the `Expects` words of patterned text), so the page
cannot drift from what `dotool validate` accepts: `python -m dotool.model.reference >
docs/format.md` writes it and a test keeps the committed file current.
"""

from __future__ import annotations

import json
import typing
from typing import Any

from pydantic import BaseModel

from dotool.model.adoption import Adoption
from dotool.model.base import Expects
from dotool.model.dates import Half, PartialDate
from dotool.model.masterplan import Masterplan
from dotool.model.measure import Measure
from dotool.model.vorlage import Vorlage

#: The files of a plan and the model each is checked against.
FILES: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("masterplan/masterplan.yaml", Masterplan,
     "The plan itself: municipality, committee, vision, goals and fields of action."),
    ("measures/<ID>-<slug>.yaml", Measure,
     "One file per measure, with its half-yearly updates (the file name starts with the id)."),
    ("masterplan/adoptions/<version>.yaml", Adoption,
     "One record per adopted version of the plan (written by `dotool adopt`)."),
    ("masterplan/reports/<half>.yaml", Vorlage,
     "Optional: the council paper of a half's report (`dotool report --half H --init`)."),
)


def _expects(model: type[BaseModel], name: str) -> Expects | None:
    """The words a patterned text field gives for what it expects (the innermost wins)."""
    found: list[Expects] = []

    def walk(annotation: Any) -> None:
        if typing.get_origin(annotation) is typing.Annotated:
            found.extend(m for m in annotation.__metadata__ if isinstance(m, Expects))
        for arg in typing.get_args(annotation):
            walk(arg)

    walk(typing.get_type_hints(model, include_extras=True)[name])
    return found[-1] if found else None


def _type(schema: dict[str, Any], expects: Expects | None) -> str:
    """A property's type in words, from its JSON Schema."""
    options = [s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
    if len(options) != 1:
        return " or ".join(_type(s, None) for s in options)
    s = options[0]
    if "$ref" in s:
        name = s["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in s:
        return "one of " + ", ".join(f"`{v}`" for v in s["enum"])
    kind = s.get("type")
    if kind == "array":
        most = f", at most {_num(s['maxItems'])} items" if "maxItems" in s else ""
        return "list of " + _type(s["items"], expects) + most
    if kind == "object":
        return "mapping: key → " + _type(s.get("additionalProperties", {}), None)
    if kind == "string" and s.get("format") == "date":
        return "date `YYYY-MM-DD`"
    if kind == "string" and "pattern" in s:
        return expects.what.render("en") if expects else f"text matching `{s['pattern']}`"
    words = {"string": "text", "integer": "whole number", "number": "number",
             "boolean": "`true` or `false`"}.get(kind or "", "any value")
    bounds = [f"≥ {_num(s['minimum'])}"] if "minimum" in s else []
    bounds += [f"≤ {_num(s['maximum'])}"] if "maximum" in s else []
    bounds += [f"at most {_num(s['maxLength'])} characters"] if "maxLength" in s else []
    return words + (f" ({', '.join(bounds)})" if bounds else "")


def _num(value: float) -> str:
    """A bound as people read it: 1,000,000,000,000 rather than 1000000000000.0."""
    return f"{int(value):,}" if float(value).is_integer() else str(value)


_OWN_TYPES: dict[type, str] = {PartialDate: "a month `YYYY-MM` or a day `YYYY-MM-DD`",
                               Half: "a half `YYYY-H1` or `YYYY-H2`"}


def _value(value: Any) -> str:
    return "`" + json.dumps(value, ensure_ascii=False) + "`"


def _table(model: type[BaseModel], schema: dict[str, Any]) -> list[str]:
    required = set(schema.get("required", []))
    out = ["| key | type | required | description (German, as in the schema) | example |",
           "|---|---|---|---|---|"]
    for name, prop in schema["properties"].items():
        need = "yes" if name in required else (
            f"no (default {_value(prop['default'])})" if prop.get("default") not in (None, [])
            else "no")
        example = _value(prop["examples"][0]) if prop.get("examples") else ""
        description = prop.get("description", "").replace("|", "\\|")
        hint = _flatten(typing.get_type_hints(model, include_extras=True)[name])
        words = next((w for t, w in _OWN_TYPES.items() if t in hint), None)
        kind = _type(prop, _expects(model, name))
        if words:  # dotool's own date types: their pattern says less than their name
            kind = f"list of {words}" if kind.startswith("list of") else words
        out.append(f"| `{name}` | {kind} | {need} | "
                   f"{description} | {example} |")
    return out


def _models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and the models nested in it, in the order they first appear."""
    seen: dict[type[BaseModel], None] = {model: None}
    for info in model.model_fields.values():
        for arg in _flatten(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in seen:
                seen.update(dict.fromkeys(_models(arg)))
    return list(seen)


def _flatten(annotation: Any) -> list[Any]:
    return [annotation, *(a for arg in typing.get_args(annotation) for a in _flatten(arg))]


def format_markdown() -> str:
    """`docs/format.md`: every file of a plan, every key of it."""
    out = ["# The file format", "",
           "<!-- Generated by `python -m dotool.model.reference > docs/format.md` from the models "
           "in `src/dotool/model/`; edit those, not this file. -->", "",
           "A plan is a folder of YAML files. Each file is checked against the model below "
           "(unknown keys are errors; `dotool schema` writes the same models as JSON Schemas "
           "for editors) and then by the rules of [rules.md](rules.md). Dates are written "
           "`YYYY-MM-DD`, months `YYYY-MM`, halves `YYYY-H1` (1 January – 30 June) or "
           "`YYYY-H2` (1 July – 31 December). Text that YAML 1.1 would read as something else "
           "(`no`, `on`, `0755`, `12:30`) must be quoted.", "",
           "| file | model | what it holds |", "|---|---|---|"]
    out += [f"| `{path}` | [{model.__name__}](#{model.__name__.lower()}) | {what} |"
            for path, model, what in FILES]
    out.append("")
    done: set[type[BaseModel]] = set()
    for path, top, _ in FILES:
        for model in _models(top):
            if model in done:
                continue
            done.add(model)
            schema = model.model_json_schema()
            where = f"`{path}`" if model is top else f"a part of `{path}`"
            doc = (model.__doc__ or "").strip().splitlines()[0]
            out += [f'<a id="{model.__name__.lower()}"></a>', "",
                    f"## {model.__name__}", "", f"{doc} — {where}.", "",
                    *_table(model, schema), ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    print(format_markdown(), end="")
