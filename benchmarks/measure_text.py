"""The YAML text of generated measures and of the masterplan (see generate.py).

Each measure draws its wording from its own random generator, always in the same order, so a
measure renders the same whatever the state it is rendered in (only the updates shown differ).
"""

from __future__ import annotations

import random
import textwrap
from datetime import date
from typing import Any

FIELDS = [("strategie", "Digitale Strategie und Steuerung"),
          ("buergerservice", "Bürgerservice und digitales Rathaus"),
          ("verwaltung", "Digitale Verwaltung und Arbeitsplatz"),
          ("wirtschaft", "Wirtschaft und Standort"),
          ("infrastruktur", "Breitband und digitale Infrastruktur"),
          ("bildung", "Schulen und Bildung"),
          ("innovation", "Innovation und Smart City")]
GOALS = [("lebensqualitaet", "Lebens- und Standortqualität"),
         ("buergerservice", "Bürgerservice – digitales Rathaus"),
         ("wirtschaftlichkeit", "Wirtschaftlichkeit des kommunalen Handelns"),
         ("teilhabe", "Digitale Teilhabe")]
_TOPICS = ["Digitalisierung", "Einführung", "Ausbau", "Modernisierung", "Umstellung", "Pilot"]
_OBJECTS = ["der Bauantragsverfahren", "der E-Akte im Ordnungsamt", "des Ratsinformationssystems",
            "der Online-Terminvergabe", "des WLAN in Schulen", "der Gewerbeanmeldung",
            "des Mängelmelders", "der E-Rechnung", "des Gigabitnetzes", "der Sensorik im Bauhof",
            "der Bibliotheksausleihe", "des Open-Data-Portals", "der Personalverwaltung"]
_UNITS = ["Fachdienst Bürgerservice", "IT-Service", "Fachdienst Finanzen", "Hauptamt",
          "Stabsstelle Wirtschaftsförderung", "Fachdienst Bauordnung", "Fachdienst Schulen",
          "Fachdienst Tiefbau", "Ordnungsamt", "Stadtbücherei"]
_SENTENCES = ("Die Verwaltung stellt den Prozess vollständig auf digitale Bearbeitung um und "
              "verbindet ihn mit dem Bürgerportal des Landes sowie der E-Akte. Anträge werden "
              "online gestellt, Nachweise hochgeladen und Bescheide elektronisch zugestellt. Die "
              "Mitarbeitenden werden geschult, Abläufe werden gemeinsam mit dem IT-Service neu "
              "beschrieben und Medienbrüche entfallen. Schnittstellen zu den Fachverfahren werden "
              "mit dem kommunalen Rechenzentrum abgestimmt und barrierefrei gestaltet.")
_WORDS = _SENTENCES.split()
_REASONS = ["Lieferverzug des Anbieters", "Personalengpass im Fachdienst",
            "Förderbescheid verzögert sich", "Ausschreibung musste wiederholt werden"]

MODELINE = "# yaml-language-server: $schema=../schema/measure.schema.json\n"


def half_at(hs: list[tuple[int, int]], index: int) -> tuple[int, int]:
    """The half `index` halves after the first one of `hs` (also beyond its end)."""
    year, number = hs[0]
    total = year * 2 + number - 1 + index
    return total // 2, total % 2 + 1


def _end_of(half: tuple[int, int]) -> date:
    return date(half[0], 6, 30) if half[1] == 1 else date(half[0], 12, 31)


def _text(rng: random.Random, words: int, indent: int) -> str:
    start = rng.randrange(len(_WORDS))
    chosen = [_WORDS[(start + i) % len(_WORDS)] for i in range(words)]
    body = " ".join(chosen).rstrip(".") + "."
    lines = textwrap.wrap(body[0].upper() + body[1:], 92 - indent)
    return ">-\n" + "".join(" " * indent + line + "\n" for line in lines)


