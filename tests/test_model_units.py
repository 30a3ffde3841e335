"""Small, fast tests of model and finding helpers that the CLI tests reach only slowly (they
keep `make mutate` honest: each mutant runs the fast tests only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from dotool.checks.rulebook import run_example
from dotool.findings import Finding
from dotool.findings.catalogue import ADOPTION, MEASURE, Example, measure, updates
from dotool.model.base import Day, Markdown, Text
from dotool.model.dates import Half, PartialDate
from dotool.model.export import derive, figures_of
from dotool.model.jsonschema import DRAFT_07, schema_files
from dotool.model.projection.plan import current_figures
from dotool.model.public import public_plan, without_contact
from dotool.model.vocab import KEYS, label, labels
from tests.conftest import REPO


@pytest.fixture(autouse=True)
def _dates_validated_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test validates its dates itself, not from what earlier tests left in the memory of
    spellings (`make mutate` runs the tests in a process that has seen every spelling before)."""
    from dotool.model import dates

    for name in ("_HALVES", "_PARTIALS", "_DAYS"):
        monkeypatch.setattr(dates, name, {})


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


def test_a_month_ends_on_its_last_day_and_a_day_on_itself() -> None:
    assert PartialDate(2021, 2).last_day == date(2021, 2, 28)
    assert PartialDate(2020, 2).last_day == date(2020, 2, 29)
    assert PartialDate(2021, 3, 15).last_day == date(2021, 3, 15)
    assert PartialDate(2021, 3, 15).first_day == date(2021, 3, 15)
    assert (PartialDate(2021, 6, 30).half, PartialDate(2021, 7).half) == (Half(2021, 1),
                                                                          Half(2021, 2))
    assert (str(Half(2020, 1)), str(PartialDate(2020, 9))) == ("2020-H1", "2020-09")


def test_a_half_given_on_the_command_line_may_have_spaces_around_it() -> None:
    assert Half.parse(" 2020-H2\n") == Half(2020, 2)
    with pytest.raises(ValueError, match=r"^`2020-H3` is not a half: write YYYY-H1 or YYYY-H2, "
                                         r"e\.g\. 2020-H2$"):
        Half.parse("2020-H3")
    with pytest.raises(ValueError, match=r"^`2200-H1` is not a half of a plan: the year is not "
                                         r"between 1900 and 2199$"):
        Half.parse("2200-H1")


@pytest.mark.parametrize(("body", "finding"), [
    ("end: 1899-12\n", ("schema-partial-date", 8, 6, "`1899-12` is not a date of a plan")),
    (updates({"half": "2200-H1"}), ("schema-half", 9, 11, "`2200-H1` is not a half of a plan")),
    ("milestones:\n  - title: A\n    due: 2200-01-01\n",
     ("schema-day", 10, 10, "`2200-01-01` is not a date of a plan")),
])
def test_a_year_outside_the_plan_is_a_finding_of_its_kind_of_date(
        body: str, finding: tuple[str, int, int, str]) -> None:
    found = run_example(Example(measure(body))).findings
    code, line, col, message = finding
    assert [(f.code, f.line, f.col, f.message) for f in found] == [
        (code, line, col, f"{message}: the year is not between 1900 and 2199")]


def test_halves_and_dates_are_exported_as_written() -> None:
    assert TypeAdapter(Half).dump_json(Half(2020, 2)) == b'"2020-H2"'
    assert TypeAdapter(list[PartialDate]).dump_json(
        [PartialDate(2021, 9), PartialDate(2021, 9, 5)]) == b'["2021-09","2021-09-05"]'


_LONG = "x" * 61
_OUTSIDE = "the year is not between 1900 and 2199"


