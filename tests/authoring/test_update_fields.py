"""`dotool update` changes only what it is told: given fields, `--unset`, `--replace`, old → new."""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool.store.yamlload import load_yaml

M1 = "measures/M-001-termine.yaml"
# The update of 2021-H1 as a Digital Officer writes it: comments, a folded text, money.
FILE = """\
id: M-001
title: Online-Terminvergabe
field: rathaus
goals: [service]
scope: external
kind: project
summary: Termine online buchen.
lead: Fachdienst Bürgerservice
priority: high
start: 2020-09
end: 2021-12
budget:
  one_off: 25000
  annual: 3000
  funding:
    programme: Förderprogramm Digitale Kommune
    share: 0.5
    status: planned
kpis:
  - key: online_share
    name: Anteil online gebuchter Termine
    unit: "%"
    baseline: 0
    target: 60
updates:
  - half: 2020-H2
    status: in_progress
    rag: green
    progress: 40
    spent: 10000
    kpis: {online_share: 12}
    text: Software ausgewählt.
  - half: 2021-H1
    status: in_progress   # seit Januar im Pilot
    rag: green
    progress: 70
    spent: 35000   # Stand Finanzverfahren 30.06.
    kpis: {online_share: 40}
    # Text mit dem Fachdienst abgestimmt
    text: >-
      Pilot läuft in zwei
      Bürgerbüros.
    next: Rollout.
"""


def _update(plan_dir: Path, run_cli, *args: str, exit_code: int = 0):  # type: ignore[no-untyped-def]
    return run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H1", *args,
                   exit_code=exit_code)


def _data(path: Path) -> dict:  # type: ignore[type-arg]
    doc = load_yaml(path.read_bytes(), path="x").document
    assert doc is not None
    return doc.data  # type: ignore[no-any-return]


@pytest.fixture
def measure(plan_dir: Path) -> Path:
    path = plan_dir / M1
    path.write_text(FILE, encoding="utf-8")
    return path


def test_changing_the_ampel_keeps_every_other_field_comment_and_byte(plan_dir, measure,
                                                                     run_cli) -> None:  # type: ignore[no-untyped-def]
    # The report of issue 11: correcting only the Ampel dropped `spent` and a comment.
    result = _update(plan_dir, run_cli, "--rag", "amber", "--rag-reason", "Lieferverzug.")
    assert measure.read_text(encoding="utf-8") == FILE.replace(
        "    rag: green\n    progress: 70",
        "    rag: amber\n    rag_reason: Lieferverzug.\n    progress: 70")
    assert "changed the update 2021-H1" in result.stderr
    assert "rag: green → amber" in result.stderr
    assert "rag_reason: – → Lieferverzug." in result.stderr
    run_cli("validate", "--root", plan_dir)


def test_a_single_value_keeps_the_comment_after_it(plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _update(plan_dir, run_cli, "--spent", "36500", "--status", "completed",
                     "--progress", "100")
    assert measure.read_text(encoding="utf-8") == FILE.replace(
        "status: in_progress   # seit", "status: completed   # seit").replace(
        "progress: 70", "progress: 100").replace("spent: 35000   #", "spent: 36500   #")
    assert "spent: 35000 → 36500" in result.stderr and "progress: 70 → 100" in result.stderr


def test_kpi_and_budget_entries_change_one_at_a_time(plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    _update(plan_dir, run_cli, "--kpi", "online_share=45", "--funding-status", "approved",
            "--budget-one-off", "30000")
    data = _data(measure)["updates"][1]
    assert data["kpis"] == {"online_share": 45}
    assert (data["funding_status"], data["budget"]) == ("approved", {"one_off": 30000})
    # A second budget entry joins the first; the one-off cost stays.
    result = _update(plan_dir, run_cli, "--budget-annual", "3500", "--budget-note",
                     "Mehrkosten: Schnittstelle")
    assert _data(measure)["updates"][1]["budget"] == {
        "one_off": 30000, "annual": 3500, "note": "Mehrkosten: Schnittstelle"}
    assert "budget.annual: – → 3500" in result.stderr
    assert measure.read_text(encoding="utf-8") == FILE.replace(
        "{online_share: 40}", "{online_share: 45}") + (
        "    funding_status: approved\n    budget:\n      one_off: 30000\n"
        "      annual: 3500\n      note: \"Mehrkosten: Schnittstelle\"\n")
    run_cli("validate", "--root", plan_dir)


def test_unset_removes_one_field_or_entry(plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _update(plan_dir, run_cli, "--unset", "next", "--unset", "kpis.online_share")
    assert measure.read_text(encoding="utf-8") == FILE.replace("    next: Rollout.\n", "") \
        .replace("    kpis: {online_share: 40}\n", "")
    assert "next: Rollout. → –" in result.stderr
    assert "kpis.online_share: 40 → –" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("--unset", "status"), "`status` is required in an update"),
    (("--unset", "text"), "`text` is required in an update"),
    (("--unset", "colour"), "not a field of an update"),
    (("--unset", "spent", "--spent", "1"), "--unset spent and a new value for it"),
    (("--unset", "spent", "--replace"), "--unset is not needed"),
    ((), "nothing to change in the update 2021-H1"),
    (("--funding-status", "granted"), "--funding-status: `granted` is not one of planned, "
     "applied, approved, received, rejected"),
])
def test_bad_requests_exit_2_and_write_nothing(plan_dir, measure, run_cli, args,
                                               message) -> None:  # type: ignore[no-untyped-def]
    result = _update(plan_dir, run_cli, *args, exit_code=2)
    assert message in result.stderr
    assert measure.read_text(encoding="utf-8") == FILE


