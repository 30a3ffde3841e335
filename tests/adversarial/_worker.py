"""A long-lived dotool process for the adversarial suite: one JSON request a line on stdin.

Starting Python and dotool costs more than most commands take, and the suite runs hundreds of
them; this worker runs each request in-process (`CliRunner`) and answers with one JSON line, so
the test side can still guard every command with a timeout on a real process (`Worker.run`) and
kill it when one hangs. Request: {"argv": [...], "cwd": "..."}; answer: {"exit", "stdout",
"stderr"}.
"""

from __future__ import annotations

import json
import os
import sys


def main() -> None:
    from typer.testing import CliRunner

    from dotool.cli.main import app

    runner = CliRunner()
    for line in sys.stdin:
        request = json.loads(line)
        os.chdir(request["cwd"])
        outcome = runner.invoke(app, request["argv"], catch_exceptions=True)
        crashed = outcome.exception is not None and not isinstance(outcome.exception, SystemExit)
        stderr = outcome.stderr
        if crashed:  # escaped the error boundary: show it like Python would
            import traceback

            stderr += "Traceback (escaped the error boundary)\n" + "".join(
                traceback.format_exception(outcome.exception))
        sys.stdout.write(json.dumps({"exit": outcome.exit_code, "stdout": outcome.stdout,
                                     "stderr": stderr}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
