"""Every command, on plans at the limits, stays within a time and a memory bound.

The plans (`limits.py`): a measure of 1 MiB at every limit of lists and texts, an image at its
size limit shown 150 times, 1 MiB of some 50,000 findings, one line of 1 MiB. Each command runs
as its own process (two at a time, on two cores); its wall time and peak resident memory
(`wait4`) must stay within the bound. The bound is a budget far above the measured figures
(docs/THREAT-MODEL.md), not a benchmark: benchmarks live in benchmarks/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.adversarial.helpers import env
from tests.conftest import copy_base

#: Every command on every plan at the limits stays within these (measured on two cores, well
#: below: see docs/THREAT-MODEL.md). A hang guard and a budget, not a benchmark.
TIME_BOUND = 90  # seconds
MEMORY_BOUND = 400  # MiB, peak resident memory of the process
VALID_COMMANDS = [("validate", "--no-cache"), ("validate", "--format", "json"),
                  ("validate", "--format", "github"), ("list",), ("show", "M-003"),
                  ("history", "M-003"), ("diff", "HEAD~1"), ("export",),
                  ("export", "--format", "csv", "-o", "{out}/csv"),
                  ("report", "--half", "2021-H1"), ("report", "--half", "2021-H1", "-o",
                                                    "{out}/r.html"),
                  ("report", "--half", "2021-H1", "-o", "{out}/r.docx"),
                  ("report", "--half", "2021-H1", "-o", "{out}/r.pdf"),
                  ("masterplan", "-o", "{out}/m.md"), ("masterplan", "-o", "{out}/m.docx"),
                  ("masterplan", "-o", "{out}/m.pdf"), ("site", "-o", "{out}/site"),
                  ("update", "M-003", "--half", "{last}", "--status", "ongoing", "--rag",
                   "green", "--text", "Neu.", "--dry-run"),
                  ("add-measure", "--no-input", "--title", "Neu", "--field", "rathaus",
                   "--scope", "internal", "--kind", "project", "--lead", "a", "--summary",
                   "s", "--dry-run"),
                  ("adopt", "9.0", "--date", "2022-01-01", "--resolution", "R")]
INVALID_COMMANDS = [("validate", "--no-cache"), ("validate", "--format", "github"),
                    ("report", "--half", "2021-H1", "-o", "{out}/r.pdf"),
                    ("site", "-o", "{out}/site"), ("masterplan", "--at", "HEAD")]


#: Starts the command from a small process of its own and writes the command's peak to a file:
#: a process started straight from pytest inherits pytest's own peak at `exec` (Linux keeps the
#: larger of the old and new image's), which after a test that set a PDF in this process is
#: hundreds of MiB that the command never used.
_LAUNCH = ("import os, subprocess, sys\n"
           "proc = subprocess.Popen(sys.argv[2:])\n"
           "_, status, usage = os.wait4(proc.pid, 0)\n"
           "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
           "sys.exit(os.waitstatus_to_exitcode(status))\n")


def _measured(args: list[str], root: Path, cache: Path) -> tuple[float, int, int, str]:
    """(seconds, peak MiB, exit code, stderr) of one dotool process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.TemporaryDirectory() as scratch:
        peak = Path(scratch) / "peak"
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", _LAUNCH, str(peak), sys.executable, "-m",
                               "dotool", *args, "--root", str(root)],
                              cwd=root, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                              env=env(cache, DOTOOL_TODAY="2022-06-01"), check=False)
        elapsed = time.monotonic() - start
        err.seek(0)
        return elapsed, int(peak.read_text()) // 1024, proc.returncode, \
            err.read().decode("utf-8", "replace")


def _limit_plan(base: Path, shape: str) -> Path:
    from tests.adversarial.helpers import commit_all, git
    from tests.adversarial.limits import MEASURE, SHAPES, image_shape

    root = copy_base(base / shape)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Initial plan")
    if shape == "image":
        image_shape(root)
    else:
        (root / MEASURE).write_bytes(SHAPES[shape]())
    commit_all(root, f"A measure at the limits: {shape}")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("shape", ["document", "image", "many-findings", "long-line"])
def test_every_command_stays_within_time_and_memory_at_the_limits(tmp_path: Path,
                                                                  shape: str) -> None:
    root = _limit_plan(tmp_path, shape)
    valid = shape in ("document", "image")
    commands = VALID_COMMANDS if valid else INVALID_COMMANDS
    out = tmp_path / "out"

    def one(index: int) -> tuple[str, float, int, int, str]:
        last = "1969-H2" if shape == "document" else "2021-H1"  # the measure's last update
        args = [a.format(out=out, last=last) for a in commands[index]]
        seconds, mib, code, err = _measured(args, root, tmp_path / f"cache{index}")
        return " ".join(a.replace(str(out), "OUT") for a in args[:5]), seconds, mib, code, err

    with ThreadPoolExecutor(max_workers=2) as pool:  # two cores: half the wall time
        results = list(pool.map(one, range(len(commands))))
    for name, seconds, mib, code, err in results:
        assert code in ((0,) if valid else (1,)), (name, code, err)
        assert "internal error" not in err and "Traceback" not in err, (name, err)
        assert seconds <= TIME_BOUND, (name, seconds)
        assert mib <= MEMORY_BOUND, (name, mib)
    if os.environ.get("DOTOOL_SHOW_BOUNDS"):  # for the record (docs/THREAT-MODEL.md)
        for name, seconds, mib, code, _ in results:
            print(f"{shape:14} {name:40} {seconds:6.1f} s {mib:5d} MiB exit {code}")


def test_a_command_is_measured_at_its_own_size_not_pytests(tmp_path: Path) -> None:
    """After pytest itself has grown (a PDF set in this process takes hundreds of MiB), a small
    command still measures small: the bound above is about dotool, not about its test run."""
    ballast = bytearray(256 * 1024 * 1024)
    for page in range(0, len(ballast), 4096):  # touched, so resident
        ballast[page] = 1
    _seconds, mib, code, _err = _measured(["--version"], tmp_path, tmp_path / "cache")
    del ballast
    assert code == 2 and mib < 128, (code, mib)  # 2: `--version` takes no `--root`
