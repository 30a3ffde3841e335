"""`dotool update` on generated file layouts: it changes what it is told and nothing else.

Each example builds a measure file from pieces it knows the meaning of — dash and key columns,
comments at any column (also at or left of the list's dash, which once made `update` merge the
old `next:` into the new update), blank lines, plain, quoted, folded and literal texts, inline
comments, CRLF line ends, and U+2028 / U+2029 / U+0085 in quoted values (which once made it
refuse with exit 2) — then changes fields, replaces an update or adds one, and checks the result
against what the generator knows: the data is exactly the intended data, and every line that
was not part of a changed field is still there, byte for byte and in order.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dotool.authoring.update import UpdateValues, splice_update
from dotool.errors import UsageError
from dotool.model.dates import Half
from dotool.store.yamlload import load_yaml

ODD = ["\u2028", "\u2029", "\x85"]


@dataclass
class Layout:
    """A generated file: its lines with their owners, and the data it holds."""

    nl: str
    indent: int = 2  # the column of an update's keys
    lines: list[tuple[str, Any]] = field(default_factory=list)  # (text, owner)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(text + self.nl for text, _ in self.lines)


def _read(value: str) -> Any:
    """What YAML makes of a value as written (U+0085 in quotes, for one, reads as a space)."""
    doc = load_yaml(f"k: {value}\n".encode(), path="-").document
    assert doc is not None
    return doc.data["k"]


def _text_field(draw: Any, key: str, pad: str, n: int) -> tuple[list[str], str]:
    """A text field in one of the styles people write, and the value it holds."""
    style = draw(st.sampled_from(["plain", "quoted", "folded", "literal"]))
    if style == "plain":
        return [f"{pad}{key}: Wort {n} eins"], f"Wort {n} eins"
    if style == "quoted":
        odd = draw(st.sampled_from(["", *ODD]))
        return [f'{pad}{key}: "Satz{odd}{n}: zwei"'], _read(f'"Satz{odd}{n}: zwei"')
    if style == "folded":
        return [f"{pad}{key}: >-", f"{pad}  Zeile {n}", f"{pad}  weiter"], f"Zeile {n} weiter"
    return ([f"{pad}{key}: |", f"{pad}  Absatz {n}", "", f"{pad}  # kein Kommentar {n}"],
            f"Absatz {n}\n\n# kein Kommentar {n}\n")


@st.composite
def layouts(draw: Any) -> Layout:
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    dash = draw(st.sampled_from([0, 2, 4]))
    indent = dash + draw(st.sampled_from([2, 4]))
    pad = " " * indent
    odd = draw(st.sampled_from(["", *ODD]))
    out = Layout(nl, indent)
    head = [f'title: "Termine{odd}online"', "id: M-001", "field: rathaus", "scope: external",
            "kind: project", "summary: Termine online buchen.", "lead: Bürgerservice",
            "updates:"]
    out.lines += [(line, None) for line in head]
    out.data = {"title": _read(f'"Termine{odd}online"'), "id": "M-001", "field": "rathaus",
                "scope": "external", "kind": "project", "summary": "Termine online buchen.",
                "lead": "Bürgerservice", "updates": []}
    halves = draw(st.sampled_from([["2020-H2", "2021-H1"], ["2020-H2", "2021-H1", "2021-H2"]]))
    n = 0
    for i, half in enumerate(halves):
        item: dict[str, Any] = {"half": half}
        out.lines.append((f"{' ' * dash}-{' ' * (indent - dash - 1)}half: {half}",
                          ("item", i)))
        fields: list[tuple[str, list[str], Any]] = []
        comment = f"   # c{i}s" if draw(st.booleans()) else ""
        fields.append(("status", [f"{pad}status: in_progress{comment}"], "in_progress"))
        fields.append(("rag", [f"{pad}rag: green"], "green"))
        fields.append(("progress", [f"{pad}progress: {10 * (i + 1)}"], 10 * (i + 1)))
        if draw(st.booleans()):
            comment = f"  # c{i}p" if draw(st.booleans()) else ""
            fields.append(("spent", [f"{pad}spent: {1000 * (i + 1)}{comment}"], 1000 * (i + 1)))
        if draw(st.booleans()):
            fields.append(("kpis", [f"{pad}kpis: {{share: {i}}}"], {"share": i}))
        n += 1
        lines, value = _text_field(draw, "text", pad, n)
        fields.append(("text", lines, value))
        if draw(st.booleans()):
            n += 1
            lines, value = _text_field(draw, "next", pad, n)
            fields.append(("next", lines, value))
        block = False  # after a folded or literal text, a deeper `#` line would be its text
        for key, lines, value in fields:
            item[key] = value
            for _ in range(draw(st.integers(0, 2))):  # comments and blank lines inside the item
                column = draw(st.integers(0, indent + (1 if block else 2)))
                line = "" if draw(st.booleans()) else f"{' ' * column}# k{n}-{key} at {column}"
                out.lines.append((line, ("inside", i)))
            out.lines += [(line, ("field", i, key)) for line in lines]
            block = len(lines) > 1
        for _ in range(draw(st.integers(0, 2))):  # between items, at any column
            column = draw(st.integers(0, indent + (1 if block else 2)))
            out.lines.append((f"{' ' * column}# after item {i}", None))
        out.data["updates"].append(item)
    if draw(st.booleans()):
        out.lines.append(("public: true  # am Ende", None))
        out.data["public"] = True
    return out


@st.composite
def requests(draw: Any, layout: Layout) -> tuple[UpdateValues, Any, set[Any]]:
    """A request, the data it must lead to, and the owners of the lines it may change."""
    updates = layout.data["updates"]
    mode = draw(st.sampled_from(["change", "replace", "add"]))
    data = copy.deepcopy(layout.data)
    if mode == "add":
        first = Half.parse(updates[0]["half"])
        half = draw(st.sampled_from([first.previous(), Half(2022, 1)]))
        values = UpdateValues(half, status="in_progress", rag="amber", rag_reason="Verzug",
                              progress=5, text="Neu\u2028er Stand", next="a\nb")
        new = {"half": str(half), "status": "in_progress", "rag": "amber",
               "rag_reason": "Verzug", "progress": 5, "text": "Neu\u2028er Stand",
               "next": "a\nb"}
        data["updates"].insert(0 if half < first else len(updates), new)
        return values, data, set()
    i = draw(st.integers(0, len(updates) - 1))
    half = Half.parse(updates[i]["half"])
    if mode == "replace":
        values = UpdateValues(half, status="completed", rag="green", progress=100,
                              text="Fertig.", replace=True)
        data["updates"][i] = {"half": str(half), "status": "completed", "rag": "green",
                              "progress": 100, "text": "Fertig."}
        return values, data, {("item", i), ("inside", i),
                              *(("field", i, k) for k in updates[i])}
    item = data["updates"][i]
    changes: dict[str, Any] = {}
    unset: list[str] = []
    if draw(st.booleans()):
        changes.update(rag="red", rag_reason=draw(st.sampled_from(["Kurz.", "Zwei\nZeilen"])))
    if draw(st.booleans()):
        changes["spent"] = 4321
    if draw(st.booleans()):
        changes["kpis"] = {"share": 77, "other": 1}
    if "next" in item and draw(st.booleans()):
        unset.append("next")
    elif draw(st.booleans()):
        changes["next"] = draw(st.sampled_from(["Weiter.", "Eins\nZwei", f"Mit{ODD[0]}Umbruch"]))
    if "spent" in item and "spent" not in changes and draw(st.booleans()):
        unset.append("spent")
    if not changes and not unset:
        changes["progress"] = 99
    for key, value in changes.items():
        item[key] = {**item.get(key, {}), **value} if key == "kpis" else value
    for key in unset:
        del item[key]
    values = UpdateValues(half, unset=tuple(unset), **changes)
    return values, data, {("field", i, k) for k in [*changes, *unset]}


def _is_subsequence(kept: list[str], lines: list[str]) -> bool:
    rest = iter(lines)
    return all(any(line == other for other in rest) for line in kept)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_update_changes_exactly_what_it_is_told(data: st.DataObject) -> None:
    layout = data.draw(layouts())
    values, expected, touched = data.draw(requests(layout))
    text = layout.text
    try:
        action, _changes, new_text = splice_update(text, values, path="measures/M-001-x.yaml")
    except UsageError as exc:
        # Refusing is right only where a comment sits deeper than the keys: removing the field
        # before it would make it part of a `|`/`>` text above. Nothing is written then.
        assert "cannot edit this update in place" in exc.message
        assert any(line.lstrip().startswith("#") and len(line) - len(line.lstrip()) > layout.indent
                   for line, _owner in layout.lines), text
        return
    assert action in ("added", "changed", "replaced")
    loaded = load_yaml(new_text.encode("utf-8"), path="x")
    assert not loaded.findings, loaded.findings
    assert loaded.document is not None and loaded.document.data == expected
    # Every line not part of what was changed is still there, in order, byte for byte.
    kept = [line for line, owner in layout.lines if owner not in touched]
    assert _is_subsequence(kept, new_text.split(layout.nl)), new_text
    if layout.nl == "\r\n":
        assert new_text.count("\n") == new_text.count("\r\n")


@pytest.mark.parametrize("char", ODD)
@pytest.mark.parametrize("where", ["title", "summary", "update"])
def test_line_separators_in_quoted_values_do_not_stop_update(plan_dir, run_cli, char,
                                                             where) -> None:  # type: ignore[no-untyped-def]
    path = plan_dir / "measures" / "M-002-glasfaser.yaml"
    text = path.read_text(encoding="utf-8")
    replace = {"title": ("title: Glasfaser Gewerbegebiet", f'title: "Glasfaser{char}Gebiet"'),
               "summary": ("summary: Gigabit für das Gewerbegebiet.",
                           f'summary: "Gi{char}gabit"'),
               "update": ("text: Antrag gestellt.", f'text: "Antrag{char}gestellt."')}[where]
    path.write_text(text.replace(*replace), encoding="utf-8")
    before = load_yaml(path.read_bytes(), path="x").document
    run_cli("update", "M-002", "--root", plan_dir, "--half", "2021-H1", "--rag", "amber",
            "--rag-reason", f"Neu{char}er Grund", "--next", f"Zeile{char}eins\nzwei")
    after = load_yaml(path.read_bytes(), path="x").document
    assert before is not None and after is not None
    assert after.data["updates"][1]["rag_reason"] == f"Neu{char}er Grund"
    assert after.data["updates"][1]["next"] == f"Zeile{char}eins\nzwei"
    assert {k: v for k, v in after.data.items() if k != "updates"} == \
        {k: v for k, v in before.data.items() if k != "updates"}
    run_cli("validate", "--root", plan_dir)


@pytest.mark.parametrize("column", [0, 1, 2])
@pytest.mark.parametrize("args", [("--replace", "--status", "in_progress", "--rag", "green",
                                   "--progress", "35", "--text", "Neu."),
                                  ("--progress", "35", "--text", "Neu.")])
def test_a_comment_at_the_dash_does_not_carry_next_into_the_new_update(plan_dir, run_cli,
                                                                       column, args) -> None:  # type: ignore[no-untyped-def]
    """Issue 12: with a comment at or left of the dash before `next:`, replacing the update
    kept the old `next:` (exit 0, "replaced")."""
    path = plan_dir / "measures" / "M-002-glasfaser.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    text: Bescheid erhalten.\n",
        f"    text: Bescheid erhalten.\n{' ' * column}# Nächste Schritte laut Fachdienst\n"
        "    next: Bauantrag stellen.\n")
    path.write_text(text, encoding="utf-8")
    run_cli("update", "M-002", "--root", plan_dir, "--half", "2021-H1", *args)
    doc = load_yaml(path.read_bytes(), path="x").document
    assert doc is not None
    update = doc.data["updates"][1]
    assert (update["progress"], update["text"]) == (35, "Neu.")
    if "--replace" in args:
        assert "next" not in update  # replaced: only the values given
        assert "Nächste Schritte" not in path.read_text(encoding="utf-8")
    else:
        assert update["next"] == "Bauantrag stellen."  # changed: everything else stays
        assert f"{' ' * column}# Nächste Schritte laut Fachdienst\n" in \
            path.read_text(encoding="utf-8")
