"""The outcome of `make mutate` per package: `python tests/mutation_report.py [--survivors]`;
`--not-run [PREFIX]` lists the mutants (of PREFIX, e.g. `dotool.checks`) that have no result.

Reads mutmut's result files (mutants/**/*.meta). The kill rate counts a timeout as killed (the
mutant made the tests hang: they noticed) and a mutant no fast test reaches as survived. A survivor
named in tests/mutation_equivalents.txt (with the reason it cannot change what a user sees) is
counted as explained: left out of `--survivors` and, as mutation scores do with equivalent
mutants, of the rate (killed / (killed + survived)). A name listed there that is killed is
reported, so the list does not outlive the code it explains.
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


def _explained() -> set[str]:
    """The mutant names of tests/mutation_equivalents.txt (`NAME  reason`, `#` comments)."""
    if not EQUIVALENTS.exists():
        return set()
    lines = EQUIVALENTS.read_text(encoding="utf-8").splitlines()
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def main(argv: list[str]) -> int:
    """Print the kill rate per package (and, with --survivors, every unexplained survivor)."""
    explained = _explained()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: list[str] = []
    stale: list[str] = []
    not_run: list[str] = []
    for meta in sorted(Path("mutants").rglob("*.meta")):
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            outcome = ("killed" if code in KILLED else "survived" if code in SURVIVED
                       else "not run" if code is None else "other")
            if outcome == "survived" and name in explained:
                outcome = "explained"
            elif name in explained and outcome == "killed":
                stale.append(name)
            counts[_package(name)][outcome] += 1
            if outcome == "survived":
                survivors.append(name)
            elif outcome == "not run":
                not_run.append(name)
    if "--not-run" in argv:
        # Only the names, for `mutmut run`: a pattern given to it re-runs every mutant it
        # matches, those with a result too; exact names continue where a run stopped.
        prefix = argv[argv.index("--not-run") + 1] if len(argv) > argv.index("--not-run") + 1 \
            else ""
        print("\n".join(n for n in not_run if n.startswith(prefix)))
        return 0
    print(f"{'package':<26}{'killed':>8}{'survived':>10}{'explained':>11}{'not run':>9}"
          f"{'rate':>8}")
    for package in sorted(counts):
        c = counts[package]
        done = c["killed"] + c["survived"]
        rate = f"{100 * c['killed'] / done:.1f}%" if done else "-"
        print(f"{package:<26}{c['killed']:>8}{c['survived']:>10}{c['explained']:>11}"
              f"{c['not run']:>9}{rate:>8}")
    if stale:
        print("\n".join(["", f"killed, but listed in {EQUIVALENTS.name}:", *stale]))
    if "--survivors" in argv:
        print("\n".join(["", "unexplained surviving mutants (`mutmut show NAME`):",
                         *survivors]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
