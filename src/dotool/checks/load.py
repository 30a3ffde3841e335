"""From the raw files to validated models: YAML rules, then the schema, all findings collected.

With a cache (`dotool.store.cache`) a file loaded before is not parsed again: its findings and
plain data come from the cache, and the model is validated from that data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from dotool.checks.model_errors import findings_from_error
from dotool.checks.pause import paused_gc
from dotool.findings import Finding
from dotool.findings.catalogue import finding
from dotool.i18n.terminal import Message, current, t, tc
from dotool.model.adoption import Adoption
from dotool.model.masterplan import Masterplan
from dotool.model.measure import MEASURE_ID_EXAMPLE, Measure
from dotool.model.patterns import ID_PREFIX_PATTERN
from dotool.model.vorlage import Vorlage
from dotool.store.cache import (
    PlanCache,
    digest,
    file_key,
    finding_from_plain,
    finding_to_plain,
)
from dotool.store.files import MASTERPLAN, MEASURES_DIR, RawFile, RawPlan
from dotool.store.yamlload import YamlDocument, cached_document, load_yaml
from dotool.text import BIDI_CONTROLS

M = TypeVar("M", bound=BaseModel)
#: What a file holds instead of a mapping, by the Python type YAML gave (English keeps the name).
_KINDS = {"list": tc("type", "list"), "str": tc("type", "str"), "int": tc("type", "int"),
          "float": tc("type", "float"), "bool": tc("type", "bool"),
          "NoneType": tc("type", "NoneType")}


@dataclass
class Loaded:
    """What could be loaded, with the documents kept for locating later findings."""

    masterplan: Masterplan | None = None
    measures: list[tuple[str, Measure]] = field(default_factory=list)
    adoptions: list[tuple[str, Adoption]] = field(default_factory=list)
    vorlagen: list[tuple[str, Vorlage]] = field(default_factory=list)  # masterplan/reports/
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    #: Every measure file read or not (a file that could not be read or parsed still names a
    #: measure, by its file name); `measures/` alone when the folder could not be listed.
    measure_files: list[str] = field(default_factory=list)


@dataclass
class _File:
    """What loading one file gave: findings, the document (None if unreadable), the model."""

    findings: list[Finding]
    document: YamlDocument | None = None
    item: Any = None


def _fresh(raw: RawFile, model: type[M]) -> _File:
    result = load_yaml(raw.data, path=raw.path)
    doc = result.document
    file = _File(list(result.findings), doc)
    if doc is None:
        return file
    file.findings += bidi_controls(raw.data, doc, raw.path)
    if not isinstance(doc.data, dict):
        line, col = doc.locate(()) or (1, 1)
        file.findings.append(finding(
            "schema-not-mapping", raw.path,
            t("the file must hold a mapping of keys to values, found {kind}",
              kind=_KINDS.get(type(doc.data).__name__, type(doc.data).__name__)),
            line, col, hint=t("start each line of the top level with `key: value`")))
        return file
    # Values the loader already reported (an unquoted `no`, a duplicate key) are kept as text,
    # so the schema still checks the rest of the file without repeating those findings.
    skip = {f.loc for f in result.findings if f.loc}
    try:
        file.item = model.model_validate(doc.data)
    except ValidationError as exc:
        file.findings.extend(findings_from_error(exc, model, doc, raw.path, skip))
    return file


#: A bidirectional control character (`dotool.text.BIDI_CONTROLS`) in UTF-8: looked for in the
#: bytes, so that a file without one (every file, nearly) is not split into lines for it.
_BIDI_BYTES = re.compile(rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def bidi_controls(data: bytes, doc: YamlDocument, path: str) -> list[Finding]:
    """A warning for each line of the file that holds a bidirectional control character."""
    if not _BIDI_BYTES.search(data):
        return []
    found = []
    for number, line in enumerate(doc.lines, start=1):
        char = _BIDI.search(line)
        if char:
            found.append(finding(
                "text-bidi-control", path,
                t("the line holds the invisible bidirectional control character {char}: a "
                  "reviewer sees the text around it in another order than dotool reads it "
                  "(Trojan Source)", char=f"U+{ord(char.group()):04X}"),
                number, char.start() + 1,
                hint=t("delete it; if it is meant, write it as an escape in a double-quoted "
                       "value (\"\\u{code}\")", code=f"{ord(char.group()):04X}")))
    return found


def _entry(file: _File) -> tuple[Any, ...]:
    doc = file.document
    return (tuple(finding_to_plain(f) for f in file.findings), doc is not None,
            doc.data if doc is not None else None, file.item is not None)


def _restore(raw: RawFile, model: type[M], entry: Any) -> _File | None:
    """The file from its cache entry; None when the entry is not what this code writes."""
    try:
        findings, has_doc, data, valid = entry
        file = _File([finding_from_plain(f) for f in findings])
        if has_doc is True:
            file.document = cached_document(data, raw.data)
        if valid is True:
            file.item = model.model_validate(data)
        return file
    except (TypeError, ValueError, UnicodeDecodeError):  # ValidationError is a ValueError
        return None


def entry_key(raw: RawFile) -> bytes:
    """The key of a file's entry in the cache: its path and bytes, and the language its
    findings are worded in (one entry per language)."""
    return digest(file_key(raw.path, raw.data), current().encode())


def _parse(raw: RawFile, model: type[M], loaded: Loaded, cache: PlanCache | None) -> M | None:
    if raw.problem:
        loaded.findings.append(finding("file-unreadable", raw.path,
                                       t("{path} {problem}", path=raw.path, problem=raw.problem)))
        return None
    if cache is None:
        file = _fresh(raw, model)
    else:
        key = entry_key(raw)
        cache.used()
        entry = cache.files.get(key)
        restored = None if entry is None else _restore(raw, model, entry)
        if restored is None:
            restored = _fresh(raw, model)
            cache.files.put(key, _entry(restored))
        file = restored
    loaded.findings.extend(file.findings)
    if file.document is not None:
        loaded.documents[raw.path] = file.document
    item: M | None = file.item
    return item


def load_plan(raw: RawPlan, *, cache: PlanCache | None = None) -> Loaded:
    """Parse and schema-check every file of `raw`; never raises for content problems.

    With `cache`, files loaded before are taken from it and new ones added (saving is the
    caller's: `cache.save()`).
    """
    with paused_gc():
        loaded = _load_all(raw, cache)
    loaded.measure_files = [file.path for file in raw.measures]
    _examples_with_prefix(loaded)
    _quotes_for_text(loaded)
    return loaded


def _quotes_for_text(loaded: Loaded) -> None:
    """An ambiguous plain value in a text field (`title: no`) is shown the one fix that keeps
    it text — quotes — not also "or write false": the YAML scanner that found it knows no
    fields, the models do."""
    from dotool.checks.model_errors import type_at
    from dotool.store.files import ADOPTIONS_DIR, REPORTS_DIR

    models: dict[str, type[BaseModel]] = {MEASURES_DIR: Measure, ADOPTIONS_DIR: Adoption,
                                          REPORTS_DIR: Vorlage}
    for index, found in enumerate(loaded.findings):
        if found.code != "yaml-ambiguous" or not found.loc:
            continue
        model = Masterplan if found.path == MASTERPLAN else models.get(
            found.path.rpartition("/")[0])
        doc = loaded.documents.get(found.path)
        if model is None or doc is None or type_at(model, found.loc)[0] is not str:
            continue
        value: Any = doc.data
        for part in found.loc:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                value = None
        name = next((part for part in reversed(found.loc) if isinstance(part, str)), "")
        if isinstance(value, str):
            loaded.findings[index] = replace(found, hint=str(t(
                '`{name}` is text: put the value in quotes ("{text}")', name=name,
                text=value)))


def _examples_with_prefix(loaded: Loaded) -> None:
    """A malformed measure id is shown an example in the plan's own prefix (`DIG-007` where
    `id_prefix: DIG`), not the models' `M-007`: the files' findings (also from the cache) are
    worded without the masterplan; the example is put in here."""
    prefix = _id_prefix(loaded)
    if prefix == "M":
        return
    example = MEASURE_ID_EXAMPLE
    generic = str(t("for example {example}", example=example))
    own = str(t("for example {example}", example=prefix + example[example.index("-"):]))
    loaded.findings = [replace(f, hint=own) if f.hint == generic else f
                       for f in loaded.findings]


def _id_prefix(loaded: Loaded) -> str:
    """The plan's `id_prefix`, also when masterplan.yaml has an error elsewhere."""
    if loaded.masterplan is not None:
        return loaded.masterplan.id_prefix
    doc = loaded.documents.get(MASTERPLAN)
    written = doc.data.get("id_prefix") if doc is not None and isinstance(doc.data, dict) else None
    if isinstance(written, str) and re.fullmatch(ID_PREFIX_PATTERN, written):
        return written
    return "M"


