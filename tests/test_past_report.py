"""A past report is what it was: rendered today, it equals the report rendered from the files as
they stood at the end of its half — funding, Ansatz and spend included."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from dotool.model.dates import Half
from dotool.store.yamlload import load_yaml
from tests.conftest import REPO

DATA_DATE = date(2021, 1, 20)


def as_of(source: Path, target: Path, half: Half) -> Path:
    """The sample's files as they stood at the end of `half`: no later update, no milestone
    marked done after it, no later adoption; the rest exactly as it is."""
    shutil.copytree(source / "masterplan", target / "masterplan")
    (target / "measures").mkdir()
    for path in sorted((source / "measures").glob("*.yaml")):
        doc = load_yaml(path.read_bytes(), path=path.name).document
        assert doc is not None
        data: dict[str, Any] = doc.data
        data["updates"] = [u for u in data.get("updates", []) if Half.parse(u["half"]) <= half]
        for milestone in data.get("milestones", []):
            if milestone.get("done") and date.fromisoformat(milestone["done"]) > half.end:
                del milestone["done"]
        if not data["updates"]:
            del data["updates"]
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        (target / "measures" / path.name).write_text(text, encoding="utf-8")
    for record in (target / "masterplan" / "adoptions").glob("*.yaml"):
        adopted = load_yaml(record.read_bytes(), path=record.name).document
        assert adopted is not None
        if date.fromisoformat(adopted.data["date"]) > half.end:
            record.unlink()
    return target


def _render(root: Path, half: Half, fmt: str, lang: str) -> bytes:
    from dotool.checks.run import load_valid_plan
    from dotool.render.document import render_report

    plan = load_valid_plan(root, cache=False)
    return render_report(plan, half, fmt=fmt, lang=lang, data_date=DATA_DATE).data


@pytest.mark.parametrize("half", ["2020-H2", "2021-H1"])
@pytest.mark.parametrize(("fmt", "lang"), [("md", "de"), ("html", "de"), ("md", "en")])
def test_a_past_report_equals_the_one_from_its_own_time(tmp_path: Path, half: str, fmt: str,
                                                        lang: str) -> None:
    h = Half.parse(half)
    then = as_of(REPO, tmp_path / "then", h)
    assert _render(REPO, h, fmt, lang) == _render(then, h, fmt, lang)


def test_the_comparison_sees_later_decisions(tmp_path: Path) -> None:
    """The files hold decisions made after 2020-H2, and the 2020-H2 report leaves them out."""
    h = Half(2020, 2)
    today = _render(REPO, Half(2021, 2), "md", "de").decode()
    past = _render(REPO, h, "md", "de").decode()
    row = "| M-014 Smart-City-Sensorik: Parkraum und Pegel der Luhe | Modellprojekte Smart Cities"
    assert f"{row} (Bund) | abgelehnt |" in today
    assert f"{row} (Bund) | geplant |" in past
    then = as_of(REPO, tmp_path / "then", h)
    assert "rejected" not in (then / "measures" / "M-014-smart-city-sensorik.yaml").read_text(
        encoding="utf-8")
    assert "rejected" in (REPO / "measures" / "M-014-smart-city-sensorik.yaml").read_text(
        encoding="utf-8")
