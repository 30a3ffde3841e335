"""The projection, rule by rule (docs/figures.md), on a small plan computed by hand.

The plan: fields `a` and `b`; the adoption 1.0 (2020-09-24) holds M-001 … M-004.

    M-001 a  2020-07 – 2021-06   10.000 € + 2.000 €/year, funding P 50 % planned at planning
             2020-H2 in progress 40 %, spent 3.000, KPI 20, funding applied, next "Rollout."
             2021-H1 in progress 60 % amber, spent 2.500 (down), KPI 50, re-planned to 2021-12,
                     one-off revised to 12.000, funding approved
             2021-H2 completed 100 %, spent 16.000
             milestones: m1 due 2020-10-31 done 2020-11-15; m2 due 2021-03-31 open;
                         m3 due 2021-09-30 done 2021-07-10
    M-002 a  2021-03 – 2022-06   never reports
    M-003 b  2020-09             standing task (ongoing) in 2020-H2 and 2021-H1, spent 500, no
                                 budget
    M-004 b  2020-08 – 2021-03   2020-H2 20 %; 2021-H1 dropped; milestone x due 2021-05-31 open
    M-005 a  further, 2021-01    2021-H1 in progress 50 %
    M-006 b  further, 2022-01    no update; milestone z6 due 2021-06-15 open
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool.model.dates import Half
from dotool.model.projection import (
    finances,
    kpi_figures,
    kpi_series,
    measure_state,
    plan_figures,
    progress_series,
)

MASTERPLAN = """\
municipality: Teststadt
title: Masterplan Digitalisierung
committee: Ausschuss
goals:
  - {key: g, title: Ziel}
fields:
  - {key: a, title: Feld A}
  - {key: b, title: Feld B}
"""
ADOPTION = """\
version: "1.0"
date: 2020-09-24
resolution: BV/1/2020
measures: [M-001, M-002, M-003, M-004]
"""
HEAD = "title: {title}\nscope: internal\nkind: project\nsummary: S.\nlead: Hauptamt\n"
MEASURES = {
    "M-001": """\
field: a
start: 2020-07
end: 2021-06
budget:
  one_off: 10000
  annual: 2000
  funding: {programme: P, share: 0.5, status: planned}
kpis:
  - {key: k, name: K, unit: "%", baseline: 0, target: 100}
milestones:
  - {title: m1, due: 2020-10-31, done: 2020-11-15}
  - {title: m2, due: 2021-03-31}
  - {title: m3, due: 2021-09-30, done: 2021-07-10}
updates:
  - {half: 2020-H2, status: in_progress, rag: green, progress: 40, spent: 3000, kpis: {k: 20},
     text: T, next: Rollout., funding_status: applied}
  - {half: 2021-H1, status: in_progress, rag: amber, rag_reason: R, progress: 60, spent: 2500,
     kpis: {k: 50}, text: T, replanned_end: 2021-12, budget: {one_off: 12000},
     funding_status: approved}
  - {half: 2021-H2, status: completed, rag: green, progress: 100, spent: 16000, text: T}
""",
    "M-002": "field: a\nstart: 2021-03\nend: 2022-06\n",
    "M-003": """\
field: b
start: 2020-09
updates:
  - {half: 2020-H2, status: ongoing, rag: green, text: T}
  - {half: 2021-H1, status: ongoing, rag: green, spent: 500, text: T}
""",
    "M-004": """\
field: b
start: 2020-08
end: 2021-03
milestones:
  - {title: x, due: 2021-05-31}
updates:
  - {half: 2020-H2, status: in_progress, rag: green, progress: 20, text: T}
  - {half: 2021-H1, status: dropped, rag: red, rag_reason: R, progress: 20, text: Entfallen.}
""",
    "M-005": """\
field: a
start: 2021-01
updates:
  - {half: 2021-H1, status: in_progress, rag: green, progress: 50, text: T}
