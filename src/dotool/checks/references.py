"""Rules across files: ids, keys and references exist and are unique; no dependency cycle."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from dotool.checks.context import Context
from dotool.findings import did_you_mean
from dotool.i18n.terminal import Message, t
from dotool.store.files import MASTERPLAN, MEASURES_DIR


def _nearest(word: str, choices: list[str]) -> Message | None:
    """The closest choice, else a short list of them all (a plan has few fields and goals)."""
    return did_you_mean(word, choices) or (
        t("known: {keys}", keys=", ".join(choices)) if choices and len(choices) <= 12 else None)


def check_masterplan_keys(ctx: Context) -> None:
    """Goal keys and field keys are unique."""
    plan = ctx.loaded.masterplan
    if plan is None:
        return
    path = MASTERPLAN
    for name, keys in (("goals", [g.key for g in plan.goals]),
                       ("fields", [f.key for f in plan.fields])):
        seen: dict[str, int] = {}
        for index, key in enumerate(keys):
            if key in seen:
                what = (t("goal key `{key}`", key=key) if name == "goals"
                        else t("field key `{key}`", key=key))
                first, second = (f"{name}[{i}]" for i in (seen[key], index))
                ctx.report("duplicate-key", path, (name, index, "key"),
                           t("{what} is used twice ({first} and {second})", what=what,
                             first=first, second=second))
            seen.setdefault(key, index)


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
    # A measure whose file has a schema error is not in `owners`, but it exists: naming it in
    # depends_on or an adoption is no second error (one typo, one finding).
    existing = set(owners) | _ids_of_invalid_files(ctx)
    for path, measure in loaded.measures:
        for index, dep in enumerate(measure.depends_on):
            if dep == measure.id:
                ctx.report("self-dependency", path, ("depends_on", index),
                           t("{id} depends on itself", id=measure.id))
            elif dep not in existing:
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
            if measure_id not in existing:
                ctx.report("unknown-measure", path, ("measures", index),
                           t("the adopted plan lists {id}, which does not exist",
                             id=measure_id),
                           _nearest(measure_id, ids))
    _check_cycles(ctx)


def _stem(path: str) -> str:
    """The file name of `path` without its suffix (as `PurePosixPath.stem`; a plan's files end
    in `.yaml`, taken off without building a path object for each of a thousand files)."""
    name = path.rpartition("/")[2]
    if name.endswith(".yaml") and len(name) > len(".yaml"):
        return name[:-len(".yaml")]
    return PurePosixPath(path).stem


def _ids_of_invalid_files(ctx: Context) -> set[str]:
    """The `id` written in measure files that failed the schema (as far as one is readable)."""
    valid = {path for path, _ in ctx.loaded.measures}
    return {doc.data["id"] for path, doc in ctx.loaded.documents.items()
            if path.startswith(f"{MEASURES_DIR}/") and path not in valid
            and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str)}


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