def measure_yaml(spec: Any, hs: list[tuple[int, int]], upto: int, revision: int = 0) -> str:
    """The file of measure `spec` with the updates of its first `upto` halves."""
    rng = random.Random(spec.rng_seed)
    out = [MODELINE]
    if revision:
        out.append(f"# Überarbeitung {revision}\n")
    out.append(f"id: {spec.id}\ntitle: {rng.choice(_TOPICS)} {rng.choice(_OBJECTS)} "
               f"({spec.index})\n")
    if rng.random() < 0.3:
        out.append(f'ref: "{rng.randrange(1, 12):02d}.{rng.randrange(1, 9):02d} Nr. '
                   f'{rng.randrange(1, 20):02d}"\n')
    goals = rng.sample([g for g, _ in GOALS], rng.randrange(0, 3))
    out.append(f"field: {rng.choice(FIELDS)[0]}\ngoals: [{', '.join(goals)}]\n"
               f"scope: {rng.choice(['internal', 'external'])}\n"
               f"kind: {rng.choice(['project', 'advisory', 'innovation', 'strategy'])}\n"
               f"summary: {_text(rng, rng.randrange(35, 60), 2)}"
               f"objective: {_text(rng, rng.randrange(15, 30), 2)}")
    lead = rng.choice(_UNITS)
    out.append(f"lead: {lead}\nparticipants: [{', '.join(rng.sample(_UNITS, 2))}]\n")
    if rng.random() < 0.3:
        out.append(f"contact: {lead}, -{rng.randrange(100, 999)}\n")
    out.append(f"priority: {rng.choice(['high', 'medium', 'low'])}\n")
    finish = spec.extra.get("finish", 0)
    if spec.start is not None:
        first = half_at(hs, spec.start)
        out.append(f"start: {first[0]}-{(first[1] - 1) * 6 + 1 + rng.randrange(6):02d}\n")
        if not spec.extra.get("ongoing"):
            last = half_at(hs, finish)
            out.append(f"end: {last[0]}-{last[1] * 6:02d}\n")
    one_off = rng.randrange(5, 400) * 1000
    if rng.random() < 0.7:
        out.append(f"budget:\n  one_off: {one_off}\n  annual: {rng.randrange(0, 30) * 500}\n"
                   f'  budget_line: "1.1.{rng.randrange(1, 9)}.0{rng.randrange(1, 9)}.7831"\n')
        if rng.random() < 0.25:
            out.append("  funding:\n    programme: Förderprogramm Digitale Kommune\n"
                       f"    share: 0.{rng.randrange(5, 10)}\n    status: approved\n")
    else:
        one_off = 0
    if "depends" in spec.extra:
        out.append(f"depends_on: [{spec.extra['depends']}]\n")
    kpis = [f"kpi_{k}" for k in range(rng.randrange(1, 3))]
    out.append("kpis:\n" + "".join(
        f"  - key: {k}\n    name: Kennzahl {k[-1]} der Maßnahme\n    unit: \"%\"\n"
        f"    baseline: 0\n    target: {rng.randrange(5, 20) * 5}\n" for k in kpis))
    reported = _end_of(half_at(hs, upto - 1)) if upto else date(2000, 1, 1)
    if spec.start is not None:
        out.append("milestones:\n")
        for number, at in enumerate(sorted({spec.start, (spec.start + finish) // 2, finish})):
            year, half = half_at(hs, at)
            due = date(year, (half - 1) * 6 + 1 + rng.randrange(6), rng.randrange(1, 28))
            done = date.fromordinal(due.toordinal() - rng.randrange(0, 20))
            out.append(f"  - title: Meilenstein {number + 1}\n    due: {due}\n")
            if done <= reported and not (spec.extra.get("warn") and number == 0):
                out.append(f"    done: {done}\n")
    if rng.random() < 0.4:
        out.append(f"council:\n  - ref: BV/{rng.randrange(1, 300):04d}/2020\n"
                   "    date: 2020-09-24\n    title: Beschluss Masterplan\n")
    out.append(f"public: {'false' if rng.random() < 0.1 else 'true'}\n")
    shown = [u for u in spec.updates if u["h"] < upto]
    if shown:
        out.append("updates:\n")
    for u in shown:
        out.append(_update(u, hs, rng, kpis, one_off))
    return "".join(out)


def _update(u: dict[str, Any], hs: list[tuple[int, int]], rng: random.Random, kpis: list[str],
            one_off: int) -> str:
    year, number = half_at(hs, u["h"])
    out = [f"  - half: {year}-H{number}\n    status: {u['status']}\n    rag: {u['rag']}\n"]
    if u["rag"] != "green":
        out.append(f"    rag_reason: {rng.choice(_REASONS)}\n")
    progress = u.get("progress")
    if progress is not None:
        out.append(f"    progress: {progress}\n")
        if one_off:
            out.append(f"    spent: {one_off * progress // 100}\n")
        out.append("    kpis: {" + ", ".join(f"{k}: {progress // 2}" for k in kpis) + "}\n")
    out.append(f"    text: {_text(rng, rng.randrange(10, 22), 6)}")
    if u["status"] not in ("completed", "dropped") and rng.random() < 0.5:
        out.append(f"    next: {_text(rng, rng.randrange(6, 14), 6)}")
    return "".join(out)


def masterplan_yaml() -> str:
    """The plan file: a generated municipality with the fields and goals above."""
    goals = "".join(f"  - key: {k}\n    title: {t}\n" for k, t in GOALS)
    fields = "".join(f"  - key: {k}\n    title: {t}\n" for k, t in FIELDS)
    return ("# yaml-language-server: $schema=../schema/masterplan.schema.json\n"
            "# Generated benchmark data, not a real plan.\n"
            "municipality: Benchmarkstadt\ntitle: Masterplan Digitalisierung\nsample: true\n"
            "owner: Digital Officer\n"
            "committee: Ausschuss für Wirtschaft, Finanzen, Beteiligungen und Personal\n"
            "language: de\nid_prefix: M\nvision: >-\n  Eine generierte Vision.\n"
            f"goals:\n{goals}fields:\n{fields}")
