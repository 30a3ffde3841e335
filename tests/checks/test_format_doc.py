"""docs/format.md is generated from the models, and names every key they accept."""

from __future__ import annotations

from dotool.model.reference import FILES, format_markdown
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
