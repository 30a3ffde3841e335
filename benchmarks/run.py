"""`make bench`: every performance target as a ratio against its reference, measured in one run.

    python benchmarks/run.py [--quick] [--reps N] [--regenerate] [--only history|show|update]

Generated repositories live in benchmarks/work/ (git-ignored; reused while the generator is
unchanged). Each row's command and reference run alternately, N times each, so load from
elsewhere on the machine hits both alike; the table shows medians and min–max. Peak memory is the
`ru_maxrss` of each command's process (with its children). Writes benchmarks/RESULTS.md and exits
1 when a target fails.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import Row, machine, table, write_results

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
BIN = Path(sys.executable).parent
PY = str(BIN / "python")
DOTOOL = str(BIN / "dotool")
MEASURES, BIG, HALVES, EDITS, SEED = 1000, 10_000, 12, 5000, 1
#: Every format of the two documents: PDF and HTML are compared, all must stay within memory.
DOCUMENT_FORMATS = ("html", "pdf", "docx", "md")
MIB = 1024 * 1024
# typer's own coercion imports pydantic; dotool avoids it — give both the same bytecode state.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull, NO_COLOR="1")

TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
PARSE = """import sys, yaml
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""


def run(argv: list[str], *, cwd: Path, cache: Path | None = None,
        stdout: int | None = subprocess.DEVNULL) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in bytes, exit code) of one process, its children included."""
    env = dict(ENV)
    env["DOTOOL_CACHE_DIR"] = str(cache or Path(tempfile.mkdtemp(dir=WORK / "caches")))
    peak = WORK / "caches" / "peak"
    if TIME:  # GNU time forks the command from a small process: its maxrss is the command's
        argv = [TIME, "-f", "%M", "-o", str(peak), *argv]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if cache is None:
        shutil.rmtree(env["DOTOOL_CACHE_DIR"], ignore_errors=True)
    # Without GNU time, a forked child counts this process's size too: an upper bound.
    rss = int(peak.read_text().split()[-1]) if TIME else usage.ru_maxrss
    return wall, rss * 1024, proc.returncode


def interleaved(cases: dict[str, list[tuple[list[str], Path, Path | None]]], reps: int
                ) -> dict[str, tuple[list[float], int]]:
    """Run every case `reps` times, alternating; a case may be several commands (timed as a
    sum). Returns the times and the peak memory of each case; a failing command stops the run."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    peak = dict.fromkeys(cases, 0)
    for _ in range(reps):
        for name, steps in cases.items():
            total = 0.0
            for argv, cwd, cache in steps:
                wall, rss, code = run(argv, cwd=cwd, cache=cache)
                if code not in (0, 1) or (code == 1 and "validate" not in argv):
                    raise SystemExit(f"{name}: {' '.join(argv)} exited with {code}")
                total += wall
                peak[name] = max(peak[name], rss)
            times[name].append(total)
    return {name: (times[name], peak[name]) for name in cases}


def prepare(regenerate: bool, *, big_plan: bool = True) -> tuple[Path, Path, str, str]:
    """The generated repositories (1,000 measures with git history, 10,000 without)."""
    sys.path.insert(0, str(HERE))
    from generate import followed, generate, measure_path

    stamp = hashlib.sha256(b"".join((HERE / n).read_bytes() for n in
                                    ("generate.py", "measure_text.py"))).hexdigest()[:12]
    small, big = WORK / f"plan-{MEASURES}-{stamp}", WORK / f"plan-{BIG}-{stamp}"
    for target in (small, big):
        if regenerate and target.exists():
            shutil.rmtree(target)
    if not small.exists():
        print(f"generating {small.name} (git history of {EDITS:,} edits) …", flush=True)
        generate(small, measures=MEASURES, n_halves=HALVES, seed=SEED, git=True, edits=EDITS)
    if big_plan and not big.exists():
        print(f"generating {big.name} …", flush=True)
        generate(big, measures=BIG, n_halves=HALVES, seed=SEED)
    from generate import plan_specs

    follow = followed(plan_specs(MEASURES, HALVES, SEED, 0.02))
    return small, big, follow.id, measure_path(follow, renamed=True)


