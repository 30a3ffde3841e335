"""The rule catalogue as people read it: its examples run, `docs/rules.md`, `--list-rules`.

`python -m dotool.checks.rulebook > docs/rules.md` writes the reference of every rule, with the
finding each failing example actually gives (so the page cannot drift from the code; a test
keeps the committed file current).

Both speak the terminal's language: `--list-rules` the plan's (a German plan's summaries are
German), the page English — `docs/` is the repository's English reference, and run as a module
this writes it in English whatever the locale. A German page would need the examples' notes and
the page's own prose translated as well, for readers who have `--list-rules` in German already.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from dotool.checks.run import Validation, validate_raw
from dotool.findings.catalogue import MASTERPLAN, MINIMAL_PLAN, Example, Rule, measure, rules
from dotool.model.dates import Half
from dotool.store.files import RawFile, raw_plan_from_blobs, with_file
from dotool.text import shown


def run_example(example: Example) -> Validation:
    """Validate the minimal plan with the example's files placed into it (in memory, read by
    the rules `read_plan` reads a folder by)."""
    blobs = {MASTERPLAN: MINIMAL_PLAN.encode(), **{p: t.encode() for p, t in example.others}}
    data = example.content()
    if data is None:
        blobs.pop(example.path, None)
    elif not example.path.endswith(".yaml"):
        blobs[example.path] = data  # a stray: listed, never read
    raw = raw_plan_from_blobs(Path("."), blobs)
    if data is not None and example.path.endswith(".yaml"):
        raw = with_file(raw, example.path, data)
    if example.problem:  # a file that could not be read (a link out of the repository)
        raw = replace(raw, measures=tuple(
            RawFile(f.path, b"", str(example.problem)) if f.path == example.path else f
            for f in raw.measures))
    return validate_raw(raw, today=date.fromisoformat(example.today),
                        half=Half.parse(example.half) if example.half else None)


def list_rules(fmt: str = "text") -> str:
    """`dotool validate --list-rules`: every rule's code, severity and summary."""
    if fmt == "json":
        return json.dumps([{"code": r.code, "severity": r.severity, "summary": str(r.summary)}
                           for r in rules()], indent=2, ensure_ascii=False)
    from dotool.i18n.terminal import tc

    # The severity in words of the terminal's language (the JSON listing keeps the key).
    severity = {"error": str(tc("severity", "error")), "warning": str(tc("severity", "warning"))}
    width = max(len(r.code) for r in rules())
    level = max(len(word) for word in severity.values())
    return "\n".join(f"{r.code:<{width}}  {severity[r.severity]:<{level}}  {r.summary}"
                     for r in rules())


def _file_block(example: Example) -> list[str]:
    data = example.content()
    if example.problem:
        return [f"`{example.path}` {example.problem}."]
    if data is None:
        return [f"`{example.path}` does not exist."]
    if example.size:
        return [f"`{example.path}`, padded with a comment to {len(data):,} bytes:", "",
                "```yaml", example.text or "", "```"]
    if example.data is not None:
        return [f"`{example.path}`, as bytes:", "", "```python", repr(data[:120]), "```"]
    # Control characters as escapes (`\x07`, `\u202e`): invisible, or reordering the page.
    return [f"`{example.path}`:", "", "```yaml",
            shown(_shortened(example.text or "").rstrip("\n"), lines=True), "```"]


def _shortened(text: str) -> str:
    """A measure's text with its seven required keys as one comment (the same in every one)."""
    first = text.split("\n", 1)[0]
    head = measure(id=first.removeprefix("id: ")) if first.startswith("id: ") else None
    if head and text.startswith(head):
        return f"# lines 1-7: {first} and the required keys, as above\n" + text[len(head):]
    return text


def _example(example: Example, rule: Rule, failing: bool) -> list[str]:
    head = ("Fails" if failing else "Passes") + (f" ({example.note})" if example.note else "")
    setting = [f"the check runs on {example.today}"] if example.today != "2026-12-02" else []
    setting += [f"with `--half {example.half}`"] if example.half else []
    out = [f"**{head}**" + (" — " + ", ".join(setting) if setting else "") + ":", "",
           *_file_block(example), ""]
    for path, text in example.others:
        out += [f"with `{path}`:", "", "```yaml", _shortened(text).rstrip("\n"), "```", ""]
    if failing:
        found = [f for f in run_example(example).findings if f.code == rule.code]
        for f in found:
            where = f"line {f.line}, column {f.col}" if f.line else "the whole file"
            out += [f"→ {f.severity} at {where}: {f.message}"
                    + (f" (hint: {f.hint})" if f.hint else ""), ""]
    return out


def rules_markdown() -> str:
    """`docs/rules.md`: the catalogue, each rule with its examples and what they give."""
    out = ["# Validation rules", "",
           "<!-- Generated by `python -m dotool.checks.rulebook > docs/rules.md` from "
           "`src/dotool/findings/` (the rule catalogue); edit that, not this file. -->", "",
           "Every finding `dotool validate` reports belongs to one rule below. The code is "
           "stable: it is what `--format json` and `--format github` name, and part of the "
           "fingerprint of `--format gitlab`. Warnings fail only with `--strict`. "
           "`dotool validate --list-rules` prints this table.", "",
           "Messages, hints and the summaries of `--list-rules` are worded in the terminal's "
           "language — the plan's `language`, unless `DOTOOL_LANG` or `--lang` says otherwise; "
           "codes, files, lines and fields are the same in both languages, and so are the "
           "fingerprints. This page shows the English.", "",
           "Each example is one file placed into this minimal valid plan (`" + MASTERPLAN
           + "`, and nothing else); a measure's example starts with the seven required keys, "
           "so its own lines start at line 8. The findings shown are what dotool gives for "
           "it; the tests run every example.", "",
           "```yaml", MINIMAL_PLAN.rstrip("\n"), "```", "",
           "The seven required keys every measure example starts with "
           "(`measures/M-001-termine.yaml`):", "",
           "```yaml", measure().rstrip("\n"), "```", "",
           "| code | severity | rule |", "|---|---|---|"]
    out += [f"| [`{r.code}`](#{r.code}) | {r.severity} | {r.summary} |" for r in rules()]
    out.append("")
    for r in rules():
        out += [f'<a id="{r.code}"></a>', "", f"## `{r.code}` ({r.severity})", "", str(r.summary),
                "", "Made by " + ", ".join(f"`{name}`" for name in r.made_by) + ".", ""]
        if not r.fails:
            out += ["No file gives it today: it stands for an error of the schema that this "
                    "version of dotool has no name for (after an upgrade of pydantic), so that "
                    "such an error still has a stable code.", ""]
        for example in r.fails:
            out += _example(example, r, failing=True)
        for example in r.passes:
            out += _example(example, r, failing=False)
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    from dotool.i18n.terminal import reset

    reset("en")  # docs/rules.md is English (see the module's docstring)
    print(rules_markdown(), end="")
