"""Fixtures of the adversarial suite: a worker process per module, plans in git."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.helpers import Worker, commit_all, git
from tests.conftest import copy_base


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    """One dotool process for the module's many commands (each still guarded by a timeout)."""
    work = Worker(tmp_path_factory.mktemp("worker-cache"))
    yield work
    work.close()


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def plan_repo(tmp_path: Path) -> Path:
    """The small valid base plan, committed in a fresh git repository."""
    root = copy_base(tmp_path / "plan")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Initial plan")
    return root
