"""Records in the machine formats (json, jsonl, csv, tsv), and the pieces every view shares.

The same field names everywhere (see README). A record's fields are its dataclass's,
in the class's order after the keys a reader looks for first.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from .output import Format, Output

# Nested values (lists of offsets) have no place in a CSV/TSV cell.
_NESTED_FIELDS = {
    "matches", "context", "aliases", "changes", "evidence", "suggestions", "group",
    "speaker_evidence", "speaker_candidates",
}  # fmt: skip


def record_fields(
    cls, *, first: Sequence[str] = (), leave_out: Sequence[str] = (), renamed=None
) -> tuple[str, ...]:
    """The record fields of dataclass `cls`: `first` leading, then the others in the
    class's order; `leave_out` is not published; `renamed` maps a field to its name in
    records."""
    renamed = renamed or {}
    names = [renamed.get(f.name, f.name) for f in fields(cls) if f.name not in leave_out]
    return (*first, *(name for name in names if name not in first))


def plain_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def as_record(item: Any, names: Sequence[str], renamed=None) -> dict[str, Any]:
    source = asdict(item) if is_dataclass(item) else dict(item)
    for old, new in (renamed or {}).items():
        source[new] = source.pop(old, None)
    return {name: plain_value(source.get(name)) for name in names}


def date_cell(date: dt.date | None, date_text: str | None) -> str:
    if date:
        return date.isoformat()
    return f"({date_text})" if date_text else "—"


def plural(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def blocks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    block: list[Any] = []
    for item in items:
        block.append(item)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def emit_records(
    out: Output,
    records: list[dict[str, Any]],
    names: Sequence[str],
    fmt: Format,
    *,
    header: bool = True,
) -> None:
    """Write records as json (one array), jsonl, csv or tsv to stdout."""
    if fmt is Format.JSON:
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt is Format.JSONL:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt is Format.CSV:
        flat = _flat(names)
        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(flat)
        writer.writerows([_cell(record.get(name)) for name in flat] for record in records)
    elif fmt is Format.TSV:
        flat = _flat(names)
        if header:
            out.write("\t".join(flat) + "\n")
        for record in records:
            out.write("\t".join(_tsv_cell(record.get(name)) for name in flat) + "\n")
    else:
        raise ValueError(f"not a machine format: {fmt!r}")


def emit_one(out: Output, record: dict[str, Any], names: Sequence[str], fmt: Format) -> bool:
    """Write one record in a machine format (JSON as an object, not an array);
    False when `fmt` is for people and the caller must draw it."""
    if fmt is Format.JSON:
        write_json(out, record)
    elif fmt.is_machine:
        emit_records(out, [record], names, fmt)
    else:
        return False
    return True


def emit_stream(
    out: Output, records: Iterable[dict[str, Any]], names: Sequence[str], fmt: Format
) -> int:
    """As `emit_records`, writing each record as soon as it is made; the number written.
    JSON is still one array, opened at once and closed at the end."""
    count = 0
    if fmt is Format.JSON:
        out.write("[")
        for record in records:
            out.write(("," if count else "") + "\n" + _indented(record))
            count += 1
        out.write("\n]\n" if count else "]\n")
        return count
    for number, record in enumerate(records):
        emit_records(out, [record], names, fmt, header=number == 0)
        count += 1
    if not count and fmt in (Format.CSV, Format.TSV):
        emit_records(out, [], names, fmt)
    return count


def write_json(out: Output, record: Any) -> None:
    json.dump(record, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _flat(names: Sequence[str]) -> list[str]:
    return [name for name in names if name not in _NESTED_FIELDS]


def _indented(record: dict[str, Any]) -> str:
    body = json.dumps(record, ensure_ascii=False, indent=2)
    return "\n".join("  " + line for line in body.splitlines())


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _tsv_cell(value: Any) -> str:
    # TSV has no quoting: tabs and line breaks inside a value become spaces.
    return " ".join(_cell(value).replace("\t", " ").split())
