"""Every YAML test-suite input, placed as a measure file: exit 1, a located message, no crash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_base
from tests.test_yaml_corpus import corpus_params


@pytest.fixture(scope="module")
def plan_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_base(tmp_path_factory.mktemp("corpus") / "plan")


@pytest.mark.slow
@pytest.mark.parametrize("case", corpus_params())
def test_corpus_case_is_refused_with_a_located_message(case: Path, plan_template: Path,
                                                       tmp_path: Path, run_cli) -> None:
    root = tmp_path / "plan"
    shutil.copytree(plan_template, root)
    target = root / "measures" / "M-004-corpus.yaml"
    shutil.copyfile(case, target)
    before = target.read_bytes()
    result = run_cli("validate", "--root", root, "--format", "json", exit_code=1)
    findings = json.loads(result.stdout)["findings"]
    mine = [f for f in findings if f["path"] == "measures/M-004-corpus.yaml"]
    assert mine, result
    # Located: every finding about this file has a line, except those about the whole file.
    whole_file = {"yaml-empty", "file-too-large", "schema-not-mapping"}
    assert all(f["message"] and (f["line"] or f["code"] in whole_file) for f in mine), mine
    assert target.read_bytes() == before