@pytest.mark.parametrize(("kind", "value", "message"), [
    (PartialDate, "1900-01", None), (PartialDate, "2199-12-31", None),
    (PartialDate, "1899-12", f"`1899-12` is not a date of a plan: {_OUTSIDE}"),
    (PartialDate, "2200-01", f"`2200-01` is not a date of a plan: {_OUTSIDE}"),
    (PartialDate, "2021-02-29", "`2021-02-29` is not a date in the calendar"),
    (PartialDate, "2021-13", "`2021-13` is not a date in the calendar"),
    (PartialDate, "x" * 60, f"expected a month YYYY-MM or a day YYYY-MM-DD, found `{'x' * 60}`"),
    (PartialDate, _LONG, f"expected a month YYYY-MM or a day YYYY-MM-DD, found `{'x' * 59}…`"),
    (PartialDate, 5, "expected a month YYYY-MM or a day YYYY-MM-DD, found `5`"),
    (Half, "1900-H1", None), (Half, "2199-H2", None),
    (Half, "1899-H2", f"`1899-H2` is not a half of a plan: {_OUTSIDE}"),
    (Half, "2020-H3", "expected a half such as 2020-H2 (YYYY-H1 or YYYY-H2), found `2020-H3`"),
    (Half, 7, "expected a half such as 2020-H2 (YYYY-H1 or YYYY-H2), found `7`"),
    (Day, "1900-01-01", None), (Day, "2199-12-31", None),
    (Day, "1899-12-31", f"`1899-12-31` is not a date of a plan: {_OUTSIDE}"),
    (Day, "2200-01-01", f"`2200-01-01` is not a date of a plan: {_OUTSIDE}"),
    (Day, "2021-02-29", "`2021-02-29` is not a date in the calendar"),
    (Day, _LONG, f"expected a date YYYY-MM-DD, found `{'x' * 59}…`"),
])
def test_dates_of_a_plan_lie_from_1900_to_2199(kind: Any, value: object,
                                               message: str | None) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    if message is None:
        assert str(adapter.validate_python(value)) == value
        return
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value)
    assert caught.value.errors()[0]["msg"] == message


_TOO_DEEP = ("Value error, nests `[` 21 deep, more than the 20 a Markdown text may: close them "
             "with `]`, or write `\\[` for a bracket as text")


@pytest.mark.parametrize(("text", "message"), [
    ("[" * 20, None), ("[" * 21, _TOO_DEEP),
    ("\\[" * 30, None),  # escaped brackets are text
    ("\\\\[" * 21, _TOO_DEEP),  # an escaped backslash escapes nothing after it
    ("[]" * 30, None), ("]" * 30 + "[" * 20, None),  # a `]` closes only an open `[`
    ("]" * 5 + "[" * 21, _TOO_DEEP),
    ("[" * 20 + "]" + "[[", _TOO_DEEP),  # 20 deep, one closed, two more opened: 21
])
def test_markdown_nests_brackets_at_most_twenty_deep(text: str, message: str | None) -> None:
    adapter: TypeAdapter[str] = TypeAdapter(Markdown)
    if message is None:
        assert adapter.validate_python(text) == text
        return
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(text)
    assert caught.value.errors()[0]["msg"] == message


def test_required_text_must_not_be_blank() -> None:
    adapter: TypeAdapter[str] = TypeAdapter(Text)
    assert adapter.validate_python(" a ") == " a "
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(" \n")
    assert caught.value.errors()[0]["msg"] == "Value error, must not be blank"


# What documents, the site and the terminal call each value of a vocabulary (English, German).
LABELS = {
    "scope": {"internal": ("internal", "verwaltungsintern"),
              "external": ("external", "verwaltungsextern")},
    "kind": {"project": ("Project", "Projekt"), "advisory": ("Advisory", "Beratung"),
             "innovation": ("Innovation", "Innovation"), "strategy": ("Strategy", "Strategie"),
             "infrastructure": ("Infrastructure", "Infrastruktur")},
    "priority": {"high": ("high", "hoch"), "medium": ("medium", "mittel"),
                 "low": ("low", "niedrig")},
    "status": {"planned": ("planned", "geplant"), "in_progress": ("in progress", "in Umsetzung"),
               "ongoing": ("ongoing", "Daueraufgabe"),
               "completed": ("completed", "abgeschlossen"),
               "on_hold": ("on hold", "zurückgestellt"), "dropped": ("dropped", "entfallen")},
    "rag": {"green": ("green", "grün"), "amber": ("amber", "gelb"), "red": ("red", "rot")},
    "funding_status": {"planned": ("planned", "geplant"), "applied": ("applied", "beantragt"),
                       "approved": ("approved", "bewilligt"),
                       "received": ("received", "ausgezahlt"),
                       "rejected": ("rejected", "abgelehnt")},
}


