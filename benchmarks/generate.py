"""Synthetic masterplan repositories for `make bench`, deterministic from a seed.

    python benchmarks/generate.py DIR --measures 1000 --halves 12 [--git] [--edits 5000]

Every measure is a realistic file of 60–100 lines (summary, budget, KPIs, milestones, council
papers, one update per half while it runs). With `--git` the plan gets a history written with
one `git fast-import` stream: the adopted plan (tagged `masterplan-1.0`), one commit per half
adding that half's updates, and `--edits` small commits touching single measure files in between
(one measure is renamed half-way, so `git log --follow` has a rename to follow).
The last half is the one before the half of `--today`, so the clock rule of `validate` holds.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from measure_text import FIELDS, GOALS, masterplan_yaml, measure_yaml

ADOPTED = date(2020, 9, 24)
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull, "LC_ALL": "C"}


@dataclass
class Spec:
    """One generated measure: everything `measure_yaml` renders, decided once from the seed."""

    index: int
    id: str
    slug: str
    rng_seed: str
    start: int | None  # half index of the start; None: not yet scheduled
    updates: list[dict[str, object]] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)


def halves(count: int, today: date) -> list[tuple[int, int]]:
    """The `count` halves ending with the last one finished before `today`, oldest first."""
    year, number = today.year, 1 if today.month <= 6 else 2
    out: list[tuple[int, int]] = []
    for _ in range(count):
        year, number = (year, 1) if number == 2 else (year - 1, 2)
        out.append((year, number))
    return out[::-1]


def plan_specs(measures: int, n_halves: int, seed: int, warn_share: float) -> list[Spec]:
    """Decide the life of every measure: start, updates, statuses (valid by construction)."""
    width = max(3, len(str(measures)))
    specs = []
    for i in range(1, measures + 1):
        rng = random.Random(f"{seed}-{i}")
        unscheduled = rng.random() < 0.05
        start = None if unscheduled else (0 if rng.random() < 0.4 else rng.randrange(n_halves))
        spec = Spec(i, f"M-{i:0{width}d}", f"massnahme-{i}", f"{seed}-{i}-text", start)
        spec.extra["warn"] = rng.random() < warn_share
        if start is not None:
            _lifecycle(spec, rng, n_halves)
        specs.append(spec)
    for spec in specs:  # dependencies on earlier measures that exist whenever this one does
        rng = random.Random(f"{seed}-{spec.index}-deps")
        if spec.index > 5 and rng.random() < 0.2:
            last = max(spec.start or 0, 1)
            ok = [s for s in specs[:spec.index - 1] if s.start is None or s.start <= 1
                  or (spec.start is not None and s.start <= last)]
            if ok:
                spec.extra["depends"] = rng.choice(ok).id
    return specs


def _lifecycle(spec: Spec, rng: random.Random, n_halves: int) -> None:
    start = spec.start or 0
    ongoing = rng.random() < 0.15
    duration = rng.randrange(2, 9)
    finish = start + duration - 1  # the half it completes in (may lie after the last one)
    dropped_at = start + rng.randrange(1, duration) if rng.random() < 0.03 else None
    hold = start + 1 if rng.random() < 0.05 and duration > 3 else None
    spec.extra.update(ongoing=ongoing, finish=finish)
    progress = 0
    for h in range(start, n_halves):
        update: dict[str, object] = {"h": h, "rag": "green", "status": "in_progress"}
        if ongoing:
            update["status"] = "ongoing"
        elif dropped_at is not None and h == dropped_at:
            update.update(status="dropped", rag="red", progress=progress)
            spec.updates.append(update)
            return
        elif h == hold:
            update.update(status="on_hold", rag="amber", progress=progress)
        else:
            left = finish - h + 1
            progress = 100 if left <= 1 else progress + (100 - progress) // left
            update.update(status="completed" if progress == 100 else "in_progress",
                          progress=progress)
            if rng.random() < 0.12:
                update["rag"] = "amber" if rng.random() < 0.8 else "red"
        spec.updates.append(update)
        if update["status"] == "completed":
            return


def write_plan(target: Path, specs: list[Spec], n_halves: int, today: date,
               upto: int | None = None) -> None:
    """Write the working tree of the plan as of `upto` halves reported (default: all)."""
    hs = halves(n_halves, today)
    (target / "measures").mkdir(parents=True, exist_ok=True)
    (target / "masterplan" / "adoptions").mkdir(parents=True, exist_ok=True)
    for path, text in plan_files(specs, hs, n_halves if upto is None else upto, {}).items():
        (target / path).write_text(text, encoding="utf-8")


def plan_files(specs: list[Spec], hs: list[tuple[int, int]], upto: int,
               revisions: dict[int, int], renamed: frozenset[int] = frozenset()
               ) -> dict[str, str]:
    """Every file of the plan with `upto` halves reported, as {path: text}."""
    files = {"masterplan/masterplan.yaml": masterplan_yaml(),
             "masterplan/adoptions/1.0.yaml": adoption_yaml(specs)}
    for spec in specs:
        if visible(spec, upto):
            files[measure_path(spec, spec.index in renamed)] = measure_yaml(
                spec, hs, upto, revisions.get(spec.index, 0))
    return files


def visible(spec: Spec, upto: int) -> bool:
    """A measure's file exists once the half before its start has been reported."""
    return spec.start is None or spec.start <= max(upto, 1)


def measure_path(spec: Spec, renamed: bool) -> str:
    """The measure's file; the renamed measure gets a new slug."""
    return f"measures/{spec.id}-{spec.slug}{'-neu' if renamed else ''}.yaml"


