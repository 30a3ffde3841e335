"""The patterns of keys, ids, versions and dates are defined once (`dotool.model.patterns`):
the models, their JSON Schemas and the commands that write files all use those."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest

from dotool.model import patterns
from tests.conftest import REPO


def _pattern(annotated: Any) -> str:
    """The `pattern` of the StringConstraints in an `Annotated[str, ...]`."""
    found = [m.pattern for m in annotated.__metadata__ if getattr(m, "pattern", None)]
    assert len(found) == 1
    return str(found[0])


def test_the_models_check_with_the_patterns() -> None:
    from dotool.model import adoption, dates, masterplan, measure

    assert _pattern(measure.MeasureId) == f"^{patterns.MEASURE_ID_PATTERN}$"
    assert _pattern(masterplan.Key) == f"^{patterns.KEY_PATTERN}$"
    assert _pattern(masterplan.IdPrefix) == f"^{patterns.ID_PREFIX_PATTERN}$"
    assert _pattern(adoption.Version) == f"^{patterns.VERSION_PATTERN}$"
    assert dates.Half.__get_pydantic_json_schema__(None, None)["pattern"] \
        == patterns.HALF_PATTERN  # type: ignore[arg-type]


def test_the_commands_check_with_the_same_patterns() -> None:
    from dotool.authoring import adopt, checking, new_measure, update

    # update's --replanned-end and add-measure's --start/--end go through one check, which
    # reads the model's pattern.
    assert update.partial_date is checking.partial_date is new_measure.partial_date
    assert checking.PARTIAL_PATTERN is patterns.PARTIAL_PATTERN
    assert update._KPI.pattern == f"^({patterns.KEY_PATTERN})=(.+)$"
    assert adopt._VERSION.pattern == f"^{patterns.VERSION_PATTERN}$"


#: What a retyped model pattern looks like (a measure id, a key, a version, a half, a date).
RETYPED = re.compile(r"\[A-Z\]\[A-Z0-9\]|\[a-z\]\[a-z0-9_-\]|\[0-9\]\+\(\\\.|-H\(?\[12\]|"
                     r"\\d\{4\}-\\d\{2\}")


def test_no_command_retypes_a_model_pattern() -> None:
    found = []
    for package in ("authoring", "collect", "cli"):
        for path in sorted((REPO / "src" / "dotool" / package).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if RETYPED.search(line):
                    found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not found, "import it from dotool.model.patterns:\n" + "\n".join(found)


@pytest.mark.parametrize("line", [r're.fullmatch(r"[A-Z][A-Z0-9]*-[0-9]{3,}", x)',
                                  r're.compile(r"^\d{4}-\d{2}(-\d{2})?$")',
                                  r're.compile(r"^[0-9]+(\.[0-9]+)*$")',
                                  r're.compile(r"^(\d{4})-H([12])$")'])
def test_the_check_finds_a_retyped_pattern(line: str) -> None:
    assert RETYPED.search(line)


def test_the_patterns_import_no_pydantic() -> None:
    code = "import sys, dotool.model.patterns; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
