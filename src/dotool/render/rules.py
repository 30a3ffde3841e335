"""The definition of every figure, once: read by the report's annex and by `docs/figures.md`.

Each rule names a figure, says in one paragraph how it is computed (an English msgid, with its
German wording in the catalogue) and where the code lives that computes it. The paragraph is
written for the council's reader (no command, option or file name); what the command line does
with a figure (`validate`'s warnings, `--half`) is its `note`, shown only in `docs/figures.md`.
The report's annex "How the figures are made" shows the rules marked `report`;
`docs/figures.md` is generated from all of them in both languages
(`python -m dotool.render.rules > docs/figures.md`; a test keeps the committed file current).
"""

from __future__ import annotations

from dataclasses import dataclass

from dotool.i18n import translations


def N_(message: str) -> str:  # the conventional name of a gettext marker
    """Mark `message` for the catalogues; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Rule:
    key: str  # a stable anchor
    name: str  # msgid
    text: str  # msgid: the definition
    where: tuple[str, ...]  # the code that computes it: dotted names
    shown_in: str  # the outputs that show it
    report: bool = False  # shown in the report's annex
    note: str = ""  # msgid: what the command line does with it (docs/figures.md only)


_MOD = "dotool.model.projection"
_M = f"{_MOD}.measure.MeasureState"
_P = f"{_MOD}.plan.PlanFigures"


def _of(owner: str, *names: str) -> tuple[str, ...]:
    return tuple(f"{owner}.{name}" for name in names)

RULES: tuple[Rule, ...] = (
    Rule("as-of", N_("As of the end of a half-year"), N_(
        "Every figure gives the state on the last day of the half-year and is taken from the "
        "recorded updates alone: a measure's state is its latest update for that half-year or "
        "an earlier one. A report on a past half-year, produced again later, shows the same "
        "figures, money and funding included. The public website always shows the latest "
        "half-year reported."),
        (f"{_MOD}.measure.measure_state", f"{_MOD}.plan.current_figures"),
        "every output", report=True, note=N_(
            "Where no half is named (website, export, show, and list without --half), the "
            "half is the plan's latest reported half.")),
    Rule("report-set", N_("Measures in the report"), N_(
        "Every measure of the masterplan as last adopted on or before the last day of the "
        "half-year, and every further initiative that has begun by the end of the half-year "
        "(its start date has passed, or it has reported). Before the first adoption every "
        "measure counts as a masterplan measure. Non-public measures count in the figures by "
        "status, RAG status and progress like any other, but only their title is shown: "
        "their milestones are counted, not listed, and the finance table leaves their amounts "
        "out (see 'Planned cost and funding'). An internal edition of the report, for the "
        "administration only, shows them in full. The public website and the published open "
        "data leave non-public measures out altogether."),
        (*_of(_P, "included", "in_plan"), "dotool.model.public.public_plan"),
        "report, website, export", report=True, note=N_(
            "The public outputs are the website and export --public; the internal edition "
            "of the report is report --internal.")),
    Rule("status", N_("Status and RAG status"), N_(
        "Status and RAG status are those of the measure's latest update up to the half-year. "
        "A measure without an update is planned and has no RAG status yet; a dropped measure "
        "has none any more. The count by status covers every measure in the report; the "
        "count by RAG status every measure that is not dropped, those without an update as "
        "'no report yet'."),
        (*_of(_M, "status", "rag"), *_of(_P, "by_status", "by_rag")),
        "report, website, export, list, show", report=True),
    Rule("progress", N_("Progress of a measure"), N_(
        "The percentage of the latest update up to the half; 0 percent before its first "
        "update; none for a standing task or a dropped measure. The change is this value "
        "minus the value as of the half before, in percentage points."),
        _of(_M, "progress", "progress_delta"),
        "report, website, export, list, show"),
    Rule("overall-progress", N_("Overall progress"), N_(
        "The mean progress of the masterplan measures in the report. Dropped and ongoing "
        "measures are left out; a measure not yet begun is included with no progress. "
        "Further initiatives are not counted: the figure says how far the adopted plan has "
        "come. The progress of each field of action is the same mean "
        "over the same measures, taken per field; 'measures' counts the field's masterplan "
        "measures in the report, 'in the average' those the mean covers."),
        (*_of(_P, "counted", "progress", "fields"), f"{_MOD}.plan.mean"),
        "report, website, export", report=True),
    Rule("changes", N_("Completed, started and re-planned in the half-year"), N_(
        "Completed: the measure's update for the half-year says completed, and it was not "
        "completed at the end of the half-year before. Started: the update for the half-year "
        "says in progress, ongoing or completed, and the measure was planned (or had no "
        "update) at the end of the half-year before. Re-planned: the update for the half-year "
        "gives a new planned end that differs from the planned end as of the half-year "
        "before."),
        (*_of(_M, "completed_in_half", "started_in_half", "replanned_in_half"),
         *_of(_P, "completed", "started", "replanned")),
        "report, website, export", report=True),
    Rule("planned-end", N_("Planned end"), N_(
        "The latest re-planned end given by an update up to the half, else the end the plan "
        "gives. A measure is re-planned since adoption when this date differs from the end "
        "the plan gives; the roadmap draws the planned end as of the half and marks the "
        "original end."),
        _of(_M, "current_end", "replanned_since_adoption"),
        "report, masterplan, website, export, list, show"),
    Rule("not-reported", N_("No progress report, not started"), N_(
        "A measure has no progress report for the half-year when it has begun (its start "
        "date has passed, or it has reported before), is neither completed nor dropped, and "
        "has no update for the half-year. A measure that has not begun is shown as not "
        "started."),
        _of(_M, "missing_report", "not_started", "started"),
        "report, validate", report=True, note=N_(
            "validate warns about a missing progress report; with --half it is an error.")),
    Rule("overdue", N_("Overdue milestones"), N_(
        "Milestones of any measure that were due on or before the last day of the half-year "
        "and not reached by then. Open milestones of completed or dropped measures count "
        "too."),
        (*_of(_M, "overdue", "open_after_close"), *_of(_P, "overdue")),
        "report, validate, export", report=True, note=N_(
            "validate warns about each overdue milestone.")),
    Rule("deviations", N_("Deviations"), N_(
        "Measures in the report, neither completed nor dropped, whose RAG status as of the "
        "half-year is amber or red, with the reason their update gives."),
        _of(_P, "deviations"),
        "report"),
    Rule("outlook", N_("Outlook"), N_(
        "For the next half-year: milestones due in it and not reached by the end of this "
        "half-year; measures planned or re-planned to end in it, neither completed nor "
        "dropped; measures whose start lies in it; and the next steps named by the updates of "
        "this half-year. Non-public measures stand at the end of these lists, by title and "
        "without a date; their milestones are counted, not listed, and their next steps are "
        "not shown."),
        _of(_P, "due_next", "ends_next", "starts_next", "next_steps"),
        "report", report=True),
    Rule("money", N_("Planned cost and funding"), N_(
        "The budget in the measure's profile is the state at planning. An update may revise "
        "the one-off cost, the annual cost, the note and the funding status; as of a "
        "half-year each takes the latest value given by an update up to that half-year. Spent "
        "is the latest cumulative spend reported up to the half-year. The finance table sums "
        "these per field of action over the measures in the report except the non-public "
        "ones: their amounts are left out of every sum, and a note below the table gives "
        "their number (they still count in the figures by status, RAG status and progress; "
        "the internal edition includes their amounts). A funding's amount is the one-off "
        "cost times the funding share."),
        (*_of(_M, "money", "spent"), f"{_MOD}.budget.money_of", f"{_MOD}.money.finances"),
        "report, masterplan, export, show", report=True),
    Rule("spend-warnings", N_("Spend warnings"), N_(
        "Validate warns when cumulative spend goes down from one update to the next, when "
        "money is spent although no cost is planned as of the half, and when spend exceeds "
        "the planned one-off cost plus the annual cost for the years elapsed (the halves from "
        "the half the measure started in, or first reported, to the half, divided by two)."),
        _of(_M, "spend_drops", "spend_unplanned", "spend_over_plan", "years_elapsed"),
        "validate"),
    Rule("past-end", N_("Past the planned end"), N_(
        "A measure neither completed nor dropped whose planned end as of the half lies before "
        "the last day of the half; validate warns about it."),
        _of(_M, "past_end"), "validate"),
    Rule("kpi", N_("KPI values"), N_(
        "A KPI's value as of a half is the latest value an update up to that half reports; "
        "the report shows it against baseline and target, with the value as of the half "
        "before. Attainment is (value minus baseline) divided by (target minus baseline)."),
        (f"{_MOD}.series.kpi_figures", f"{_MOD}.series.attainment"),
        "report, website, export"),
    Rule("series", N_("Figures over time"), N_(
        "For every half from the first reported one to the half: the overall progress and "
        "the progress of each field of action as that half's report computes them, and each "
        "KPI's value as of that half, marked where the update of that half reports it."),
        (f"{_MOD}.series.progress_series", f"{_MOD}.series.kpi_series"),
        "report, website"),
)


def report_rules() -> tuple[Rule, ...]:
    """The rules the report's annex shows."""
    return tuple(r for r in RULES if r.report)