def _load_all(raw: RawPlan, cache: PlanCache | None) -> Loaded:
    loaded = Loaded()
    if raw.masterplan is None:
        loaded.findings.append(finding("file-missing", MASTERPLAN,
                                       t("{path} is missing", path=MASTERPLAN)))
    else:
        loaded.masterplan = _parse(raw.masterplan, Masterplan, loaded, cache)
    for file in raw.measures:
        measure = _parse(file, Measure, loaded, cache)
        if measure is not None:
            loaded.measures.append((file.path, measure))
    for file in raw.adoptions:
        adoption = _parse(file, Adoption, loaded, cache)
        if adoption is not None:
            loaded.adoptions.append((file.path, adoption))
    for file in raw.reports:
        vorlage = _parse(file, Vorlage, loaded, cache)
        if vorlage is not None:
            loaded.vorlagen.append((file.path, vorlage))
    for stray in raw.strays:
        renamed = PurePosixPath(stray).with_suffix(".yaml").name
        loaded.findings.append(finding(
            "file-extension", stray,
            t("{path} is not read: only *.yaml files belong in this folder", path=stray),
            hint=_stray_hint(stray, renamed)))
    return loaded


#: Names of pictures, which a text shows from a folder of their own (`dotool.store.assets`).
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})


def _stray_hint(stray: str, renamed: str) -> Message:
    """Rename a measure saved as `.yml`; a picture is no plan file at all: say where it goes."""
    path = PurePosixPath(stray)
    if path.suffix.lower() not in _IMAGE_SUFFIXES:
        return t("rename it to {name}, or move it elsewhere", name=renamed)
    if str(path.parent) == MEASURES_DIR:
        return t("measures/ holds only the measures' YAML files: put pictures in a folder of "
                 "their own such as docs/ and show them in a text with "
                 "![Description](docs/{name})", name=path.name)
    return t("{folder} holds only the plan's YAML files: put pictures in a folder of their own "
             "such as docs/ and show them in a text with ![Description](docs/{name})",
             folder=f"{path.parent}/", name=path.name)