def tooling() -> None:
    """Bytecode for dotool (as an installed package has it) and check-jsonschema (bench only)."""
    subprocess.run([PY, "-m", "compileall", "-q", str(REPO / "src" / "dotool")], check=True,
                   stdout=subprocess.DEVNULL, env=ENV)
    if not (BIN / "check-jsonschema").exists():
        print("installing check-jsonschema (for the benchmark only) …", flush=True)
        subprocess.run([PY, "-m", "pip", "install", "--quiet", "check-jsonschema"], check=True)


def collection(plan: Path) -> tuple[str, Path, list[str]]:
    """The half being collected now (the generated plan's updates end with the half before),
    and workbooks for it filled by every unit (for `collect apply`, made once, outside the
    timing). Returns the half, the folder `collect` writes to when timed, and the filled files."""
    from datetime import date

    from collect_fill import fill

    today = date.today()
    half = f"{today.year}-H{1 if today.month <= 6 else 2}"
    filled = WORK / "caches" / "collect-filled"
    subprocess.run([DOTOOL, "collect", "--half", half, "-o", str(filled), "--force"], cwd=plan,
                   check=True, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    fill(filled, date(today.year, 1 if today.month <= 6 else 7, 1))
    return half, WORK / "caches" / "collect-out", sorted(str(p) for p in filled.glob("*.xlsx"))


def has_command(name: str) -> bool:
    done = subprocess.run([DOTOOL, name, "--help"], capture_output=True, env=ENV, check=False)
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (about 2 min)")
    parser.add_argument("--reps", type=int, help="repetitions per row (default 7, quick 3)")
    parser.add_argument("--regenerate", action="store_true", help="generate the plans anew")
    parser.add_argument("--only", choices=["history", "show", "update"], help="only the rows "
                        "of one command and their references (RESULTS.md is left as it is)")
    args = parser.parse_args()
    reps = args.reps or (3 if args.quick else 7)
    slow_reps = 2 if args.quick else 3  # check-jsonschema and 10,000 measures: seconds a run
    (WORK / "caches").mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    small, big, follow_id, follow_file = prepare(args.regenerate, big_plan=not args.only)
    tooling()
    files = [str(p) for p in sorted((small / "measures").glob("*.yaml"))]
    files.append(str(small / "masterplan" / "masterplan.yaml"))
    warm = Path(tempfile.mkdtemp(dir=WORK / "caches"))

    def fill_warm_cache() -> None:  # again before each group: a code change makes it stale
        for plan in (small, big):
            if plan.exists():  # --only generates no 10,000-measure plan
                run([DOTOOL, "validate"], cwd=plan, cache=warm)
        if has_command("history"):  # history of an unchanged file serves from the cache
            run([DOTOOL, "history", follow_id], cwd=small, cache=warm)
        # show of an unchanged measure (and plan) serves from the cache too
        run([DOTOOL, "show", follow_id], cwd=small, cache=warm)

    def c(*argv: str, cwd: Path = small, cache: Path | None = None
          ) -> tuple[list[str], Path, Path | None]:
        return list(argv), cwd, cache

    print(f"measuring ({reps} repetitions) …", flush=True)
    cold = [c(DOTOOL, "validate")]
    parse = [c(PY, "-c", PARSE, *files)]
    main_cases = {
        "version": [c(DOTOOL, "--version")],
        "import typer": [c(PY, "-c", "import typer")],
        "validate cold": cold,
        "CSafeLoader parse": parse,
        "validate warm": [c(DOTOOL, "validate", cache=warm)],
    }
    rendering = has_command("report")
    if rendering:
        main_cases["report"] = [c(DOTOOL, "report", "--half", "2026-H1", "-o",
                                  str(WORK / "caches" / "r.md"))]
    if has_command("diff"):
        main_cases["diff"] = [c(DOTOOL, "diff", "masterplan-1.0", "HEAD")]
    if has_command("collect"):
        # Workbooks out, then every filled one back in (--dry-run: all checks and the whole
        # plan validated with the new values, the reused plan left as it is).
        half, out, books = collection(small)
        main_cases["collect + apply"] = [
            c(DOTOOL, "collect", "--half", half, "-o", str(out), "--force"),
            c(DOTOOL, "collect", "apply", "--dry-run", *books)]
    if has_command("history"):
        main_cases["history"] = [c(DOTOOL, "history", follow_id, cache=warm)]
        main_cases["history cold"] = [c(DOTOOL, "history", follow_id)]
        main_cases["version + git log"] = [c(DOTOOL, "--version"), c(
            "git", "log", "--follow", "--name-status", "--", follow_file)]
    main_cases["show"] = [c(DOTOOL, "show", follow_id, cache=warm)]
    main_cases["show cold"] = [c(DOTOOL, "show", follow_id)]
    # One new update of the half being collected, checked and not written (--dry-run), the
    # other measures' facts from a warm cache.
    today = time.localtime()
    now = f"{today.tm_year}-H{1 if today.tm_mon <= 6 else 2}"
    main_cases["update"] = [c(DOTOOL, "update", follow_id, "--half", now, "--status",
                              "in_progress", "--rag", "green", "--progress", "50", "--text",
                              "Benchmark", "--dry-run", cache=warm)]
    if args.only:
        only = {"history": ("history", "history cold", "version + git log"),
                "show": ("show", "show cold", "validate warm"),
                "update": ("update", "validate warm")}[args.only]
        main_cases = {k: v for k, v in main_cases.items() if k in only}
    fill_warm_cache()
    got = interleaved(main_cases, reps)
    if args.only:
        rows = [row for row in ratio_rows(got, follow_id) if row.times is not None]
        print(table(rows))
        return 1 if any(row.passed is False for row in rows) else 0
    print(f"measuring check-jsonschema and {BIG:,} measures ({slow_reps} repetitions) …",
          flush=True)
    fill_warm_cache()
    got.update(interleaved({
        "validate cold ": cold,
        "check-jsonschema": [c(str(BIN / "check-jsonschema"), "--schemafile",
                               str(REPO / "schema" / "measure.schema.json"), *files[:-1])],
        f"validate cold {BIG:,}": [c(DOTOOL, "validate", cwd=big)],
        f"validate warm {BIG:,}": [c(DOTOOL, "validate", cwd=big, cache=warm)],
    }, slow_reps))
    if rendering:
        print(f"measuring the documents: report and masterplan as HTML, PDF, DOCX, Markdown "
              f"({slow_reps} repetitions) …", flush=True)
        fill_warm_cache()
        documents = {}
        for command, out in (("report", "report"), ("masterplan", "masterplan")):
            for ext in DOCUMENT_FORMATS:
                args = ["report", "--half", "2026-H1"] if command == "report" else ["masterplan"]
                documents[f"{command} {ext}"] = [c(DOTOOL, *args, "-o",
                                                   str(WORK / "caches" / f"{out}.{ext}"),
                                                   cache=warm)]
        got.update(interleaved(documents, slow_reps))
        # Typst alone on as many pages of plain text: how much of a PDF's peak is the engine's.
        floor = {out: pages(WORK / "caches" / f"{out}.pdf") for out in ("report", "masterplan")}
        got.update(interleaved({f"typst floor {name}": [c(PY, str(HERE / "typst_floor.py"),
                                                           str(count), str(WORK / "caches" / (
                                                               f"floor-{name}.pdf")))]
                                for name, count in floor.items()}, 1))
        for name, count in floor.items():  # as many pages as the document, checked
            if pages(WORK / "caches" / f"floor-{name}.pdf") != count:
                raise SystemExit(f"typst_floor.py made no PDF of {count} pages")
    rows = build_rows(got, follow_id, floor if rendering else {})
    text = table(rows)
    print(text)
    write_results(HERE / "RESULTS.md", rows, text, machine(REPO), reps=reps, slow_reps=slow_reps,
                  seconds=time.perf_counter() - started)
    shutil.rmtree(WORK / "caches", ignore_errors=True)
    return 1 if any(row.passed is False for row in rows) else 0


def ratio_rows(got: dict[str, tuple[list[float], int]], follow_id: str) -> list[Row]:
    """The rows of the timing targets (a missing command is "not available")."""
    def ratio(what: str, command: str, reference: str, target: float | None,
              runs: int = 1) -> Row:
        """`command` against `runs` runs of `reference` (the sum of their times)."""
        if command not in got or reference not in got:  # --only measures a few rows
            return Row(what, None, None, target, note="not available (command missing)")
        return Row(what, got[command][0], [runs * t for t in got[reference][0]], target)

    big = f"validate cold {BIG:,}"
    return [
        ratio("dotool --version / python -c 'import typer'", "version", "import typer", 1.3),
        ratio("validate cold / CSafeLoader parse", "validate cold", "CSafeLoader parse", 1.5),
        ratio("validate cold / check-jsonschema", "validate cold ", "check-jsonschema", 0.1),
        ratio("validate warm / CSafeLoader parse", "validate warm", "CSafeLoader parse", 0.3),
        ratio("report --half 2026-H1 -o r.md / validate cold", "report", "validate cold", 2.0),
        # Both sides of a diff are parsed: its reference is two cold validates.
        ratio("diff masterplan-1.0 HEAD / two validate cold", "diff", "validate cold", 1.1,
              runs=2),
        ratio("collect + collect apply --dry-run (every row filled) / validate cold",
              "collect + apply", "validate cold", 5.0),
        ratio(f"history {follow_id} (5,000 commits) / (--version + git log --follow)",
              "history", "version + git log", 2.0),
        # Informative: the first history of a file (loaded through the models, then cached).
        ratio(f"history {follow_id}, cold cache / (--version + git log --follow)",
              "history cold", "version + git log", None),
        # One measure with its state: starts like a warm validate of the whole plan.
        ratio(f"show {follow_id} / validate warm", "show", "validate warm", 1.0),
        # Informative: the first show (the plan's measures loaded for the latest half).
        ratio(f"show {follow_id}, cold cache / validate warm", "show cold", "validate warm",
              None),
        # Informative: update loads only the changed measure (the others' facts from the
        # cache, matched by `stat`); what is left is the command itself and the models'
        # import, which a check of new bytes against the schema needs.
        ratio(f"update {follow_id} --dry-run / validate warm", "update", "validate warm", None),
        # Linear growth is a ratio of 10; allow 10 % for noise.
        ratio(f"validate cold: {BIG:,} / 1,000 measures", big, "validate cold ", 11.0),
        ratio(f"validate warm: {BIG:,} / 1,000 measures", f"validate warm {BIG:,}",
              "validate warm", 11.0),
        # The same document as PDF (Typst) and as HTML, both from a warm cache.
        ratio("report --half 2026-H1 -o r.pdf / -o r.html", "report pdf", "report html", 1.5),
        ratio("masterplan -o m.pdf / -o m.html", "masterplan pdf", "masterplan html", 1.5),
    ]


def pages(pdf: Path) -> int:
    """The page count of `pdf`."""
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def build_rows(got: dict[str, tuple[list[float], int]], follow_id: str,
               floor: dict[str, int]) -> list[Row]:
    """The table of the performance targets: the timings, then peak memory; `floor` is the
    page count of each PDF, which Typst alone was given as plain text."""
    big = f"validate cold {BIG:,}"
    rows = ratio_rows(got, follow_id)
    dotool = [name for name in ("version", "validate cold", "validate warm", "report", "diff",
                                "history", "history cold", "show", "show cold", "update",
                                "collect + apply") if name in got]
    worst = max(dotool, key=lambda name: got[name][1])
    rows.append(Row(f"peak memory, any command at 1,000 measures (max: {worst})", None, None,
                    200 * MIB, memory=got[worst][1]))
    # Every document command, each format, against the same limit.
    for name in (f"{d} {ext}" for d in ("report", "masterplan") for ext in DOCUMENT_FORMATS):
        if name in got:
            rows.append(Row(f"peak memory, {name.split()[0]} -o *.{name.split()[1]}", None,
                            None, 200 * MIB, memory=got[name][1]))
    for document, count in floor.items():
        rows.append(Row(f"peak memory, Typst alone: {count} pages of plain text, as many as "
                        f"{document} -o *.pdf", None, None, None,
                        memory=got[f"typst floor {document}"][1]))
    for name in (big, f"validate warm {BIG:,}"):
        rows.append(Row(f"peak memory, {name}", None, None, None, memory=got[name][1]))
    for name in dotool:
        rows.append(Row(f"peak memory, {name.strip()}", None, None, None, memory=got[name][1]))
    return rows


if __name__ == "__main__":
    sys.exit(main())
