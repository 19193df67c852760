"""Articles: search results, counts, file lists, one article (`show`), the index's status
and what an indexing run did."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from ..models import ArticleRecord, Hit
from .output import Format, Output, visible
from .writers import (
    as_record,
    date_cell,
    emit_one,
    emit_records,
    plural,
    record_fields,
    write_json,
)

HIT_FIELDS = record_fields(Hit, first=("rank", "doc", "path"))
ARTICLE_FIELDS = record_fields(ArticleRecord)
STATUS_FIELDS = (
    "index", "schema_version", "articles", "quotes", "speakers", "size", "last_sync",
    "roots", "missing_roots", "bundled_corpus",
)  # fmt: skip


def hit_records(hits) -> list[dict[str, Any]]:
    return [as_record(hit, HIT_FIELDS) for hit in hits]


def render_search(out: Output, result, fmt: Format) -> None:
    if fmt.is_machine:
        emit_records(out, hit_records(result.hits), HIT_FIELDS, fmt)
    elif fmt is Format.TABLE:
        if result.hits:
            _search_table(out, result)
        elif not result.suggestion:
            out.no_matches()
    else:
        _search_plain(out, result)
    if result.suggestion and not result.hits:
        out.note(f"no match; did you mean: {result.suggestion}")


def render_count(out: Output, total: int, records: list[dict[str, Any]], fmt: Format) -> None:
    """`--count`: the exact number of matches; JSON carries it beside the hits shown."""
    if fmt is Format.JSON:
        write_json(out, {"total": total, "hits": records})
    elif fmt is Format.JSONL:
        out.write(json.dumps({"total": total}) + "\n")
    else:
        out.write(f"{total}\n")


def render_paths(out: Output, paths: Iterable[str], *, null: bool = False) -> None:
    """`--files`: one path a line (or ended by NUL with `--null`), each once, in the
    order found. On a terminal a path is one line, whatever characters it holds."""
    seen: set[str] = set()
    end = "\0" if null else "\n"
    for path in paths:
        if path not in seen:
            seen.add(path)
            out.stdout.write((path if out.shows_raw_text() else visible(path, layout=False)) + end)


def _search_table(out: Output, result) -> None:
    from rich.table import Table

    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("title / doc", ratio=3)
    # Outlet names are short and should not be cut: "JAMne…" is no source.
    table.add_column("source", max_width=20, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("snippet", ratio=6)
    for hit in result.hits:
        table.add_row(
            out.text(hit.rank),
            out.multiline(hit.title or "(no title)", (hit.doc, "dim")),
            out.text(hit.source),
            out.text(date_cell(hit.date, hit.date_text)),
            out.highlighted(hit.snippet, hit.matches),
        )
    out.console().print(table)
    shown = len(result.hits)
    first = result.hits[0].rank if result.hits else 0
    if shown:
        out.note(f"{first}–{first + shown - 1} of {result.total} matching articles")


def _search_plain(out: Output, result) -> None:
    lines = []
    for hit in result.hits:
        meta = " · ".join(
            part
            for part in (hit.source, date_cell(hit.date, hit.date_text).strip("—"), hit.doc)
            if part
        )
        lines.append(f"{hit.rank}. {hit.title or '(no title)'}\n   {meta}\n   {hit.snippet}\n")
    out.write("\n".join(lines))


# --- show --------------------------------------------------------------------------


def render_article(out: Output, article: ArticleRecord, fmt: Format) -> None:
    record = as_record(article, ARTICLE_FIELDS)
    if emit_one(out, record, ARTICLE_FIELDS, fmt):
        return
    if fmt is not Format.TABLE:
        _article_plain(out, record)
        return
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for name in ("doc", "source", "place", "date", "url", "path", "encoding", "quotes"):
        value = record.get(name)
        if name == "date":
            value = date_cell(
                dt.date.fromisoformat(value) if value else None, record.get("date_text")
            )
        meta.add_row(name, out.text(value))
    console = out.console()
    title = out.text(record.get("title") or "(no title)")
    console.print(Panel(meta, title=title, title_align="left"))
    console.print(Group(*(out.text(p) for p in _paragraphs(record.get("body") or ""))))


def _article_plain(out: Output, record: dict[str, Any]) -> None:
    header = [record.get("title") or "(no title)"]
    for name in ("doc", "source", "place", "date", "url", "path"):
        value = record.get(name)
        if name == "date" and not value:
            value = f"({record['date_text']})" if record.get("date_text") else None
        header.append(f"{name}: {value if value is not None else '—'}")
    out.write("\n".join(header) + "\n\n" + (record.get("body") or "") + "\n")


def _paragraphs(body: str) -> list[str]:
    return [p + "\n" for p in body.split("\n\n")]


# --- index and status ---------------------------------------------------------------------


def render_index_report(out: Output, report, index_dir) -> None:
    skipped = len(report.skipped)
    out.note(
        f"indexed {index_dir}: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {skipped} skipped"
        + (f", {report.unread.total} of other types" if report.unread.total else "")
        + (f", {len(report.duplicates)} duplicates" if report.duplicates else "")
        + (f", {plural(len(report.bad_records), 'bad record')}" if report.bad_records else "")
        + (
            f"; {plural(report.articles, 'article')}"
            if report.articles != report.added + report.updated
            else ""
        )
        + f"; {plural(report.quotes, 'quote')} extracted; {report.seconds:.1f} s"
    )
    for (kind, install), count in report.missing_readers.items():
        files = plural(count, f"{kind.upper()} file")
        out.note(f"{files} not read: the {kind.upper()} reader is not installed ({install})")
    if unread := report.unread.summary():
        out.note(unread)


def render_status(out: Output, record: dict[str, Any], fmt: Format) -> None:
    if emit_one(out, record, STATUS_FIELDS, fmt):
        return
    rows = [
        ("index", record["index"]),
        ("schema", record["schema_version"]),
        ("articles", record["articles"]),
        ("quotes", record["quotes"]),
        ("speakers", record["speakers"]),
        ("size", _size(record["size"])),
        ("last sync", record["last_sync"] or "never"),
        ("bundled corpus", "yes" if record["bundled_corpus"] else "no"),
    ]
    missing = set(record["missing_roots"])
    roots = [f"{root}  (missing)" if root in missing else root for root in record["roots"]]
    if fmt is not Format.TABLE:
        lines = [f"{name}: {value}" for name, value in rows]
        lines += [f"folder: {root}" for root in roots]
        out.write("\n".join(lines) + "\n")
        return
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for name, value in rows:
        grid.add_row(name, out.text(value))
    for number, root in enumerate(roots or ["—"]):
        grid.add_row("folders" if number == 0 else "", out.text(root))
    out.console().print(grid)


def _size(size: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)
