"""`dotool schema`: the JSON Schemas of the plan's files, written to schema/ or checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SchemaFiles:
    """The files under schema/ that differed from what dotool writes (and were written, unless
    only checked), as paths relative to the plan's root."""

    stale: list[str]
    written: list[str]


def write_schemas(root: Path, *, check: bool) -> SchemaFiles:
    """Compare every schema file under `root`/schema/ with the current one; write those that
    differ (none when `check`)."""
    from dotool.model.jsonschema import schema_files
    from dotool.store.atomic import write_atomic
    from dotool.store.reading import Unreadable, read_inside

    base = root / "schema"
    stale: list[str] = []
    written: list[str] = []
    for name, text in schema_files().items():
        data = text.encode("utf-8")
        # Compared as bytes: a schema file broken in any way (not UTF-8, a link, a FIFO, too
        # large) is simply stale — and read by the one rule for files, never waited on.
        try:
            current: bytes | None = read_inside(root, f"schema/{name}", limit=len(data))
        except Unreadable:
            current = None
        if current == data:
            continue
        stale.append(f"schema/{name}")
        if not check:
            write_atomic(base / name, data, within=root)
            written.append(f"schema/{name}")
    return SchemaFiles(stale, written)
