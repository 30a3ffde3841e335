"""libyaml's words for a syntax error, in the terminal's language.

libyaml explains a syntax error in English ("did not find expected key", "while parsing a block
mapping"). Every problem and context libyaml's scanner and parser (and PyYAML's composer) can
report is worded here; one a newer libyaml adds is shown as libyaml says it.
"""

from __future__ import annotations

from dotool.i18n.terminal import Message, t

_WORDS: dict[str, Message] = {
    "mapping values are not allowed in this context":
        t("mapping values are not allowed in this context"),
    "mapping values are not allowed here": t("mapping values are not allowed here"),
    "could not find expected ':'": t("could not find expected ':'"),
    "did not find expected key": t("did not find expected key"),
    "did not find expected '-' indicator": t("did not find expected '-' indicator"),
    "did not find expected node content": t("did not find expected node content"),
    "did not find expected ',' or ']'": t("did not find expected ',' or ']'"),
    "did not find expected ',' or '}'": t("did not find expected ',' or '}'"),
    "did not find expected <document start>": t("did not find expected <document start>"),
    "did not find expected comment or line break":
        t("did not find expected comment or line break"),
    "did not find expected alphabetic or numeric character":
        t("did not find expected alphabetic or numeric character"),
    "block sequence entries are not allowed in this context":
        t("block sequence entries are not allowed in this context"),
    "found unexpected end of stream": t("found unexpected end of stream"),
    "found unexpected ':'": t("found unexpected ':'"),
    "found undefined tag handle": t("found undefined tag handle"),
    "found unknown escape character": t("found unknown escape character"),
    "found character that cannot start any token": t("found character that cannot start any token"),
    "found a tab character that violates indentation":
        t("found a tab character that violates indentation"),
    "found a tab character where an indentation space is expected":
        t("found a tab character where an indentation space is expected"),
    "found unexpected document indicator": t("found unexpected document indicator"),
    "invalid YAML": t("invalid YAML"),
    "mapping keys are not allowed in this context":
        t("mapping keys are not allowed in this context"),
    "found undefined alias": t("found undefined alias"),
    "found duplicate anchor; first occurrence": t("found duplicate anchor; first occurrence"),
    "second occurrence": t("second occurrence"),
    "expected a single document in the stream": t("expected a single document in the stream"),
    "but found another document": t("but found another document"),
    "found unknown directive name": t("found unknown directive name"),
    "could not find expected directive name": t("could not find expected directive name"),
    "found unexpected non-alphabetical character":
        t("found unexpected non-alphabetical character"),
    "found duplicate %YAML directive": t("found duplicate %YAML directive"),
    "found duplicate %TAG directive": t("found duplicate %TAG directive"),
    "found incompatible YAML document": t("found incompatible YAML document"),
    "found extremely long version number": t("found extremely long version number"),
    "did not find expected version number": t("did not find expected version number"),
    "did not find expected digit or '.' character":
        t("did not find expected digit or '.' character"),
    "did not find expected whitespace": t("did not find expected whitespace"),
    "did not find expected whitespace or line break":
        t("did not find expected whitespace or line break"),
    "did not find expected '!'": t("did not find expected '!'"),
    "did not find the expected '>'": t("did not find the expected '>'"),
    "did not find expected tag URI": t("did not find expected tag URI"),
    "did not find URI escaped octet": t("did not find URI escaped octet"),
    "did not find expected hexdecimal number": t("did not find expected hexdecimal number"),
    "found invalid Unicode character escape code":
        t("found invalid Unicode character escape code"),
    "found an indentation indicator equal to 0": t("found an indentation indicator equal to 0"),
    "did not find expected <stream-start>": t("did not find expected <stream-start>"),
    "control characters are not allowed": t("control characters are not allowed"),
    "while parsing a block mapping": t("while parsing a block mapping"),
    "while parsing a block collection": t("while parsing a block collection"),
    "while parsing a flow sequence": t("while parsing a flow sequence"),
    "while parsing a flow mapping": t("while parsing a flow mapping"),
    "while parsing a block node": t("while parsing a block node"),
    "while parsing a flow node": t("while parsing a flow node"),
    "while scanning a simple key": t("while scanning a simple key"),
    "while scanning a quoted scalar": t("while scanning a quoted scalar"),
    "while scanning a block scalar": t("while scanning a block scalar"),
    "while scanning a plain scalar": t("while scanning a plain scalar"),
    "while scanning an anchor": t("while scanning an anchor"),
    "while scanning an alias": t("while scanning an alias"),
    "while scanning a tag": t("while scanning a tag"),
    "while scanning a directive": t("while scanning a directive"),
    "while scanning a %YAML directive": t("while scanning a %YAML directive"),
    "while scanning a %TAG directive": t("while scanning a %TAG directive"),
    "while parsing a %TAG directive": t("while parsing a %TAG directive"),
    "while scanning a tag directive": t("while scanning a tag directive"),
    "while parsing a tag directive": t("while parsing a tag directive"),
    "while parsing a quoted scalar": t("while parsing a quoted scalar"),
    "while parsing a tag": t("while parsing a tag"),
    "while parsing a node": t("while parsing a node"),
    "while scanning for the next token": t("while scanning for the next token"),
}


def libyaml_words(text: str) -> Message | str:
    """libyaml's `text` in the terminal's language (itself when it is not one listed)."""
    return _WORDS.get(text, text)
