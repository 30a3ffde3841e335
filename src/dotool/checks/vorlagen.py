"""Rules for the council paper of a half's report (`masterplan/reports/<half>.yaml`)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from dotool.checks.context import Context
from dotool.i18n.terminal import t
from dotool.model.dates import Half

#: A signature names an office; these look like a person (a title, a salutation, an address).
_PERSON = re.compile(r"^\s*(Frau|Herr|Hr\.|Fr\.|Dr\.|Prof\.|Mr\.?|Mrs\.?|Ms\.?)\s|@",
                     re.IGNORECASE)


def half_of_file(path: str) -> Half | None:
    """The half a report file belongs to, from its name (`2021-H2.yaml`); None if it is none."""
    stem = PurePosixPath(path).stem
    try:
        half = Half.parse(stem)
    except ValueError:
        return None
    return half if str(half) == stem else None  # one spelling only: 2021-H2, not 2021-h2


def check_vorlagen(ctx: Context) -> None:
    """File names are halves that have begun; the session follows the half; the body is in
    the Beratungsfolge; the signature names an office."""
    current = Half.of(ctx.today)
    committee = ctx.loaded.masterplan.committee if ctx.loaded.masterplan else None
    for path, vorlage in ctx.loaded.vorlagen:
        half = half_of_file(path)
        if half is None:
            ctx.report("report-file-name", path, (),
                       t("`{name}` does not name a half", name=PurePosixPath(path).name),
                       t("name the file after the half it belongs to, e.g. "
                         "masterplan/reports/2021-H2.yaml (`dotool report --half 2021-H2 "
                         "--init`)"))
            continue
        if half > current:
            ctx.report("half-in-future", path, (),
                       t("paper for the report on {half}, which has not begun yet (now: {now})",
                         half=half, now=current))
        if vorlage.session is not None and vorlage.session <= half.end:
            ctx.report("session-before-end", path, ("session",),
                       t("the session on {day} is not after the end of {half} ({end}): the "
                         "report covers days after it", day=vorlage.session, half=half,
                         end=half.end),
                       t("give the date of the session that discusses the report"))
        body = vorlage.body or committee
        if vorlage.beratungsfolge and body and body not in vorlage.beratungsfolge:
            ctx.report("body-not-in-beratungsfolge", path,
                       ("body",) if vorlage.body else ("beratungsfolge",),
                       t("the body `{body}` is not in the Beratungsfolge", body=body),
                       t("list the bodies that discuss the report, this one among them"),
                       key=vorlage.body is None)
        if vorlage.signature and _PERSON.search(vorlage.signature):
            ctx.report("signature-person", path, ("signature",),
                       t("the signature looks like a person or an e-mail address"),
                       t("sign with the office (e.g. `Digital Officer, Stabsstelle "
                         "Wirtschaftsförderung`): public documents name no person"))
