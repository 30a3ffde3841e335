"""Fixtures of the rendering tests: the sample plan loaded once, a fixed "Stand" date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BASE, REPO

DATA_DATE = date(2021, 1, 15)


@pytest.fixture(scope="session")
def sample_plan():  # type: ignore[no-untyped-def]
    """The bundled Winsen (Luhe) sample, validated."""
    from dotool.checks.run import load_valid_plan

    return load_valid_plan(REPO)


@pytest.fixture(scope="session")
def base_plan():  # type: ignore[no-untyped-def]
    """The small base plan of tests/cases/base, validated."""
    from dotool.checks.run import load_valid_plan

    return load_valid_plan(BASE)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def golden_path(name: str) -> Path:
    return REPO / "tests" / "golden" / name


# The libraries whose formatting is part of a golden file: numbers and dates (Babel), the
# Markdown of text fields (markdown-it-py), the templates (Jinja2), the SVG charts (matplotlib).
FORMATTING_LIBRARIES = ("babel", "markdown-it-py", "jinja2", "matplotlib")


def golden_mismatch(name: str) -> str:
    """The failure message of a golden comparison: which library versions the file was made
    with (the lock file) and which are installed, so a difference that comes from a library
    rather than from dotool says so."""
    import re
    from importlib.metadata import version

    lock = (REPO / "requirements" / "dev.txt").read_text(encoding="utf-8")
    lines = []
    for lib in FORMATTING_LIBRARIES:
        found = re.search(rf"^{re.escape(lib)}==([^ \\\n]+)", lock, re.M)
        locked = found.group(1) if found else "?"
        installed = version(lib)
        mark = "" if installed == locked else "   <-- not the locked version"
        lines.append(f"  {lib}: locked {locked}, installed {installed}{mark}")
    return (f"{name} differs from the output. Golden files are made with the locked versions of "
            "the libraries that format them (requirements/dev.txt):\n" + "\n".join(lines) +
            "\nInstall the lock (`make install`) if a version differs; otherwise review the "
            "change and run `pytest --update-golden`.")


@contextmanager
def typeset_calls() -> Iterator[list[tuple[str, dict[str, bytes]]]]:
    """What the PDFs made inside hand Typst: each one's source and files (the charts drawn
    meanwhile among them), caught on the way."""
    from dotool.render import pdf

    seen: list[tuple[str, dict[str, bytes]]] = []
    real = pdf.typeset

    def spy(source: str, files: dict[str, bytes], meta: Any, drawings: Any = None) -> bytes:
        seen.append((source, {**files, **(drawings.draw() if drawings else {})}))
        return real(source, files, meta, drawings)

    pdf.typeset = spy  # type: ignore[assignment]
    try:
        yield seen
    finally:
        pdf.typeset = real  # type: ignore[assignment]
