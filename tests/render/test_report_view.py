"""The view of a half on the small base plan, with expectations computed by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dotool.model.dates import Half
from dotool.render.report_view import build_report_view

DATA_DATE = date(2021, 1, 15)


def view(plan, half: str, **kwargs):  # type: ignore[no-untyped-def]
    return build_report_view(plan, Half.parse(half), data_date=DATA_DATE, **kwargs)


def counts(items) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {c.key: c.count for c in items}


def test_first_half_counts_progress_and_deviations(base_plan) -> None:  # type: ignore[no-untyped-def]
    v = view(base_plan, "2020-H2")
    # M-003 starts in 2021 and is not in the adoption: not yet part of the report.
    assert [s.id for s in v.measures] == ["M-001", "M-002"]
    assert (v.total, v.plan_count, v.further_count) == (2, 2, 0)
    assert counts(v.by_status) == {"in_progress": 2}
    assert counts(v.by_rag) == {"green": 1, "amber": 1}
    assert v.progress == 25.0  # (40 + 10) / 2
    assert [s.id for s in v.started] == ["M-001", "M-002"]
    assert [s.id for s in v.deviations] == ["M-002"]
    assert v.deviations[0].rag_reason == "Förderbescheid steht aus."
    assert [s.id for s in v.starting_next] == ["M-003"]
    reached = v.fields[0].measures[0].milestones_reached
    assert [(m.title, m.done) for m in reached] == [("Software ausgewählt", date(2020, 10, 20))]
    assert v.overdue == () and v.due_next == ()
    assert v.adoption is not None and v.adoption.resolution == "BV/001/2020"
    assert (v.period_start, v.period_end, v.data_date) == (date(2020, 7, 1), date(2020, 12, 31),
                                                       DATA_DATE)


def test_finances_and_kpis(base_plan) -> None:  # type: ignore[no-untyped-def]
    v = view(base_plan, "2020-H2")
    # Only M-001 has a budget; the field "netz" has no money and is left out.
    assert [(r.key, r.one_off, r.annual, r.spent) for r in v.finances.fields] == [
        ("rathaus", 25000.0, 3000.0, 10000.0)]
    assert v.finances.total.spent == 10000.0
    assert v.finances.funding == ()
    assert [(k.measure_id, k.baseline, k.target, k.value, k.value_prev) for k in v.kpis] == [
        ("M-001", 0.0, 60.0, 12.0, None)]


def test_second_half_changes_and_further_initiatives(base_plan) -> None:  # type: ignore[no-untyped-def]
    v = view(base_plan, "2021-H1")
    assert (v.total, v.plan_count, v.further_count) == (3, 2, 1)
    assert counts(v.by_status) == {"in_progress": 1, "ongoing": 1, "completed": 1}
    assert v.progress == 65.0  # (100 + 30) / 2; the standing task M-003 has no progress
    assert [s.id for s in v.completed] == ["M-001"]
    assert [s.id for s in v.started] == ["M-003"]
    m2 = next(s for s in v.measures if s.id == "M-002")
    assert (m2.progress_prev, m2.progress, m2.progress_delta) == (10, 30, 20)
    assert (m2.status_prev, m2.rag) == ("in_progress", "green")
    assert [(g.scope, [s.id for s in g.measures]) for g in v.further] == [
        ("internal", ["M-003"]), ("external", [])]
    assert [f.progress for f in v.fields] == [100.0, 30.0]
    assert v.finances.total.spent == 24000.0
    assert [k.value for k in v.kpis] == [55.0]


def test_missing_reports_and_earlier_closed(base_plan) -> None:  # type: ignore[no-untyped-def]
    v = view(base_plan, "2021-H2")
    assert [s.id for s in v.closed_before] == ["M-001"]
    assert [s.id for s in v.measures] == ["M-002", "M-003"]
    assert all(s.not_reported for s in v.measures)
    assert v.completed == ()
    # M-001 still counts: completed, 100 %.
    assert counts(v.by_status) == {"in_progress": 1, "ongoing": 1, "completed": 1}


def test_non_public_measure_by_title_only(plan_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    path = plan_dir / "measures" / "M-002-glasfaser.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "public: false\n", encoding="utf-8")
    plan = load_valid_plan(plan_dir)
    hidden = next(s for s in view(plan, "2020-H2").measures if s.id == "M-002")
    assert hidden.restricted and hidden.text is None and hidden.rag_reason is None
    assert hidden.title == "Glasfaser Gewerbegebiet"
    shown = next(s for s in view(plan, "2020-H2", internal=True).measures if s.id == "M-002")
    assert not shown.restricted and shown.text == "Antrag gestellt."
    public = run_cli("report", "--half", "2020-H2", "--root", plan_dir).stdout
    assert "Glasfaser Gewerbegebiet" in public
    assert "Antrag gestellt" not in public and "Förderbescheid steht aus" not in public
    internal = run_cli("report", "--half", "2020-H2", "--internal", "--root", plan_dir).stdout
    assert "Antrag gestellt" in internal
