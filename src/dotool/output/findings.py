"""Findings in every format `dotool validate` offers: text, json, github, gitlab."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any, TextIO

from dotool import __version__
from dotool.findings import Finding
from dotool.output.styled import Line, print_lines, write_lines

if TYPE_CHECKING:
    from rich.console import Console

JSON_FORMAT_VERSION = 1


def print_text(findings: Sequence[Any], *, console: Console,
               sources: Mapping[str, list[str]], files: int | None = None) -> None:
    """Readable findings grouped by file, each with the offending line and a caret."""
    print_lines(text_lines(findings, sources=sources, files=files), console=console)


def write_text(findings: Sequence[Any], *, stream: TextIO, sources: Mapping[str, list[str]],
               files: int | None = None) -> None:
    """`print_text` without styles, for output that is no terminal."""
    write_lines(text_lines(findings, sources=sources, files=files), stream=stream)


def text_lines(findings: Sequence[Any], *, sources: Mapping[str, list[str]],
               files: int | None = None) -> list[Line]:
    """The lines of the text report, each as styled pieces."""
    out: list[Line] = []
    ordered = sorted(findings, key=Finding.sort_key)
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.append([(path, "bold underline")])
        lines = sources.get(path, [])
        for f in group:
            colour = "red" if f.severity == "error" else "yellow"
            where = f"{f.line}:{f.col or 1}" if f.line else "-"
            field: Line = [(f" ({f.loc_text})", "dim")] if f.loc else []
            out.append([("  ", None), (f"{where:>7}", "cyan"), ("  ", None), (f.severity, colour),
                        (f"  {f.message}", None), *field, ("  ", None), (f"[{f.code}]", "dim")])
            if f.line and 0 < f.line <= len(lines):
                text = lines[f.line - 1].rstrip()
                if len(text) > 120:
                    text = text[:117] + "…"
                gutter = f"{f.line:>7} │ "
                out.append([(gutter, "dim"), (text, None)])
                if f.col:
                    out.append([(" " * (len(gutter) + f.col - 1), None), ("^", colour)])
            if f.hint:
                out.append([("           ", None), ("hint:", "green"), (f" {f.hint}", None)])
        out.append([])
    if files is not None:
        errors = sum(1 for f in ordered if f.severity == "error")
        warnings = len(ordered) - errors
        if errors:
            out.append([("✗", "bold red"), (f" {_plural(errors, 'error')}, "
                        f"{_plural(warnings, 'warning')} in {_plural(files, 'file')}", None)])
        else:
            extra = f" ({_plural(warnings, 'warning')})" if warnings else ""
            out.append([("✓", "bold green"), (f" {_plural(files, 'file')} valid{extra}", None)])
    return out


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def as_json(findings: Sequence[Finding], *, files: int) -> str:
    """A stable, versioned JSON document (`format_version` changes only incompatibly)."""
    errors = sum(1 for f in findings if f.severity == "error")
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "dotool", "version": __version__},
        "valid": errors == 0,
        "summary": {"files": files, "errors": errors, "warnings": len(findings) - errors},
        "findings": [
            {"severity": f.severity, "code": f.code, "path": f.path, "line": f.line,
             "column": f.col, "field": f.loc_text or None, "message": f.message,
             "hint": f.hint}
            for f in sorted(findings, key=Finding.sort_key)
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands, escaped as the Actions toolkit does."""
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.col:
            props.append(f"col={f.col}")
        props.append(f"title={_escape_property('dotool ' + f.code)}")
        message = f.message + (f" ({f.loc_text})" if f.loc else "") + (
            f"\nhint: {f.hint}" if f.hint else "")
        level = "error" if f.severity == "error" else "warning"
        out.append(f"::{level} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out)


def step_summary(findings: Sequence[Finding], *, files: int) -> str:
    """The full list as Markdown for `$GITHUB_STEP_SUMMARY` (GitHub shows ten annotations)."""
    errors = sum(1 for f in findings if f.severity == "error")
    lines = [f"### dotool validate: {errors} error(s), {len(findings) - errors} warning(s) "
             f"in {files} file(s)", ""]
    if findings:
        lines += ["| | file | line | field | message |", "|---|---|---|---|---|"]
        for f in sorted(findings, key=Finding.sort_key):
            icon = "❌" if f.severity == "error" else "⚠️"
            message = f.message + (f" — {f.hint}" if f.hint else "")
            cells = [icon, f"`{f.path}`", str(f.line or ""), f"`{f.loc_text}`" if f.loc else "",
                     message]
            lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ")
                                            for c in cells) + " |")
    return "\n".join(lines) + "\n"


def as_gitlab(findings: Sequence[Finding]) -> str:
    """A GitLab Code Quality report; fingerprints hold no line number, so they stay stable."""
    seen: dict[str, int] = {}
    report = []
    for f in sorted(findings, key=Finding.sort_key):
        basis = "\0".join((f.path, f.code, f.loc_text))
        seen[basis] = seen.get(basis, 0) + 1
        digest = hashlib.sha256(f"{basis}\0{seen[basis]}".encode()).hexdigest()
        report.append({
            "description": f.message + (f" (hint: {f.hint})" if f.hint else ""),
            "check_name": f.code,
            "fingerprint": digest,
            "severity": "major" if f.severity == "error" else "minor",
            "location": {"path": f.path, "lines": {"begin": f.line or 1}},
        })
    return json.dumps(report, ensure_ascii=False, indent=2)
