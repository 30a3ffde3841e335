"""The catalogues are complete in both languages, and Babel formats as the locale expects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_documents_say_what_babel_reads_in_the_catalogue(lang: str) -> None:
    """The documents' catalogue, read by dotool's small `.po` reader, answers every message (and
    one it lacks) as Babel's reader and a compiled `.mo` do — with context, in both plural forms."""
    import io

    from babel.messages.mofile import write_mo
    from babel.support import Translations

    from dotool.i18n import translations

    buffer = io.BytesIO()
    write_mo(buffer, _catalogue(lang), use_fuzzy=False)
    buffer.seek(0)
    babel, ours = Translations(fp=buffer), translations(lang)
    asked = 0
    for m in _catalogue(lang):
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            singular, plural = m.id
            for n in (1, 2, 7):
                if m.context:
                    assert ours.npgettext(m.context, singular, plural, n) == \
                        babel.npgettext(m.context, singular, plural, n)
                else:
                    assert ours.ngettext(singular, plural, n) == babel.ngettext(singular, plural, n)
        elif m.context:
            assert ours.pgettext(m.context, m.id) == babel.pgettext(m.context, m.id)
        else:
            assert ours.gettext(m.id) == babel.gettext(m.id)
        asked += 1
    assert asked > 400
    assert ours.gettext("no such message") == babel.gettext("no such message")
    assert ours.ngettext("one thing", "%(num)s things", 2) == "%(num)s things"


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


def test_formatting_a_value_again_gives_its_own_text() -> None:
    """Each Formatter remembers what it formatted: a value equal to an earlier one but of
    another type or sign, other digits, or the other language still gets its own text."""
    de, en = Formatter("de"), Formatter("en")
    for _ in range(2):  # the second round is answered from what the first remembered
        assert (de.number(0.0), de.number(-0.0), de.number(0)) == ("0", "-0", "0")
        assert (de.number(2.5), de.number(2.5, 1), de.number(2.5, digits=2)) == ("2", "2,5", "2,5")
        assert de.number(Decimal("1234.50"), 2) == "1.234,5"
        assert (de.number(1234.5, 1), en.number(1234.5, 1)) == ("1.234,5", "1,234.5")
        assert (de.percent(12.5, 1), en.percent(12.5, 1)) == ("12,5\xa0%", "12.5%")
        assert (de.money(2.0), de.money(2.5)) == ("2\xa0€", "2,50\xa0€")
        assert (de.date(date(2021, 3, 1)), en.date(date(2021, 3, 1))) == ("01.03.2021",
                                                                          "1 Mar 2021")
        assert de.number(None) == "" and de.money(None) == "" and de.date(None) == ""
