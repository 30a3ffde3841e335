"""The plan itself: `masterplan/masterplan.yaml`."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from dotool.i18n.terminal import t
from dotool.model.base import MAX_ITEMS, Chapter, Expects, Markdown, StrictModel, Text, described
from dotool.model.patterns import ID_PREFIX_PATTERN, KEY_PATTERN
from dotool.model.vocab import Language

KEY_RULE = t("a lowercase letter, then lowercase letters, digits, _ or -")
Key = Annotated[str, StringConstraints(pattern=rf"^{KEY_PATTERN}$"),
                Expects(t("a key: {rule}", rule=KEY_RULE), "buergerservice")]
GoalKey = Annotated[Key, Expects(t("a goal key: {rule}", rule=KEY_RULE), "lebensqualitaet")]
FieldKey = Annotated[Key, Expects(t("a field key: {rule}", rule=KEY_RULE), "mobilitaet-verkehr")]
IdPrefix = Annotated[str, StringConstraints(pattern=rf"^{ID_PREFIX_PATTERN}$"),
                     Expects(t("capital letters or digits, starting with a letter"), "M")]


class Goal(StrictModel):
    """A strategic goal (Ziel)."""

    key: GoalKey = described("Stabiler Schlüssel des Ziels: Kleinbuchstaben, Ziffern, _ und -, "
                             "beginnt mit einem Buchstaben.", "lebensqualitaet", "ulm-im-wandel")
    title: Text = described("Titel des Ziels.", "Lebens- und Standortqualität")
    description: Markdown | None = described("Beschreibung (Markdown, optional).",
                                        "Winsen bleibt ein attraktiver Wohn- und Arbeitsort.",
                                        default=None)


class FieldOfAction(StrictModel):
    """A field of action (Handlungsfeld)."""

    key: FieldKey = described("Stabiler Schlüssel des Handlungsfelds: Kleinbuchstaben, Ziffern, "
                              "_ und -, beginnt mit einem Buchstaben.", "buergerservice",
                              "mobilitaet-verkehr")
    title: Text = described("Titel des Handlungsfelds.", "Bürgerservice und digitales Rathaus")
    description: Markdown | None = described("Beschreibung (Markdown, optional).",
                                        "Leistungen der Stadt online und barrierefrei.",
                                        default=None)


class Masterplan(StrictModel):
    """The masterplan: municipality, committee, vision, goals and fields of action."""

    municipality: Text = described("Name der Kommune.", "Winsen (Luhe)")
    title: Text = described("Titel des Plans.", "Masterplan Digitalisierung")
    sample: bool = described("Beispieldaten: jede Ausgabe weist auf der ersten Seite darauf hin.",
                             True, default=False)
    owner: str | None = described(
        "Verantwortliche Stelle – eine Organisationseinheit, keine Person.",
        "Digital Officer, Stabsstelle Wirtschaftsförderung", default=None)
    committee: Text = described("Der Ausschuss, dem halbjährlich berichtet wird.",
                                "Ausschuss für Wirtschaft, Finanzen, Beteiligungen und Personal")
    language: Language = described("Standardsprache der Ausgaben (de oder en).", "de",
                                   default="de")
    id_prefix: IdPrefix = described("Präfix der Maßnahmen-IDs (M → M-001).", "M", default="M")
    vision: Chapter | None = described("Vision / Vorwort (Markdown).",
                                   "Winsen nutzt die Chancen der Digitalisierung …", default=None)
    situation: Chapter | None = described("Ausgangslage (Markdown, optional).",
                                      "Die Verwaltung arbeitet überwiegend papierbasiert …",
                                      default=None)
    goals: list[Goal] = described(
        "Strategische Ziele (optional: ein Plan nur mit Handlungsfeldern hat keine; dann "
        "nennen auch die Maßnahmen keine Ziele).", default_factory=list, max_length=MAX_ITEMS)
    fields: list[FieldOfAction] = Field(
        description="Handlungsfelder.", min_length=1, max_length=MAX_ITEMS,
        examples=[[{"key": "buergerservice", "title": "Bürgerservice und digitales Rathaus"}]],
    )
    governance: Chapter | None = described(
        "Steuerung und Monitoring: Rollen, Berichtszyklus (Markdown, optional).",
        "Der Digital Officer berichtet dem Ausschuss halbjährlich.", default=None)

    def goal(self, key: str) -> Goal | None:
        return next((g for g in self.goals if g.key == key), None)

    def field(self, key: str) -> FieldOfAction | None:
        return next((f for f in self.fields if f.key == key), None)

    def field_title(self, key: str) -> str:
        """The title of a field of action (its key, should there be no such field)."""
        found = self.field(key)
        return found.title if found else key