def test_every_value_of_every_vocabulary_has_its_labels() -> None:
    assert {v: list(keys) for v, keys in KEYS.items()} == {v: list(k) for v, k in LABELS.items()}
    for vocabulary, keys in LABELS.items():
        for key, (english, german) in keys.items():
            assert labels(vocabulary, key) == {"de": german, "en": english}
            assert label(vocabulary, key) == german  # German unless asked otherwise


def test_an_unknown_value_is_shown_as_written() -> None:
    assert label("status", "paused", "en") == "paused"
    assert label("colour", "blue", "de") == "blue"


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


def test_a_plan_answers_what_it_does_not_hold_with_nothing() -> None:
    plan = _plan()
    assert plan.measure("M-002") is plan.measures[1] and plan.measure("M-404") is None
    assert plan.latest_reported_half() is None  # no measure has an update yet
    master = plan.masterplan
    assert master.field("rathaus") is master.fields[0] and master.field("verkehr") is None
    assert (master.field_title("rathaus"), master.field_title("verkehr")) == (
        "Digitales Rathaus", "verkehr")
    assert master.goal("service") is master.goals[0] and master.goal("umwelt") is None


def test_an_adoption_is_in_force_from_the_half_it_is_dated_in() -> None:
    plan = _plan()  # adopted on 24 September 2020
    assert plan.adoption_in_force(Half(2020, 1)) is None
    assert plan.adoption_in_force(Half(2020, 2)) is plan.adoptions[0]
    last_day = replace(plan, adoptions=(plan.adoptions[0].model_copy(
        update={"date": date(2020, 12, 31)}),))
    assert last_day.adoption_in_force(Half(2020, 2)) is last_day.adoptions[0]


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


def test_the_export_derives_each_measures_state_and_the_plans_figures() -> None:
    body = ("start: 2020-09\nend: 2021-06\nbudget:\n  one_off: 25000\n  annual: 3000\n"
            "  note: Schätzung\n  funding:\n    programme: Land\n    status: applied\n"
            "milestones:\n  - title: Auswahl\n    due: 2021-03-31\n"
            + updates({"rag": "amber", "rag_reason": "Verzug.", "progress": "40",
                       "spent": "12000", "replanned_end": "2021-09"}))
    further = measure(updates({"half": "2021-H1"}), id="M-002")
    example = Example(measure(body), others=(
        ("measures/M-002-b.yaml", further), ("measures/M-003-c.yaml", measure(id="M-003")),
        (ADOPTION, 'version: "1.0"\ndate: 2020-09-24\nresolution: BV/1\nmeasures: [M-001]\n')))
    plan = run_example(example).plan
    assert plan is not None
    figures = current_figures(plan)
    derived = {m.id: derive(figures, plan, m).model_dump(mode="json") for m in plan.measures}
    assert derived["M-001"] == {
        "half": "2021-H1", "status": "in_progress", "rag": "amber", "rag_reason": "Verzug.",
        "progress": 40, "counts_in_progress": True, "spent": 12000.0, "planned_end": "2021-09",
        "replanned_in_half": True, "replanned_since_adoption": True,
        "money": {"one_off": 25000.0, "annual": 3000.0, "note": "Schätzung",
                  "funding_status": "applied"},
        "milestones_overdue": 1, "plan": "masterplan", "adopted_in": "1.0"}
    assert (derived["M-002"]["plan"], derived["M-002"]["adopted_in"]) == ("further", None)
    assert (derived["M-003"]["half"], derived["M-003"]["rag"]) == (None, None)
    assert figures_of(figures).model_dump(mode="json") == {
        "half": "2021-H1", "measures": 2, "masterplan_measures": 1, "further_initiatives": 1,
        "by_status": {"in_progress": 2}, "by_rag": {"green": 1, "amber": 1}, "progress": 40.0,
        "fields": [{"key": "rathaus", "measures": 1, "counted": 1, "progress": 40.0}],
        "completed_in_half": [], "started_in_half": ["M-001", "M-002"],
        "replanned_in_half": ["M-001"], "milestones_overdue": 1}


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
