"""Fuzzing: random byte and structure mutations of valid files through `validate` and `report`.

Whatever a file becomes — bytes flipped, cut or spliced in, or its data rebuilt with hostile
values (deep lists, huge or odd text, wrong types) — both commands answer with exit 0 or 1,
agree with each other, print no traceback, finish (the worker's timeout guards hangs) and
change nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.adversarial.helpers import Worker, assert_clear, changes, snapshot
from tests.conftest import BASE

FILES = {
    "masterplan": "masterplan/masterplan.yaml",
    "measure": "measures/M-001-termine.yaml",
    "adoption": "masterplan/adoptions/1.0.yaml",
}
SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def fuzz_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "plan"
    shutil.copytree(BASE, root)
    return root


@st.composite
def byte_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(max_size=16) | st.sampled_from(
                [b"\0", b"\xff", b"\t", b"&a ", b"*a", b"[", b"{", b"- ", b": ", b"\r", b"\xc3",
                 b"\xe2\x80\xa8", b"!!python/object:os.system ", b"---\n", b"%YAML 1.1\n"]))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 20))]
        elif action == "truncate":
            del data[at:]
        elif action == "repeat":
            data[at:at] = data[max(0, at - 40):at] * draw(st.integers(1, 50))
    return bytes(data)


HOSTILE_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["no", "0755", "12:30", "2020-13-45", "2099-H1", "",
                                           " ", "<script>x</script>", "{{ 7*7 }}", "M-001",
                                           "x" * 5000, "ä" * 100, "\u2028", "~"]))
HOSTILE_VALUES = st.recursive(
    HOSTILE_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12) | st.integers(50, 300).map(lambda depth: _nest(depth))


def _nest(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def structure_mutations(draw: st.DrawFn, original: bytes) -> bytes:
    data = yaml.safe_load(original)
    for _ in range(draw(st.integers(1, 3))):
        parent: Any = None
        node, key = data, None
        while True:  # walk down to a random node: `parent[key]` is the one to change
            keys = list(node) if isinstance(node, dict) else list(range(len(node))) \
                if isinstance(node, list) else []
            if not keys or (parent is not None and draw(st.booleans())):
                break
            parent, key = node, draw(st.sampled_from(keys))
            node = parent[key]
        if parent is None:
            data = draw(HOSTILE_VALUES)
        elif draw(st.booleans()) or not isinstance(parent, dict):
            parent[key] = draw(HOSTILE_VALUES)
        else:
            del parent[key]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _check(worker: Worker, root: Path, rel: str, data: bytes) -> None:
    target = root / rel
    original = target.read_bytes()
    target.write_bytes(data)
    try:
        before = snapshot(root)
        checked = worker.run("validate", "--root", root, cwd=root)
        assert_clear(checked, {0, 1})
        rendered = worker.run("report", "--half", "2020-H2", "--root", root, cwd=root)
        assert_clear(rendered, {0, 1})
        if checked.exit == 1:  # rendering refuses what validation rejects (warnings render)
            assert rendered.exit == 1, rendered
        assert not changes(before, snapshot(root))
    finally:
        target.write_bytes(original)


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(FILES))
def test_byte_mutations(worker: Worker, fuzz_plan: Path, kind: str) -> None:
    original = (fuzz_plan / FILES[kind]).read_bytes()

    @SETTINGS
    @given(byte_mutations(original))
    def run(data: bytes) -> None:
        _check(worker, fuzz_plan, FILES[kind], data)

    run()


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(FILES))
def test_structure_mutations(worker: Worker, fuzz_plan: Path, kind: str) -> None:
    original = (fuzz_plan / FILES[kind]).read_bytes()

    @SETTINGS
    @given(structure_mutations(original))
    def run(data: bytes) -> None:
        _check(worker, fuzz_plan, FILES[kind], data)

    run()
