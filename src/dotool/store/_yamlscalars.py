"""How a plain YAML scalar reads: its value, and whether YAML 1.1 and 1.2 read it differently.

PyYAML reads YAML 1.1; editors and their schema checks read YAML 1.2. Where the two disagree
(`no`, `0755`, `12:30`) the file means different things to its reviewer and to this tool, so the
scanner reports those scalars instead of guessing.
"""

from __future__ import annotations

import re
from typing import Any

from dotool.i18n.terminal import Message, t

AMBIGUOUS = object()  # a plain scalar YAML 1.1 and YAML 1.2 read differently
MISS = object()
TAG = "tag:yaml.org,2002:"
TEXT_TAGS = frozenset({"!", TAG + "str"})  # explicit "this is text" markers
_BOOL11 = {"yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}

# Plain scalars that are not plain text, by their exact spelling (YAML 1.1 and 1.2 agree on all
# of these except the ones marked AMBIGUOUS).
WORDS: dict[str, Any] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    **{w: True for w in ("true", "True", "TRUE")},
    **{w: False for w in ("false", "False", "FALSE")},
    **{s + w: float(s + "inf") for s in ("", "+", "-") for w in (".inf", ".Inf", ".INF")},
    **{w: float("nan") for w in (".nan", ".NaN", ".NAN")},
    # YAML 1.1 booleans in the case variants its grammar lists; YAML 1.2 reads them as text.
    **{v: AMBIGUOUS for w in _BOOL11 for v in (w, w.capitalize(), w.upper())},
}
NUMERIC_START = frozenset("0123456789+-.")

# Numbers both versions read the same way (no underscores, no leading zeros, a dot in floats
# and a signed exponent, as PyYAML's YAML 1.1 grammar needs).
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"(?:[-+]?[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?")  # PyYAML: no `-.5`
# What else PyYAML (YAML 1.1) reads as a number...
_INT11 = re.compile(r"[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+"
                    r"|[1-9][0-9_]*(?::[0-5]?[0-9])+)")
_FLOAT11 = re.compile(r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*"
                      r"(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*")
# ... and what else YAML 1.2 (the core schema editors use) reads as a number.
_INT12 = re.compile(r"[-+]?[0-9]+")
_NUMBER12 = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
                       r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def number(text: str) -> Any:
    """Value of a plain scalar starting like a number: int, float, `AMBIGUOUS` or the text."""
    if text.isdigit() and text.isascii() and (text[0] != "0" or len(text) == 1):
        pass  # the common case, a count (`progress: 40`): what `_INT` matches, without a sign
    elif (dash := text.find("-", 1)) > 0 and text[dash - 1] not in "eE":
        # Every pattern takes a `-` first or after the `e` of an exponent only: this is no
        # number in either version (dates and halves, `2020-H2`), without trying each one.
        return text
    elif _FLOAT.fullmatch(text):
        return float(text)
    elif _HEX.fullmatch(text):
        return int(text, 16)
    elif not _INT.fullmatch(text):
        if _INT11.fullmatch(text) or _FLOAT11.fullmatch(text) or _NUMBER12.fullmatch(text):
            return AMBIGUOUS
        return text  # times, versions, phone numbers: text in both versions
    try:
        return int(text)
    except ValueError:  # more digits than Python converts; the schema reports the text
        return text


def plain(text: str) -> Any:
    """Value of an untagged plain scalar (see `number`); dates and timestamps stay text."""
    value = WORDS.get(text, MISS)
    if value is MISS:
        return number(text) if text[0] in NUMERIC_START else text
    return value


def explain_ambiguous(text: str) -> tuple[Message, Message]:
    """Message and hint for a plain scalar that `plain` found `AMBIGUOUS`."""
    if text.lower() in _BOOL11:
        word = "true" if _BOOL11[text.lower()] else "false"
        message = t('`{text}` is ambiguous: YAML 1.1 reads it as the boolean {word}, YAML 1.2 as '
                    'the text "{text}"', text=text, word=word)
        return message, t('YAML 1.1 reads `{text}` as {word}: quote it ("{text}") if you mean '
                          "text, or write {word}", text=text, word=word)
    read11: Message | None
    try:
        read11, read12 = _read11(text), _read12(text)
    except ValueError:  # thousands of digits: too many for int(), and for a reader
        read11 = read12 = t("a number")
    message = t("`{text}` is ambiguous: YAML 1.1 reads it as {read11}, YAML 1.2 as {read12}",
                text=text, read11=read11 or t("text"), read12=read12)
    version, reading = ("1.2", read12) if read11 is None else ("1.1", read11)
    return message, t('YAML {version} reads `{text}` as {reading}: quote it ("{text}") if you '
                      "mean text, or write a plain number", version=version, text=text,
                      reading=reading)


def _read11(text: str) -> Message | None:
    """What YAML 1.1 reads `text` as (None: as text). Numbers are written out here, where a
    number of thousands of digits raises ValueError for the caller to catch."""
    digits = text.replace("_", "").lstrip("+-")
    sign = -1 if text.startswith("-") else 1
    if not (_INT11.fullmatch(text) or _FLOAT11.fullmatch(text)):
        return None
    if ":" in digits:
        value: float = 0
        for part in digits.split(":"):
            value = value * 60 + (float(part) if "." in part else int(part or "0"))
        return t("the sexagesimal (base 60) number {value}", value=str(sign * value))
    if "." in digits:
        return t("the number {value}", value=str(sign * float(digits)))
    if digits.startswith("0b"):
        return t("the binary number {value}", value=str(sign * int(digits[2:] or "0", 2)))
    if digits.startswith("0x"):
        return t("the hexadecimal number {value}", value=str(sign * int(digits[2:] or "0", 16)))
    if digits.startswith("0") and len(digits) > 1:
        return t("the octal number {value}", value=str(sign * int(digits, 8)))
    return t("the number {value}", value=str(sign * int(digits)))


def _read12(text: str) -> Message:
    if not _NUMBER12.fullmatch(text):
        return t('the text "{text}"', text=text)
    if text.startswith("0o"):
        return t("the octal number {value}", value=str(int(text[2:], 8)))
    if text.startswith("0x"):
        return t("the hexadecimal number {value}", value=str(int(text, 16)))
    if _INT12.fullmatch(text):
        return t("the number {value}", value=str(int(text)))
    return t("the number {value}", value=str(float(text)))
