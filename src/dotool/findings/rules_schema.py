"""The catalogue's rules of the schema: every kind of pydantic error, through an explicit table.

A pydantic error type is an implementation detail of pydantic and may be renamed in a new
version; the code it is reported under is public. `SCHEMA_CODES` maps each type the models can
produce to its code; a type not in it is reported as `schema-invalid`, so an upgrade never
invents a code (tests/checks/test_schema_codes.py checks the table against the models).
"""

from __future__ import annotations

from dotool.findings.catalogue import (
    MASTERPLAN,
    MINIMAL_PLAN,
    Example,
    Rule,
    measure,
    updates,
)
from dotool.i18n.terminal import t

_SCHEMA = "dotool.checks.model_errors.findings_from_error"

#: pydantic's error type → the public code of the finding.
SCHEMA_CODES: dict[str, str] = {
    "extra_forbidden": "schema-extra-forbidden",
    "missing": "schema-missing",
    "literal_error": "schema-literal-error",
    "int_type": "schema-int-type",
    "float_type": "schema-float-type",
    "bool_type": "schema-bool-type",
    "string_type": "schema-string-type",
    "list_type": "schema-list-type",
    "dict_type": "schema-dict-type",
    "model_type": "schema-model-type",
    "day": "schema-day",  # these three are dotool's own (model/dates.py)
    "half": "schema-half",
    "partial_date": "schema-partial-date",
    "string_pattern_mismatch": "schema-string-pattern-mismatch",
    "greater_than_equal": "schema-greater-than-equal",
    "less_than_equal": "schema-less-than-equal",
    "finite_number": "schema-finite-number",
    "too_short": "schema-too-short",
    "too_long": "schema-too-long",
    "string_too_long": "schema-string-too-long",
    "value_error": "schema-value-error",
}
#: The code of a pydantic error type missing from `SCHEMA_CODES`.
FALLBACK = "schema-invalid"


def schema_code(kind: str) -> str:
    """The public code of pydantic's error type `kind`."""
    return SCHEMA_CODES.get(kind, FALLBACK)


def _milestone(due: str) -> str:
    return f"milestones:\n  - title: Software ausgewählt\n    due: {due}\n"


