"""The one clock of dotool: every rule and default that depends on the day reads `today()`.

`DOTOOL_TODAY=YYYY-MM-DD` sets the day (for tests, for rendering on a later day what a past day
showed, for a CI machine whose clock is wrong); a malformed value is a usage error (exit 2).
Nothing else in the package may call `date.today()` or `datetime.now()`: a test enforces it.
"""

from __future__ import annotations

import os
import re
from datetime import date

ENV = "DOTOOL_TODAY"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def today() -> date:
    """Today's date, or the day `DOTOOL_TODAY` names."""
    value = os.environ.get(ENV)
    if value is None or value == "":
        return date.today()
    return parse_day(value)


def parse_day(value: str) -> date:
    """The day `DOTOOL_TODAY` names; a `UsageError` that says what is expected otherwise."""
    text = value.strip()
    if _ISO_DAY.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            pass
        else:
            if 1900 <= day.year <= 2199:
                return day
    from dotool.errors import UsageError
    from dotool.i18n.terminal import t

    raise UsageError(t("{env}={value} is not a date", env=ENV, value=repr(value)),
                     hint=t("set {env} to a day between 1900-01-01 and 2199-12-31 written "
                            "YYYY-MM-DD, or unset it to use the machine's clock", env=ENV))
