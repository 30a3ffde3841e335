"""`dotool add-measure`: a new measure file with the next free id, validated, never overwriting.

Two runs at the same moment must not get the same id: the id is allocated under an exclusive
lock on the measures/ folder (released by the kernel even if the process dies), and the file is
created with a hard link that fails if the name exists, so nothing half-written is ever visible.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from dotool import choices as choices_
from dotool.authoring.checking import check_change, keep_facts, partial_date
from dotool.authoring.yamltext import flow_list, scalar, text_lines
from dotool.checks.load import load_plan
from dotool.checks.run import validate
from dotool.errors import InvalidContent, UsageError
from dotool.findings import Finding
from dotool.i18n.terminal import Message, current, t
from dotool.model.masterplan import Masterplan
from dotool.model.patterns import MEASURE_NUMBER_PATTERN
from dotool.model.vocab import KEYS, label
from dotool.store.atomic import write_atomic
from dotool.store.files import MASTERPLAN, MEASURES_DIR, RawPlan, read_file
from dotool.store.lock import locked

MODELINE = "# yaml-language-server: $schema=../schema/measure.schema.json"
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
                         "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
#: The prompts in order; the required ones must be given (as flag or answer).
REQUIRED = ("title", "field", "scope", "kind", "lead", "summary")


@dataclass(frozen=True)
class Draft:
    """The values of a new measure (all text as typed; checked by `check_value`)."""

    title: str | None = None
    field: str | None = None
    goals: str | None = None  # comma-separated goal keys
    scope: str | None = None
    kind: str | None = None
    lead: str | None = None
    priority: str | None = None
    start: str | None = None
    end: str | None = None
    summary: str | None = None
    # Given by `import` from a table (add-measure does not ask for them).
    ref: str | None = None
    objective: str | None = None
    participants: str | None = None  # one a line (a unit's name may hold a comma)


def choices(masterplan: Masterplan, name: str) -> tuple[str, ...]:
    """The allowed values of a prompt as shown, in the terminal's language (empty: free text).

    Fields and goals by title with their key, vocabularies by label; either is accepted.
    """
    if name == "field":
        return tuple(f"{f.title} ({f.key})" for f in masterplan.fields)
    if name == "goals":
        return tuple(f"{g.title} ({g.key})" for g in masterplan.goals)
    lang = current()
    return tuple(label(name, key, lang) for key in KEYS.get(name, ()))


def applies(masterplan: Masterplan, name: str) -> bool:
    """Whether to ask for `name` at all: a plan without goals gets no goals question."""
    return name != "goals" or bool(masterplan.goals)


def check_value(masterplan: Masterplan, name: str, value: str, *,
                option: str | Message | None = None) -> str:
    """The value as written to the file (a key for a choice), or `UsageError` naming `option`.

    `option` is the flag (`--field`, the default) or, for an answer, the question; prompts ask
    again on the error.
    """
    option = option or f"--{name}"
    value = value.strip()
    if name in REQUIRED and not value:
        raise UsageError(t("{option} must not be empty", option=option))
    if name == "goals":
        goals = {g.key: g.title for g in masterplan.goals}
        keys = [k.strip() for k in value.split(",") if k.strip()]
        if keys and not goals:
            raise UsageError(t("{option}: masterplan.yaml defines no goals, so a measure names "
                               "none (given: {given})", option=option, given=", ".join(keys)))
        return ",".join(str(choices_.field(str(option), k, goals)) for k in keys)
    if name == "field":
        titles = {f.key: f.title for f in masterplan.fields}
        return str(choices_.field(str(option), value, titles))
    if name in KEYS and value:
        return str(choices_.vocabulary(str(option), value, name))
    if name in ("start", "end") and value:
        partial_date(option, value)
    return value


def check_period(start: str | None, end: str | None, *, option: str | Message) -> None:
    """`UsageError` when the planned end lies before the start (both as `check_value` left them).

    The same rule as `start-after-end` of validation, asked as soon as both dates are known.
    """
    if not start or not end:
        return
    first, last = partial_date("--start", start), partial_date("--end", end)
    if last.last_day < first.first_day:
        raise UsageError(t("{option}: the planned end {end} is before the start {start}",
                           option=option, end=end, start=start))


def load_masterplan(root: Path) -> Masterplan:
    """The plan's masterplan.yaml (for choices and the id prefix); exit 1 if it does not load.

    Only that file is read: the whole plan is validated once, with the new measure in it.
    """
    loaded = load_plan(RawPlan(root, read_file(root, MASTERPLAN)))
    if loaded.masterplan is None:
        raise InvalidContent([f for f in loaded.findings if f.path == MASTERPLAN])
    return loaded.masterplan


def slugify(title: str, limit: int = 40) -> str:
    """`Online-Terminvergabe im Bürgerbüro` → `online-terminvergabe-im-buergerbuero`."""
    text = unicodedata.normalize("NFKD", title.translate(_GERMAN))
    text = text.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit + 1] else slug[:limit]
    return slug.strip("-") or "massnahme"


def render(measure_id: str, draft: Draft) -> str:
    """The text of the new file: modeline, then the keys in the order of the schema."""
    lines = [MODELINE, f"id: {measure_id}", f"title: {scalar(draft.title or '')}"]
    if draft.ref:
        lines.append(f"ref: {scalar(draft.ref)}")
    lines.append(f"field: {draft.field}")
    if draft.goals:
        lines.append(f"goals: {flow_list(draft.goals.split(','))}")
    lines += [f"scope: {draft.scope}", f"kind: {draft.kind}"]
    lines += text_lines("summary", draft.summary or "", 0)
    if draft.objective:
        lines += text_lines("objective", draft.objective, 0)
    lines.append(f"lead: {scalar(draft.lead or '')}")
    if draft.participants:
        lines.append(f"participants: {flow_list(draft.participants.split(chr(10)))}")
    for name in ("priority", "start", "end"):
        value = getattr(draft, name)
        if value:
            lines.append(f"{name}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def _numbers(folder: Path, prefix: str) -> set[int]:
    pattern = re.compile(rf"^{re.escape(prefix)}-({MEASURE_NUMBER_PATTERN})(?:-|\.yaml$)")
    found = set()
    for entry in folder.iterdir() if folder.is_dir() else ():
        m = pattern.match(entry.name)
        if m:
            found.add(int(m.group(1)))
    return found


@dataclass(frozen=True)
class Created:
    path: Path
    text: str


def create_measure(root: Path, draft: Draft, *, dry_run: bool = False,
                   masterplan: Masterplan | None = None) -> Created:
    """Allocate the next free id, validate the new file with the plan, write it atomically.

    `masterplan` is the one the caller loaded already (for its prompts), if any.
    """
    masterplan = masterplan or load_masterplan(root)
    missing = [n for n in REQUIRED if not getattr(draft, n)]
    if missing:
        raise UsageError(t("--{name} is required", name=missing[0]))
    folder = root / MEASURES_DIR
    slug = slugify(draft.title or "")
    if dry_run:
        number = max(_numbers(folder, masterplan.id_prefix), default=0) + 1
        created = _prepare(root, masterplan.id_prefix, number, slug, draft)
        keep_facts()
        return created
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder):
        number = max(_numbers(folder, masterplan.id_prefix), default=0) + 1
        while True:
            created = _prepare(root, masterplan.id_prefix, number, slug, draft)
            try:
                write_atomic(created.path, created.text.encode("utf-8"), overwrite=False,
                             within=root)
            except FileExistsError:  # without a lock (Windows) or a stray file: next id
                number += 1
                continue
            keep_facts()
            return created


def _prepare(root: Path, prefix: str, number: int, slug: str, draft: Draft) -> Created:
    measure_id = f"{prefix}-{number:03d}"
    rel = f"{MEASURES_DIR}/{measure_id}-{slug}.yaml"
    text = render(measure_id, draft)
    check_change(root, rel, text.encode("utf-8"))
    return Created(root / rel, text)


def check_written(root: Path, rel: str) -> list[Finding]:
    """After `--edit`: the findings of the plan about the file `rel` (errors first)."""
    result = validate(root)
    return sorted((f for f in result.findings if f.path == rel),
                  key=lambda f: (f.severity != "error", f.sort_key()))
