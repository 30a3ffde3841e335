"""The projection on the plan of `test_projection` with revisions the small plan lacks.

Each edit below makes a rule of docs/figures.md visible that the small plan leaves untested:

    M-001  budget line 1.1.1 and note "Planung" at planning; milestones listed m3, m1, m2 in the
           file; 2021-H2 revises the annual cost to 2.500 and the note to "Mehrkosten"
    M-003  the standing task reports 45 % in 2021-H1, and its first costs: one-off 800
    M-004  one-off 1.000 with funding Q (no share) applied; 2020-H2 spends 1.000,50
    2.0    a second adoption (2021-07-01) takes the further initiative M-005 into the plan
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from dotool.model.dates import Half
from dotool.model.projection import (
    attainment,
    current_figures,
    finances,
    kpi_figures,
    kpi_series,
    measure_state,
    milestones,
    plan_figures,
    progress_series,
    reported_halves,
)
from tests.test_projection import ADOPTION, MEASURES, write_plan

H2_2020, H1_2021, H2_2021 = Half(2020, 2), Half(2021, 1), Half(2021, 2)
ADOPTION_2 = """\
version: "2.0"
date: 2021-07-01
resolution: BV/2/2021
measures: [M-001, M-002, M-003, M-004, M-005]
"""


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def revised_measures() -> dict[str, str]:
    measures = dict(MEASURES)
    m1 = _edit(MEASURES["M-001"], "  one_off: 10000\n",
               "  one_off: 10000\n  budget_line: \"1.1.1\"\n  note: Planung\n")
    m1 = _edit(m1, "  - {title: m1, due: 2020-10-31, done: 2020-11-15}\n"
                   "  - {title: m2, due: 2021-03-31}\n"
                   "  - {title: m3, due: 2021-09-30, done: 2021-07-10}\n",
               "  - {title: m3, due: 2021-09-30, done: 2021-07-10}\n"
               "  - {title: m1, due: 2020-10-31, done: 2020-11-15}\n"
               "  - {title: m2, due: 2021-03-31}\n")
    measures["M-001"] = _edit(m1, "spent: 16000, text: T}", "spent: 16000, text: T,\n"
                              "     budget: {annual: 2500, note: Mehrkosten}}")
    measures["M-003"] = _edit(MEASURES["M-003"], "spent: 500,",
                              "spent: 500, progress: 45, budget: {one_off: 800},")
    m4 = _edit(MEASURES["M-004"], "end: 2021-03\n",
               "end: 2021-03\nbudget:\n  one_off: 1000\n"
               "  funding: {programme: Q, status: applied}\n")
    measures["M-004"] = _edit(m4, "progress: 20, text: T}", "progress: 20, spent: 1000.5, text: T}")
    return measures


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    root = write_plan(tmp_path_factory.mktemp("r"), revised_measures(),
                      {"1.0": ADOPTION, "2.0": ADOPTION_2})
    return load_valid_plan(root, cache=False)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    return load_valid_plan(write_plan(tmp_path_factory.mktemp("p")), cache=False)


def ids(states) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.id for s in states]


def test_standing_task_has_no_progress_even_when_it_reports_one(revised) -> None:  # type: ignore[no-untyped-def]
    """A standing task (ongoing) shows no percentage and stays out of the progress average,
    also when its update gives one: the overall figure of 2021-H1 is (60 + 0) / 2, not 35."""
    f = plan_figures(revised, H1_2021)
    assert f.state("M-003").progress is None
    assert ids(f.counted) == ["M-001", "M-002"] and f.progress == 30.0
    assert [(x.key, x.progress) for x in f.fields] == [("a", 30.0), ("b", None)]


def test_the_adoption_in_force_decides_what_is_a_masterplan_measure(revised) -> None:  # type: ignore[no-untyped-def]
    """Each half's report counts the measures of the adoption in force at its end: M-005 is a
    further initiative in 2021-H1 and a masterplan measure from 2021-H2; with no half the
    latest adoption counts, and "current" means the latest reported half."""
    before, after = plan_figures(revised, H1_2021), plan_figures(revised, H2_2021)
    assert (before.half, before.adoption and before.adoption.version) == (H1_2021, "1.0")
    assert (after.half, after.adoption and after.adoption.version) == (H2_2021, "2.0")
    assert (before.further_count, after.further_count) == (1, 0)
    assert "M-005" not in ids(before.counted) and "M-005" in ids(after.counted)
    undated = plan_figures(revised, None)
    assert undated.adoption is not None and undated.adoption.version == "2.0"
    current = current_figures(revised)
    assert current.half == H2_2021 and ids(current.completed) == ["M-001"]


def test_money_revisions_as_of_each_half(revised) -> None:  # type: ignore[no-untyped-def]
    """The Ansatz shown for a half (masterplan, export) keeps each value until an update
    revises that value: a revision of the note and the annual cost leaves the one-off cost,
    and the budget line always comes from the plan."""
    m = revised.measure("M-001")
    mid, late = measure_state(m, H1_2021).money, measure_state(m, H2_2021).money
    assert (mid.one_off, mid.annual, mid.note, mid.budget_line) == (
        12000, 2000, "Planung", "1.1.1")
    assert (late.one_off, late.annual, late.note, late.budget_line) == (
        12000, 2500, "Mehrkosten", "1.1.1")


def test_spend_over_a_one_off_cost_without_annual_cost(revised) -> None:  # type: ignore[no-untyped-def]
    """With no annual cost planned nothing accrues over the years: 1.000,50 spent against a
    one-off cost of 1.000 is over plan (validate warns spend-over-plan)."""
    state = measure_state(revised.measure("M-004"), H2_2020)
    assert (state.spent, state.money.one_off, state.money.annual) == (1000.5, 1000, None)
    assert state.money.ceiling(state.years_elapsed) == 1000.0 and state.spend_over_plan


def test_no_spend_reported_points_at_no_update(plan) -> None:  # type: ignore[no-untyped-def]
    """A measure that never reported spend has neither a spend nor an update that reported it
    (the terminal's measure view looks the update up by that index)."""
    state = measure_state(plan.measure("M-002"), H2_2021)
    assert (state.spent, state.spent_at, state.spend_drops) == (None, None, ())


def test_report_finances_by_field_total_and_funding(revised) -> None:  # type: ignore[no-untyped-def]
    """The report's finance section for 2021-H1: per field and in total the planned costs and
    spend, each funding with its programme, share and amount (none without a share), and the
    funding totals by status in the vocabulary's order."""
    money = finances(revised, plan_figures(revised, H1_2021).included)
    assert [(r.key, r.title, r.one_off, r.annual, r.spent) for r in money.fields] == [
        ("a", "Feld A", 12000.0, 2000.0, 2500.0), ("b", "Feld B", 1800.0, 0.0, 1500.5)]
    t = money.total
    assert (t.one_off, t.annual, t.spent) == (13800.0, 2000.0, 4000.5)
    assert [(r.measure_id, r.measure_title, r.programme, r.status, r.share, r.amount)
            for r in money.funding] == [
        ("M-001", "Maßnahme M-001", "P", "approved", 0.5, 6000.0),
        ("M-004", "Maßnahme M-004", "Q", "applied", None, None)]
    assert [(t.status, t.count, t.amount) for t in money.funding_by_status] == [
        ("applied", 1, 0.0), ("approved", 1, 6000.0)]
    assert money.withheld == 0


def test_masterplan_finances_leave_spend_out(revised, plan) -> None:  # type: ignore[no-untyped-def]
    """The masterplan shows planned costs only: no spend, and a field of action is listed when
    it has a one-off or an annual cost (field b with only its one-off costs), not for spend."""
    states = plan_figures(revised, H1_2021).included
    money = finances(revised, states, spent=False)
    assert [(r.key, r.one_off, r.annual, r.spent) for r in money.fields] == [
        ("a", 12000.0, 2000.0, 0.0), ("b", 1800.0, 0.0, 0.0)]
    assert money.total.spent == 0.0
    only_spend = finances(plan, plan_figures(plan, H1_2021).included, spent=False)
    assert [r.key for r in only_spend.fields] == ["a"]


def test_withheld_counts_non_public_measures_with_money(revised) -> None:  # type: ignore[no-untyped-def]
    """"N non-public measures are not included in the amounts" counts each left-out measure with a
    budget, also one whose costs first appear in an update (M-003), and none without (M-002)."""
    f = plan_figures(revised, H1_2021)
    public = [s for s in f.included if s.id not in ("M-002", "M-003")]
    money = finances(revised, public, withheld=[f.state("M-002"), f.state("M-003")])
    assert money.withheld == 1
    assert finances(revised, public, withheld=[f.state("M-003"), f.state("M-004")]).withheld == 2


def test_milestones_by_due_date_with_their_place_in_the_file(revised) -> None:  # type: ignore[no-untyped-def]
    """The masterplan lists a measure's milestones by due date whatever their order in the
    file; each keeps its measure and its index in the file (findings point at it)."""
    refs = milestones(revised.measure("M-001"))
    assert [(r.title, r.index, r.measure_id, r.measure_title) for r in refs] == [
        ("m1", 1, "M-001", "Maßnahme M-001"), ("m2", 2, "M-001", "Maßnahme M-001"),
        ("m3", 0, "M-001", "Maßnahme M-001")]


def test_kpi_table_and_series_name_their_kpi(plan) -> None:  # type: ignore[no-untyped-def]
    """The report's KPI table and the site's KPI chart say whose KPI it is, its name and its
    unit; a series ends at the half asked for and covers only the measures asked for."""
    [k] = kpi_figures(plan_figures(plan, H1_2021).included)
    assert (k.measure_id, k.measure_title, k.key, k.name, k.unit) == (
        "M-001", "Maßnahme M-001", "k", "K", "%")
    [s] = kpi_series(plan, H1_2021)
    assert (s.name, s.unit) == ("K", "%")
    assert [str(p.half) for p in s.points] == ["2020-H2", "2021-H1"]
    assert kpi_series(plan, H2_2021, measures=[plan.measure("M-003")]) == ()


def test_attainment_of_a_kpi() -> None:
    """Attainment is the way from baseline to target in percent, also for a KPI that should
    fall; "–" (None) without value, baseline or target, or when target equals baseline."""
    assert attainment(75, 100, 50) == 50.0
    assert attainment(30, 20, 60) == 25.0
    assert attainment(None, 0, 10) is None
    assert attainment(5, None, 10) is None
    assert attainment(5, 0, None) is None
    assert attainment(5, 10, 10) is None


def test_reported_halves_run_from_the_first_update(plan) -> None:  # type: ignore[no-untyped-def]
    """Trend charts run from the first reported half to the latest (or the half asked for),
    one point when that is the first half, and none for a plan without any update."""
    assert reported_halves(plan) == (H2_2020, H1_2021, H2_2021)
    assert [p.half for p in progress_series(plan)] == [H2_2020, H1_2021, H2_2021]
    assert [p.half for p in progress_series(plan, H2_2020)] == [H2_2020]
    silent = replace(plan, measures=tuple(m for m in plan.measures if not m.updates))
    assert reported_halves(silent) == () and reported_halves(silent, H1_2021) == ()
    assert progress_series(silent) == () and kpi_series(silent, H1_2021) == ()


def test_in_average_marks_the_measures_the_average_covers(plan) -> None:  # type: ignore[no-untyped-def]
    """Each measure row of the report and the export says whether it counts in the progress
    average: in 2020-H2 M-001, M-002 (0 %) and M-004, not the standing task M-003."""
    f = plan_figures(plan, H2_2020)
    assert [s.id for s in f.included if f.in_average(s)] == ["M-001", "M-002", "M-004"]
