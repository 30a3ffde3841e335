"""The strict YAML loader: every rule as a located finding, positions, and hostile input."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotool.findings import Finding
from dotool.i18n import terminal
from dotool.store import yamlload
from dotool.store._yamlscan import MAX_PER_CODE
from dotool.store._yamlwords import libyaml_words
from dotool.store.yamlload import MAX_BYTES, LoadResult, cached_document, load_yaml

MEASURE = textwrap.dedent("""\
    # yaml-language-server: $schema=../schema/measure.schema.json
    id: M-007
    title: Online-Terminvergabe im Bürgerbüro
    ref: "06.01 Nr. 03"
    goals: [buergerservice, wirtschaftlichkeit]
    summary: >-
      Termine online buchen.
    start: 2020-09
    budget:
      one_off: 25000
      share: 0.9
    milestones:
      - title: Auswahl
        due: 2020-10-31
    public: true
    updates:
      - half: 2020-H2
        rag: green
        progress: 40
        kpis: {online_share: 12}
      - half: 2021-H1
        rag: amber
        progress: 55
    """)


def load(text: str | bytes) -> LoadResult:
    return load_yaml(text.encode() if isinstance(text, str) else text, path="measures/m.yaml")


def only(result: LoadResult, code: str) -> Finding:
    """The one finding of `result`, which must have `code`; shows all findings otherwise."""
    assert [f.code for f in result.findings] == [code], result.findings
    finding = result.findings[0]
    assert finding.path == "measures/m.yaml" and finding.severity == "error"
    return finding


def test_a_clean_measure_loads_as_plain_data() -> None:
    result = load(MEASURE)
    assert result.findings == []
    assert result.document is not None
    data = result.document.data
    assert data["id"] == "M-007"
    assert data["ref"] == "06.01 Nr. 03"
    assert data["goals"] == ["buergerservice", "wirtschaftlichkeit"]
    assert data["summary"] == "Termine online buchen."
    assert data["budget"] == {"one_off": 25000, "share": 0.9}
    assert data["public"] is True
    assert data["updates"][0] == {"half": "2020-H2", "rag": "green", "progress": 40,
                                  "kpis": {"online_share": 12}}


@pytest.mark.parametrize("text", ["2020-09", "2020-10-31", "2020-10-31T10:00:00",
                                  "2020-10-31 10:00:00 +01:00", "2020-1-5T1:00:00Z"])
def test_dates_and_timestamps_stay_text_as_written(text: str) -> None:
    result = load(f"due: {text}\n")
    assert result.findings == []
    assert result.document is not None and result.document.data == {"due": text}


@pytest.mark.parametrize(("text", "value"), [
    ("true", True), ("False", False), ("TRUE", True), ("null", None), ("~", None), ("", None),
    ("0", 0), ("-17", -17), ("+12", 12), ("25000", 25000), ("0.9", 0.9), ("1.", 1.0),
    (".5", 0.5), ("1.5e+3", 1500.0), ("1.5e-3", 0.0015), ("1.5E-3", 0.0015), ("0x1F", 31),
    (".inf", float("inf")),
    ("-.Inf", float("-inf")), ("M-003", "M-003"), ("1.1.1.01.7831", "1.1.1.01.7831"),
    ("+49 4171 1234", "+49 4171 1234"), ("=", "="), ("yEs", "yEs"), ("in_progress", "in_progress"),
])
def test_plain_scalars_both_yaml_versions_agree_on(text: str, value: object) -> None:
    result = load(f"v: {text}\n")
    assert result.findings == []
    assert result.document is not None
    assert result.document.data == {"v": value}
    assert type(result.document.data["v"]) is type(value)


def test_nan_is_a_float() -> None:
    result = load("v: .nan\n")
    assert result.document is not None
    value = result.document.data["v"]
    assert isinstance(value, float) and value != value


@pytest.mark.parametrize(("text", "fragment", "hint"), [
    ("no", "YAML 1.1 reads it as the boolean false", 'quote it ("no") if you mean text, or '
                                                     "write false"),
    ("No", "the boolean false", "or write false"),
    ("NO", "the boolean false", "or write false"),
    ("yes", "the boolean true", "or write true"),
    ("Yes", "the boolean true", "or write true"),
    ("on", "the boolean true", "or write true"),
    ("OFF", "the boolean false", "or write false"),
    ("y", "the boolean true", "or write true"),
    ("N", "the boolean false", "or write false"),
    ("0755", "the octal number 493, YAML 1.2 as the number 755",
     'YAML 1.1 reads `0755` as the octal number 493: quote it ("0755")'),
    ("0789", "YAML 1.1 reads it as text, YAML 1.2 as the number 789",
     "YAML 1.2 reads `0789` as the number 789"),
    ("12:30", "the sexagesimal (base 60) number 750", 'quote it ("12:30")'),
    ("1:20:30", "the sexagesimal (base 60) number 4830", "quote it"),
    ("1:20.5", "the sexagesimal (base 60) number 80.5", "quote it"),
    ("1_000", "the number 1000, YAML 1.2 as the text", "quote it"),
    ("1_000.5", "the number 1000.5", "quote it"),
    ("0b101", "the binary number 5", "quote it"),
    ("-0x1F", "the hexadecimal number -31", "quote it"),
    ("+.5", "YAML 1.1 reads it as text, YAML 1.2 as the number 0.5", "quote it"),
    ("1e3", "YAML 1.2 as the number 1000.0", "or write a plain number"),
    ("1.0e3", "YAML 1.2 as the number 1000.0", "quote it"),
    ("0o17", "YAML 1.2 as the octal number 15", "quote it"),
])
def test_plain_scalars_yaml_1_1_reads_differently_are_kept_as_text(
        text: str, fragment: str, hint: str) -> None:
    result = load(f"id: M-001\nupdates:\n  - value: {text}\n")
    finding = only(result, "yaml-ambiguous")
    assert (finding.line, finding.col, finding.loc) == (3, 12, ("updates", 0, "value"))
    assert f"`{text}` is ambiguous" in finding.message and fragment in finding.message
    assert finding.hint is not None and hint in finding.hint
    assert result.document is not None
    assert result.document.data["updates"][0]["value"] == text
    quoted = load(f'id: M-001\nupdates:\n  - value: "{text}"\n')
    assert quoted.findings == []


@pytest.mark.parametrize(("text", "read11", "read12"), [
    ("1000_", "the number 1000", 'the text "1000_"'),  # YAML 1.1 allows any underscores
    ("1_000.5", "the number 1000.5", 'the text "1_000.5"'),
    ("0b_", "the binary number 0", 'the text "0b_"'),
    ("-0b11", "the binary number -3", 'the text "-0b11"'),
    ("0x_", "the hexadecimal number 0", 'the text "0x_"'),
    ("0x1_F", "the hexadecimal number 31", 'the text "0x1_F"'),
    ("0_", "the number 0", 'the text "0_"'),  # a lone 0 is no octal number
    ("07", "the octal number 7", "the number 7"),
])
def test_what_each_yaml_version_reads_is_said_in_full(text: str, read11: str,
                                                      read12: str) -> None:
    finding = only(load(f"v: {text}\n"), "yaml-ambiguous")
    assert finding.message == (f"`{text}` is ambiguous: YAML 1.1 reads it as {read11}, "
                               f"YAML 1.2 as {read12}")


def test_an_ambiguous_number_with_thousands_of_digits_is_still_explained() -> None:
    text = "0" + "9" * 5000
    finding = only(load(f"v: {text}\n"), "yaml-ambiguous")
    assert "YAML 1.2 as a number" in finding.message


def test_an_integer_too_long_for_python_stays_text() -> None:
    text = "9" * 5000
    result = load(f"v: {text}\n")
    assert result.findings == [] and result.document is not None
    assert result.document.data == {"v": text}


def test_keys_are_the_text_as_written() -> None:
    result = load("2020: a\ntrue: b\nno: c\n~: d\n'5': e\n")
    assert result.findings == []
    assert result.document is not None
    assert result.document.data == {"2020": "a", "true": "b", "no": "c", "~": "d", "5": "e"}


def test_a_file_larger_than_one_mebibyte_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_parsing(text: str) -> None:
        raise AssertionError("a file that is too large must not be parsed")

    monkeypatch.setattr(yamlload, "_Parser", no_parsing)
    finding = only(load(b"a" * (MAX_BYTES + 1)), "file-too-large")
    assert finding.message.startswith("the file is larger than 1 MiB (1,048,576 bytes)")


def test_the_size_limit_is_written_in_the_terminal_language() -> None:
    terminal.reset("de")
    try:
        finding = only(load(b"a" * (MAX_BYTES + 1)), "file-too-large")
        message = str(finding.message)
    finally:
        terminal.reset()
    assert message == ("die Datei ist größer als 1 MiB (1.048.576 Bytes), die Höchstgröße einer "
                       "Plandatei")


def test_a_file_of_exactly_one_mebibyte_is_read() -> None:
    result = load(b"a: " + b"x" * (MAX_BYTES - 3))
    assert result.findings == [] and result.document is not None


def test_latin1_text_is_an_encoding_error_at_the_first_bad_byte() -> None:
    result = load("id: M-001\ntitle: Straße für alle\n".encode("cp1252"))
    finding = only(result, "yaml-encoding")
    assert result.document is None
    assert (finding.line, finding.col) == (2, 12)
    assert "not valid UTF-8: byte 0xDF" in finding.message
    assert finding.hint is not None and "Windows-1252" in finding.hint


def test_encoding_error_columns_count_characters() -> None:
    finding = only(load("t: ää ".encode() + b"\x81"), "yaml-encoding")
    assert (finding.line, finding.col) == (1, 7)
    # 0x81 is no character in Windows-1252 either: no guess at the encoding.
    assert finding.hint == ("save the file as UTF-8 (most editors offer it under “Save with "
                            "encoding”)")


def test_a_byte_order_mark_is_no_column_of_an_encoding_error() -> None:
    finding = only(load("\ufeffab: ".encode() + b"\xff"), "yaml-encoding")
    assert (finding.line, finding.col) == (1, 5)


@pytest.mark.parametrize("data", [
    "id: M-001\n".encode("utf-16"), "id: M-001\n".encode("utf-32"),
    b"\xfe\xff" + "id: M-001\n".encode("utf-16-be"),
    b"\0\0\xfe\xff" + "id: M-001\n".encode("utf-32-be"),
], ids=["utf-16", "utf-32", "utf-16-be", "utf-32-be"])
def test_utf16_is_an_encoding_error_with_a_hint(data: bytes) -> None:
    finding = only(load(data), "yaml-encoding")
    assert (finding.line, finding.col) == (1, 1)
    assert finding.message == ("the file is not UTF-8: it starts with a UTF-16 or UTF-32 byte "
                               "order mark")


@pytest.mark.parametrize(("data", "line", "col"), [
    ("id: M-001\nx: ä".encode() + b"\x00\x01\x02", 2, 5),
    (b"\x00id: M-001\n", 1, 1),
    (b"id: M-001\x00\nx: \x00\n", 1, 10),  # the first of them
    ("\ufeffab".encode() + b"\x00", 1, 3),  # a byte order mark is no column
])
def test_nul_bytes_are_reported_as_binary_content(data: bytes, line: int, col: int) -> None:
    finding = only(load(data), "yaml-encoding")
    assert (finding.line, finding.col) == (line, col)
    assert finding.message == ("the file contains a NUL byte: it is a binary file, or text saved "
                               "as UTF-16 or UTF-32, not UTF-8 YAML")


def test_control_characters_are_reported_where_they_are() -> None:
    finding = only(load("id: M-001\ntitle: a\x07b\n"), "yaml-encoding")
    assert (finding.line, finding.col) == (2, 9)
    assert "control character U+0007" in finding.message


def test_a_utf8_byte_order_mark_is_fine_and_not_counted_as_a_column() -> None:
    result = load("\ufeffid: M-001\ntitle: x\n")
    assert result.findings == []
    assert result.document is not None
    assert result.document.data == {"id": "M-001", "title": "x"}
    assert result.document.locate(("id",)) == (1, 5)
    assert result.document.lines[0] == "id: M-001"


@pytest.mark.parametrize(("text", "line", "col", "fragment", "hint"), [
    ("id: M-001\ntitle: Ziel: mehr Service\n", 2, 12, "mapping values are not allowed",
     "must be quoted"),
    ("id: M-001\ngoals: [a, b\nlead: x\n", 3, 5, "did not find expected ',' or ']' (while "
     "parsing a flow sequence at line 2, column 8)", None),
    ("id: M-001\n\ttitle: x\n", 2, 1, "found a tab character", "replace the tab with spaces"),
    ("a:\n\t- b\n", 2, 1, "found a tab character", "replace the tab with spaces"),
    ("a: @x\n", 1, 4, "found `@`, which cannot start a value", "starting with `@` must be quoted"),
    ('title: "offen\n', 2, 1, "found unexpected end of stream", "not closed"),
    ("a:\n  - b\n c: d\n", 3, 2, "did not find expected key", "same column"),
])
def test_syntax_errors_are_located_and_explained(
        text: str, line: int, col: int, fragment: str, hint: str | None) -> None:
    result = load(text)
    finding = only(result, "yaml-syntax")
    assert result.document is None
    assert (finding.line, finding.col) == (line, col)
    assert finding.message.startswith("YAML syntax error: ") and fragment in finding.message
    if hint is not None:
        assert finding.hint is not None and hint in finding.hint


def test_a_syntax_error_names_where_the_construct_started() -> None:
    finding = only(load("id: M-001\ntitle: 'offen\n\nx"), "yaml-syntax")
    assert "while scanning a quoted scalar at line 2, column 8" in finding.message


@pytest.mark.parametrize(("text", "line", "col", "message", "hint"), [
    ("a:\n\t- b\n", 2, 1, "found a tab character that cannot start any token",
     "YAML indents with spaces only: replace the tab with spaces"),
    ("a: @x", 1, 4, "found `@`, which cannot start a value",  # on the last line, no line break
     "a value starting with `@` must be quoted"),
    # libyaml names the construct where the problem is: said once, not twice.
    ("key: [\n", 2, 1, "did not find expected node content", None),
    ("a: !<\n", 1, 6, "did not find expected tag URI (while parsing a tag at line 1, column 4)",
     None),
])
def test_syntax_errors_read_in_full(text: str, line: int, col: int, message: str,
                                    hint: str | None) -> None:
    finding = only(load(text), "yaml-syntax")
    assert (finding.line, finding.col) == (line, col)
    assert (finding.message, finding.hint) == (f"YAML syntax error: {message}", hint)


def test_words_a_newer_libyaml_may_add_are_shown_as_libyaml_says_them() -> None:
    assert libyaml_words("found an unheard-of token") == "found an unheard-of token"
    assert str(libyaml_words("found unexpected end of stream")) == "found unexpected end of stream"


def test_a_file_the_reader_cannot_hold_gives_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    class OutOfMemory:
        def __init__(self, text: str) -> None:
            pass

        def get_event(self) -> None:
            raise MemoryError("out of memory")

    monkeypatch.setattr(yamlload, "_Parser", OutOfMemory)
    result = load("id: M-001\n")
    finding = only(result, "yaml-syntax")
    assert result.document is None
    assert (finding.line, finding.col) == (1, 1)
    assert finding.message == "the file cannot be read as YAML: out of memory"


def test_a_second_document_is_reported_where_it_starts() -> None:
    result = load("id: M-001\n---\nid: M-002\n")
    finding = only(result, "yaml-multiple-documents")
    assert result.document is None
    assert (finding.line, finding.col) == (2, 1)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "--- # nothing\n"])
def test_an_empty_file_has_no_document(text: str) -> None:
    result = load(text)
    finding = only(result, "yaml-empty")
    assert result.document is None
    assert (finding.line, finding.col) == (1, 1)


def test_a_null_document_is_data() -> None:
    result = load("~\n")
    assert result.findings == [] and result.document is not None
    assert result.document.data is None


def test_anchors_and_aliases_are_refused_and_never_expanded() -> None:
    result = load("lead: &unit Fachdienst IT\nparticipants:\n  - *unit\n")
    assert [(f.code, f.line, f.col, f.loc) for f in result.findings] == [
        ("yaml-alias", 1, 7, ("lead",)),
        ("yaml-alias", 3, 5, ("participants", 0)),
    ]
    assert "anchor `&unit`: anchors and aliases are not allowed" in result.findings[0].message
    assert "alias `*unit`" in result.findings[1].message
    hint = result.findings[0].hint
    assert hint is not None and "alias bombs" in hint and "reviewers" in hint
    assert result.document is not None
    assert result.document.data == {"lead": "Fachdienst IT", "participants": [None]}


def test_an_anchored_mapping_is_reported_too() -> None:
    result = load("base: &b {a: 1}\nother: {x: 2}\n")
    finding = only(result, "yaml-alias")
    assert (finding.line, finding.col, finding.loc) == (1, 7, ("base",))


def test_an_undefined_alias_is_an_alias_finding() -> None:
    finding = only(load("a: *nowhere\n"), "yaml-alias")
    assert (finding.line, finding.col) == (1, 4)


def test_billion_laughs_returns_a_short_list_of_findings() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        name, prev = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    result = load("\n".join(lines) + "\n")
    assert {f.code for f in result.findings} == {"yaml-alias"}
    assert len(result.findings) == MAX_PER_CODE + 1  # ten listed, then a summary
    assert "more problems like this one follow" in result.findings[-1].message


def test_many_problems_of_one_kind_end_in_a_summary() -> None:
    result = load("".join(f"k{i}: no\n" for i in range(25)))
    assert [f.code for f in result.findings] == ["yaml-ambiguous"] * 11
    assert result.findings[-1].message.startswith("15 more problems")
    assert result.document is not None and result.document.data["k24"] == "no"


def test_the_summary_follows_only_past_the_limit_where_the_last_listed_one_is() -> None:
    def findings(count: int) -> list[tuple[str, str, str, int, int, tuple[str | int, ...]]]:
        result = load("".join(f"k{i}: no\n" for i in range(count)))
        return [(f.code, f.path, str(f.message), f.line, f.col, f.loc) for f in result.findings]

    assert len(findings(MAX_PER_CODE)) == MAX_PER_CODE  # no summary of nothing
    assert findings(MAX_PER_CODE + 1)[-1] == (
        "yaml-ambiguous", "measures/m.yaml",
        "1 more problem like this one follows in this file (not listed)", 10, 5, ("k9",))
    terminal.reset("de")
    try:
        german = [findings(MAX_PER_CODE + n)[-1][2] for n in (1, 2)]
    finally:
        terminal.reset()
    assert german == ["1 weiteres Problem dieser Art folgt in dieser Datei (nicht aufgeführt)",
                      "2 weitere Probleme dieser Art folgen in dieser Datei (nicht aufgeführt)"]


def test_an_alias_as_a_key_is_refused_where_it_stands_and_left_out() -> None:
    result = load("a: &x k\nm:\n  *x : v\n  b: 1\n")
    alias = result.findings[-1]
    assert [f.code for f in result.findings] == ["yaml-alias", "yaml-alias"]
    assert (alias.path, alias.line, alias.col, alias.loc) == ("measures/m.yaml", 3, 3, ("m",))
    assert alias.message == "alias `*x` used as a key: anchors and aliases are not allowed"
    assert alias.hint is not None and "alias bombs" in alias.hint
    assert result.document is not None and result.document.data == {"a": "k", "m": {"b": 1}}


def test_a_tag_or_merge_on_a_key_is_located_at_that_key() -> None:
    tag = only(load("!!int 1: x\n!!str ok: 2\n"), "yaml-tag")
    assert (tag.line, tag.col, tag.loc, tag.message) == (
        1, 1, ("1",), "the tag `!!int` is not allowed")
    merge = only(load("m:\n  <<: {a: 1}\n"), "yaml-merge-key")
    assert (merge.line, merge.col, merge.loc) == (2, 3, ("m", "<<"))


def test_a_duplicate_key_names_both_lines_and_keeps_the_first_value() -> None:
    result = load("id: M-001\ntitle: first\nlead: x\ntitle: second\n")
    finding = only(result, "yaml-duplicate-key")
    assert finding.message == ("key `title` appears twice: line 2 and line 4; PyYAML would "
                               "silently keep the last one")
    assert (finding.line, finding.col, finding.loc) == (4, 1, ("title",))
    assert result.document is not None and result.document.data["title"] == "first"


def test_a_nested_duplicate_key_is_located_in_its_update() -> None:
    text = MEASURE.replace("    rag: amber\n", "    rag: amber\n    rag: red\n")
    finding = only(load(text), "yaml-duplicate-key")
    assert (finding.line, finding.loc) == (23, ("updates", 1, "rag"))
    assert "line 22 and line 23" in finding.message


def test_a_quoted_and_a_plain_spelling_of_one_key_are_duplicates() -> None:
    only(load("title: a\n'title': b\n"), "yaml-duplicate-key")


@pytest.mark.parametrize(("text", "line", "col"), [
    ("? [a, b]\n: x\nid: M-001\n", 1, 3),
    ("? {a: 1}\n: x\n", 1, 3),
    ("{[a]: x, id: M-001}\n", 1, 2),
])
def test_a_collection_as_key_is_refused(text: str, line: int, col: int) -> None:
    result = load(text)
    finding = only(result, "yaml-key")
    assert (finding.line, finding.col) == (line, col)
    assert result.document is not None and [] not in result.document.data.values()


def test_a_collection_as_key_is_located_in_the_mapping_it_stands_in() -> None:
    result = load("m:\n  ? [a]\n  : 1\n  b: 2\n")
    finding = only(result, "yaml-key")
    assert (finding.line, finding.col, finding.loc) == (2, 5, ("m",))
    assert result.document is not None and result.document.data == {"m": {"b": 2}}


def test_a_mapping_as_key_may_carry_its_own_tag_the_one_finding_is_the_key() -> None:
    result = load("? !!map {a: 1}\n: x\nb: 2\n")
    finding = only(result, "yaml-key")
    assert (finding.line, finding.col) == (1, 3)
    assert result.document is not None and result.document.data == {"b": 2}


def test_a_merge_key_is_refused() -> None:
    result = load("<<: {a: 1}\nb: 2\n")
    finding = only(result, "yaml-merge-key")
    assert (finding.line, finding.col) == (1, 1)
    assert result.document is not None and result.document.data == {"b": 2}


@pytest.mark.parametrize(("text", "tag"), [("!!int 5", "!!int"), ("!custom x", "!custom"),
                                           ("!!binary aGk=", "!!binary"),
                                           ("!!set {a: null}", "!!set")])
def test_tags_are_refused(text: str, tag: str) -> None:
    finding = only(load(f"v: {text}\n"), "yaml-tag")
    assert (finding.line, finding.col, finding.loc) == (1, 4, ("v",))
    assert f"the tag `{tag}` is not allowed" in finding.message


def test_str_and_non_specific_tags_mean_text() -> None:
    result = load("a: !!str 5\nb: ! 6\nc: !!map {x: 1}\n")
    assert result.findings == [] and result.document is not None
    assert result.document.data == {"a": "5", "b": "6", "c": {"x": 1}}


def test_locate_points_at_values_and_keys_of_nested_paths() -> None:
    result = load(MEASURE)
    doc = result.document
    assert doc is not None
    assert doc.locate(("updates", 1, "rag")) == (22, 10)
    assert doc.locate_key(("updates", 1, "rag")) == (22, 5)
    assert doc.locate(("updates", 0, "kpis", "online_share")) == (20, 26)
    assert doc.locate(("updates", 1)) == (21, 5)
    assert doc.locate(("goals", 1)) == (5, 25)
    assert doc.locate(("title",)) == (3, 8)
    assert doc.locate(()) == (2, 1)
    assert doc.lines[21] == "    rag: amber"


def test_locate_falls_back_to_the_nearest_existing_parent() -> None:
    doc = load(MEASURE).document
    assert doc is not None
    assert doc.locate(("updates", 1, "text")) == doc.locate(("updates", 1))
    assert doc.locate(("updates", 7, "rag")) == doc.locate(("updates",))
    assert doc.locate(("nowhere", 3)) == doc.locate(())
    assert doc.locate_key(("updates", 1, "text")) == doc.locate(("updates", 1))
    assert doc.locate_key(("updates", 1)) == doc.locate(("updates", 1))


def test_positions_are_the_same_whether_or_not_the_file_had_findings() -> None:
    clean = load(MEASURE).document
    text = MEASURE.replace("public: true", "public: yes")
    flagged = load(text).document
    assert clean is not None and flagged is not None
    for loc in [("updates", 1, "rag"), ("budget", "share"), ("milestones", 0, "due")]:
        assert clean.locate(loc) == flagged.locate(loc)
        assert clean.locate_key(loc) == flagged.locate_key(loc)
    assert flagged.lines == text.splitlines()


def test_a_cached_document_finds_its_positions_again_past_a_byte_order_mark() -> None:
    doc = cached_document({"id": "M-001", "title": "x"}, "\ufeffid: M-001\ntitle: x\n".encode())
    assert doc.lines == ["id: M-001", "title: x"]
    assert doc.locate(("id",)) == (1, 5) and doc.locate(("title",)) == (2, 8)


def test_an_empty_value_is_located_after_its_key() -> None:
    doc = load("id: M-001\ntitle:\nlead: x\n").document
    assert doc is not None and doc.data["title"] is None
    assert doc.locate(("title",)) == (2, 7)


def test_the_line_break_at_the_end_is_no_line_of_its_own() -> None:
    doc = load("a: 1\n").document
    assert doc is not None and doc.lines == ["a: 1"]


def test_lines_follow_yaml_line_breaks() -> None:
    doc = load("a: 1\r\nb: 2\r\n").document
    assert doc is not None
    assert doc.lines == ["a: 1", "b: 2"]
    assert doc.locate(("b",)) == (2, 4)


def test_nesting_up_to_the_limit_is_data() -> None:
    depth = yamlload.MAX_DEPTH
    result = load("[" * depth + "]" * depth)
    assert result.findings == [] and result.document is not None


def test_nesting_beyond_the_limit_is_reported_where_it_goes_too_deep() -> None:
    depth = yamlload.MAX_DEPTH + 1
    result = load("[" * depth + "]" * depth)
    finding = only(result, "yaml-too-deep")
    assert result.document is None
    assert (finding.line, finding.col) == (1, depth)
    assert "nested more than 64 levels deep" in finding.message


def test_nesting_beyond_what_libyaml_scans_is_the_same_finding() -> None:
    # libyaml gives up at 1,000 open brackets before it sends the first event.
    result = load("[" * 1001)
    finding = only(result, "yaml-too-deep")
    assert result.document is None
    assert (finding.line, finding.col) == (1, 1001)
    assert finding.message == "the data is nested more than 64 levels deep"
    assert finding.hint == ("a plan file needs a few levels only: the file is broken or not a "
                            "plan file")


# Inputs that could crash a recursive composer: run in a child process, so a crash fails one
# test instead of killing pytest.
HOSTILE = {
    "flow-sequences": "'[' * MAX_BYTES",
    "flow-mappings": "'{a: ' * (MAX_BYTES // 4)",
    "block-sequences": "'- ' * (MAX_BYTES // 2)",
    "indented-mappings": "''.join(' ' * i + 'a:\\n' for i in range(1440))",
    "indented-sequences": "''.join(' ' * i + '-\\n' for i in range(1440))",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_nesting_gives_a_finding_and_never_crashes(source: str) -> None:
    program = (
        "from dotool.store.yamlload import MAX_BYTES, load_yaml\n"
        f"data = ({source}).encode()[:MAX_BYTES]\n"
        "result = load_yaml(data, path='m.yaml')\n"
        "print(result.document is None, *[f.code for f in result.findings])\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "yaml-too-deep"], done.stdout


@pytest.mark.parametrize("text", ["a: no\nb: &x 1\n", "a: 1\n---\nb: 2\n", "a: [\n",
                                  "a: 1\na: 2\n", "? [a]\n: b\n", "x: \x01"])
def test_the_pure_python_parser_gives_the_same_findings(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = load(text)
    monkeypatch.setattr(yamlload, "_Parser", yaml.SafeLoader)
    result = load(text)
    assert [(f.code, f.line, f.col, f.loc) for f in result.findings] == [
        (f.code, f.line, f.col, f.loc) for f in expected.findings]
    assert (result.document is None) == (expected.document is None)


# Random damage to a measure: whatever it becomes, the loader answers with data or findings.
PUNCTUATION = [b":", b": ", b"-", b"- ", b"[", b"]", b"{", b"}", b",", b"&a ", b"*a", b"!",
               b"!!", b"|", b">", b'"', b"'", b"#", b"? ", b"---\n", b"...\n", b"\t", b"\n",
               b"    ", b"%", b"@", b"`", b"<<: ", b"\xff", b"\xc3", b"\x00", b"\r", b"\\"]


@st.composite
def damaged_measures(draw: st.DrawFn) -> bytes:
    data = bytearray(MEASURE.encode())
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 20))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(PUNCTUATION))
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_measures())
def test_damaged_measures_give_data_or_located_findings(data: bytes) -> None:
    result = load_yaml(data, path="m.yaml")
    assert result.document is not None or result.findings
    for finding in result.findings:
        assert finding.line is not None and finding.line >= 1 and finding.col is not None
    if result.document is not None:
        result.document.locate(("updates", 1, "rag"))
        result.document.locate_key(("updates", 1, "rag"))


# The quick walk is the hot path of every load: a clean file must never fall back to the slower
# careful walk (which records every position), and anything worth a finding must fall back.
QUICK_CLEAN = {
    MEASURE: None,
    "a: 5\nb: [x, 'y', '7', 2.5, -3, null, true, 1a, [], {}]\nc:\n  d: {e: [[1], {f: g}]}\n":
        {"a": 5, "b": ["x", "y", "7", 2.5, -3, None, True, "1a", [], {}],
         "c": {"d": {"e": [[1], {"f": "g"}]}}},
    "- 1\n- - 2\n  - k: v\n    l: 3\n- z\n": [1, [2, {"k": "v", "l": 3}], "z"],
    "x\n": "x",
    "[" * (yamlload.MAX_DEPTH - 1) + "]" * (yamlload.MAX_DEPTH - 1): None,
}


@pytest.mark.parametrize("text", list(QUICK_CLEAN))
def test_a_clean_file_is_read_by_the_quick_walk_alone(text: str) -> None:
    from dotool.store._yamlscan import Careful, quick_data

    quick = quick_data(yaml.CSafeLoader(text).get_event)
    careful = Careful("m.yaml")
    assert (quick, []) == (careful.run(yaml.CSafeLoader(text).get_event)[0], careful.findings())
    if QUICK_CLEAN[text] is not None:
        assert quick == QUICK_CLEAN[text]


@pytest.mark.parametrize("text", [
    "", "# only a comment\n", "---\n", "a: 1\n---\nb: 2\n", "a: &x 1\n", "a: !!str 1\n",
    "- &x 1\n", "- !!str 1\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "'<<': 1\n", "a: no\n", "- no\n",
    "a: *x\n", "a: &x [1]\n", "a: !!seq [1]\n", "- &x {}\n", "- !!map {}\n", "? [a]\n: 1\n",
    "? {a: 1}\n: 1\n", "[" * yamlload.MAX_DEPTH + "]" * yamlload.MAX_DEPTH, "&x a: 1\n",
    "!!str a: 1\n"])
def test_anything_worth_a_finding_falls_back_to_the_careful_walk(text: str) -> None:
    from dotool.store._yamlscan import NeedsCareful, quick_data

    with pytest.raises(NeedsCareful):
        quick_data(yaml.CSafeLoader(text).get_event)


def test_the_value_of_a_collection_key_is_left_out_and_what_follows_is_read() -> None:
    result = load("? [a]\n: 1\nb: 2\n")
    assert [(f.code, f.line, f.col) for f in result.findings] == [("yaml-key", 1, 3)]
    assert result.document is not None and result.document.data == {"b": 2}


def test_a_finding_in_the_value_of_a_left_out_key_has_no_place_in_the_data() -> None:
    result = load("a: 1\na: no\n")
    assert [(f.code, f.loc, f.line) for f in result.findings] == [
        ("yaml-duplicate-key", ("a",), 2), ("yaml-ambiguous", (), 2)]
    assert result.document is not None and result.document.data == {"a": 1}


def test_collections_may_carry_their_own_or_the_non_specific_tag() -> None:
    result = load("a: ! [1]\nb: ! {c: 1}\nd: !!seq [1]\ne: !!map {f: 1}\n")
    assert result.findings == []
    assert result.document is not None
    assert result.document.data == {"a": [1], "b": {"c": 1}, "d": [1], "e": {"f": 1}}
