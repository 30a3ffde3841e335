"""The terminal side of `collect apply` and `collect status` (stdout: the lists; stderr: errors).

Workbook errors are written in the workbook's language, as the unit that filled it reads them:
`Blatt "Maßnahmen", Zelle F7: Fortschritt 150 – erlaubt sind 0 bis 100`.
"""

from __future__ import annotations

import json
from typing import Any

from dotool.collect import texts
from dotool.collect.apply import Outcome
from dotool.collect.status import UnitStatus
from dotool.text import brief, shown


def _say(console: Any, text: str) -> None:
    console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)


def where(error: Any, gettext: Any) -> str:
    """`Blatt "Maßnahmen", Zelle F7: ` (or only the sheet, or nothing) before a message."""
    if error.sheet and error.cell:
        return str(gettext(texts.AT_CELL) % {"sheet": error.sheet, "cell": error.cell})
    if error.sheet:
        return str(gettext(texts.AT_SHEET) % {"sheet": error.sheet})
    return ""


def print_outcomes(outcomes: list[Outcome], *, dry_run: bool) -> bool:
    """Report each workbook; True when every one was applied (or would be)."""
    from dotool.i18n import translations
    from dotool.i18n.terminal import t
    from dotool.output.styled import err_console, out_console

    err, out = err_console(), out_console()
    ok = True
    for outcome in outcomes:
        # The workbook's language, as the messages about its cells are worded in it.
        gettext = translations(outcome.lang).gettext
        error, hint = t("error:").render(outcome.lang), t("hint:").render(outcome.lang)
        name = shown(outcome.name)
        if outcome.errors:
            ok = False
            for e in outcome.errors:
                _say(err, f"{error} {name}: {shown(where(e, gettext) + e.message)}")
                if e.hint:
                    _say(err, f"{hint} {shown(e.hint)}")
            _say(err, gettext(texts.NOTHING_APPLIED) % {"file": name})
            continue
        if not outcome.changes:
            _say(err, gettext(texts.NOTHING_TO_CHANGE) % {"file": name})
            continue
        # One print for the workbook: rich's work per call is most of the time of a long list.
        lines = []
        for measure_id, changes in outcome.changes.items():
            lines.append(f"{measure_id}:")
            lines += [f"  {field}: {brief(old)} → {brief(new)}" for field, old, new in changes]
        _say(out, "\n".join(lines))
        key = texts.WOULD_CHANGE if dry_run else texts.CHANGED
        _say(err, gettext(key) % {"file": name, "count": len(outcome.changes)}
             + (" (git commit)" if outcome.committed else ""))
    return ok



def print_status(units: list[UnitStatus], *, half: str, output: str, lang: str) -> None:
    """Who has not reported for `half`: one block per unit with something missing (text in
    the plan's language `lang`; JSON with keys for scripts)."""
    if output == "json":
        data = {"half": half, "units": [
            {"unit": u.unit, "measures": u.asked,
             "missing": [{"id": i, "title": t} for i, t in u.missing]} for u in units]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from dotool.i18n import translations
    from dotool.output.styled import out_console

    gettext = translations(lang).gettext
    out = out_console()
    missing = [u for u in units if u.missing]
    for u in missing:
        _say(out, gettext(texts.MISSING) % {"unit": shown(u.unit), "missing": len(u.missing),
                                            "asked": u.asked, "half": half})
        for measure_id, title in u.missing:
            _say(out, f"  {measure_id}  {shown(title)}")
    if not missing:
        _say(out, gettext(texts.ALL_REPORTED) % {"half": half, "count": len(units)})
