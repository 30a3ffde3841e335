"""The release workflow: tag → build → the whole suite on the wheel → publish, least privilege."""

from __future__ import annotations

import yaml

from tests.conftest import REPO


def test_a_tag_builds_tests_the_published_wheel_and_publishes_by_trusted_publishing() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text("utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1).
    assert workflow[True] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert build["permissions"] == {"contents": "read"}
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert runs.index("make dist") < runs.index("GITHUB_REF_NAME") < runs.index(".ci/run")
    assert 'DOTOOL_TEST_WHEEL="$(ls "$PWD"/dist/dotool-*.whl)" bash .ci/run' in runs
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [step["uses"].split("@")[0] for step in publish["steps"]]
    assert uses == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]
    assert not any("password" in step.get("with", {}) for step in publish["steps"])