""",
    "M-006": "field: b\nstart: 2022-01\nmilestones:\n  - {title: z6, due: 2021-06-15}\n",
}
H2_2020, H1_2021, H2_2021 = Half(2020, 2), Half(2021, 1), Half(2021, 2)


def write_plan(root: Path, measures: dict[str, str] = MEASURES,
               adoptions: dict[str, str] | None = None) -> Path:
    (root / "masterplan" / "adoptions").mkdir(parents=True)
    (root / "measures").mkdir()
    (root / "masterplan" / "masterplan.yaml").write_text(MASTERPLAN, encoding="utf-8")
    for version, text in (adoptions or {"1.0": ADOPTION}).items():
        (root / "masterplan" / "adoptions" / f"{version}.yaml").write_text(text, encoding="utf-8")
    for mid, body in measures.items():
        text = f"id: {mid}\n" + HEAD.format(title=f"Maßnahme {mid}") + body
        (root / "measures" / f"{mid}-m.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    return load_valid_plan(write_plan(tmp_path_factory.mktemp("p")), cache=False)


def ids(states) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.id for s in states]


def counts(items) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {c.key: c.count for c in items}


def test_report_set_counts_and_progress_2020_h2(plan) -> None:  # type: ignore[no-untyped-def]
    f = plan_figures(plan, H2_2020)
    # Masterplan measures always; M-005 and M-006 have not begun.
    assert ids(f.included) == ["M-001", "M-002", "M-003", "M-004"]
    assert (f.total, f.plan_count, f.further_count) == (4, 4, 0)
    assert counts(f.by_status) == {"planned": 1, "in_progress": 2, "ongoing": 1}
    assert counts(f.by_rag) == {"green": 3, "none": 1}
    # (40 + 0 + 20) / 3: M-002 not begun counts 0 %, the standing task M-003 is left out.
    assert ids(f.counted) == ["M-001", "M-002", "M-004"] and f.progress == 20.0
    assert [(x.key, len(x.measures), len(x.counted), x.progress) for x in f.fields] == [
        ("a", 2, 2, 20.0), ("b", 2, 1, 20.0)]
    assert ids(f.started) == ["M-001", "M-003", "M-004"]
    assert f.completed == () and f.replanned == ()
    assert f.state("M-002").not_started and not f.state("M-002").missing_report


def test_outlook_2020_h2(plan) -> None:  # type: ignore[no-untyped-def]
    f = plan_figures(plan, H2_2020)
    assert f.overdue == ()  # m1 was due 2020-10-31 and done 2020-11-15, before the half ended
    assert [(m.measure_id, m.title) for m in f.due_next] == [
        ("M-001", "m2"), ("M-004", "x"), ("M-006", "z6")]
    # Planned to end in 2021-H1, by date: M-004 in March, M-001 in June.
    assert ids(f.ends_next) == ["M-004", "M-001"]
    assert ids(f.starts_next) == ["M-002", "M-005"]
    assert [(s.id, s.next_steps) for s in f.next_steps] == [("M-001", "Rollout.")]


def test_figures_2021_h1(plan) -> None:  # type: ignore[no-untyped-def]
    f = plan_figures(plan, H1_2021)
    assert ids(f.included) == ["M-001", "M-002", "M-003", "M-004", "M-005"]
    assert (f.plan_count, f.further_count) == (4, 1)
    assert counts(f.by_status) == {"planned": 1, "in_progress": 2, "ongoing": 1, "dropped": 1}
    # The dropped M-004 has no Ampel (its last update says red): not counted by Ampel.
    assert counts(f.by_rag) == {"green": 2, "amber": 1, "none": 1}
    # (60 + 0) / 2: M-004 dropped and M-003 standing are left out; M-005 is a further
    # initiative; the same set per field, so field b has no progress at all.
    assert f.progress == 30.0
    assert [(x.key, len(x.measures), len(x.counted), x.progress) for x in f.fields] == [
        ("a", 2, 2, 30.0), ("b", 2, 0, None)]
    assert ids(f.started) == ["M-005"] and ids(f.replanned) == ["M-001"]
    assert ids(f.missing_reports) == ["M-002"]  # begun in March, no update
    # Overdue by 2021-06-30: m2 (open), x of the dropped M-004, z6 of M-006 (not in the report).
    assert [(m.measure_id, m.title) for m in f.overdue] == [
        ("M-001", "m2"), ("M-004", "x"), ("M-006", "z6")]
    assert [m.title for m in f.state("M-004").open_after_close] == ["x"]
    # m3 was done on 2021-07-10, after this half: still due next, as the report said then.
    assert [m.title for m in f.due_next] == ["m3"]
    assert ids(f.ends_next) == ["M-001"]  # re-planned to 2021-12


def test_replanned_has_two_meanings(plan) -> None:  # type: ignore[no-untyped-def]
    before, during, after = (measure_state(plan.measure("M-001"), h)
                             for h in (H2_2020, H1_2021, H2_2021))
    assert (before.replanned_in_half, before.replanned_since_adoption) == (False, False)
    assert (during.replanned_in_half, during.replanned_since_adoption) == (True, True)
    assert (after.replanned_in_half, after.replanned_since_adoption) == (False, True)
    assert (str(during.end), str(during.current_end), str(during.end_prev)) == (
        "2021-06", "2021-12", "2021-06")


def test_money_and_funding_as_of_each_half(plan) -> None:  # type: ignore[no-untyped-def]
    m = plan.measure("M-001")
    s0, s1 = measure_state(m, Half(2020, 1)), measure_state(m, H2_2020)
    s2, s3 = measure_state(m, H1_2021), measure_state(m, H2_2021)
    assert (s0.money.one_off, s0.money.funding_status, s0.spent) == (10000, "planned", None)
    assert (s1.money.one_off, s1.money.funding_status, s1.spent) == (10000, "applied", 3000)
    assert (s2.money.one_off, s2.money.funding_status, s2.spent) == (12000, "approved", 2500)
    assert s2.money.funded == 6000.0 and s2.money.annual == 2000
    # Annual cost accrues from the start half: 2020-H2 … 2021-H2 are 1.5 years, so the
    # most that may be spent is 12.000 + 1.5 × 2.000 = 15.000; 16.000 is over it.
    assert (s3.years_elapsed, s3.money.ceiling(s3.years_elapsed)) == (1.5, 15000.0)
    assert s3.spend_over_plan and not s2.spend_over_plan
    unplanned = measure_state(plan.measure("M-003"), H1_2021)
    assert unplanned.spend_unplanned and unplanned.spent == 500
    money = finances(plan, plan_figures(plan, H1_2021).included)
    assert [(r.key, r.one_off, r.annual, r.spent) for r in money.fields] == [
        ("a", 12000.0, 2000.0, 2500.0), ("b", 0.0, 0.0, 500.0)]
    assert [(r.measure_id, r.status, r.amount) for r in money.funding] == [
        ("M-001", "approved", 6000.0)]


def test_2021_h2_closed_measures_and_missing_reports(plan) -> None:  # type: ignore[no-untyped-def]
    f = plan_figures(plan, H2_2021)
    assert ids(f.completed) == ["M-001"]
    assert [m.title for m in f.state("M-001").reached] == ["m3"]
    assert f.state("M-004").closed_before and not f.state("M-004").missing_report
    assert ids(f.missing_reports) == ["M-002", "M-003", "M-005"]
    assert f.progress == 50.0  # (100 + 0) / 2
    # m2 of the now completed M-001 stays overdue, and is an open milestone of a closed one.
    assert [(m.measure_id, m.title) for m in f.overdue] == [
        ("M-001", "m2"), ("M-004", "x"), ("M-006", "z6")]
    assert [m.title for m in f.state("M-001").open_after_close] == ["m2"]
    assert ids(f.starts_next) == ["M-006"]


def test_kpis_and_series(plan) -> None:  # type: ignore[no-untyped-def]
    [kpi] = kpi_figures(plan_figures(plan, H1_2021).included)
    assert (kpi.value, kpi.value_prev, kpi.attainment) == (50, 20, 50.0)
    [later] = kpi_figures([measure_state(plan.measure("M-001"), H2_2021)])
    assert (later.value, later.value_prev) == (50, 50)  # no new value: the latest counts
    series = progress_series(plan, H2_2021)
    assert [(str(p.half), p.progress, p.counted) for p in series] == [
        ("2020-H2", 20.0, 3), ("2021-H1", 30.0, 2), ("2021-H2", 50.0, 2)]
    assert [dict(p.fields) for p in series] == [
        {"a": 20.0, "b": 20.0}, {"a": 30.0, "b": None}, {"a": 50.0, "b": None}]
    # Each point is exactly the figure of that half's report.
    assert [p.progress for p in series] == [plan_figures(plan, p.half).progress
                                            for p in series]
    [k] = kpi_series(plan, H2_2021)
    assert (k.measure_id, k.key, k.baseline, k.target) == ("M-001", "k", 0, 100)
    assert [(str(p.half), p.value, p.reported) for p in k.points] == [
        ("2020-H2", 20, True), ("2021-H1", 50, True), ("2021-H2", 50, False)]
    assert progress_series(plan, Half(2020, 1)) == ()


def test_series_of_the_last_halves_is_the_tail_of_the_whole(plan) -> None:  # type: ignore[no-untyped-def]
    """A report's trend computes only the halves it shows, reusing its own half's figures."""
    whole = progress_series(plan, H2_2021)
    assert progress_series(plan, H2_2021, last=2) == whole[-2:]
    assert progress_series(plan, H2_2021, last=9) == whole
    assert progress_series(plan, H2_2021, last=0) == ()
    known = plan_figures(plan, H2_2021)
    assert progress_series(plan, H2_2021, last=2, known=known) == whole[-2:]
    # Figures of another half are not taken for this one.
    assert progress_series(plan, H1_2021, known=known) == whole[:2]


def test_no_adoption_makes_every_measure_a_masterplan_measure(tmp_path: Path) -> None:
    from dotool.checks.run import load_valid_plan

    root = write_plan(tmp_path / "p")
    (root / "masterplan" / "adoptions" / "1.0.yaml").unlink()
    f = plan_figures(load_valid_plan(root, cache=False), H1_2021)
    assert f.adoption is None and f.further_count == 0
    # M-005 and M-006 count now, M-006 not begun with 0 %.
    assert ids(f.counted) == ["M-001", "M-002", "M-005", "M-006"]
    assert f.progress == (60 + 0 + 50 + 0) / 4


def test_validate_warns_about_what_the_projection_says(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    import json

    root = write_plan(tmp_path / "p")
    out = run_cli("validate", "--root", root, "--half", "2021-H1", "--format", "json",
                  exit_code=1).stdout
    found = sorted((f["path"][9:14], f["code"], f["field"] or "")
                   for f in json.loads(out)["findings"])
    assert found == [
        ("M-001", "milestone-overdue", "milestones[1].due"),
        ("M-001", "spend-down", "updates[1].spent"),
        ("M-002", "update-missing", "updates"),
        ("M-003", "spend-unplanned", "updates[1].spent"),
        ("M-004", "milestone-overdue", "milestones[0].due"),
        ("M-006", "milestone-overdue", "milestones[0].due"),
    ]
    # As of 2021-H2 (the latest half): spend over plan, open milestone of a completed measure.
    out = run_cli("validate", "--root", root, "--format", "json").stdout
    codes = {(f["path"][9:14], f["code"]) for f in json.loads(out)["findings"]}
    assert {("M-001", "spend-over-plan"), ("M-001", "milestone-overdue"),
            ("M-003", "update-missing"), ("M-005", "update-missing")} <= codes
