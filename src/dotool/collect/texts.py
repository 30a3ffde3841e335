"""The words of a collection workbook, in its language: titles, prompts, instructions.

Every text is an English msgid translated by the catalogues; the vocabulary labels (geplant,
grün, …) come from `model.vocab.label`, the one place that names them.
"""

from __future__ import annotations

from collections.abc import Callable

from dotool.collect.layout import MAX_TEXT, N_, SHEETS
from dotool.collect.make import UnitBook
from dotool.model.vocab import KEYS, label

Gettext = Callable[[str], str]


def half_name(book: UnitBook, gettext: Gettext) -> str:
    """"2. Halbjahr 2026" / "2nd half of 2026"."""
    half = book.half
    text = gettext("1st half of %(year)s") if half.number == 1 else gettext("2nd half of %(year)s")
    return text % {"year": half.year}


def _date(book: UnitBook, day: object) -> str:
    from dotool.i18n import Formatter

    return Formatter(book.lang).date(day)  # type: ignore[arg-type]


def messages(book: UnitBook, gettext: Gettext) -> dict[str, str]:
    """Titles, drop-down choices and the prompts and errors of the data validation."""
    half = half_name(book, gettext)
    out = {
        "measures_title": gettext("Progress report %(half)s – %(unit)s")
        % {"half": half, "unit": book.unit},
        "kpis_title": gettext("KPI values – %(half)s") % {"half": half},
        "milestones_title": gettext("Open milestones – %(unit)s") % {"unit": book.unit},
        "guidance": gettext("Grey: for reference, locked. White: please fill in. "
                            "The sheet “%(sheet)s” explains each column.")
        % {"sheet": gettext(SHEETS["instructions"])},
        "choose_error": gettext("Please choose a value from the list."),
        "status_prompt": gettext("The measure's status at the end of the half."),
        "rag_prompt": gettext("green: on track; amber: delayed or at risk; red: the goal is in "
                              "danger. Amber and red need a reason."),
        "progress_error": gettext("A whole number from 0 to 100."),
        "progress_prompt": gettext("Percent done, a whole number from 0 to 100 (empty for a "
                                   "standing task)."),
        "money_error": gettext("An amount in euros, 0 or more."),
        "money_prompt": gettext("Everything spent on the measure so far, in euros (cumulative)."),
        "number_error": gettext("A number."),
        "number_prompt": gettext("The value at the end of the half."),
        "number_name": gettext("Number"),
        "text_error": gettext("At most %(count)s characters.") % {"count": MAX_TEXT},
        "rag_reason_prompt": gettext("Why amber or red: required then."),
        "text_prompt": gettext("What happened in the half (required when you report)."),
        "next_prompt": gettext("The next steps (optional)."),
        "month_error": gettext("A month such as 09/2027."),
        "month_prompt": gettext("Only if the planned end moves: the new month, e.g. 09/2027."),
        "date_error": gettext("A date up to the end of the half, e.g. 15.03.2026."),
        "date_prompt": gettext("The day the milestone was reached."),
        "done_name": gettext("Done on"),
        "amber": label("rag", "amber", book.lang),
        "red": label("rag", "red", book.lang),
    }
    for key in ("status", "rag"):
        out[f"{key}_choices"] = ",".join(label(key, k, book.lang) for k in KEYS[key])
    for key, name in (("status", N_("Status")), ("rag", N_("Traffic light")),
                      ("progress", N_("Progress")), ("rag_reason", N_("Reason")),
                      ("text", N_("What happened")), ("next", N_("Next steps")),
                      ("replanned_end", N_("New planned end"))):
        out[f"{key}_name"] = gettext(name)
    return out


