"""From the raw files to validated models: YAML rules, then the schema, all findings collected."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from dotool.checks.schema import findings_from_error
from dotool.findings import Finding
from dotool.model.adoption import Adoption
from dotool.model.masterplan import Masterplan
from dotool.model.measure import Measure
from dotool.store.files import MASTERPLAN, RawFile, RawPlan
from dotool.store.yamlload import YamlDocument, load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded:
    """What could be loaded, with the documents kept for locating later findings."""

    masterplan: Masterplan | None = None
    measures: list[tuple[str, Measure]] = field(default_factory=list)
    adoptions: list[tuple[str, Adoption]] = field(default_factory=list)
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def _parse(raw: RawFile, model: type[M], loaded: Loaded) -> M | None:
    if raw.problem:
        loaded.findings.append(Finding("error", "file-unreadable", raw.path,
                                       f"{raw.path} {raw.problem}"))
        return None
    result = load_yaml(raw.data, path=raw.path)
    loaded.findings.extend(result.findings)
    doc = result.document
    if doc is None:
        return None
    loaded.documents[raw.path] = doc
    if not isinstance(doc.data, dict):
        line, col = doc.locate(()) or (1, 1)
        loaded.findings.append(Finding(
            "error", "schema-not-mapping", raw.path,
            f"the file must hold a mapping of keys to values, found {type(doc.data).__name__}",
            line, col, hint="start each line of the top level with `key: value`"))
        return None
    # Values the loader already reported (an unquoted `no`, a duplicate key) are kept as text,
    # so the schema still checks the rest of the file without repeating those findings.
    skip = {f.loc for f in result.findings if f.loc}
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        loaded.findings.extend(findings_from_error(exc, model, doc, raw.path, skip))
        return None


def load_plan(raw: RawPlan) -> Loaded:
    """Parse and schema-check every file of `raw`; never raises for content problems."""
    loaded = Loaded()
    if raw.masterplan is None:
        loaded.findings.append(Finding("error", "file-missing", MASTERPLAN,
                                       f"{MASTERPLAN} is missing"))
    else:
        loaded.masterplan = _parse(raw.masterplan, Masterplan, loaded)
    for file in raw.measures:
        measure = _parse(file, Measure, loaded)
        if measure is not None:
            loaded.measures.append((file.path, measure))
    for file in raw.adoptions:
        adoption = _parse(file, Adoption, loaded)
        if adoption is not None:
            loaded.adoptions.append((file.path, adoption))
    for stray in raw.strays:
        loaded.findings.append(Finding(
            "error", "file-extension", stray,
            f"{stray} is not read: only *.yaml files belong in this folder",
            hint=f"rename it to {PurePosixPath(stray).stem}.yaml, or move it elsewhere"))
    return loaded
