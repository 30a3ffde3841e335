"""The benchmark's table and benchmarks/RESULTS.md: figures, targets and the machine."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

MIB = 1024 * 1024


@dataclass
class Row:
    """One line of the table: a ratio of median times, or a peak memory, and its target."""

    what: str
    times: list[float] | None
    reference: list[float] | None
    target: float | None
    note: str = ""
    memory: int | None = None

    @property
    def value(self) -> float | None:
        if self.memory is not None:
            return self.memory / MIB
        if self.times is None or self.reference is None:
            return None
        return statistics.median(self.times) / statistics.median(self.reference)

    @property
    def passed(self) -> bool | None:
        """None when there is no target or nothing was measured."""
        if self.target is None or self.value is None:
            return None
        limit = self.target / MIB if self.memory is not None else self.target
        return self.value <= limit


def _span(times: list[float]) -> str:
    return (f"{statistics.median(times) * 1000:,.0f} ms "
            f"({min(times) * 1000:,.0f}–{max(times) * 1000:,.0f})")


def table(rows: list[Row]) -> str:
    """A Markdown table (readable in a terminal too)."""
    out = ["| what | command: median (min–max) | reference: median (min–max) | result | "
           "target | |", "|---|---|---|---|---|---|"]
    for row in rows:
        if row.memory is not None:
            result = f"{row.value:,.0f} MiB"
            target = f"≤ {row.target / MIB:,.0f} MiB" if row.target else ""
            cells = [row.what, "", "", result, target]
        elif row.times is None or row.reference is None:
            cells = [row.what, row.note, "", "", f"≤ {row.target:g} ×"]
        else:
            cells = [row.what, _span(row.times), _span(row.reference), f"{row.value:.2f} ×",
                     f"≤ {row.target:g} ×" if row.target else ""]
        verdict = {True: "pass", False: "**FAIL**", None: ""}[row.passed]
        out.append("| " + " | ".join([*cells, verdict]) + " |")
    return "\n".join(out)


def machine(repo: Path) -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True, check=False).stdout.strip()
    return {"CPU": cpu, "cores": str(os.cpu_count()), "Python": platform.python_version(),
            "OS": platform.platform(), "dotool commit": commit or "unknown",
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}


def write_results(path: Path, rows: list[Row], text: str, info: dict[str, str], *, reps: int,
                  slow_reps: int, seconds: float) -> None:
    """benchmarks/RESULTS.md."""
    failed = [row.what for row in rows if row.passed is False]
    lines = [
        "# Benchmark results (`make bench`)", "",
        "Written by `make bench` (`benchmarks/run.py`); do not edit by hand.", "",
        "Generated plan: 1,000 measures, twelve halves of updates (2020-H2 … 2026-H1), a git "
        "history of 5,000 single-file edits plus one commit per half, tagged `masterplan-1.0`; "
        "and 10,000 measures for growth. Each figure is the ratio of median wall times of the "
        "command and its reference, run alternately in the same run "
        f"({reps} repetitions; check-jsonschema and the 10,000-measure rows {slow_reps}). "
        "*Cold* runs start with an empty cache folder, *warm* ones with the cache of an earlier "
        "run over the same files.", "",
        text, "",
        "**All targets met.**" if not failed else "**Missed:** " + "; ".join(failed), "",
        "## Machine", "",
        *(f"- {key}: {value}" for key, value in info.items()),
        f"- benchmark run time: {seconds:,.0f} s", "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
