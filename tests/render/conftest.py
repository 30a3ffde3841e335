"""Fixtures of the rendering tests: the sample plan loaded once, a fixed "Stand" date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import BASE, REPO

STAND = date(2021, 1, 15)


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
