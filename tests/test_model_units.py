"""Small, fast tests of model and finding helpers that the CLI tests reach only slowly (they
keep `make mutate` honest: each mutant runs the fast tests only)."""

from __future__ import annotations

from datetime import date

import pytest

from dotool.checks.rulebook import run_example
from dotool.findings import Finding
from dotool.findings.catalogue import ADOPTION, MEASURE, Example, measure
from dotool.model.dates import Half, PartialDate
from dotool.model.jsonschema import DRAFT_07, schema_files
from dotool.model.public import public_plan, without_contact
from tests.conftest import REPO


def test_as_error_keeps_everything_but_the_severity() -> None:
    warning = Finding("warning", "past-end", "measures/M-001-a.yaml", "late", 3, 5,
                      ("end",), "re-plan")
    assert warning.as_error() == Finding("error", "past-end", "measures/M-001-a.yaml", "late",
                                         3, 5, ("end",), "re-plan")
    assert warning.loc_text == "end"
    assert Finding("error", "x", "p", "m", loc=("updates", 2, "rag")).loc_text == \
        "updates[2].rag"


def test_halves_step_across_years() -> None:
    assert Half(2021, 1).previous() == Half(2020, 2)
    assert Half(2021, 2).previous() == Half(2021, 1)
    assert Half(2020, 2).next() == Half(2021, 1)
    assert (Half(2021, 1).start, Half(2021, 1).end) == (date(2021, 1, 1), date(2021, 6, 30))
    assert Half.of(date(2021, 7, 1)) == Half(2021, 2) and Half.of(date(2021, 6, 30)) == \
        Half(2021, 1)


def test_partial_dates_order_a_month_before_its_days() -> None:
    month, first, later = PartialDate(2021, 3), PartialDate(2021, 3, 1), PartialDate(2021, 3, 2)
    assert month < first < later and not later < first and not month < month
    assert sorted([later, PartialDate(2020, 12), first, month]) == [
        PartialDate(2020, 12), month, first, later]
    assert (month.first_day, month.last_day) == (date(2021, 3, 1), date(2021, 3, 31))
    assert str(month) == "2021-03" and str(later) == "2021-03-02"


def _plan():  # type: ignore[no-untyped-def]
    hidden = ("measures/M-002-intern.yaml",
              measure("public: false\ncontact: Hauptamt, -12\n", id="M-002"))
    example = Example(measure("contact: Fachdienst Bürgerservice, -123\ndepends_on: [M-002]\n"),
                      others=(hidden, (ADOPTION, 'version: "1.0"\ndate: 2020-09-24\n'
                                                 "resolution: BV/1\nmeasures: [M-001, M-002]\n")))
    plan = run_example(example).plan
    assert plan is not None
    return plan


def test_the_public_plan_leaves_out_hidden_measures_and_every_contact() -> None:
    plan = _plan()
    public = public_plan(plan)
    assert [m.id for m in public.measures] == ["M-001"]
    assert public.measures[0].contact is None and public.measures[0].depends_on == []
    assert public.adoptions[0].measures == ["M-001"]
    assert public.paths == {"M-001": MEASURE}
    assert [m.id for m in plan.measures] == ["M-001", "M-002"]  # the plan itself is unchanged


def test_without_contact_keeps_every_measure() -> None:
    plan = without_contact(_plan())
    assert [(m.id, m.contact, m.depends_on) for m in plan.measures] == [
        ("M-001", None, ["M-002"]), ("M-002", None, [])]


def test_the_committed_schemas_are_the_models() -> None:
    files = schema_files()
    assert sorted(files) == sorted(p.name for p in (REPO / "schema").glob("*.json"))
    for name, text in files.items():
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == text, name
        assert text.startswith('{\n  "$schema": "' + DRAFT_07 + '",\n  "title": ')
        assert '"$defs"' not in text and "#/$defs/" not in text


def test_a_reference_hint_lists_up_to_twelve_keys() -> None:
    from dotool.checks.references import _nearest

    keys = [f"feld{n:02d}" for n in range(12)]
    assert str(_nearest("verkehr", keys)) == "known: " + ", ".join(keys)
    assert _nearest("verkehr", [*keys, "feld12"]) is None  # a long list helps nobody
    assert str(_nearest("feld03x", keys)) == "did you mean `feld03`?"
    assert _nearest("verkehr", []) is None


def test_a_spelling_validated_before_gives_the_same_value_and_a_wrong_one_fails_again() -> None:
    from pydantic_core import PydanticCustomError

    from dotool.model import dates

    for validate, good, bad, want in (
            (dates._validate_half, "2031-H2", "2031-H3", Half(2031, 2)),
            (dates._validate_partial, "2031-02", "2031-13", PartialDate(2031, 2)),
            (dates.parse_day, "2031-02-28", "2031-02-29", date(2031, 2, 28))):
        assert validate(good) == want and validate(good) == want  # the second from memory
        for _ in range(2):
            with pytest.raises(PydanticCustomError):
                validate(bad)


def test_spellings_beyond_the_memory_bound_are_still_validated(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dotool.model import dates

    monkeypatch.setattr(dates, "_DAYS", {})
    monkeypatch.setattr(dates, "_MAX_KNOWN", 2)
    days = [f"2031-03-{n:02d}" for n in range(1, 6)]
    assert [dates.parse_day(d) for d in days] == [date(2031, 3, n) for n in range(1, 6)]
    assert len(dates._DAYS) == 2
    assert [dates.parse_day(d) for d in days] == [date(2031, 3, n) for n in range(1, 6)]


@pytest.mark.parametrize("path", ["measures/M-001-x.yaml", "measures/M-001.yaml", "a.yaml",
                                  "measures/.yaml", "measures/a..yaml", "measures/x.yml",
                                  "measures/.x.yaml", "measures/y.tar.yaml", "measures/z"])
def test_the_stem_of_a_plan_file_is_the_one_pathlib_gives(path: str) -> None:
    from pathlib import PurePosixPath

    from dotool.checks.references import _stem

    assert _stem(path) == PurePosixPath(path).stem
