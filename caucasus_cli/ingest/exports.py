"""Dataset exports: JSON Lines and CSV files holding one article a record.

Scrapers and archives name their fields in many ways (`text`, `body`, `content`…);
the common names are in `fields.txt`, a user adds their own there or per run with
`--fields text=body,date=published_at`. A record that cannot be read (broken JSON,
no article text) is reported with its line and the others are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ..config import data_entries, user_config_dir
from ..errors import CaucasusError, DataFileError
from .dates import outlet_day_order, parse_date_value
from .metadata import KnownMetadata


class Field(StrEnum):
    """What a record's field holds, whatever the export calls it."""

    TEXT = "text"
    TITLE = "title"
    URL = "url"
    DATE = "date"
    SOURCE = "source"
    AUTHOR = "author"
    ID = "id"


FieldNames = Mapping[Field, tuple[str, ...]]  # each role: the names to look for, in order


@dataclass(frozen=True, slots=True)
class ExportRecord:
    text: str
    known: KnownMetadata
    key: str  # stable within the file: the record's id, else its URL, else `line-N`
    line: int  # 1-based line of the file where the record starts


@dataclass(frozen=True, slots=True)
class RecordProblem:
    line: int
    reason: str


@dataclass(slots=True)
class ExportFile:
    records: list[ExportRecord]
    problems: list[RecordProblem]


def parse_fields_option(option: str) -> dict[Field, tuple[str, ...]]:
    """`text=body,date=published_at` -> {Field.TEXT: ("body",), Field.DATE: ("published_at",)}."""
    chosen: dict[Field, tuple[str, ...]] = {}
    for part in filter(None, (p.strip() for p in option.split(","))):
        role, sep, name = (s.strip() for s in part.partition("="))
        if not sep or not name or role not in set(Field):
            raise CaucasusError(
                f"--fields: cannot read {part!r}",
                hint=f"write ROLE=FIELD, ROLE one of {', '.join(Field)}: text=body,date=published",
            )
        chosen[Field(role)] = (name,)
    return chosen


def field_names(chosen: Mapping[Field, tuple[str, ...]] | None = None) -> FieldNames:
    """The names to look for: `chosen` (from --fields) alone for its roles, else the
    user's `fields.txt` entries before the bundled ones."""
    names = dict(_configured_names())
    names.update(chosen or {})
    return names


@cache
def _configured_names() -> dict[Field, tuple[str, ...]]:
    user_first = sorted(
        data_entries("fields.txt"), key=lambda entry: entry.path.parent != user_config_dir()
    )
    names: dict[Field, list[str]] = {role: [] for role in Field}
    for entry in user_first:
        role, sep, listed = (s.strip() for s in entry.text.partition("="))
        if not sep or role not in set(Field):
            raise DataFileError(
                f"{entry.where}: expected `ROLE = name, name`, ROLE one of {', '.join(Field)}"
            )
        names[Field(role)] += [n.strip() for n in listed.split(",") if n.strip()]
    return {role: tuple(dict.fromkeys(found)) for role, found in names.items()}


def read_jsonl(text: str, names: FieldNames) -> ExportFile:
    """One JSON object a line; blank lines are allowed."""
    rows: list[tuple[int, dict]] = []
    problems: list[RecordProblem] = []
    # Split at line feeds only: str.splitlines() would also split at U+2028 and U+0085,
    # which JSON strings may hold as they are.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as error:
            problems.append(RecordProblem(number, f"not valid JSON ({_json_reason(error)})"))
            continue
        if not isinstance(value, dict):
            problems.append(RecordProblem(number, "not a JSON object"))
            continue
        rows.append((number, value))
    return _records(rows, names, problems)


def read_csv(text: str, names: FieldNames) -> ExportFile:
    """A header row, then one article a row; a quoted field may span lines."""
    problems: list[RecordProblem] = []
    rows: list[tuple[int, dict]] = []
    # An article body can be longer than csv's default field limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    ended = 1  # the header row's last line
    try:
        for row in _rows(reader):
            rows.append((ended + 1, row))
            ended = reader.line_num
    except csv.Error as error:
        problems.append(RecordProblem(reader.line_num, f"CSV cannot be read past here ({error})"))
    return _records(rows, names, problems)


def _rows(reader: csv.DictReader) -> Iterator[dict]:
    for row in reader:
        # Columns beyond the header end up under the key None: not a named field.
        yield {key: value for key, value in row.items() if key is not None}


def _dialect(text: str) -> type[csv.Dialect]:
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)

    class Export(csv.excel):
        pass

    Export.delimiter = delimiter if header.count(delimiter) else ","
    return Export


def _records(rows: list[tuple[int, dict]], names: FieldNames, problems) -> ExportFile:
    records: list[ExportRecord] = []
    seen: set[str] = set()
    for line, row in rows:
        text = _first(row, names[Field.TEXT])
        if not text or not text.strip():
            looked = ", ".join(names[Field.TEXT])
            problems.append(RecordProblem(line, f"no article text (looked for: {looked})"))
            continue
        key = (
            _stripped(_first(row, names[Field.ID]))
            or _stripped(_first(row, names[Field.URL]))
            or f"line-{line}"
        )
        if key in seen:
            key = f"{key}@line-{line}"  # two records under one id: both kept, apart
        seen.add(key)
        records.append(ExportRecord(text=text, known=_known(row, names), key=key, line=line))
    problems.sort(key=lambda problem: problem.line)
    return ExportFile(records=records, problems=problems)


def _known(row: dict, names: FieldNames) -> KnownMetadata:
    source = _stripped(_first(row, names[Field.SOURCE]))
    when = _stripped(_first(row, names[Field.DATE]))
    found = parse_date_value(when, outlet_day_order(source)) if when else None
    return KnownMetadata(
        title=_first(row, names[Field.TITLE]),
        source=source,
        url=_stripped(_first(row, names[Field.URL])),
        author=_stripped(_first(row, names[Field.AUTHOR])),
        date=found.date if found else None,
        date_text=found.text if found else (when or None),
    )


def _first(row: dict, names: tuple[str, ...]) -> str | None:
    """The first of `names` that the record fills, as text (`{"name": …}` gives its name)."""
    for name in names:
        value = _as_text(row.get(name))
        if value:
            return value
    return None


def _stripped(value: str | None) -> str | None:
    return " ".join(value.split()) if value else None


def _as_text(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        parts = [part for item in value if (part := _as_text(item))]
        return ", ".join(parts) or None
    if isinstance(value, bool) or value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def _json_reason(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg.removesuffix(' at')}, column {error.colno}"
    return str(error)