RULES: tuple[Rule, ...] = (
    Rule("schema-not-mapping", "error", t("A file holds a mapping of keys to values."),
         ("dotool.checks.load.load_plan",),
         (Example("- id: M-001\n  title: Online-Terminvergabe\n", at=(1, 1)),
          Example("# Maßnahme M-001\n- id: M-001\n", at=(2, 1),
                  note="at the line where the content begins")),
         (Example(measure()),)),
    Rule("schema-extra-forbidden", "error",
         t("Only the keys the file format defines (the hint names the nearest one)."), (_SCHEMA,),
         (Example(measure("titel: Online-Termine\n"), at=(8, 1)),
          Example(measure(updates({"ampel": "green"})), at=(13, 5), note="in an update"),
          Example(measure("budget:\n  funding:\n    programme: Digitalbonus\n"
                          "    stats: applied\n    status: applied\n"), at=(11, 5),
                  note="in a nested part"),
          Example(measure("budget:\n  kosten: 1000\n"), at=(9, 3),
                  note="nothing near: the hint lists the keys")),
         (Example(measure("objective: Kürzere Wartezeiten.\n")),)),
    Rule("schema-missing", "error", t("Every required key is given."), (_SCHEMA,),
         (Example(measure().replace("lead: Fachdienst Bürgerservice\n", ""), at=(1, 1),
                  note="a measure without `lead`"),
          Example(measure(updates({"text": None})), at=(9, 5),
                  note="an update without `text`"),
          Example(measure("ozg:\n  maturity_target: 2\n"), at=(8, 1),
                  note="`ozg` without `services`: at the key of the mapping it is missing from"),
          Example("# Online-Terminvergabe\n" + measure().replace("lead: Fachdienst Bürgerservice\n",
                                                               ""),
                  at=(1, 1), note="a file that starts with a comment: still its first line")),
         (Example(measure()),)),
    Rule("schema-literal-error", "error",
         t("A key with a fixed vocabulary has one of its values."), (_SCHEMA,),
         (Example(measure("priority: hoch\n"), at=(8, 11)),
          Example(measure(updates({"status": "in-progress"})), at=(10, 13))),
         (Example(measure("priority: high\n")),)),
    Rule("schema-int-type", "error", t("A whole number where one is expected (`progress`)."),
         (_SCHEMA,),
         (Example(measure(updates({"progress": '"40"'})), at=(12, 15), note="quoted"),
          Example(measure(updates({"progress": "40.5"})), at=(12, 15), note="a fraction")),
         (Example(measure(updates({"progress": "40"}))),)),
    Rule("schema-float-type", "error", t("A number where one is expected (amounts, KPI values)."),
         (_SCHEMA,),
         (Example(measure('budget:\n  one_off: "25000"\n'), at=(9, 12)),
          Example(measure(f'budget:\n  one_off: "{"9" * 60}"\n'), at=(9, 12),
                  note="a text of 60 characters is shown"),
          Example(measure(f'budget:\n  one_off: "{"9" * 61}"\n'), at=(9, 12),
                  note="a longer one is not")),
         (Example(measure("budget:\n  one_off: 25000\n")),)),
    Rule("schema-bool-type", "error", t("true or false where one is expected (`public`)."),
         (_SCHEMA,),
         (Example(measure('public: "false"\n'), at=(8, 9)),),
         (Example(measure("public: false\n")),)),
    Rule("schema-string-type", "error", t("Text where text is expected."), (_SCHEMA,),
         (Example(measure("objective: 12\n"), at=(8, 12)),
          Example(measure("participants: [~]\n"), at=(8, 16), note="null"),
          Example(measure("objective: true\n"), at=(8, 12), note="a boolean"),
          Example(measure("objective: {kurz: Wartezeiten}\n"), at=(8, 12), note="a mapping"),
          Example(measure("objective: [Wartezeiten]\n"), at=(8, 12), note="a list")),
         (Example(measure('objective: "12"\n')),)),
    Rule("schema-list-type", "error", t("A list where a list is expected."), (_SCHEMA,),
         (Example(measure("participants: IT-Service\n"), at=(8, 15)),),
         (Example(measure("participants: [IT-Service]\n")),)),
    Rule("schema-dict-type", "error", t("A mapping where one is expected (an update's `kpis`)."),
         (_SCHEMA,),
         (Example(measure(updates({"kpis": "12"})), at=(13, 11)),),
         (Example(measure(updates({"kpis": "{}"}))),)),
    Rule("schema-model-type", "error",
         t("A mapping of keys where a part of the format is expected (`budget`, a goal)."),
         (_SCHEMA,),
         (Example(measure("budget: 25000\n"), at=(8, 9)),),
         (Example(measure("budget: {one_off: 25000}\n")),)),
    Rule("schema-day", "error", t("A date is a day of the calendar written YYYY-MM-DD."),
         (_SCHEMA, "dotool.model.dates.parse_day"),
         (Example(measure(_milestone("2020-13-01")), at=(10, 10)),
          Example(measure(_milestone("2021-02-29")), at=(10, 10), note="not a leap year")),
         (Example(measure(_milestone("2020-02-29")), note="a leap day"),)),
    Rule("schema-half", "error", t("A half is written YYYY-H1 or YYYY-H2."),
         (_SCHEMA, "dotool.model.dates.Half"),
         (Example(measure(updates({"half": "2021-H3"})), at=(9, 11)),),
         (Example(measure(updates({"half": "2021-H2"}))),)),
    Rule("schema-partial-date", "error",
         t("`start`, `end` and `replanned_end` are a month YYYY-MM or a day YYYY-MM-DD."),
         (_SCHEMA, "dotool.model.dates.PartialDate"),
         (Example(measure("start: 2021-13\n"), at=(8, 8)),
          Example(measure("start: 2021-04-31\n"), at=(8, 8), note="no such day")),
         (Example(measure("start: 2021-12\n")), Example(measure("start: 2021-04-30\n")))),
    Rule("schema-string-pattern-mismatch", "error",
         t("Ids, keys and versions have their form (the message says which)."), (_SCHEMA,),
         (Example(measure("goals: [Service]\n"), at=(8, 9)),
          Example(measure("depends_on: [M-1]\n"), at=(8, 14))),
         (Example(measure("goals: [service]\n")),)),
    Rule("schema-greater-than-equal", "error",
         t("Amounts and `progress` are at least 0."), (_SCHEMA,),
         (Example(measure("budget:\n  one_off: -1\n"), at=(9, 12)),
          Example(measure(updates({"progress": "-1"})), at=(12, 15))),
         (Example(measure("budget:\n  one_off: 0\n")),
          Example(measure(updates({"progress": "0"})), note="the lowest progress"))),
    Rule("schema-less-than-equal", "error",
         t("`progress` is at most 100, a funding share at most 1, an OZG maturity at most 4."),
         (_SCHEMA,),
         (Example(measure(updates({"progress": "101"})), at=(12, 15)),
          Example(measure("budget:\n  funding:\n    programme: Digitalbonus\n    share: 1.01\n"
                          "    status: applied\n"), at=(11, 12)),
          Example(measure("budget:\n  one_off: 2000000000000\n"), at=(9, 12),
                  note="an amount beyond a trillion euros: the bound with its thousands grouped")),
         (Example(measure(updates({"progress": "100"})), note="the highest progress"),
          Example(measure("budget:\n  funding:\n    programme: Digitalbonus\n    share: 1\n"
                          "    status: applied\n")))),
    Rule("schema-finite-number", "error",
         t("Amounts and KPI values are finite (no `.inf`, `.nan`)."),
         (_SCHEMA,),
         (Example(measure("budget:\n  one_off: .inf\n"), at=(9, 12)),),
         (Example(measure("budget:\n  one_off: 25000\n")),)),
    Rule("schema-too-short", "error", t("masterplan.yaml defines at least one field of action."),
         (_SCHEMA,),
         (Example(MINIMAL_PLAN.split("fields:")[0] + "fields: []\n", MASTERPLAN, at=(7, 9)),),
         (Example(MINIMAL_PLAN, MASTERPLAN),)),
    Rule("schema-too-long", "error",
         t("A list has at most 100 items (a measure at most 20 KPIs)."), (_SCHEMA,),
         (Example(measure("participants: [" + ", ".join(["IT"] * 101) + "]\n"), at=(8, 15),
                  note="101 participants"),),
         (Example(measure("participants: [" + ", ".join(["IT"] * 100) + "]\n"),
                  note="100 participants"),)),
    Rule("schema-string-too-long", "error",
         t("A text of one line has at most 300 characters, a Markdown text 20,000, a chapter of "
           "masterplan.yaml 100,000."), (_SCHEMA,),
         (Example(measure().replace("Online-Terminvergabe", "T" * 301), at=(2, 8),
                  note="a title of 301 characters"),),
         (Example(measure().replace("Online-Terminvergabe", "T" * 300),
                  note="a title of 300 characters"),)),
    Rule("schema-value-error", "error", t("Required text is not blank."),
         (_SCHEMA, "dotool.model.base.Text"),
         (Example(measure('participants: [" "]\n'), at=(8, 16)),
          Example(measure(updates({"text": '""'})), at=(13, 11))),
         (Example(measure("participants: [IT-Service]\n")),)),
    Rule(FALLBACK, "error",
         t("A schema error of a kind this version of dotool has no name for (a newer pydantic)."),
         (_SCHEMA,), ()),
)
