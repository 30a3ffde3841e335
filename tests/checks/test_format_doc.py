"""docs/format.md is generated from the models, and names every key they accept."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from dotool.i18n import terminal
from dotool.model.dates import Half, PartialDate
from dotool.model.reference import FILES, _table, format_markdown
from tests.conftest import REPO


def test_docs_format_is_generated_from_the_models() -> None:
    committed = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == format_markdown(), \
        "docs/format.md is stale: python -m dotool.model.reference > docs/format.md"


def test_every_key_of_every_file_is_described() -> None:
    text = format_markdown()
    for path, model, _ in FILES:
        assert f"`{path}`" in text
        section = text[text.index(f"## {model.__name__}\n"):]
        for name, info in model.model_fields.items():
            required = "yes" if info.is_required() else "no"
            assert f"| `{name}` |" in section and f"| {required}" in section, (model, name)
    # Words for patterned text come from the model, not the regular expression.
    assert "| `id` | a measure id: prefix, hyphen, three or more digits | yes |" in text
    assert "| `progress` | whole number (≥ 0, ≤ 100) | no |" in text
    assert "| `one_off` | number (≥ 0, ≤ 1,000,000,000,000) | no |" in text


def test_the_page_is_english_whatever_the_terminal_speaks() -> None:
    terminal.reset("de")
    try:
        text = format_markdown()
    finally:
        terminal.reset()
    assert "| `id` | a measure id: prefix, hyphen, three or more digits | yes |" in text


class _Odd(BaseModel):
    """Kinds of field no model of a plan has yet: how the page would describe them."""

    number_or_text: int | str
    dates: list[PartialDate] = Field(default_factory=list, max_length=3)
    halves: list[Half] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]+$")] = Field(description="a | b")
    share: float = Field(0.5, ge=0, le=0.5)
    free: Any = None


def test_fields_of_other_kinds_are_described_too() -> None:
    assert _table(_Odd, _Odd.model_json_schema())[2:] == [
        "| `number_or_text` | whole number or text | yes |  |  |",
        "| `dates` | list of a month `YYYY-MM` or a day `YYYY-MM-DD` | no |  |  |",
        "| `halves` | list of a half `YYYY-H1` or `YYYY-H2` | no |  |  |",
        "| `names` | list of text | no |  |  |",
        "| `code` | text matching `^[A-Z]+$` | yes | a \\| b |  |",
        "| `share` | number (≥ 0, ≤ 0.5) | no (default `0.5`) |  |  |",
        "| `free` | any value | no |  |  |",
    ]
