"""The plan as the public may see it: no `contact`, and (for public outputs) no non-public measure.

Every public output (`dotool site`, `dotool export --public`) starts from `public_plan`, so a
measure with `public: false` cannot leak through a template or a column added later: it is not
in the data at all, not even by id in another measure's `depends_on` or in an adoption record.
"""

from __future__ import annotations

from dataclasses import replace

from dotool.model.plan import Plan


def without_contact(plan: Plan) -> Plan:
    """The plan with every measure's `contact` removed (no output ever shows it)."""
    measures = tuple(m.model_copy(update={"contact": None}) for m in plan.measures)
    return replace(plan, measures=measures)


def public_plan(plan: Plan) -> Plan:
    """Only public measures, without `contact`; references to the others removed."""
    keep = {m.id for m in plan.measures if m.public}
    measures = tuple(
        m.model_copy(update={"contact": None,
                             "depends_on": [d for d in m.depends_on if d in keep]})
        for m in plan.measures if m.id in keep
    )
    adoptions = tuple(a.model_copy(update={"measures": [i for i in a.measures if i in keep]})
                      for a in plan.adoptions)
    paths = {k: v for k, v in plan.paths.items() if k in keep}
    return replace(plan, measures=measures, adoptions=adoptions, paths=paths)
