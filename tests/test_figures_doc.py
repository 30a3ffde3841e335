"""docs/figures.md and the report's annex come from the same definitions, and say the truth."""

from __future__ import annotations

import dataclasses
import importlib

import pytest

from dotool.i18n import translations
from dotool.render.rules import RULES, figures_markdown, report_rules
from tests.conftest import REPO


def test_docs_figures_is_generated_from_the_rules() -> None:
    committed = (REPO / "docs" / "figures.md").read_text(encoding="utf-8")
    assert committed == figures_markdown(), \
        "docs/figures.md is stale: python -m dotool.render.rules > docs/figures.md"


def _resolves(name: str) -> bool:
    """Whether a dotted name is a module attribute, a class attribute or a dataclass field."""
    parts = name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for part in parts[cut:]:
            fields = {f.name for f in dataclasses.fields(target)} \
                if isinstance(target, type) and dataclasses.is_dataclass(target) else set()
            if part in fields:
                target = None  # a field: nothing to look into further
            elif target is not None and hasattr(target, part):
                target = getattr(target, part)
            else:
                return False
        return True
    return False


@pytest.mark.parametrize("rule", RULES, ids=[r.key for r in RULES])
def test_every_rule_names_code_that_exists(rule) -> None:  # type: ignore[no-untyped-def]
    assert rule.where
    missing = [name for name in rule.where if not _resolves(name)]
    assert not missing, f"{rule.key}: no such code: {missing}"


def test_every_rule_has_german_wording() -> None:
    de = translations("de").gettext
    for rule in RULES:
        assert de(rule.name) != rule.name and de(rule.text) != rule.text, rule.key


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_annex_carries_the_rules_in_its_language(sample_plan, lang, fmt) -> None:  # type: ignore[no-untyped-def]
    from datetime import date
    from html import unescape

    from dotool.model.dates import Half
    from dotool.render.document import render_report

    text = render_report(sample_plan, Half(2021, 2), fmt=fmt, lang=lang,
                         data_date=date(2022, 1, 15)).data.decode("utf-8")
    annex = unescape(text[text.index("Wie die Zahlen entstehen" if lang == "de"
                                     else "How the figures are made"):])
    _ = translations(lang).gettext
    for rule in report_rules():
        assert _(rule.name) in annex and _(rule.text) in annex, rule.key
    for rule in set(RULES) - set(report_rules()):
        assert _(rule.text) not in annex, rule.key


@pytest.fixture(scope="module")
def sample_plan():  # type: ignore[no-untyped-def]
    from dotool.checks.run import load_valid_plan

    return load_valid_plan(REPO)