def figures_markdown() -> str:
    """`docs/figures.md`: every rule in English and German, with the code that computes it."""
    de = translations("de").gettext
    out = [
        "# How the figures are made / Wie die Zahlen entstehen", "",
        "<!-- Generated by `python -m dotool.render.rules > docs/figures.md` from "
        "`src/dotool/render/rules.py` and the catalogues; edit those, not this file. -->", "",
        "Every figure dotool shows has exactly one definition, below, and one place in the "
        "code that computes it: the projection in `src/dotool/model/projection/`. The "
        "report, the masterplan, the website, `list`, `show`, `export` and the warnings of "
        "`validate` read it and compute nothing themselves; the report's annex carries the "
        "rules marked *report* in the language of the report. A test renders every output "
        "for several halves and checks that each figure is the same everywhere.", "",
        "Jede Zahl, die dotool zeigt, hat genau eine Definition (unten) und eine Stelle im "
        "Code, die sie berechnet: die Projektion in `src/dotool/model/projection/`. Bericht, "
        "Masterplan, Website, `list`, `show`, `export` und die Warnungen von `validate` lesen "
        "sie und rechnen selbst nichts; der Anhang des Berichts enthält die mit *report* "
        "markierten Regeln in der Sprache des Berichts.", "",
    ]
    out += ["| figure / Zahl | computed by | shown in |", "|---|---|---|"]
    out += [f"| [{rule.name}](#{rule.key}) / {de(rule.name)} | "
            + "<br>".join(f"`{name.removeprefix('dotool.')}`" for name in rule.where)
            + f" | {rule.shown_in} |" for rule in RULES]
    out.append("")
    for rule in RULES:
        out += [f'<a id="{rule.key}"></a>', "", f"## {rule.name} / {de(rule.name)}", "",
                f"**English.** {rule.text}", "",
                f"**Deutsch.** {de(rule.text)}", "",
                *([f"*Command line.* {rule.note}", "", f"*Befehlszeile.* {de(rule.note)}", ""]
                  if rule.note else []),
                "- computed by: " + ", ".join(f"`{name}`" for name in rule.where),
                f"- shown in: {rule.shown_in}" + (" (annex: *report*)" if rule.report else ""),
                ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    print(figures_markdown(), end="")
