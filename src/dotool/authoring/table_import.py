"""`dotool import FILE`: measure files from a table, all of them or none, never overwriting.

Columns are recognised by the field's name or its German label (`Titel`, `Beschreibung`,
`Handlungsfeld`, `Federführung`, …); a mapping names the others. Values are read like a
returned workbook's cells (German labels or keys, dates as dates or text). Fields of action
the plan does not have are listed — or added with `create_fields`. Every file is rendered by
`add-measure`'s code, a status column becomes an update through `dotool update`'s code, and the
plan with all new files is validated once before anything is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dotool.authoring.new_measure import Draft, load_masterplan, render, slugify
from dotool.errors import ContentError, UsageError
from dotool.i18n.terminal import t
from dotool.model.vocab import KEYS, labels
from dotool.text import shown

#: Column names (casefolded) that need no mapping, per field.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "ref": ("ref", "nr", "nr.", "nummer", "referenz", "lfd. nr.", "lfd. nr"),
    "title": ("title", "titel", "maßnahme", "massnahme", "bezeichnung"),
    "field": ("field", "handlungsfeld"),
    "goals": ("goals", "ziele", "strategische ziele"),
    "scope": ("scope", "wirkungsbereich", "intern/extern"),
    "kind": ("kind", "art", "typ"),
    "summary": ("summary", "beschreibung", "kurzbeschreibung", "description"),
    "objective": ("objective", "ziel", "ziel und erwartete wirkung", "wirkung"),
    "lead": ("lead", "federführung", "federfuehrung", "verantwortlich", "zuständig"),
    "participants": ("participants", "beteiligte"),
    "priority": ("priority", "priorität", "prioritaet"),
    "start": ("start", "beginn"),
    "end": ("end", "ende"),
    "status": ("status",),
    "rag": ("rag", "ampel"),
    "progress": ("progress", "fortschritt", "fortschritt in %"),
    "text": ("text", "sachstand"),
}
_VOCAB = ("scope", "kind", "priority")


@dataclass
class Imported:
    """What an import writes (or would): {path: text}, the fields added, and the problems."""

    lang: str = "en"  # the plan's: the language of the messages
    files: dict[str, str] = field(default_factory=dict)
    new_fields: dict[str, str] = field(default_factory=dict)  # key → title
    unknown_fields: dict[str, list[int]] = field(default_factory=dict)  # title → rows
    errors: list[str] = field(default_factory=list)


def column_map(columns: tuple[str, ...], mapping: dict[str, str]) -> dict[str, str]:
    """{field: column}: the mapping given, then every column named like a field."""
    unknown = [f for f in mapping if f not in SYNONYMS]
    if unknown:
        raise UsageError(t("--map: `{field}` is not a field that can be imported",
                           field=shown(unknown[0])),
                         hint=t("one of {fields}", fields=", ".join(SYNONYMS)))
    missing = [c for c in mapping.values() if c not in columns]
    if missing:
        raise UsageError(t("--map: the table has no column `{column}`",
                           column=shown(missing[0])),
                         hint=t("its columns: {columns}", columns=shown(", ".join(columns))))
    out = dict(mapping)
    taken = set(mapping.values())
    for name in columns:
        key = " ".join(name.split()).casefold()
        for field_key, names in SYNONYMS.items():
            if key in names and field_key not in out and name not in taken:
                out[field_key] = name
    return out


def field_key(title: str) -> str:
    """A new field's key from its title: `Mobilität & Verkehr` → `mobilitaet-verkehr`."""
    key = slugify(title, limit=30)
    return key if re.match(r"[a-z]", key) else f"feld-{key}"


def import_table(root: Path, path: Path, *, mapping: dict[str, str], defaults: dict[str, str],
                 half: Any, create_fields: bool, encoding: str | None = None,
                 delimiter: str | None = None, sheet: str | None = None) -> Imported:
    """Read the table and prepare every file; nothing is written here (see `write_import`)."""
    from dotool.authoring.table_rows import RowReader
    from dotool.store.tables import read_table

    table = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    columns = column_map(table.columns, mapping)
    for needed in ("title", "summary", "field", "lead"):
        if needed not in columns:
            raise UsageError(t("{file}: no column for `{field}`", file=shown(table.name),
                               field=needed),
                             hint=t("name one with --map {field}=COLUMN (the columns: "
                                    "{columns})", field=needed,
                                    columns=shown(", ".join(table.columns))))
    for name in ("scope", "kind"):
        if name not in columns and name not in defaults:
            raise UsageError(t("{file}: no column for `{field}`", file=shown(table.name),
                               field=name),
                             hint=t("give the value of every measure with {flag} ({choices})",
                                    flag="--" + name, choices=", ".join(KEYS[name])))
    from dotool.collect import texts
    from dotool.i18n import translations

    masterplan = load_masterplan(root)
    reader = RowReader(root, table, columns, defaults, masterplan, half)
    result = Imported(lang=masterplan.language)
    for number, row in table.rows:
        reader.read(number, row, result, create_fields=create_fields)
    if result.unknown_fields and not create_fields:
        gettext = translations(result.lang).gettext
        for title, rows in result.unknown_fields.items():
            where = texts.AT_ROWS if len(rows) > 1 else texts.AT_ROW
            result.errors.append(gettext(where) % {
                "file": table.name, "row": rows[0], "rows": ", ".join(map(str, rows)),
                "message": gettext(texts.UNKNOWN_FIELD) % {"title": title}})
    return result


def label_to_key(vocabulary: str, value: str) -> str | None:
    """The key of `value`, a key or a German or English label of `vocabulary` (None: none)."""
    text = " ".join(value.split()).casefold()
    for key in KEYS[vocabulary]:
        names = {key, key.replace("_", " "), *labels(vocabulary, key).values()}
        if text in {n.casefold() for n in names}:
            return key
    return None


def draft_of(values: dict[str, Any]) -> Draft:
    """A `Draft` of the values read from one row."""
    return Draft(title=values["title"], field=values["field"],
                 goals=",".join(values.get("goals", ())) or None, scope=values["scope"],
                 kind=values["kind"], lead=values["lead"], priority=values.get("priority"),
                 start=values.get("start"), end=values.get("end"), summary=values["summary"],
                 ref=values.get("ref"), objective=values.get("objective"),
                 participants="\n".join(values.get("participants", ())) or None)


def rendered(measure_id: str, values: dict[str, Any], half: Any, rel: str, *,
             source: str, lang: str) -> str:
    """The new file's text; a status in the row becomes the update of `half` (update's code),
    its text the row's or a note naming the table, its progress 0 when planned and 100 when
    completed unless the row gives one."""
    from dotool.authoring.update import Incomplete, UpdateValues, splice_update
    from dotool.collect.texts import IMPORTED_TEXT
    from dotool.i18n import translations

    text = render(measure_id, draft_of(values))
    if "status" not in values:
        return text
    status = values["status"]
    progress = values.get("progress", {"planned": 0, "completed": 100}.get(status))
    note = translations(lang).gettext(IMPORTED_TEXT) % {"file": source}
    update = UpdateValues(half, status=status, rag=values.get("rag", "green"),
                          progress=progress, text=values.get("text") or note)
    try:
        return splice_update(text, update, path=rel)[2]
    except Incomplete:
        raise  # the row names the columns (`RowReader.read`), not update's options
    except UsageError as exc:
        raise ContentError(exc.message, path=rel, hint=exc.hint) from None

