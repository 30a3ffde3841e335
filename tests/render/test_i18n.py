"""The catalogues are complete in both languages, and Babel formats as the locale expects."""

from __future__ import annotations

from datetime import date

import pytest

from dotool.i18n import LANGUAGES, Formatter, po_path


def _catalogue(lang: str):  # type: ignore[no-untyped-def]
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_in_use_is_translated(lang: str) -> None:
    from dotool.i18n.extract import messages

    catalog = _catalogue(lang)
    translated = {(m.id, m.context) for m in catalog if m.id and _complete(m.string)}
    missing = sorted(set(messages()) - translated, key=str)
    assert not missing, f"{lang}: untranslated or missing (run python -m dotool.i18n.extract)"


def _complete(string: str | tuple[str, ...]) -> bool:
    """A translation, with every plural form (German and English have two)."""
    return all(string) if isinstance(string, tuple) else bool(string)


def test_catalogues_hold_the_same_messages() -> None:
    de, en = ({(m.id, m.context) for m in _catalogue(lang) if m.id} for lang in LANGUAGES)
    assert de == en
    assert not [m.id for m in _catalogue("de") if m.id and not _complete(m.string)]


def test_locale_formatting() -> None:
    de, en = Formatter("de"), Formatter("en")
    assert de.date(date(2020, 12, 31)) == "31.12.2020"
    assert en.date(date(2020, 12, 31)) == "31 Dec 2020"
    assert de.money(1234.56) == "1.234,56\xa0€"
    assert de.money(2400000) == "2.400.000\xa0€"
    assert en.money(1234.56) == "€1,234.56"
    assert de.percent(40) == "40\xa0%" and en.percent(40) == "40%"
    assert de.number(1150) == "1.150" and en.number(1150) == "1,150"
    assert de.signed(20) == "+20" and de.signed(-5) == "−5" and de.signed(0) == "±0"
