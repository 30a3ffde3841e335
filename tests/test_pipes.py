"""A reader that goes away (`dotool list | head`) ends the command quietly with 141."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize("args", [("validate", "--list-rules"), ("list",),
                                  ("list", "--format", "csv"), ("show", "M-003"),
                                  ("report", "--half", "2020-H2")])
def test_a_closed_pipe_is_no_error_and_no_traceback(args: tuple[str, ...]) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "dotool", *args, "--root", str(REPO)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "100"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait() == 141, err
    assert err == ""
