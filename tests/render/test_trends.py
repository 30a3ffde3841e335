"""Trends in the report: each point is what the report of that half says."""

from __future__ import annotations

from dotool.model.dates import Half
from dotool.render.document import render_report
from dotool.render.report_view import build_report_view
from tests.render.conftest import DATA_DATE


def test_each_point_of_a_trend_is_the_figure_of_that_halfs_report(sample_plan) -> None:  # type: ignore[no-untyped-def]
    view = build_report_view(sample_plan, Half.parse("2021-H2"), data_date=DATA_DATE)
    trends = view.trends
    assert [str(h) for h in trends.halves] == ["2020-H2", "2021-H1", "2021-H2"]
    for index, half in enumerate(trends.halves):
        then = build_report_view(sample_plan, half, data_date=DATA_DATE)
        assert trends.progress[index] == then.progress
        assert [f.values[index] for f in trends.fields] == [f.progress for f in then.fields]
        shown = {(k.measure_id, k.name): k.value for k in then.kpis}
        for kpi in trends.kpis:
            if (kpi.measure_id, kpi.name) in shown:
                assert kpi.values[index] == shown[(kpi.measure_id, kpi.name)]
    # The KPIs are those of the report's own KPI table, in its order.
    assert [(k.measure_id, k.name) for k in trends.kpis] == \
        [(k.measure_id, k.name) for k in view.kpis]


def test_the_report_shows_the_trends_in_every_format(sample_plan) -> None:  # type: ignore[no-untyped-def]
    half = Half.parse("2021-H2")
    md = render_report(sample_plan, half, fmt="md", lang="de", data_date=DATA_DATE).data.decode()
    assert "### Fortschritt über die Halbjahre" in md
    # The masterplan measures (docs/figures.md): 20 %, 45 %, 63 %.
    assert "| **Gesamtfortschritt** | **20\xa0%** | **45\xa0%** | **63\xa0%** |" in md
    assert "| M-008 | Beratungen von Unternehmen (kumuliert) (Anzahl) | 0 | 60 | 9 | 24 | 41 |" \
        in md
    html = render_report(sample_plan, half, fmt="html", lang="en",
                         data_date=DATA_DATE).data.decode()
    assert 'data-chart="trend"' in html and 'data-chart="kpis-1"' in html
    assert "<th scope=\"col\" class=\"num\">H2 2020</th>" in html
    first = render_report(sample_plan, Half.parse("2020-H2"), fmt="md", lang="de",
                          data_date=DATA_DATE).data.decode()
    assert "über die Halbjahre" not in first  # one half is no trend
