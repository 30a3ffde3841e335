"""The YAML project's own test-suite inputs: the loader answers every one with data or findings.

The corpus is copied into `tests/corpora/yaml-test-suite/` with its licence and the release it
comes from (`SOURCE.md` there); a missing or emptied copy is a failure, not a skip.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from dotool.findings import Loc
from dotool.store.yamlload import YamlDocument, load_yaml

CORPUS = Path(__file__).resolve().parent / "corpora" / "yaml-test-suite"
CORPUS_SIZE = 402  # the inputs of release data-2022-01-17

LOADER_CODES = {
    "yaml-encoding", "yaml-syntax", "yaml-multiple-documents", "yaml-empty", "yaml-alias",
    "yaml-duplicate-key", "yaml-key", "yaml-merge-key", "yaml-ambiguous", "yaml-tag",
    "yaml-too-deep",
}


def corpus_cases() -> list[Path]:
    """Every input file of the YAML test suite, sorted."""
    return sorted(CORPUS.glob("*.yaml"))


def corpus_params() -> list[Any]:
    """One pytest param per corpus case."""
    return [pytest.param(case, id=case.stem) for case in corpus_cases()]


def test_the_whole_corpus_is_in_the_repository() -> None:
    index = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))
    assert len(corpus_cases()) == len(index) == CORPUS_SIZE
    assert (CORPUS / "LICENSE").is_file() and (CORPUS / "SOURCE.md").is_file()


def _locs(data: Any, loc: Loc = ()) -> list[Loc]:
    """Every loc in `data`, the root first."""
    found = [loc]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _locs(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _locs(value, (*loc, index))
    return found


def _pyyaml_accepts(data: bytes) -> bool:
    try:
        yaml.load(data, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, TypeError, ValueError, RecursionError):
        return False
    return True


@pytest.mark.parametrize("case", corpus_params())
def test_every_case_gives_data_or_located_findings(case: Path) -> None:
    data = case.read_bytes()
    result = load_yaml(data, path=f"measures/{case.name}")
    assert result.document is not None or result.findings
    for finding in result.findings:
        assert finding.code in LOADER_CODES, finding
        assert finding.path == f"measures/{case.name}"
        assert finding.line is not None and finding.line >= 1, finding
        assert finding.col is not None and finding.col >= 1, finding
    if not _pyyaml_accepts(data):
        # Never more lenient than PyYAML: what it refuses, the loader reports.
        assert result.findings, "PyYAML refuses this case but the loader reported nothing"
    if result.document is not None:
        _assert_positions_inside(result.document)


def _assert_positions_inside(doc: YamlDocument) -> None:
    lines = len(doc.lines)
    for loc in _locs(doc.data):
        for position in (doc.locate(loc), doc.locate_key(loc)):
            assert position is not None, loc
            line, col = position
            assert 1 <= line <= lines + 1 and col >= 1, (loc, position)

