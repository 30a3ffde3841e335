"""Message catalogues (de, en) and locale formatting of dates, numbers and money via Babel.

The catalogues are the `.po` files under `locale/<lang>/LC_MESSAGES/dotool.po`, read directly
at render time. We chose this over committing `.mo` files: there is no build step to forget and
no binary that can drift from its source. They are read by the terminal's small `.po` reader
(`dotool.i18n.terminal.read_po`; `extract` writes both kinds of catalogue alike) rather than
through Babel's reader and a compiled `.mo` in memory: that reader cost about 35 ms on its own,
10–15 ms of a whole `report -o r.md` (most of Babel is loaded for the formatting anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache, wraps
from pathlib import Path
from typing import Any, TypeVar, cast

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "dotool"
LANGUAGES = ("de", "en")
#: The Babel locale of each output language (en_GB writes dates as "31 Dec 2020").
LOCALES = {"de": "de_DE", "en": "en_GB"}


def po_path(lang: str) -> Path:
    """The `.po` file of a language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> Catalogue:
    """The catalogue of `lang`, read from its `.po` file."""
    from dotool.i18n.terminal import read_po

    return Catalogue(read_po(po_path(lang).read_text(encoding="utf-8")))


class Catalogue:
    """The messages of one language, answered as `gettext.GNUTranslations` answers them (the
    interface Jinja's i18n extension takes): a message without a translation is itself."""

    def __init__(self, entries: dict[tuple[str | None, str], list[str]]) -> None:
        self._entries = entries  # (context, msgid) → the translation, or singular and plural

    def _find(self, context: str | None, message: str, plural: str | None, n: int) -> str:
        found = self._entries.get((context, message))
        # German and English both have the plural rule `n != 1` (the catalogues' header).
        index = 0 if plural is None or n == 1 else 1
        if found and len(found) > index and found[index]:
            return found[index]
        return message if plural is None or n == 1 else plural

    def gettext(self, message: str) -> str:
        return self._find(None, message, None, 1)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._find(None, singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._find(context, message, None, 1)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._find(context, singular, plural, n)


_Method = TypeVar("_Method", bound=Callable[..., str])


def _remembered(method: _Method) -> _Method:
    """A formatting method that formats each value once per `Formatter` (so per language): a
    document prints the same few hundred numbers and dates thousands of times, and Babel takes
    tens of microseconds for each. A value is told by its type and `repr`, so 0.0 and -0.0 (which
    Babel writes "0" and "-0"), 2 and 2.0, and Decimal("2.50") each keep their own text."""
    name = method.__name__

    @wraps(method)
    def formatting(self: Formatter, value: Any, *args: Any, **kwargs: Any) -> str:
        key = (name, type(value), repr(value), args, tuple(sorted(kwargs.items())))
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = method(self, value, *args, **kwargs)
        return found

    return cast("_Method", formatting)


class Formatter:
    """Locale formatting for one output language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.locale = LOCALES[lang]
        self._memo: dict[tuple[Any, ...], str] = {}

    @_remembered
    def date(self, value: date | None) -> str:
        """31.12.2020 (de) / 31 Dec 2020 (en)."""
        from babel.dates import format_date

        return "" if value is None else format_date(value, format="medium", locale=self.locale)

    @_remembered
    def number(self, value: float | None, digits: int = 0) -> str:
        """1.234 (de) / 1,234 (en); up to `digits` decimals, no trailing zeros."""
        from babel.numbers import format_decimal

        if value is None:
            return ""
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    @_remembered
    def money(self, value: float | None) -> str:
        """1.234,56 € (de) / €1,234.56 (en); whole euros without cents."""
        from babel.numbers import format_currency

        if value is None:
            return ""
        whole = float(value).is_integer()
        return format_currency(value, "EUR", locale=self.locale,
                               format="#,##0\xa0¤" if whole and self.lang == "de"
                               else ("¤#,##0" if whole else None),
                               currency_digits=not whole)

    def money_short(self, value: float) -> str:
        """An axis label: whole euros, millions abbreviated (1,5 Mio. € / €1.5M)."""
        from babel.numbers import format_compact_currency

        if abs(value) >= 1_000_000:
            return format_compact_currency(value, "EUR", locale=self.locale, fraction_digits=1)
        return self.money(round(value))

    @_remembered
    def percent(self, value: float | None, digits: int = 0) -> str:
        """A percentage given as 0..100: 40 % (de) / 40% (en)."""
        from babel import Locale
        from babel.numbers import format_percent

        if value is None:
            return ""
        # The locale's own pattern keeps its spacing (de: "40 %", DIN 5008; en: "40%").
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        if digits:
            pattern = pattern.replace("#,##0", "#,##0." + "#" * digits)
        return format_percent(value / 100, format=pattern, locale=self.locale)

    def signed(self, value: float | None) -> str:
        """A change in percentage points with its sign: +20, −5, ±0."""
        if value is None:
            return ""
        if value == 0:
            return "±0"
        text = self.number(abs(value))
        return ("+" if value > 0 else "−") + text
