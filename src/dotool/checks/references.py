"""Rules across files: ids, keys and references exist and are unique; no dependency cycle."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from dotool.checks.context import Context
from dotool.findings import did_you_mean
from dotool.i18n.terminal import Message, t
from dotool.model.patterns import MEASURE_ID_PATTERN
from dotool.store.files import MASTERPLAN, MEASURES_DIR


def _nearest(word: str, choices: list[str]) -> Message | None:
    """The closest choice, else a short list of them all (a plan has few fields and goals)."""
    return did_you_mean(word, choices) or (
        t("known: {keys}", keys=", ".join(choices)) if choices and len(choices) <= 12 else None)


def check_masterplan_keys(ctx: Context) -> None:
    """Goal keys and field keys are unique — also while masterplan.yaml has a schema error
    elsewhere (an unknown key), as far as its goals and fields can be read."""
    plan = ctx.loaded.masterplan
    path = MASTERPLAN
    for name in ("goals", "fields"):
        keys: list[str | None] = ([item.key for item in getattr(plan, name)]
                                  if plan is not None else _written_keys(ctx, name))
        seen: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key is not None and key in seen:
                what = (t("goal key `{key}`", key=key) if name == "goals"
                        else t("field key `{key}`", key=key))
                first, second = (f"{name}[{i}]" for i in (seen[key], index))
                ctx.report("duplicate-key", path, (name, index, "key"),
                           t("{what} is used twice ({first} and {second})", what=what,
                             first=first, second=second))
            if key is not None:
                seen.setdefault(key, index)


def _written_keys(ctx: Context, name: str) -> list[str | None]:
    """The `key` of each item of the list `name` as masterplan.yaml writes it (None where an
    item has none); nothing when the file or the list cannot be read."""
    doc = ctx.loaded.documents.get(MASTERPLAN)
    items = doc.data.get(name) if doc is not None and isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return []
    return [item.get("key") if isinstance(item, dict) and isinstance(item.get("key"), str)
            else None for item in items]


def check_measures(ctx: Context) -> None:
    """Ids, file names, fields, goals, KPI keys, dependencies and adoptions refer correctly."""
    loaded, plan = ctx.loaded, ctx.loaded.masterplan
    prefix = plan.id_prefix if plan else None
    field_keys = [f.key for f in plan.fields] if plan else []
    goal_keys = [g.key for g in plan.goals] if plan else []
    owners: dict[str, str] = {}
    prefixed = re.compile(rf"{re.escape(prefix or '')}-\d{{3,}}")  # once, not per measure
    for path, measure in loaded.measures:
        if measure.id in owners:
            ctx.report("duplicate-id", path, ("id",),
                       t("measure id {id} is also used by {other}", id=measure.id,
                         other=owners[measure.id]),
                       t("give one of them the next free id (`dotool add-measure` allocates "
                         "one)"))
        owners.setdefault(measure.id, path)
        if prefix and not prefixed.fullmatch(measure.id):
            ctx.report("id-prefix", path, ("id",),
                       t("id {id} does not use the plan's prefix `{prefix}`", id=measure.id,
                         prefix=prefix),
                       t("ids look like {example} (id_prefix in masterplan.yaml)",
                         example=prefix + "-001"))
        stem = _stem(path)
        if stem != measure.id and not stem.startswith(measure.id + "-"):
            ctx.report("file-name", path, ("id",),
                       t("the file name does not start with the measure's id {id}",
                         id=measure.id),
                       t("rename the file to {name}", name=measure.id + "-<slug>.yaml"))
        if plan and measure.field not in field_keys:
            ctx.report("unknown-field", path, ("field",),
                       t("field of action `{key}` is not defined in masterplan.yaml",
                         key=measure.field),
                       _nearest(measure.field, field_keys))
        if plan and measure.goals and not goal_keys:
            ctx.report("unknown-goal", path, ("goals",),
                       t("masterplan.yaml defines no goals, so a measure's `goals` must be "
                         "empty"),
                       t("remove `goals` from this measure, or add the goals to "
                         "masterplan.yaml"))
        for index, goal in enumerate(measure.goals if goal_keys else ()):
            if plan and goal not in goal_keys:
                ctx.report("unknown-goal", path, ("goals", index),
                           t("goal `{key}` is not defined in masterplan.yaml", key=goal),
                           _nearest(goal, goal_keys))
        kpi_keys: dict[str, int] = {}
        for index, kpi in enumerate(measure.kpis):
            if kpi.key in kpi_keys:
                ctx.report("duplicate-kpi", path, ("kpis", index, "key"),
                           t("KPI key `{key}` is used twice in this measure", key=kpi.key))
            kpi_keys.setdefault(kpi.key, index)
        for u_index, update in enumerate(measure.updates):
            for key in update.kpis:
                if key not in kpi_keys:
                    ctx.report("unknown-kpi", path, ("updates", u_index, "kpis", key),
                               t("KPI `{key}` is not declared in this measure's kpis",
                                 key=key),
                               _nearest(key, list(kpi_keys)), key=True)
    ids = list(owners)
    # A measure whose file has an error is not in `owners`, but it exists: naming it in
    # depends_on or an adoption is no second error (one typo, one finding). When `measures/`
    # itself cannot be listed, no reference can be checked.
    existing = set(owners) | _ids_of_invalid_files(ctx)
    listed = MEASURES_DIR not in loaded.measure_files
    for path, measure in loaded.measures:
        for index, dep in enumerate(measure.depends_on):
            if dep == measure.id:
                ctx.report("self-dependency", path, ("depends_on", index),
                           t("{id} depends on itself", id=measure.id))
            elif listed and dep not in existing:
                ctx.report("unknown-measure", path, ("depends_on", index),
                           t("depends_on names {id}, which does not exist", id=dep),
                           _nearest(dep, ids))
    for path, adoption in loaded.adoptions:
        stem = PurePosixPath(path).stem
        if stem != adoption.version:
            ctx.report("file-name", path, ("version",),
                       t("version {version} does not match the file name {name}",
                         version=adoption.version, name=stem + ".yaml"),
                       t("rename the file to {name}", name=adoption.version + ".yaml"))
        for index, measure_id in enumerate(adoption.measures):
            if listed and measure_id not in existing:
                ctx.report("unknown-measure", path, ("measures", index),
                           t("the adopted plan lists {id}, which does not exist",
                             id=measure_id),
                           _nearest(measure_id, ids))
    _check_written_ids(ctx, owners)
    _check_cycles(ctx)


def _stem(path: str) -> str:
    """The file name of `path` without its suffix (as `PurePosixPath.stem`; a plan's files end
    in `.yaml`, taken off without building a path object for each of a thousand files)."""
    name = path.rpartition("/")[2]
    if name.endswith(".yaml") and len(name) > len(".yaml"):
        return name[:-len(".yaml")]
    return PurePosixPath(path).stem


def _written_ids(ctx: Context) -> dict[str, str]:
    """{path: the `id` written in it} of the measure files that failed the schema (as far as
    one is readable)."""
    valid = {path for path, _ in ctx.loaded.measures}
    return {path: doc.data["id"] for path, doc in ctx.loaded.documents.items()
            if path.startswith(f"{MEASURES_DIR}/") and path not in valid
            and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str)}


_ID_OF_NAME = re.compile(rf"({MEASURE_ID_PATTERN})(?:-|$)")


def _ids_of_invalid_files(ctx: Context) -> set[str]:
    """The ids of the measure files with an error: the `id` written in the file, else (a file
    that cannot be read or parsed: `DIG-003-wlan.yaml` with a YAML syntax error, a link to
    nothing) the id its name starts with."""
    written = _written_ids(ctx)
    found = set(written.values())
    valid = {path for path, _ in ctx.loaded.measures}
    for path in ctx.loaded.measure_files:
        match = _ID_OF_NAME.match(_stem(path))
        if match and path not in valid and path not in written:
            found.add(match.group(1))
    return found


def _check_written_ids(ctx: Context, owners: dict[str, str]) -> None:
    """A duplicate id is reported also where a file has a schema error elsewhere (its `id`
    read as written), together with that error rather than after it is fixed; at the later
    file of the two, as between valid files."""
    seen = dict(owners)  # id → the first valid file with it
    for path, measure_id in sorted(_written_ids(ctx).items()):
        other = seen.get(measure_id)
        if other is not None:
            later, first = (path, other) if path > other else (other, path)
            ctx.report("duplicate-id", later, ("id",),
                       t("measure id {id} is also used by {other}", id=measure_id,
                         other=first),
                       t("give one of them the next free id (`dotool add-measure` allocates "
                         "one)"))
        if other is None or path < other:
            seen[measure_id] = path


def _check_cycles(ctx: Context) -> None:
    graph = {m.id: [d for d in m.depends_on if d != m.id] for _, m in ctx.loaded.measures}
    paths = {m.id: p for p, m in ctx.loaded.measures}
    declared = {m.id: list(m.depends_on) for _, m in ctx.loaded.measures}
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    reported: set[frozenset[str]] = set()
    for start in sorted(graph):
        if state.get(start):
            continue
        # Iterative depth-first search, so a long chain cannot exhaust Python's recursion limit.
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                trail.append(node)
            deps = graph.get(node, [])
            if index < len(deps):
                stack.append((node, index + 1))
                nxt = deps[index]
                if nxt not in graph:
                    continue
                if state.get(nxt) == 1:
                    cycle = [*trail[trail.index(nxt):], nxt]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        ctx.report("dependency-cycle", paths[node],
                                   ("depends_on", declared[node].index(nxt)),
                                   t("dependency cycle: {cycle}", cycle=" → ".join(cycle)),
                                   t("remove one of these depends_on entries"))
                elif not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                trail.pop()
