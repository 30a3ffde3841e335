"""Message catalogues (de, en) and locale formatting of dates, numbers and money via Babel.

The catalogues are the `.po` files under `locale/<lang>/LC_MESSAGES/dotool.po`, read directly
at render time and compiled in memory. We chose this over committing `.mo` files: there is no
build step to forget and no binary that can drift from its source, and reading two small `.po`
files costs a few milliseconds, once per process.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from functools import cache, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "dotool"
LANGUAGES = ("de", "en")
#: The Babel locale of each output language (en_GB writes dates as "31 Dec 2020").
LOCALES = {"de": "de_DE", "en": "en_GB"}


def po_path(lang: str) -> Path:
    """The `.po` file of a language."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> Translations:
    """The compiled catalogue of `lang`, read from its `.po` file."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[lang], domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def _remembered(method: Callable[..., str]) -> Callable[..., str]:
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

    return formatting


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
