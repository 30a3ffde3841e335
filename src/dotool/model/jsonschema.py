"""The JSON Schemas of the files, in draft-07 (what the YAML editor extension understands)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from dotool.model.adoption import Adoption
from dotool.model.export import ExportDocument
from dotool.model.masterplan import Masterplan
from dotool.model.measure import Measure
from dotool.model.vorlage import Vorlage

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "masterplan.schema.json": (Masterplan, "Masterplan Digitalisierung (masterplan.yaml)"),
    "measure.schema.json": (Measure, "Maßnahme des Masterplans (measures/<ID>-<slug>.yaml)"),
    "adoption.schema.json": (Adoption, "Beschluss einer Version (masterplan/adoptions/<v>.yaml)"),
    "export.schema.json": (ExportDocument, "Open-Data-Export des Masterplans (dotool export)"),
    "report.schema.json": (Vorlage, "Vorlage zum Sachstandsbericht eines Halbjahrs "
                                    "(masterplan/reports/<Halbjahr>.yaml)"),
}


def draft07(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The model's schema with `definitions` instead of `$defs` and the draft-07 header."""
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    defs = schema.pop("$defs", None)
    out: dict[str, Any] = {"$schema": DRAFT_07, "title": title, **schema}
    out["title"] = title
    if defs:
        out["definitions"] = defs
    return out


def schema_text(name: str) -> str:
    """The text of one schema (`export.schema.json`, …), formatted deterministically."""
    model, title = SCHEMAS[name]
    return json.dumps(draft07(model, title), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema_files() -> dict[str, str]:
    """File name → text of every schema, formatted deterministically."""
    return {name: schema_text(name) for name in SCHEMAS}
