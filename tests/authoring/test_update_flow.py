"""`dotool update` on updates written flow-style (`- {half: …}`): it works, or says what does.

An update written as one flow mapping is rewritten with one field a line when a field of it
changes (its other values, and a comment after it, kept); `--replace` rewrites it; a new half is
added beside such items. Only a layout no option can edit (the whole list in flow style, a `-`
on a line of its own) is refused, with a hint that does not send the user to `--replace`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dotool.authoring.update import UpdateValues, splice_update
from dotool.errors import UsageError
from dotool.model.dates import Half
from dotool.store.yamlload import load_yaml

HEAD = """id: M-001
title: Online-Terminvergabe
field: rathaus
scope: external
kind: project
summary: Termine online buchen.
lead: Bürgerservice
kpis:
  - key: share
    name: Anteil
  - key: other
    name: Anderes
updates:
"""
FIRST = "  - {half: 2020-H2, status: in_progress, rag: green, progress: 10, text: Start.}\n"
SECOND = ("  - {half: 2021-H1, status: in_progress, rag: green, progress: 40, "
          "kpis: {share: 5, other: 6}, text: \"Läuft.\"}  # Notiz\n")
TEXT = HEAD + FIRST + SECOND + "public: true\n"


def _data(text: str) -> dict[str, object]:
    loaded = load_yaml(text.encode("utf-8"), path="x")
    assert not loaded.findings and loaded.document is not None
    data = loaded.document.data
    assert isinstance(data, dict)
    return data


def _splice(values: UpdateValues, text: str = TEXT) -> str:
    return splice_update(text, values, path="measures/M-001-x.yaml")[2]


def test_a_field_of_a_flow_item_changes_and_the_rest_stays() -> None:
    new = _splice(UpdateValues(Half(2021, 1), progress=55, kpis={"share": 7},
                               unset=("kpis.other",)))
    assert new == HEAD + FIRST + (
        "  - half: 2021-H1  # Notiz\n    status: in_progress\n    rag: green\n"
        "    progress: 55\n    kpis: {share: 7}\n    text: Läuft.\n") + "public: true\n"
    expected = _data(TEXT)
    expected["updates"][1].update(progress=55, kpis={"share": 7})  # type: ignore[index]
    assert _data(new) == expected


def test_replace_and_add_beside_flow_items() -> None:
    new = _splice(UpdateValues(Half(2020, 2), status="completed", rag="green", progress=100,
                               text="Fertig.", replace=True))
    assert new == HEAD + ("  - half: 2020-H2\n    status: completed\n    rag: green\n"
                          "    progress: 100\n    text: Fertig.\n") + SECOND + "public: true\n"
    new = _splice(UpdateValues(Half(2021, 2), status="in_progress", rag="amber",
                               rag_reason="Verzug.", progress=50, text="Weiter."))
    assert new == HEAD + FIRST + SECOND + (
        "  - half: 2021-H2\n    status: in_progress\n    rag: amber\n"
        "    rag_reason: Verzug.\n    progress: 50\n    text: Weiter.\n") + "public: true\n"


@pytest.mark.parametrize("updates", [
    "updates: [{half: 2020-H2, status: in_progress, rag: green, progress: 10, text: S.}]\n",
    "updates:\n  -\n    half: 2020-H2\n    status: in_progress\n    rag: green\n"
    "    progress: 10\n    text: S.\n",
])
@pytest.mark.parametrize("replace", [False, True])
def test_a_layout_no_option_edits_is_refused_without_sending_to_replace(updates: str,
                                                                        replace: bool) -> None:
    values = (UpdateValues(Half(2020, 2), status="in_progress", rag="green", progress=20,
                           text="S.", replace=True) if replace
              else UpdateValues(Half(2020, 2), progress=20))
    with pytest.raises(UsageError) as caught:
        _splice(values, HEAD.removesuffix("updates:\n") + updates)
    assert "--replace" not in str(caught.value.hint)
    assert "one field a line" in str(caught.value.hint)


def test_update_on_the_command_line(plan_dir: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = plan_dir / "measures/M-002-glasfaser.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("updates:")
    flow = ("updates:\n  - {half: 2020-H2, status: in_progress, rag: amber, rag_reason: "
            "Förderbescheid steht aus., progress: 10, text: Antrag gestellt.}\n")
    path.write_text(text[:start] + flow, encoding="utf-8")
    run_cli("validate", "--root", plan_dir)
    result = run_cli("update", "M-002", "--half", "2020-H2", "--progress", "15", "--root",
                     plan_dir)
    assert "progress: 10 → 15" in result.stderr
    assert path.read_text(encoding="utf-8") == text[:start] + (
        "updates:\n  - half: 2020-H2\n    status: in_progress\n    rag: amber\n"
        "    rag_reason: Förderbescheid steht aus.\n    progress: 15\n"
        "    text: Antrag gestellt.\n")
    run_cli("validate", "--root", plan_dir)
