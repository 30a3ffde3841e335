"""One measure (Maßnahme): `measures/<ID>-<slug>.yaml`, with its half-yearly updates."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from dotool.i18n.terminal import t
from dotool.model.base import (
    MAX_ITEMS,
    MAX_KPIS,
    Day,
    Euro,
    Expects,
    Markdown,
    MarkdownText,
    StrictModel,
    Text,
    Value,
    described,
)
from dotool.model.dates import Half, PartialDate
from dotool.model.masterplan import KEY_RULE, Key
from dotool.model.patterns import MEASURE_ID_PATTERN
from dotool.model.vocab import FundingStatus, Kind, Priority, Rag, Scope, Status

#: The example of a measure id in a finding (`dotool.checks.load` puts the plan's prefix in).
MEASURE_ID_EXAMPLE = "M-007"
MeasureId = Annotated[str, StringConstraints(pattern=rf"^{MEASURE_ID_PATTERN}$"),
                      Expects(t("a measure id: prefix, hyphen, three or more digits"),
                              MEASURE_ID_EXAMPLE)]
KpiKey = Annotated[Key, Expects(t("a KPI key: {rule}", rule=KEY_RULE), "online_share")]
#: References to masterplan.yaml: the message says where the key must come from.
FieldRef = Annotated[Key, Expects(t("the key of a field of action in masterplan.yaml: {rule}",
                                    rule=KEY_RULE), "mobilitaet-verkehr")]
GoalRef = Annotated[Key, Expects(t("the key of a goal in masterplan.yaml: {rule}", rule=KEY_RULE),
                                 "lebensqualitaet")]


class Funding(StrictModel):
    """Funding from a programme (Förderung)."""

    programme: Text = described("Förderprogramm.", "Bundesförderprogramm Breitband")
    share: float | None = described("Förderquote, 0 bis 1.", 0.9, default=None, ge=0, le=1)
    status: FundingStatus = described(
        "Stand des Antrags: planned, applied, approved, received oder rejected.", "applied")


class Budget(StrictModel):
    """Planned costs in euros (Ansatz)."""

    one_off: Euro | None = described("Einmalige Kosten in Euro.", 25000, default=None)
    annual: Euro | None = described("Laufende Kosten pro Jahr in Euro.", 3000, default=None)
    budget_line: str | None = described("Haushaltsstelle.", "1.1.1.01.7831", default=None)
    note: str | None = described("Was die Zahlen nicht sagen können.",
                                 "40.000 € in 2022, danach je 5.000 € pro Jahr", default=None)
    funding: Funding | None = described("Förderung (optional).", default=None)


class BudgetRevision(StrictModel):
    """What changed in the planned costs in one half (the revised Ansatz): any of the three."""

    one_off: Euro | None = described("Neuer Ansatz der einmaligen Kosten in Euro.", 30000,
                                     default=None)
    annual: Euro | None = described("Neuer Ansatz der laufenden Kosten pro Jahr in Euro.", 3500,
                                    default=None)
    note: str | None = described("Neue Anmerkung zum Ansatz.", "Mehrkosten durch Schnittstelle",
                                 default=None)


class Ozg(StrictModel):
    """Link to services of the Onlinezugangsgesetz (OZG)."""

    services: list[Text] = described("OZG-Leistungen.", ["Anwohnerparkausweis"],
                                     max_length=MAX_ITEMS)
    maturity_target: int | None = described("Angestrebter Reifegrad, 0 bis 4.", 3,
                                            default=None, ge=0, le=4)


class Kpi(StrictModel):
    """A key performance indicator with baseline and target."""

    key: KpiKey = described("Stabiler Schlüssel der Kennzahl (für die Werte in den Sachständen): "
                            "Kleinbuchstaben, Ziffern, _ und -, beginnt mit einem Buchstaben.",
                            "online_share")
    name: Text = described("Name der Kennzahl.", "Anteil online gebuchter Termine")
    unit: str | None = described("Einheit.", "%", default=None)
    baseline: Value | None = described("Ausgangswert.", 0, default=None)
    target: Value | None = described("Zielwert.", 60, default=None)


class Milestone(StrictModel):
    """A milestone with its due date and, once reached, the date it was done."""

    title: Text = described("Meilenstein.", "Auswahl der Terminsoftware")
    due: Day = described("Fällig am (JJJJ-MM-TT).", "2020-10-31")
    done: Day | None = described("Erreicht am (JJJJ-MM-TT), optional.", "2020-11-12",
                                 default=None)


class CouncilPaper(StrictModel):
    """A related council paper (Vorlage, Beschluss)."""

    ref: Text = described("Drucksachennummer.", "BV/0123/2020")
    date: Day | None = described("Datum der Sitzung oder Vorlage.", "2020-09-24", default=None)
    title: str | None = described("Titel.", "Beschluss Masterplan", default=None)


class Update(StrictModel):
    """The progress report (Sachstand) of one half-year."""

    half: Half = described("Berichtshalbjahr: JJJJ-H1 oder JJJJ-H2.", "2020-H2")
    status: Status = described(
        "Status: planned, in_progress, ongoing, completed, on_hold oder dropped.", "in_progress")
    rag: Rag = described("Ampel: green, amber oder red.", "green")
    rag_reason: Markdown | None = described("Begründung – Pflicht bei gelb und rot.",
                                       "Lieferverzug des Anbieters", default=None)
    progress: int | None = described("Fortschritt in Prozent, 0 bis 100 (Pflicht außer bei "
                                     "Daueraufgaben).", 40, default=None, ge=0, le=100)
    spent: Euro | None = described("Kumulierte Ausgaben (Ist) am Ende des Halbjahrs in Euro.",
                                   12000, default=None)
    kpis: dict[str, Value] = Field(
        default_factory=dict, description="Werte der Kennzahlen am Ende des Halbjahrs.",
        examples=[{"online_share": 12}])
    text: MarkdownText = described("Was geschah (Markdown).", "Die Software ist ausgewählt …")
    next: Markdown | None = described("Nächste Schritte (Markdown, optional).",
                                 "Schulung der Mitarbeitenden", default=None)
    replanned_end: PartialDate | None = described(
        "Neues geplantes Ende (Grund in rag_reason oder text).", "2021-09", default=None)
    funding_status: FundingStatus | None = described(
        "Neuer Stand der Förderung in diesem Halbjahr (planned, applied, approved, received "
        "oder rejected); gilt ab diesem Halbjahr.", "approved", default=None)
    budget: BudgetRevision | None = described(
        "Geänderter Ansatz in diesem Halbjahr (one_off, annual, note); gilt ab diesem "
        "Halbjahr.", {"one_off": 30000}, default=None)


class Measure(StrictModel):
    """A measure of the plan and its history of updates."""

    id: MeasureId = described("ID der Maßnahme: Präfix, Bindestrich, mindestens drei Ziffern.",
                              "M-007")
    title: Text = described("Titel.", "Online-Terminvergabe im Bürgerbüro")
    ref: str | None = described("Nummer in einem früheren Plan oder Dokument.", "06.01 Nr. 03",
                                default=None)
    field: FieldRef = described("Schlüssel des Handlungsfelds aus masterplan.yaml.",
                                "buergerservice", "mobilitaet-verkehr")
    goals: list[GoalRef] = described(
        "Schlüssel der Ziele aus masterplan.yaml (darf leer sein; muss leer sein, wenn der Plan "
        "keine Ziele hat).", ["buergerservice"], default_factory=list, max_length=MAX_ITEMS)
    scope: Scope = described("internal (verwaltungsintern) oder external (verwaltungsextern).",
                             "external")
    kind: Kind = described(
        "Art: project, advisory, innovation, strategy oder infrastructure.", "project")
    summary: MarkdownText = described("Beschreibung (Markdown).",
                                      "Termine im Bürgerbüro online buchen.")
    objective: Markdown | None = described("Ziel und erwartete Wirkung (Markdown).",
                                      "Kürzere Wartezeiten.", default=None)
    lead: Text = described("Federführung – eine Organisationseinheit, nie eine Person.",
                           "Fachdienst Bürgerservice")
    participants: list[Text] = described("Beteiligte Organisationseinheiten.", ["IT-Service"],
                                         default_factory=list, max_length=MAX_ITEMS)
    contact: str | None = described(
        "Interner Kontakt – erscheint nie in einem Dokument, Export oder auf der Website.",
        "Fachdienst Bürgerservice, -123", default=None)
    priority: Priority | None = described("Priorität: high, medium oder low.", "high",
                                          default=None)
    start: PartialDate | None = described("Beginn (JJJJ-MM oder JJJJ-MM-TT); fehlt: noch nicht "
                                          "terminiert.", "2020-09", default=None)
    end: PartialDate | None = described("Geplantes Ende; fehlt bei Daueraufgaben.", "2021-06",
                                        default=None)
    budget: Budget | None = described(
        "Kosten in Euro zum Zeitpunkt der Planung (optional); spätere Änderungen stehen in den "
        "Sachständen (budget, funding_status).", default=None)
    ozg: Ozg | None = described("Bezug zu OZG-Leistungen (optional).", default=None)
    depends_on: list[MeasureId] = described("IDs der Maßnahmen, von denen diese abhängt.",
                                            ["M-003"], default_factory=list,
                                            max_length=MAX_ITEMS)
    kpis: list[Kpi] = described("Kennzahlen.", default_factory=list, max_length=MAX_KPIS)
    milestones: list[Milestone] = described("Meilensteine.", default_factory=list,
                                            max_length=MAX_ITEMS)
    council: list[CouncilPaper] = described("Zugehörige Ratsvorlagen.", default_factory=list,
                                            max_length=MAX_ITEMS)
    public: bool = described("false: in öffentlichen Ausgaben (Website, Export --public) "
                             "nicht enthalten.", True, default=True)
    updates: list[Update] = described("Halbjährliche Sachstände, älteste zuerst.",
                                      default_factory=list, max_length=MAX_ITEMS)
