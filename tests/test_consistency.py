"""Every output shows the same figure: report (Markdown, HTML), site, export, list, validate.

For several halves of the bundled sample and of generated plans, each output is rendered and
its figures are read back out of it (tests/figures_read.py); they must equal each other and the
projection (docs/figures.md), formatted as the documents format them. The committee report
counts non-public measures (showing their title only); the public outputs — site and
`export --public` — count public measures only, so they are compared with the report of the
public plan.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dotool.model.dates import Half
from dotool.model.projection import current_figures, plan_figures
from tests.conftest import REPO
from tests.figures_read import (
    FMT,
    expected,
    from_html,
    from_markdown,
    html_tables,
    pct,
    words,
)

DATA_DATE = date(2026, 1, 15)
GENERATED = [(1, 60), (7, 90)]  # (seed, measures)


def _generate(target: Path, seed: int, measures: int) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    generate(target, measures=measures, n_halves=6, seed=seed, today=date(2024, 3, 1),
             warn_share=0.3)
    return target


#: Plans shaped like real ones: kebab-case keys, long German texts, missing optional parts.
REAL = ("digitale-stadt", "klimaschutz")


@pytest.fixture(scope="module", params=["sample", *REAL,
                                        *(f"generated-{s}" for s, _ in GENERATED)])
def plan_root(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if request.param == "sample":
        return REPO
    if request.param in REAL:
        return REPO / "tests" / "samples" / request.param
    seed, measures = next(g for g in GENERATED if f"generated-{g[0]}" == request.param)
    return _generate(tmp_path_factory.mktemp("gen") / "plan", seed, measures)


@pytest.fixture(autouse=True)
def _day(monkeypatch: pytest.MonkeyPatch) -> None:
    # The generated plans report up to 2023-H2; a fixed day keeps them valid on any machine.
    monkeypatch.setenv("DOTOOL_TODAY", "2026-12-02")


def _plan(root: Path):  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    return load_valid_plan(root, cache=False)


def _halves(plan) -> list[Half]:  # type: ignore[no-untyped-def]
    """The first, a middle and the latest reported half."""
    from dotool.model.projection import reported_halves

    halves = reported_halves(plan)
    return sorted({halves[0], halves[len(halves) // 2], halves[-1]})


def _render(plan, half: Half, fmt: str) -> str:  # type: ignore[no-untyped-def]
    from dotool.render.document import render_report

    return render_report(plan, half, fmt=fmt, lang="de", data_date=DATA_DATE).data.decode("utf-8")


def _truth(plan, half: Half, *, internal: bool = False) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    titles = {f.key: f.title for f in plan.masterplan.fields}
    hidden = set() if internal else {m.id for m in plan.measures if not m.public}
    return expected(plan_figures(plan, half), titles, hidden)


def test_report_markdown_and_html_show_the_projection(plan_root: Path) -> None:
    plan = _plan(plan_root)
    for half in _halves(plan):
        truth = _truth(plan, half)
        assert from_markdown(_render(plan, half, "md")) == truth, half
        assert from_html(_render(plan, half, "html")) == truth, half


def test_list_and_validate_agree_with_the_report(plan_root: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(plan_root)
    for half in _halves(plan):
        shown = from_markdown(_render(plan, half, "md"))
        rows = {r["id"]: r for r in json.loads(run_cli(
            "list", "--root", plan_root, "--half", str(half), "--format", "json").stdout)}
        # Each measure's row says what the report's annex says.
        for measure_id, cells in shown["annex"].items():
            if cells == ("nicht öffentlich",):
                continue
            row = rows[measure_id]
            end = FMT.date(_end(row["planned_end"])) if row["planned_end"] else "–"
            progress = "–" if row["status"] == "dropped" else pct(row["progress"])
            assert (words(cells[0]).split(" – ")[0], cells[2], cells[3]) == (
                _status(row["status"]), progress, end), measure_id
        # The report's summary figures, recomputed from the list's own columns.
        members = [rows[i] for i in (*shown["annex"], *shown["closed_before"])]
        assert len(members) == shown["total"]
        assert sum(r["plan"] == "masterplan" for r in members) == shown["plan"]
        counted = [r["progress"] for r in members if r["counts_in_progress"]]
        assert pct(sum(counted) / len(counted) if counted else None) == shown["progress"]
        statuses: dict[str, int] = {}
        for r in members:
            statuses[_status(r["status"])] = statuses.get(_status(r["status"]), 0) + 1
        assert statuses == shown["status"]
        # validate --half warns about each overdue milestone and each missing report.
        out = run_cli("validate", "--root", plan_root, "--half", str(half), "--format", "json",
                      exit_code=None).stdout
        findings = json.loads(out)["findings"]
        overdue = [f for f in findings if f["code"] == "milestone-overdue"]
        assert len(overdue) == len(shown["overdue"]) + shown["overdue_withheld"], half
        listed = {(plan.paths[i], t) for i, t in shown["overdue"]}
        assert listed <= {(f["path"], _quoted(f["message"])) for f in overdue}
        missing = sorted(f["path"] for f in findings if f["code"] == "update-missing")
        assert missing == sorted(plan.paths[i] for i in shown["missing"]), half


def test_export_shows_the_latest_report(plan_root: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(plan_root)
    latest = plan.latest_reported_half()
    shown = from_markdown(_render(plan, latest, "md"))
    doc = json.loads(run_cli("export", "--root", plan_root).stdout)
    figures = doc["figures"]
    assert figures["half"] == str(latest) == doc["latest_half"]
    assert (figures["measures"], figures["masterplan_measures"],
            figures["further_initiatives"]) == (shown["total"], shown["plan"], shown["further"])
    assert pct(figures["progress"]) == shown["progress"]
    assert {_status(k): v for k, v in figures["by_status"].items()} == shown["status"]
    titles = {f.key: f.title for f in plan.masterplan.fields}
    assert [(titles[f["key"]], f["measures"], f["counted"], pct(f["progress"]))
            for f in figures["fields"]] == shown["fields"]
    for key in ("completed", "started", "replanned"):
        assert figures[f"{key}_in_half"] == shown[key]
    assert figures["milestones_overdue"] == len(shown["overdue"]) + shown["overdue_withheld"]
    derived = {m["id"]: m["derived"] for m in doc["measures"]}
    assert sum(d["milestones_overdue"] for d in derived.values()) == figures["milestones_overdue"]
    rows = {r["id"]: r for r in json.loads(run_cli("list", "--root", plan_root, "--format",
                                                   "json").stdout)}
    for measure_id, d in derived.items():
        row = rows[measure_id]
        assert (d["status"], d["rag"], d["progress"], d["planned_end"], d["plan"],
                d["counts_in_progress"], d["spent"], d["money"]["funding_status"]) == (
            row["status"], row["rag"], row["progress"], row["planned_end"], row["plan"],
            row["counts_in_progress"], row["spent"], row["funding_status"]), measure_id


def test_site_shows_the_public_projection(plan_root: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dotool.model.public import public_plan

    plan = _plan(plan_root)
    public = public_plan(plan)
    site = tmp_path / "site"
    run_cli("site", "-o", site, "--root", plan_root)
    for half in _halves(plan):  # each report page is the report of the public plan
        page = (site / "reports" / f"{half}.html").read_text(encoding="utf-8")
        assert from_html(page) == _truth(public, half, internal=True), half
    figures = current_figures(public)
    doc = json.loads((site / "open-data" / "plan.json").read_text(encoding="utf-8"))
    assert doc["figures"]["progress"] == figures.progress
    tables, text = html_tables((site / "index.html").read_text(encoding="utf-8"))
    assert f"{pct(figures.progress)} Gesamtfortschritt" in text
    titles = {f.key: f.title for f in plan.masterplan.fields}
    assert [(r[0], int(r[1]), int(r[2]), r[3]) for r in
            tables["Fortschritt nach Handlungsfeldern"]] == [
        (titles[f.key], len(f.measures), len(f.counted), pct(f.progress))
        for f in figures.fields]
    listed, _ = html_tables((site / "measures" / "index.html").read_text(encoding="utf-8"))
    by_id = {r[0]: r for r in listed["Alle öffentlichen Maßnahmen"]}
    for s in figures.states:
        status, rag, progress, end = by_id[s.id][-4:]
        assert (status, words(rag), progress, end) == (
            _status(s.status), "–" if s.status == "dropped" else label_rag(s.rag), pct(s.progress),
            FMT.date(s.current_end.last_day) if s.current_end else "–"), s.id


def label_rag(rag: str | None) -> str:
    from dotool.model.vocab import label

    return label("rag", rag, "de") if rag else "noch kein Sachstand"


def _status(key: str) -> str:
    from dotool.model.vocab import label

    return label("status", key, "de")


def _end(text: str) -> date:
    """The last day of a planned end written YYYY-MM or YYYY-MM-DD."""
    import calendar

    year, month, *day = (int(p) for p in text.split("-"))
    return date(year, month, day[0] if day else calendar.monthrange(year, month)[1])


def _quoted(message: str) -> str:
    return message.split('"')[1]


def test_site_figures_over_time_equal_the_reports_and_the_export(plan_root: Path, run_cli,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    """The site's KPI values, spend and figures over time are the report's and the export's:
    each measure page's KPI table against the report of the latest half and `kpis.csv`, its
    costs against `measures.csv`, its history against the report of every half, and each
    field's progress CSV against the field table of that half's report."""
    from dotool.csv_dialect import read_csv
    from dotool.model.public import public_plan

    plan = _plan(plan_root)
    public = public_plan(plan)
    latest = public.latest_reported_half()
    site, data = tmp_path / "site", tmp_path / "csv"
    run_cli("site", "-o", site, "--root", plan_root)
    run_cli("export", "--format", "csv", "--public", "-o", data, "--root", plan_root)
    reports = {h: html_tables((site / "reports" / f"{h}.html").read_text(encoding="utf-8"))[0]
               for h in (p.stem for p in (site / "reports").glob("*-H?.html"))}
    in_report = {(r[0], r[1]): r[4] for r in reports[str(latest)].get("Kennzahlen", [])}
    values: dict[tuple[str, str], float] = {}
    for row in read_csv((data / "kpis.csv").read_bytes()):  # oldest first: the last one wins
        values[(row["measure_id"], row["kpi"])] = float(row["value"])
    exported = {r["id"]: r for r in read_csv((data / "measures.csv").read_bytes())}
    compared = 0
    for m in public.measures:
        tables, _text = html_tables((site / "measures" / f"{m.id}.html").read_text(
            encoding="utf-8"))
        kpis = tables.get(f"Kennzahlen, Stand: {_half(latest)}", [])
        assert len(kpis) == len(m.kpis), m.id
        for k, row in zip(m.kpis, kpis, strict=True):
            shown = FMT.number(values[(m.id, k.key)], 1) if (m.id, k.key) in values else "–"
            assert row[3] == (shown or "–"), (m.id, k.key)
            if (m.id, row[0]) in in_report:
                assert row[3] == in_report[(m.id, row[0])], (m.id, k.key)
                compared += 1
        money = {r[0]: r[1] for r in tables.get(f"Kosten und Ausgaben, Stand: {_half(latest)}",
                                                 [])}
        if money:
            row = exported[m.id]
            assert money["Ausgaben (Ist, kumuliert)"] == _money(row["spent"]), m.id
            assert money["Einmalige Kosten (Ansatz)"] == _money(row["money_one_off"]), m.id
        history = tables.get(f"{m.id} über die Halbjahre", [])
        if history:  # its last half is the latest: the state the export gives
            row = exported[m.id]
            assert history[-1][0].startswith(_half(latest)), m.id
            assert (history[-1][1], history[-1][3]) == (
                _status(row["status"]),
                pct(float(row["progress"])) if row["progress"] else "–"), m.id
    if any(m.kpis for m in public.measures if m.updates):
        assert compared, "no KPI of a measure page was found in the report"
    for f in public.masterplan.fields:
        rows = read_csv((site / "fields" / f"{f.key}-progress.csv").read_bytes())
        for row in rows:
            table = reports.get(row["half"], {}).get("Fortschritt nach Handlungsfeldern")
            if table is None:
                continue
            cell = next(r[3] for r in table if r[0] == f.title)
            value = float(row["progress"]) if row["progress"] else None
            assert pct(value) == cell, (f.key, row["half"])


def _half(half: Half) -> str:
    return f"{half.number}. Halbjahr {half.year}"


def _money(text: str) -> str:
    return FMT.money(float(text)) if text else "–"


def test_a_dropped_measure_has_no_ampel_and_no_progress_anywhere(sample_dir: Path, run_cli,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path) -> None:
    """M-015 is dropped in 2021-H1 with an Ampel (red, with a reason) and 10 percent recorded,
    as every update must carry an Ampel. docs/figures.md: a dropped measure has no Ampel and
    no progress any more — the report, list (table, JSON, CSV), show, the site's page, list
    and filter, and the export all show none, and none gives a reason for an Ampel."""
    from dotool.csv_dialect import read_csv

    path = sample_dir / "measures" / "M-015-winsen-app.yaml"
    text = path.read_text(encoding="utf-8")
    dropped = "    status: dropped\n    rag: green\n"
    assert dropped in text
    path.write_text(text.replace(dropped, "    status: dropped\n    rag: red\n    rag_reason: "
                                          "Die Finanzierung ist gestrichen.\n"), encoding="utf-8")
    reason = "Die Finanzierung ist gestrichen"
    root = ("--root", sample_dir)
    plan = _plan(sample_dir)
    half = Half.parse("2021-H1")

    report = _render(plan, half, "md")
    assert reason not in report
    assert from_markdown(report)["annex"]["M-015"][2] == "–"  # progress
    row = next(line for line in report.splitlines() if line.startswith("| M-015 |"))
    assert not re.search(r"\brot\b|10", row), row
    html = _render(plan, half, "html")
    assert reason not in html
    assert 'rag-red' not in html.split('id="m-M-015"')[-1].split("</section>")[0]

    for args in (("--half", str(half)), ()):
        rows = {r["id"]: r for r in json.loads(run_cli("list", *root, *args, "--format",
                                                       "json").stdout)}
        assert (rows["M-015"]["rag"], rows["M-015"]["progress"]) == (None, None), args
        csv_rows = {r["id"]: r for r in read_csv(run_cli(
            "list", *root, *args, "--format", "csv").stdout.encode("utf-8"))}
        assert (csv_rows["M-015"]["rag"], csv_rows["M-015"]["progress"]) == ("", ""), args
        line = next(x for x in run_cli("list", *root, *args).stdout.splitlines()
                    if "M-015" in x)
        assert not re.search(r"\b(rot|red)\b|10|●", line), line
        assert run_cli("list", *root, *args, "--rag", "red", "--format", "json").stdout.count(
            "M-015") == 0, args

    shown = run_cli("show", "M-015", *root).stdout
    # (the terminal speaks English in tests; "red" would stand in a row of the updates too)
    assert reason not in shown and not re.search(r"\b(rot|red)\b", shown), shown
    assert re.search(r"Ampel +–\n", shown) and re.search(r"Progress +–\n", shown), shown
    state = json.loads(run_cli("show", "M-015", *root, "--format", "json").stdout)["state"]
    assert (state["rag"], state["rag_reason"], state["progress"]) == (None, None, None)

    exported = {m["id"]: m["derived"] for m in json.loads(run_cli(
        "export", *root).stdout)["measures"]}
    assert (exported["M-015"]["rag"], exported["M-015"]["rag_reason"],
            exported["M-015"]["progress"]) == (None, None, None)

    site = tmp_path / "site"
    run_cli("site", "-o", site, *root)
    page = (site / "measures" / "M-015.html").read_text(encoding="utf-8")
    page_text = html_tables(page)[1]
    assert "rag-red" not in page and reason not in page and not re.search(r"\brot\b", page_text)
    assert "Ampel: – Fortschritt: –" in page_text
    listing = (site / "measures" / "index.html").read_text(encoding="utf-8")
    row_html = listing.split('data-measure="M-015"')[1].split("</tr>")[0]
    assert 'data-rag="red"' not in row_html and "rag-red" not in row_html