def test_unset_on_a_half_without_update_exits_2(plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H2", "--unset",
                     "spent", exit_code=2)
    assert "no update for 2021-H2" in result.stderr
    assert measure.read_text(encoding="utf-8") == FILE


def test_a_change_the_rules_refuse_writes_nothing(plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    # Amber without a reason, and progress removed from an update that is not ongoing.
    for args in (("--rag", "red"), ("--unset", "progress")):
        result = _update(plan_dir, run_cli, *args, exit_code=1)
        assert "nothing was written" in result.stderr
        assert measure.read_text(encoding="utf-8") == FILE


def test_the_same_values_again_change_nothing(plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    mtime = measure.stat().st_mtime_ns
    result = _update(plan_dir, run_cli, "--rag", "green", "--spent", "35000")
    assert "nothing changed" in result.stderr
    assert measure.read_text(encoding="utf-8") == FILE
    assert measure.stat().st_mtime_ns == mtime


def test_replace_rewrites_the_whole_update_and_says_what_went(plan_dir, measure,
                                                              run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _update(plan_dir, run_cli, "--replace", "--status", "in_progress", "--rag",
                     "green", "--progress", "75", "--text", "Neu.")
    head = FILE.split("  - half: 2021-H1")[0]
    assert measure.read_text(encoding="utf-8") == head + (
        "  - half: 2021-H1\n    status: in_progress\n    rag: green\n    progress: 75\n"
        "    text: Neu.\n")
    for line in ("progress: 70 → 75", "spent: 35000 → –", "kpis.online_share: 40 → –",
                 "next: Rollout. → –", "replaced the update 2021-H1"):
        assert line in result.stderr


def test_a_new_half_holds_only_what_is_given(plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H2", "--status",
                     "in_progress", "--rag", "green", "--progress", "80", "--text", "Weiter.",
                     "--funding-status", "approved")
    new = _data(measure)["updates"][2]
    # Nothing copied from 2021-H1: no spend, no KPI value, no next steps.
    assert new == {"half": "2021-H2", "status": "in_progress", "rag": "green", "progress": 80,
                   "text": "Weiter.", "funding_status": "approved"}
    assert measure.read_text(encoding="utf-8").startswith(FILE)
    assert "added the update 2021-H2" in result.stderr and "progress: – → 80" in result.stderr
    run_cli("validate", "--root", plan_dir)


def test_the_money_recorded_by_update_is_the_money_of_its_half(plan_dir, measure,
                                                               run_cli) -> None:  # type: ignore[no-untyped-def]
    """The funding and Ansatz an update records are what the report of that half shows, and
    the report of the half before still shows the old ones."""
    _update(plan_dir, run_cli, "--funding-status", "rejected", "--budget-one-off", "31000")
    now = run_cli("report", "--half", "2021-H1", "--root", plan_dir).stdout
    before = run_cli("report", "--half", "2020-H2", "--root", plan_dir).stdout
    assert "| abgelehnt |" in now and "| 31.000\xa0€ |" in now
    assert "| geplant |" in before and "| 25.000\xa0€ |" in before and "31.000" not in before


def test_funding_status_needs_a_funding(plan_dir, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = plan_dir / "measures" / "M-002-glasfaser.yaml"
    before = path.read_bytes()
    result = run_cli("update", "M-002", "--root", plan_dir, "--half", "2021-H1",
                     "--funding-status", "approved", exit_code=1)
    assert "funding-status-without-funding" in result.stderr
    assert path.read_bytes() == before


def test_block_style_kpis_and_budget_change_entry_by_entry(plan_dir, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = plan_dir / M1
    nested = ("    kpis:\n      online_share: 55   # Zählung März\n    budget:\n"
              "      one_off: 26000\n      note: >-\n        Mehrkosten\n        Schnittstelle\n")
    text = path.read_text(encoding="utf-8").replace("    kpis: {online_share: 55}\n", nested)
    path.write_text(text, encoding="utf-8")
    run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H1", "--kpi",
            "online_share=56", "--budget-annual", "3200")
    # The new entry goes where the schema lists it; the folded note and the comment stay.
    text = text.replace("online_share: 55", "online_share: 56")
    assert path.read_text(encoding="utf-8") == text.replace(
        "      one_off: 26000\n", "      one_off: 26000\n      annual: 3200\n")
    run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H1", "--unset",
            "budget.one_off", "--unset", "budget.annual", "--unset", "budget.note")
    assert "budget" not in _data(path)["updates"][1]
    assert path.read_text(encoding="utf-8") == text.replace(
        "    budget:\n      one_off: 26000\n      note: >-\n        Mehrkosten\n"
        "        Schnittstelle\n", "")


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal in the plan's language: the base plan is German."""
    from dotool.i18n import terminal

    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()


@pytest.mark.usefixtures("german")
def test_german_labels_are_taken_and_shown_while_the_file_keeps_keys(plan_dir, measure,
                                                                    run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _update(plan_dir, run_cli, "--rag", "gelb", "--rag-reason", "Lieferverzug.",
                     "--status", "Daueraufgabe")
    assert "    status: ongoing   # seit Januar im Pilot\n    rag: amber\n" in \
        measure.read_text(encoding="utf-8")
    assert result.stderr == ("Sachstand 2021-H1 in measures/M-001-termine.yaml geändert:\n"
                             "  status: in Umsetzung → Daueraufgabe\n"
                             "  rag: grün → gelb\n"
                             "  rag_reason: – → Lieferverzug.\n")
    result = _update(plan_dir, run_cli, "--rag", "gelb")
    assert result.stderr == ("nichts geändert: Der Sachstand 2021-H1 in "
                             "measures/M-001-termine.yaml hat diese Werte bereits\n")


@pytest.mark.usefixtures("german")
@pytest.mark.parametrize(("args", "message", "hint"), [
    (("--status", "in_progress", "--rag", "grün", "--progress", "80"),
     "für einen neuen Sachstand 2021-H2 fehlt --text",
     "--text: was im Halbjahr geschehen ist, in wenigen Sätzen"),
    (("--status", "Daueraufgabe", "--text", "Läuft."),
     "für einen neuen Sachstand 2021-H2 fehlt --rag",
     "--rag: die Ampel, eine von grün, gelb, rot"),
    (("--status", "in_progress", "--rag", "green", "--text", "Läuft."),
     "für einen neuen Sachstand 2021-H2 fehlt --progress",
     "--progress: wie weit die Maßnahme ist, 0 bis 100 Prozent (entfällt beim Status "
     "Daueraufgabe)"),
])
def test_each_missing_value_gets_its_own_hint(plan_dir, measure, run_cli, args, message,
                                              hint) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("update", "M-001", "--root", plan_dir, "--half", "2021-H2", *args,
                     exit_code=2)
    assert result.stderr == f"Fehler: {message}\nHinweis: {hint}\n"
    assert measure.read_text(encoding="utf-8") == FILE


@pytest.mark.usefixtures("german")
def test_a_refused_change_shows_its_findings_and_that_nothing_was_written(
        plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _update(plan_dir, run_cli, "--rag", "rot", exit_code=1)
    assert "[rag-reason-missing]" in result.stderr and "M-001-termine.yaml" in result.stderr
    assert result.stderr.endswith(
        "Fehler: nichts wurde geschrieben: Mit dieser Änderung hätte der Masterplan 1 "
        "Validierungsfehler (die Zeilen sind die der geänderten Datei)\n")
    assert "validate" not in result.stderr
    assert measure.read_text(encoding="utf-8") == FILE


@pytest.mark.usefixtures("german")
def test_an_unknown_value_is_refused_in_german_with_the_nearest_label(
        plan_dir, measure, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = _update(plan_dir, run_cli, "--funding-status", "bewiligt", exit_code=2)
    assert result.stderr == (
        "Fehler: --funding-status: `bewiligt` ist keiner der Werte geplant (planned), beantragt "
        "(applied), bewilligt (approved), ausgezahlt (received), abgelehnt (rejected)\n"
        "Hinweis: meinten Sie `bewilligt`?\n")
