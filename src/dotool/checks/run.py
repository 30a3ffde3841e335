"""`validate`: read, load, check; the one entry point every command uses to get a valid plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dotool.checks import consistency, references
from dotool.checks.context import Context
from dotool.checks.load import Loaded, load_plan
from dotool.errors import InvalidContent
from dotool.findings import Finding
from dotool.model.dates import Half
from dotool.model.plan import Plan
from dotool.store.files import RawPlan, read_plan
from dotool.store.yamlload import MAX_BYTES


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a plan: every finding, and the plan when it loaded."""

    root: Path
    findings: tuple[Finding, ...]
    plan: Plan | None
    files: int
    sources: dict[str, list[str]]  # the lines of every parsed file, to show offending lines

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def validate(root: Path, *, today: date | None = None, half: Half | None = None,
             strict: bool = False) -> Validation:
    """Check everything under `root` (SPEC §4) and collect every finding."""
    return validate_raw(read_plan(root, limit=MAX_BYTES), today=today, half=half, strict=strict)


def validate_raw(raw: RawPlan, *, today: date | None = None, half: Half | None = None,
                 strict: bool = False) -> Validation:
    """Check files already in memory (a git tree, a file not yet written) like `validate`."""
    loaded = load_plan(raw)
    return check_loaded(raw.root, loaded, files=len(raw.measures) + len(raw.adoptions) + 1,
                        today=today or date.today(), half=half, strict=strict)


def check_loaded(root: Path, loaded: Loaded, *, files: int, today: date, half: Half | None,
                 strict: bool) -> Validation:
    """Run the rules beyond the schema over what loaded."""
    measures = [m for _, m in loaded.measures]
    latest = max((u.half for m in measures for u in m.updates), default=None)
    ctx = Context(loaded, today, half or latest, required_half=half)
    references.check_masterplan_keys(ctx)
    references.check_measures(ctx)
    for path, measure in loaded.measures:
        consistency.check_dates(ctx, path, measure)
        consistency.check_updates(ctx, path, measure)
        consistency.check_warnings(ctx, path, measure)
    findings = [*loaded.findings, *ctx.findings]
    if strict:
        findings = [f.as_error() for f in findings]
    findings.sort(key=Finding.sort_key)
    plan = None
    if loaded.masterplan is not None and not any(f.severity == "error" for f in findings):
        ordered = sorted(loaded.measures, key=lambda pm: pm[1].id)
        plan = Plan(
            masterplan=loaded.masterplan,
            measures=tuple(m for _, m in ordered),
            adoptions=tuple(sorted((a for _, a in loaded.adoptions), key=lambda a: a.date)),
            paths={m.id: p for p, m in ordered},
        )
    sources = {path: doc.lines for path, doc in loaded.documents.items()}
    return Validation(root, tuple(findings), plan, files, sources)


def load_valid_plan(root: Path, *, today: date | None = None) -> Plan:
    """The plan for rendering: raises `InvalidContent` (exit 1) when there is any error."""
    result = validate(root, today=today)
    if result.plan is None:
        raise InvalidContent(list(result.errors))
    return result.plan
