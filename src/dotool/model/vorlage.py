"""The paper a half-yearly report goes to the council in: `masterplan/reports/<half>.yaml`.

Optional, one file per half. It holds what only the Digital Officer can say about a report —
the number of the paper in the council information system, the session, the bodies that
discuss it, the proposed resolution and the narrative (introduction, conclusion, financial
effects) — so that the report is a *Mitteilungsvorlage* a clerk files unchanged.
"""

from __future__ import annotations

from dotool.model.base import MAX_ITEMS, Day, MarkdownText, StrictModel, Text, described


class Vorlage(StrictModel):
    """The council paper of one half's report (every field optional)."""

    vorlage: Text | None = described(
        "Vorlagen-Nr. im Ratsinformationssystem.", "MV/0042/2022", default=None)
    session: Day | None = described(
        "Datum der Sitzung, in der der Bericht beraten wird (JJJJ-MM-TT).", "2022-03-17",
        default=None)
    body: Text | None = described(
        "Gremium, dem der Bericht vorgelegt wird; fehlt es, der Ausschuss aus masterplan.yaml.",
        "Ausschuss für Wirtschaft, Finanzen, Beteiligungen und Personal", default=None)
    beratungsfolge: list[Text] = described(
        "Beratungsfolge: die Gremien in der Reihenfolge, in der sie den Bericht beraten.",
        ["Ausschuss für Wirtschaft, Finanzen, Beteiligungen und Personal",
         "Verwaltungsausschuss"], default_factory=list, max_length=MAX_ITEMS)
    proposal: MarkdownText | None = described(
        "Beschlussvorschlag (Markdown); fehlt er: Kenntnisnahme durch das Gremium.",
        "Der Ausschuss nimmt den Sachstandsbericht zur Kenntnis.", default=None)
    introduction: MarkdownText | None = described(
        "Einleitung / Sachverhalt (Markdown).",
        "Der Rat hat den Masterplan am 24.09.2020 beschlossen …", default=None)
    conclusion: MarkdownText | None = described("Fazit (Markdown).",
                                        "Die Umsetzung liegt im Plan …", default=None)
    financial_effects: MarkdownText | None = described(
        "Finanzielle Auswirkungen (Markdown).",
        "Keine über die im Haushalt veranschlagten Mittel hinaus.", default=None)
    signature: Text | None = described(
        "Unterzeichnende Stelle – eine Organisationseinheit, nie eine Person.",
        "Digital Officer, Stabsstelle Wirtschaftsförderung", default=None)
