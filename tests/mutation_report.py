"""The outcome of `make mutate` per package: `python tests/mutation_report.py [--survivors]`.

Reads mutmut's result files (mutants/**/*.meta). The kill rate counts a timeout as killed (the
mutant made the tests hang: they noticed) and a mutant no fast test reaches as survived. A
survivor listed in tests/mutation_equivalents.txt (it cannot change behaviour, for the reason
given there) is counted as explained; the rate is still killed / all that ran.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED = {1, 3, 24, -24, 152, 255, 36}
SURVIVED = {0, 5, 33}  # 5 and 33: no test reaches the mutated code
EQUIVALENTS = Path(__file__).with_name("mutation_equivalents.txt")
PACKAGES = ("dotool.model.projection", "dotool.model", "dotool.store", "dotool.checks",
            "dotool.findings")


def _package(name: str) -> str:
    return next((p for p in PACKAGES if name.startswith(p + ".")), "other")


def _equivalents() -> set[str]:
    lines = EQUIVALENTS.read_text(encoding="utf-8").splitlines() if EQUIVALENTS.exists() else []
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def main(argv: list[str]) -> int:
    """Print the kill rate per package (and, with --survivors, every unexplained survivor)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: list[str] = []
    listed = _equivalents()
    outcomes: dict[str, str] = {}
    for meta in sorted(Path("mutants").rglob("*.meta")):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            outcome = ("killed" if code in KILLED else "survived" if code in SURVIVED
                       else "not run" if code is None else "other")
            outcomes[name] = outcome
            if outcome == "survived" and name in listed:
                outcome = "explained"
            counts[_package(name)][outcome] += 1
            if outcome == "survived":
                survivors.append(name)
    print(f"{'package':<26}{'killed':>8}{'survived':>10}{'explained':>11}{'not run':>9}"
          f"{'rate':>8}")
    for package in sorted(counts):
        c = counts[package]
        done = c["killed"] + c["survived"] + c["explained"]
        rate = f"{100 * c['killed'] / done:.1f}%" if done else "-"
        print(f"{package:<26}{c['killed']:>8}{c['survived']:>10}{c['explained']:>11}"
              f"{c['not run']:>9}{rate:>8}")
    if "--survivors" in argv:
        print("\n".join(["", "surviving mutants (`mutmut show NAME`):", *survivors]))
    # A listed name mutmut no longer has, or one the tests now kill, is a stale line.
    stale = sorted(n for n in listed if outcomes.get(n) not in ("survived", "not run"))
    if stale:
        print("\n".join(["", f"not surviving, remove from {EQUIVALENTS.name}:", *stale]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
