"""Findings in every format `dotool validate` offers: text, json, github, gitlab."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import TYPE_CHECKING, Any

from dotool import __version__
from dotool.findings import MAX_FINDINGS, MAX_PER_FILE, Finding
from dotool.output.styled import Line, print_lines
from dotool.palette import TERMINAL_SEVERITY
from dotool.text import dumps, markdown_text, shown

if TYPE_CHECKING:
    from rich.console import Console

JSON_FORMAT_VERSION = 1
#: A source line is shown with at most this many characters, around the column it points to.
MAX_SOURCE_LINE = 120


def print_text(findings: Sequence[Any], *, console: Console,
               sources: Mapping[str, list[str]], files: int | None = None,
               left_out: int = 0) -> None:
    """Readable findings grouped by file, each with the offending line and a caret."""
    print_lines(text_lines(findings, sources=sources, files=files, left_out=left_out),
                console=console)


def text_lines(findings: Sequence[Any], *, sources: Mapping[str, list[str]],
               files: int | None = None, left_out: int = 0) -> list[Line]:
    """The lines of the text report, each as styled pieces.

    Text from the files (paths, values in messages, source lines) is shown escaped, one finding
    a line; the source line is cut to `MAX_SOURCE_LINE` characters around its caret.
    """
    from dotool.i18n.terminal import t, tc, tn

    # The fixed words are the terminal's language; the findings' messages come worded already.
    severities = {"error": str(tc("severity", "error")), "warning": str(tc("severity", "warning"))}
    hint = str(t("hint:"))
    out: list[Line] = []
    ordered = sorted(findings, key=Finding.sort_key)
    for path, group in groupby(ordered, key=lambda f: f.path):
        out.append([(shown(path), "bold underline")])
        lines = sources.get(path, [])
        for f in group:
            colour = TERMINAL_SEVERITY[f.severity]
            where = f"{f.line}:{f.col or 1}" if f.line else "-"
            field: Line = [(f" ({shown(f.loc_text)})", "dim")] if f.loc else []
            out.append([("  ", None), (f"{where:>7}", "cyan"), ("  ", None),
                        (severities.get(f.severity, f.severity), colour),
                        (f"  {shown(f.message)}", None), *field, ("  ", None),
                        (f"[{shown(f.code)}]", "dim")])
            if f.line and 0 < f.line <= len(lines):
                text, caret = _excerpt(lines[f.line - 1], f.col)
                gutter = f"{f.line:>7} │ "
                out.append([(gutter, "dim"), (text, None)])
                if caret is not None:
                    out.append([(" " * (len(gutter) + caret), None), ("^", colour)])
            if f.hint:
                out.append([("           ", None), (hint, "green"), (f" {shown(f.hint)}", None)])
        out.append([])
    if left_out:
        out.append([("…", "bold"), (" " + str(tn(
            "{n} more finding left out (at most {per_file} are shown a file, {total} in all)",
            "{n} more findings left out (at most {per_file} are shown a file, {total} in all)",
            left_out, per_file=MAX_PER_FILE, total=MAX_FINDINGS)), None)])
    if files is not None:
        errors = sum(1 for f in ordered if f.severity == "error")
        warnings = tn("{n} warning", "{n} warnings", len(ordered) - errors)
        checked = tn("{n} file", "{n} files", files)
        if errors:
            out.append([("✗", "bold red"), (" " + str(t(
                "{errors}, {warnings} in {files}", errors=tn("{n} error", "{n} errors", errors),
                warnings=warnings, files=checked)), None)])
        elif len(ordered):
            out.append([("✓", "bold green"), (" " + str(tn(
                "{n} file valid ({warnings})", "{n} files valid ({warnings})", files,
                warnings=warnings)), None)])
        else:
            out.append([("✓", "bold green"), (" " + str(tn("{n} file valid", "{n} files valid",
                                                            files)), None)])
    return out


def _excerpt(line: str, col: int | None) -> tuple[str, int | None]:
    """The source line as shown (escaped, at most `MAX_SOURCE_LINE` characters, around `col`)
    and the offset of the caret under column `col` in it."""
    text = shown(line.rstrip())
    caret = None if not col else len(shown(line[:col - 1]))
    if len(text) <= MAX_SOURCE_LINE:
        return text, caret
    start = 0 if caret is None or caret < MAX_SOURCE_LINE // 2 else caret - MAX_SOURCE_LINE // 2
    piece = text[start:start + MAX_SOURCE_LINE - 2]
    head = "…" if start else ""
    tail = "…" if start + len(piece) < len(text) else ""
    return head + piece + tail, None if caret is None else caret - start + len(head)


def as_json(findings: Sequence[Finding], *, files: int, left_out: int = 0) -> str:
    """A stable, versioned JSON document (`format_version` changes only incompatibly).

    `summary.left_out` counts the findings beyond the limits (`dotool.findings.bounded`)."""
    errors = sum(1 for f in findings if f.severity == "error")
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": "dotool", "version": __version__},
        "valid": errors == 0,
        "summary": {"files": files, "errors": errors, "warnings": len(findings) - errors,
                    "left_out": left_out},
        "findings": [
            {"severity": f.severity, "code": f.code, "path": f.path, "line": f.line,
             "column": f.col, "field": f.loc_text or None, "message": f.message,
             "hint": f.hint}
            for f in sorted(findings, key=Finding.sort_key)
        ],
    }
    return dumps(doc)


def _escape_data(text: str) -> str:
    """The Actions toolkit's `escapeData` (`%`, CR and LF as %25, %0D and %0A), then every
    other control character shown escaped (`shown`), which the toolkit leaves raw."""
    return shown(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    """The Actions toolkit's `escapeProperty`: `escapeData`, and `:` and `,` as %3A and %2C."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: Sequence[Finding], *, left_out: int = 0) -> str:
    """GitHub Actions workflow commands, escaped as the Actions toolkit does (and control
    characters beyond it): whatever a file holds, each command stays one line of the log."""
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
    if left_out:
        out.append(f"::notice title=dotool::{left_out} more finding(s) left out (at most "
                   f"{MAX_PER_FILE} a file, {MAX_FINDINGS} in all)")
    return "\n".join(out)


