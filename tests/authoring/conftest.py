"""Git identity for commands that write to git (tags), without the user's configuration."""

from __future__ import annotations

import pytest

from tests.conftest import GIT_ENV


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2021-02-01T12:00:00+01:00")
