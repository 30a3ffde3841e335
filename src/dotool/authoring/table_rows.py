"""One row of an imported table → the values of a measure, with errors naming row and column;
and writing the import: new fields of action, then every file, validated together."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from dotool.authoring.table_import import Imported, field_key, label_to_key, rendered
from dotool.authoring.update import Incomplete
from dotool.errors import ContentError, UsageError
from dotool.i18n.terminal import t
from dotool.model.masterplan import Masterplan
from dotool.store.files import MASTERPLAN, MEASURES_DIR
from dotool.store.tables import Table

_SPLIT = re.compile(r"\s*[;\n]\s*")  # a unit's name may hold a comma: commas split only
_COMMAS = re.compile(r"\s*,\s*")  # a list without any semicolon or line break
#: The columns a new update's values come from (German, English), as `SYNONYMS` knows them.
_COLUMN_NAMES = {"status": ("Status", "status"), "rag": ("Ampel", "rag"),
                 "progress": ("Fortschritt", "progress"), "text": ("Sachstand", "text")}


def _parts(text: str) -> list[str]:
    """The items of a list cell."""
    pattern = _SPLIT if (";" in text or "\n" in text) else _COMMAS
    return [p for p in pattern.split(text.strip()) if p]


class RowReader:
    """Reads rows of one table against the plan: ids allocated in order, never reused."""

    def __init__(self, root: Path, table: Table, columns: dict[str, str],
                 defaults: dict[str, str], masterplan: Masterplan, half: Any) -> None:
        from dotool.authoring.new_measure import _numbers

        self.table, self.columns, self.defaults, self.half = table, columns, defaults, half
        self.masterplan = masterplan
        self.prefix = masterplan.id_prefix
        self.taken = _numbers(root / MEASURES_DIR, self.prefix)
        self.next = max(self.taken, default=0) + 1
        self.fields = {f.key: f.key for f in masterplan.fields}
        self.fields.update({f.title.casefold(): f.key for f in masterplan.fields})
        self.goals = {g.key: g.key for g in masterplan.goals}
        self.goals.update({g.title.casefold(): g.key for g in masterplan.goals})
        from dotool.i18n import translations

        self.lang = masterplan.language
        self.gettext = translations(self.lang).gettext

    def read(self, number: int, row: dict[str, Any], result: Imported, *,
             create_fields: bool) -> None:
        """Add the file of one row to `result`, or its errors."""
        from dotool.authoring.new_measure import slugify
        from dotool.collect import texts

        gettext = self.gettext
        errors: list[str] = []
        values: dict[str, Any] = {}

        def bad(name: str, message: str) -> None:
            column = self.columns.get(name, name)
            errors.append(gettext(texts.AT_ROW_COLUMN) % {
                "file": self.table.name, "row": number, "column": column, "message": message})

        for name, column in self.columns.items():
            raw = row.get(column)
            if raw is None:
                continue
            try:
                value = self._value(name, raw, result, number, create_fields)
            except ValueError as exc:
                bad(name, str(exc))
                continue
            if value not in (None, "", ()):
                values[name] = value
        for name in ("scope", "kind"):
            values.setdefault(name, self.defaults.get(name))
        for name in ("title", "summary", "field", "lead"):
            if row.get(self.columns[name]) is None:
                bad(name, gettext(texts.EMPTY_REQUIRED))
        if not values.get("title") and not errors:
            return
        measure_id = self._id(values.get("id"), bad)
        if errors or measure_id is None or values.get("field") is None:
            result.errors += errors
            return
        rel = f"{MEASURES_DIR}/{measure_id}-{slugify(values['title'])}.yaml"
        try:
            result.files[rel] = rendered(measure_id, values, self.half, rel,
                                         source=self.table.name, lang=self.masterplan.language)
        except Incomplete as exc:  # named by the table's columns: import has no options for them
            result.errors += [self._needed(name, number) for name in exc.missing]
        except ContentError as exc:
            result.errors.append(gettext(texts.AT_ROW) % {
                "file": self.table.name, "row": number, "message": exc.message})

    def _needed(self, name: str, number: int) -> str:
        """The error of a row whose status starts an update that lacks the value `name`: at
        its column, or naming the column to add (German and English name) if there is none."""
        from dotool.collect import texts

        gettext, half = self.gettext, str(self.half)
        column = self.columns.get(name)
        if column is not None:
            return gettext(texts.AT_ROW_COLUMN) % {
                "file": self.table.name, "row": number, "column": column,
                "message": gettext(texts.EMPTY_FOR_UPDATE) % {"half": half}}
        german, english = _COLUMN_NAMES[name]
        first, other = (german, english) if self.lang == "de" else (english, german)
        return gettext(texts.AT_ROW) % {
            "file": self.table.name, "row": number,
            "message": gettext(texts.NO_COLUMN_FOR_UPDATE) % {
                "half": half, "column": first, "other": other}}

    def _value(self, name: str, raw: Any, result: Imported, number: int,
               create_fields: bool) -> Any:
        from dotool.collect import texts
        from dotool.collect.cells import read_as
        from dotool.model.vocab import KEYS, label

        text = " ".join(str(raw).split()) if name not in ("summary", "objective", "text") \
            else str(raw).replace("\r\n", "\n").strip()
        if name in ("scope", "kind", "priority", "status", "rag"):
            key = label_to_key(name, text)
            if key is None:
                choices = ", ".join(label(name, k, self.lang) for k in KEYS[name])
                raise ValueError(self.gettext(texts.NOT_ONE_OF)
                                 % {"value": text, "list": choices})
            return key
        if name == "field":
            key = self.fields.get(text.casefold())
            if key is None:
                new = field_key(text)
                result.unknown_fields.setdefault(text, []).append(number)
                if create_fields:
                    result.new_fields.setdefault(new, text)
                    self.fields[text.casefold()] = new
                return new if create_fields else None
            return key
        if name == "goals":
            keys = []
            for part in _parts(text):
                found = self.goals.get(part.casefold())
                if found is None:
                    raise ValueError(self.gettext(texts.NOT_A_GOAL) % {"value": part})
                keys.append(found)
            return tuple(keys)
        if name == "participants":
            return tuple(_parts(str(raw)))
        if name in ("start", "end"):
            return read_as("when", raw, self.lang, self.gettext)
        if name == "progress":
            return read_as("progress", raw, self.lang, self.gettext)
        return text

    def _id(self, given: str | None, bad: Any) -> str | None:
        from dotool.collect import texts

        if given is None:
            while self.next in self.taken:
                self.next += 1
            self.taken.add(self.next)
            return f"{self.prefix}-{self.next:03d}"
        m = re.fullmatch(rf"{re.escape(self.prefix)}-(\d{{3,}})", given.strip().upper())
        if not m:
            bad("id", self.gettext(texts.NOT_AN_ID)
                % {"value": given, "example": f"{self.prefix}-001"})
            return None
        if int(m.group(1)) in self.taken:
            bad("id", self.gettext(texts.ID_TAKEN) % {"id": given})
            return None
        self.taken.add(int(m.group(1)))
        return given.strip().upper()


def with_fields(text: str, new: dict[str, str]) -> str:
    """masterplan.yaml's text with fields of action appended to `fields:` (block list)."""
    from dotool.authoring.yamledit import Lines, layout
    from dotool.authoring.yamltext import scalar
    from dotool.store.yamlload import load_yaml

    lines, root = Lines(text), layout(text)
    pair = root.get("fields")
    node = pair[1] if pair else None
    if node is None or node.kind != "seq" or node.flow or not node.items:
        raise UsageError(t("cannot add fields of action to masterplan.yaml in its layout"),
                         hint=t("write `fields:` as a list of `- key: …` items, or add them "
                                "by hand"))
    prefix = lines.prefix(node.items[0].start)
    dash, pad = prefix.index("-"), len(prefix)
    at = lines.end_of(lines.last_line(node.items[-1]))
    block = "".join(f"{' ' * dash}-{' ' * (pad - dash - 1)}key: {key}{lines.nl}"
                    f"{' ' * pad}title: {scalar(title)}{lines.nl}" for key, title in new.items())
    body = text[:at] + ("" if text[:at].endswith("\n") else lines.nl) + block + text[at:]
    loaded = load_yaml(text.encode("utf-8"), path=MASTERPLAN).document
    expected = copy.deepcopy(loaded.data if loaded else None)
    if isinstance(expected, dict):
        expected["fields"] = [*expected["fields"], *({"key": k, "title": t}
                                                     for k, t in new.items())]
    after = load_yaml(body.encode("utf-8"), path=MASTERPLAN).document
    if after is None or after.data != expected:
        raise UsageError(t("cannot add fields of action to masterplan.yaml in its layout"),
                         hint=t("add them by hand, then import again"))
    return body


def write_import(root: Path, result: Imported, *, dry_run: bool) -> None:
    """Validate the plan with every new file (and field), then write them all or none."""
    from dotool.authoring.checking import check_changes
    from dotool.store.batch import write_batch
    from dotool.store.files import read_file
    from dotool.store.lock import locked

    changes: dict[str, tuple[bytes | None, bytes]] = {}
    if result.new_fields:
        old = read_file(root, MASTERPLAN).data
        changes[MASTERPLAN] = (old, with_fields(old.decode("utf-8"), result.new_fields)
                               .encode("utf-8"))
    for rel, text in result.files.items():
        if (root / rel).exists():
            raise UsageError(t("{path} exists already; nothing was written", path=rel),
                             hint=t("import never overwrites a measure"))
        changes[rel] = (None, text.encode("utf-8"))
    check_changes(root, {rel: new for rel, (_, new) in changes.items()})
    if dry_run:
        return
    (root / MEASURES_DIR).mkdir(exist_ok=True)
    with locked(root / MEASURES_DIR):
        write_batch(root, changes)