def instructions(book: UnitBook, gettext: Gettext) -> list[tuple[str, str]]:
    """The instructions sheet as (heading, text) rows."""
    half = book.half
    period = f"{_date(book, half.start)} – {_date(book, half.end)}"
    names = {k: gettext(v) for k, v in SHEETS.items()}
    rows = [
        (gettext("Progress report %(half)s") % {"half": half_name(book, gettext)}
         + f" – {book.municipality}", ""),
        (gettext("Lead unit"), book.unit),
        (gettext("Reporting period"), period),
    ]
    if book.due:
        rows.append((gettext("Please return by"), _date(book, book.due)))
    if book.reply_to:
        rows.append((gettext("Return to"), book.reply_to))
    statuses = "; ".join(label("status", k, book.lang) for k in KEYS["status"])
    rows += [
        ("", ""),
        (names["measures"], gettext(
            "One row per measure of your unit that runs in this half. The grey columns show the "
            "state at the end of the previous half. Fill in the white cells: status and traffic "
            "light from the list, progress in percent (a whole number from 0 to 100), the total "
            "spent so far in euros, a new planned end only if the end moves, what happened in "
            "the half and the next steps.")),
        (gettext("Status"), gettext("Choose one of: %(list)s.") % {"list": statuses}),
        (gettext("Traffic light"), gettext(
            "%(green)s: on track. %(amber)s: delayed or at risk, manageable. %(red)s: the goal "
            "or the schedule is in danger. For %(amber)s and %(red)s a reason is required; its "
            "cell turns orange while it is empty.")
         % {k: label("rag", k, book.lang) for k in KEYS["rag"]}),
        (names["kpis"], gettext("The value of each KPI at the end of the half.")),
        (names["milestones"], gettext("The day a milestone was reached (DD.MM.YYYY); leave it "
                                      "empty while it is open.")),
        (gettext("Emptied cells"), gettext(
            "An emptied cell removes no value: what was reported before stays as it was. To "
            "change a value, type the new one; to remove one, write to whoever sent you this "
            "workbook.")),
        (gettext("Nothing to report?"), gettext(
            "Leave the row empty: an empty row means no progress report for that measure. Do "
            "not delete rows.")),
        (gettext("Please do not"), gettext(
            "rename or delete sheets, move or insert columns, or enter formulas. Save the file "
            "as an Excel workbook (.xlsx) and send it back as it is.")),
    ]
    return rows


# What `collect apply` says about a workbook on the terminal, in the workbook's language.
AT_CELL = N_('Sheet "%(sheet)s", cell %(cell)s: ')
AT_SHEET = N_('Sheet "%(sheet)s": ')
NOTHING_APPLIED = N_("%(file)s: nothing was applied")
NOTHING_TO_CHANGE = N_("%(file)s: nothing to change")
WOULD_CHANGE = N_("%(file)s: measures that would change: %(count)s")
CHANGED = N_("%(file)s: measures changed: %(count)s")
#: The text of an update `import` makes from a status column when the table has no text for it.
IMPORTED_TEXT = N_("Status taken over from the table %(file)s.")

# What `collect`, `collect status` and `import` say on the terminal, in the plan's language
# (`collect`: the workbooks' language).
MADE = N_("%(path)s  (%(unit)s – measures: %(measures)s, KPIs: %(kpis)s, open milestones: "
          "%(milestones)s)")
NONE_ACTIVE = N_("no measure is active in %(half)s: no workbook written")
MISSING = N_("%(unit)s: %(missing)s of %(asked)s without an update for %(half)s")
ALL_REPORTED = N_("every lead unit has reported for %(half)s (%(count)s units)")
WROTE = N_("wrote %(path)s")
WOULD_WRITE = N_("would write %(path)s")
ADDED_FIELD = N_("added the field of action %(key)s: %(title)s")
WOULD_ADD_FIELD = N_("would add the field of action %(key)s: %(title)s")
TABLE_PROBLEMS = N_("problems in the table: %(count)s; nothing was written")
NO_MEASURE = N_("%(file)s: no measure in the table")
AT_ROW_COLUMN = N_("%(file)s: row %(row)s, column “%(column)s”: %(message)s")
AT_ROW = N_("%(file)s: row %(row)s: %(message)s")
AT_ROWS = N_("%(file)s: rows %(rows)s: %(message)s")
UNKNOWN_FIELD = N_("the field of action “%(title)s” is not in masterplan.yaml "
                   "(--create-fields adds it)")
EMPTY_REQUIRED = N_("empty, but every measure needs it")
NOT_ONE_OF = N_("“%(value)s” is none of: %(list)s")
NOT_A_GOAL = N_("“%(value)s” is not a goal of the plan")
NOT_AN_ID = N_("“%(value)s” is not an id like %(example)s")
ID_TAKEN = N_("%(id)s exists already (import never overwrites a measure)")
#: A status starts a new update, which needs a value the row lacks (the column is empty) ...
EMPTY_FOR_UPDATE = N_("empty, but the status starts a progress report for %(half)s, which "
                      "needs it")
#: ... or the table has no column for it at all.
NO_COLUMN_FOR_UPDATE = N_("the status starts a progress report for %(half)s, which needs a "
                          "column “%(column)s” (or “%(other)s”) with a value")
