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
from collections.abc import Mapping
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
    line: int | None  # None for a file that is one record (a page)
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
        # A raw NUL byte costs its record nothing: JSON would refuse the line for it.
        line, nuls = line.replace("\x00", "\ufffd"), line.count("\x00")
        if nuls:
            bytes_ = "NUL byte" if nuls == 1 else f"{nuls} NUL bytes"
            problems.append(RecordProblem(number, f"{bytes_} replaced by U+FFFD; kept"))
        try:
            value = json.loads(line)
        except ValueError as error:
            problems.append(RecordProblem(number, f"not valid JSON ({_json_reason(error)})"))
            continue
        except RecursionError:
            problems.append(RecordProblem(number, "not read (JSON nested too deeply)"))
            continue
        if not isinstance(value, dict):
            problems.append(RecordProblem(number, "not a JSON object"))
            continue
        rows.append((number, value))
    return _records(rows, names, problems)


def read_csv(text: str, names: FieldNames) -> ExportFile:
    """A header row, then one article a row; a quoted field may span lines.

    Read strictly: a stray quote opens a field that would swallow the rows after it
    into one record. That row is reported and reading goes on from its next line.
    """
    problems: list[RecordProblem] = []
    rows: list[tuple[int, dict]] = []
    # An article body can be longer than csv's default field limit (128 KiB).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    # Lines as csv sees them (`\n`, `\r\n`, `\r`), to start again after a bad row.
    lines = io.StringIO(text.replace("\x00", "\ufffd"), newline="").readlines()
    dialect = _dialect(text)
    header_reader = csv.reader(iter(lines), dialect=dialect)
    try:
        header = next(header_reader)
    except (csv.Error, StopIteration) as error:
        return ExportFile([], [RecordProblem(1, f"the header row cannot be read ({error})")])
    done = header_reader.line_num  # lines read into complete rows
    while done < len(lines) and len(problems) < _MAX_CSV_RESTARTS:
        base = done
        reader = csv.reader(iter(lines[base:]), dialect=dialect)
        try:
            for values in reader:
                if values:  # a blank line is no record
                    rows.append((done + 1, dict(zip(header, values, strict=False))))
                done = base + reader.line_num
            break
        except csv.Error as error:
            problems.append(RecordProblem(done + 1, _csv_problem(error, base + reader.line_num)))
            done += 1  # the bad row's first line is dropped; the next line starts a row
    return _records(rows, names, problems)


_MAX_CSV_RESTARTS = 1000


def _csv_problem(error: csv.Error, last_line: int) -> str:
    if "expected after" in str(error) or "unexpected end of data" in str(error):
        return (
            f"a stray quote runs this record on to line {last_line}; "
            "the line is skipped and reading goes on from the next one"
        )
    return f"not read ({error})"


def _dialect(text: str) -> type[csv.Dialect]:
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)

    class Export(csv.excel):
        strict = True  # a stray quote is an error to report, not rows to merge

    Export.delimiter = delimiter if header.count(delimiter) else ","
    return Export


def _records(rows: list[tuple[int, dict]], names: FieldNames, problems) -> ExportFile:
    records: list[ExportRecord] = []
    seen: set[str] = set()
    for line, row in rows:
        try:
            text = _first(row, names[Field.TEXT])
            known = _known(row, names)
        except RecursionError:  # lists in lists in a field, deeper than Python recurses
            problems.append(RecordProblem(line, "not read (a field nested too deeply)"))
            continue
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
        records.append(ExportRecord(text=text, known=known, key=key, line=line))
    problems.sort(key=lambda problem: problem.line or 0)
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