def adoption_yaml(specs: list[Spec]) -> str:
    ids = [s.id for s in specs if visible(s, 0)]
    return ("version: \"1.0\"\ndate: 2020-09-24\nbody: Rat der Stadt (Beispiel)\n"
            "resolution: BV/0123/2020\ntag: masterplan-1.0\n"
            f"measures: [{', '.join(ids)}]\n")


def write_git(target: Path, specs: list[Spec], n_halves: int, today: date, edits: int,
              seed: int) -> None:
    """A git history with one `git fast-import` stream, then check out its last commit."""
    hs = halves(n_halves, today)
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True, env=_env())
    rng = random.Random(f"{seed}-git")
    follow = followed(specs).index  # the measure `history` is benchmarked on
    rename_at = edits // 2
    periods = sorted(rng.randrange(n_halves) for _ in range(edits))  # edits between halves
    revisions: dict[int, int] = {}
    renamed: set[int] = set()
    proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=target,
                            stdin=subprocess.PIPE, env=_env())
    assert proc.stdin is not None
    out = proc.stdin
    clock = [int(_stamp(ADOPTED))]
    previous: dict[str, str] = {}

    def commit(message: str, changes: dict[str, str | None], when: int) -> None:
        clock[0] = max(clock[0] + 60, when)
        who = f"Digital Officer <do@example.invalid> {clock[0]} +0100"
        msg = message.encode()
        out.write(f"commit refs/heads/main\nauthor {who}\ncommitter {who}\n".encode())
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        for path, text in changes.items():
            if text is None:
                out.write(f"D {path}\n".encode())
            else:
                data = text.encode()
                out.write(f"M 100644 inline {path}\n".encode())
                out.write(b"data %d\n%s\n" % (len(data), data))
        out.write(b"\n")

    def snapshot(upto: int, message: str, when: int) -> None:
        files = plan_files(specs, hs, upto, revisions, frozenset(renamed))
        changes: dict[str, str | None] = {p: t for p, t in files.items() if previous.get(p) != t}
        changes.update({p: None for p in previous if p not in files})
        previous.clear()
        previous.update(files)
        commit(message, changes, when)

    def edit(spec: Spec, upto: int, when: int) -> None:
        # Only the touched file is rendered again: 5,000 commits stay quick to generate.
        old = next(p for p in (measure_path(spec, False), measure_path(spec, True))
                   if p in previous)
        new = measure_path(spec, spec.index in renamed)
        text = measure_yaml(spec, hs, upto, revisions.get(spec.index, 0))
        changes: dict[str, str | None] = {new: text}
        if old != new:
            changes[old] = None
            del previous[old]
        previous[new] = text
        commit(f"{spec.id}: Beschreibung überarbeitet", changes, when)

    snapshot(0, "Masterplan Digitalisierung 1.0 (Beschluss)", int(_stamp(ADOPTED)))
    who = f"Digital Officer <do@example.invalid> {clock[0]} +0100"
    out.write(f"tag masterplan-1.0\nfrom refs/heads/main\ntagger {who}\n".encode())
    note = b"Masterplan 1.0, BV/0123/2020"
    out.write(b"data %d\n%s\n" % (len(note), note))
    done = 0
    for upto in range(1, n_halves + 1):
        year, number = hs[upto - 1]
        half_end = _stamp(date(year, 6 if number == 1 else 12, 28))
        while done < edits and periods[done] < upto:  # small edits during the half
            spec = specs[follow - 1] if rng.random() < 0.01 else rng.choice(specs)
            if done == rename_at:
                spec = specs[follow - 1]
                renamed.add(follow)
            while not visible(spec, upto - 1):  # a measure that exists by then
                spec = rng.choice(specs)
            revisions[spec.index] = revisions.get(spec.index, 0) + 1
            edit(spec, upto - 1, half_end - 86400 * 30)
            done += 1
        snapshot(upto, f"Sachstand {year}-H{number}", half_end + 86400 * 20)
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=target, check=True, env=_env())


def followed(specs: list[Spec]) -> Spec:
    """The measure renamed half-way through the history (the one to run `history` on)."""
    return next(s for s in specs[len(specs) // 2:] + specs if s.start == 0)


def _stamp(day: date) -> int:
    return int((day - date(1970, 1, 1)).total_seconds()) + 12 * 3600


def _env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV}


def generate(target: Path, *, measures: int, n_halves: int = 12, seed: int = 1,
             git: bool = False, edits: int = 0, today: date | None = None,
             warn_share: float = 0.02) -> list[Spec]:
    """Generate a plan at `target` (which must not exist); return the measures' specs."""
    today = today or date.today()
    if target.exists():
        raise SystemExit(f"{target} exists; choose a new folder")
    specs = plan_specs(measures, n_halves, seed, warn_share)
    if git:
        write_git(target, specs, n_halves, today, edits, seed)
    else:
        write_plan(target, specs, n_halves, today)
    return specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--measures", type=int, default=1000)
    parser.add_argument("--halves", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--git", action="store_true", help="write a git history")
    parser.add_argument("--edits", type=int, default=0, help="extra single-file commits")
    args = parser.parse_args()
    generate(args.target, measures=args.measures, n_halves=args.halves, seed=args.seed,
             git=args.git, edits=args.edits)
    print(f"{args.target}: {args.measures} measures, {args.halves} halves "
          f"({len(FIELDS)} fields, {len(GOALS)} goals)")


if __name__ == "__main__":
    main()