def step_summary(findings: Sequence[Finding], *, files: int, left_out: int = 0) -> str:
    """The full list as Markdown for `$GITHUB_STEP_SUMMARY` (GitHub shows ten annotations).

    Every cell is the plan's text as literal Markdown (`markdown_text`): one line, control
    characters and markup escaped, so a file name or value can neither break the table nor
    put a link or an image into the summary.
    """
    errors = sum(1 for f in findings if f.severity == "error")
    lines = [f"### dotool validate: {errors} error(s), {len(findings) - errors} warning(s) "
             f"in {files} file(s)", ""]
    if findings:
        lines += ["| | file | line | field | message |", "|---|---|---|---|---|"]
        for f in sorted(findings, key=Finding.sort_key):
            icon = "❌" if f.severity == "error" else "⚠️"
            message = f.message + (f" — {f.hint}" if f.hint else "")
            cells = [f.path, str(f.line or ""), f.loc_text, message]
            lines.append("| " + " | ".join([icon, *(markdown_text(shown(c)) for c in cells)])
                         + " |")
    if left_out:
        lines += ["", f"{left_out} more finding(s) left out (at most {MAX_PER_FILE} are shown "
                      f"a file, {MAX_FINDINGS} in all)."]
    return "\n".join(lines) + "\n"


def as_gitlab(findings: Sequence[Finding]) -> str:
    """A GitLab Code Quality report; fingerprints hold no line number, so they stay stable."""
    import hashlib  # this format only: its OpenSSL binding costs every other run ms to load

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
    return dumps(report)
