"""All terminal and machine output lives here.

Results go to stdout; messages, warnings and progress go to stderr. On a terminal the
default is a Rich table; in a pipe it is plain text without colour. `--format
json|jsonl|csv|tsv` gives the same field names everywhere (see README).
Rich is imported only when something is drawn with it, to keep start-up cheap.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from .models import ArticleRecord

HIT_FIELDS = (
    "rank", "doc", "path", "title", "source", "place", "date", "date_text", "score",
    "snippet", "matches", "url",
)  # fmt: skip
ARTICLE_FIELDS = tuple(f.name for f in fields(ArticleRecord))
# Nested values (lists of offsets) have no place in a CSV/TSV cell.
_NESTED_FIELDS = {"matches", "context", "aliases", "changes", "evidence", "suggestions"}


def _plain_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def as_record(item: Any, fields: Sequence[str]) -> dict[str, Any]:
    source = asdict(item) if is_dataclass(item) else dict(item)
    return {name: _plain_value(source.get(name)) for name in fields}


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def colour_enabled(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def resolve_format(requested: str | None) -> str:
    """The output format: as asked, else a table on a terminal and plain text in a pipe."""
    if requested:
        return requested
    return "table" if stdout_is_terminal() else "plain"


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(
        file=stream,
        no_color=not colour_enabled(stream),
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )


# --- messages (stderr) -------------------------------------------------------------


def error(message: str, hint: str | None = None) -> None:
    line = f"caucasus: error: {message}"
    if hint:
        line += f" ({hint})"
    print(line, file=sys.stderr)


def warning(message: str) -> None:
    print(f"caucasus: warning: {message}", file=sys.stderr)


def note(message: str) -> None:
    print(f"caucasus: {message}", file=sys.stderr)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A callback (done, total) drawing a progress bar on a terminal, silent in a pipe."""
    if not stderr_is_terminal():
        yield lambda _done, _total: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


# --- machine formats ---------------------------------------------------------------


def emit_records(records: list[dict[str, Any]], fields: Sequence[str], fmt: str) -> None:
    """Write records as json (one array), jsonl, csv or tsv to stdout."""
    out = sys.stdout
    if fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt in ("csv", "tsv"):
        flat = [name for name in fields if name not in _NESTED_FIELDS]
        if fmt == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(flat)
            writer.writerows([_cell(record.get(name)) for name in flat] for record in records)
        else:
            out.write("\t".join(flat) + "\n")
            for record in records:
                out.write("\t".join(_tsv_cell(record.get(name)) for name in flat) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _tsv_cell(value: Any) -> str:
    # TSV has no quoting: tabs and line breaks inside a value become spaces.
    return " ".join(_cell(value).replace("\t", " ").split())


def is_machine_format(fmt: str) -> bool:
    return fmt in ("json", "jsonl", "csv", "tsv")


# --- search ------------------------------------------------------------------------


def render_search(result, fmt: str) -> None:
    records = [as_record(hit, HIT_FIELDS) for hit in result.hits]
    if is_machine_format(fmt):
        emit_records(records, HIT_FIELDS, fmt)
    elif fmt == "table":
        _search_table(result)
    else:
        _search_plain(result)
    if result.suggestion and not result.hits:
        note(f"no match; did you mean: {result.suggestion}")


def _highlighted(text: str, spans: Sequence[Sequence[int]], style: str = "bold yellow"):
    from rich.text import Text

    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


def _search_table(result) -> None:
    from rich.table import Table

    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("title / doc", ratio=3)
    table.add_column("source", ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("snippet", ratio=6)
    for hit in result.hits:
        heading = f"{hit.title or '(no title)'}\n[dim]{hit.doc}[/dim]"
        table.add_row(
            str(hit.rank),
            heading,
            hit.source or "—",
            _date_cell(hit.date, hit.date_text),
            _highlighted(hit.snippet, hit.matches),
        )
    out = console()
    out.print(table)
    shown = len(result.hits)
    first = result.hits[0].rank if result.hits else 0
    if shown:
        about = "at most " if result.total_is_estimate else ""
        note(f"{first}–{first + shown - 1} of {about}{result.total} matching articles")


def _date_cell(date: dt.date | None, date_text: str | None) -> str:
    if date:
        return date.isoformat()
    return f"({date_text})" if date_text else "—"


def _search_plain(result) -> None:
    lines = []
    for hit in result.hits:
        meta = " · ".join(
            part
            for part in (hit.source, _date_cell(hit.date, hit.date_text).strip("—"), hit.doc)
            if part
        )
        lines.append(f"{hit.rank}. {hit.title or '(no title)'}\n   {meta}\n   {hit.snippet}\n")
    sys.stdout.write("\n".join(lines))


# --- show --------------------------------------------------------------------------


def emit_one(record: dict[str, Any], fields: Sequence[str], fmt: str) -> bool:
    """Write one record in a machine format (JSON as an object, not an array);
    False when `fmt` is for people and the caller must draw it."""
    if fmt == "json":
        _json(record)
    elif is_machine_format(fmt):
        emit_records([record], fields, fmt)
    else:
        return False
    return True


def render_article(article: ArticleRecord, fmt: str) -> None:
    record = as_record(article, ARTICLE_FIELDS)
    if emit_one(record, ARTICLE_FIELDS, fmt):
        return
    if fmt == "plain":
        _article_plain(record)
        return
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for name in ("doc", "source", "place", "date", "url", "path", "encoding", "quotes"):
        value = record.get(name)
        if name == "date":
            value = _date_cell(
                dt.date.fromisoformat(value) if value else None, record.get("date_text")
            )
        meta.add_row(name, "—" if value is None else str(value))
    out = console()
    out.print(Panel(meta, title=record.get("title") or "(no title)", title_align="left"))
    out.print(Group(*(Text(p) for p in _paragraphs(record.get("body") or ""))))


def _article_plain(record: dict[str, Any]) -> None:
    header = [record.get("title") or "(no title)"]
    for name in ("doc", "source", "place", "date", "url", "path"):
        value = record.get(name)
        if name == "date" and not value:
            value = f"({record['date_text']})" if record.get("date_text") else None
        header.append(f"{name}: {value if value is not None else '—'}")
    sys.stdout.write("\n".join(header) + "\n\n" + (record.get("body") or "") + "\n")


def _paragraphs(body: str) -> list[str]:
    return [p + "\n" for p in body.split("\n\n")]


def _json(record: dict[str, Any]) -> None:
    json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# --- index ---------------------------------------------------------------------------


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def render_index_report(report, index_dir) -> None:
    skipped = len(report.skipped)
    note(
        f"indexed {index_dir}: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {skipped} skipped"
        + (f", {report.unread.total} of other types" if report.unread.total else "")
        + (f", {len(report.duplicates)} duplicates" if report.duplicates else "")
        + (f", {_count(len(report.bad_records), 'bad record')}" if report.bad_records else "")
        + (
            f"; {report.articles} articles"
            if report.articles != report.added + report.updated
            else ""
        )
        + f"; {report.quotes} quotes extracted; {report.seconds:.1f} s"
    )
    for (kind, install), count in report.missing_readers.items():
        files = _count(count, f"{kind.upper()} file")
        note(f"{files} not read: the {kind.upper()} reader is not installed ({install})")
    if unread := report.unread.summary():
        note(unread)


# --- quotes --------------------------------------------------------------------------

QUOTE_FIELDS = (
    "id", "doc", "path", "speaker", "speaker_role", "speaker_mention", "cue", "kind", "text",
    "start", "end", "paragraph", "title", "source", "date", "date_text", "url",
)  # fmt: skip
QUOTE_VIEW_FIELDS = (*QUOTE_FIELDS, "line", "context", "context_start", "citation")
SPEAKER_FIELDS = ("speaker", "role", "quotes", "articles", "aliases")


def render_quotes(listing, fmt: str) -> None:
    records = [as_record(quote, QUOTE_FIELDS) for quote in listing.quotes]
    if is_machine_format(fmt):
        emit_records(records, QUOTE_FIELDS, fmt)
    elif fmt == "table":
        from rich.table import Table

        table = Table(show_lines=True, expand=True)
        table.add_column("id", no_wrap=True)
        table.add_column("speaker", ratio=2)
        table.add_column("quote", ratio=7)
        table.add_column("source / date", ratio=2)
        for quote in listing.quotes:
            speaker = quote.speaker or "[dim](unknown)[/dim]"
            if quote.speaker_role:
                speaker += f"\n[dim]{quote.speaker_role}[/dim]"
            said = _said(quote)
            where = f"{quote.source or '—'}\n{_date_cell(quote.date, quote.date_text)}"
            table.add_row(quote.id, speaker, said, where)
        console().print(table)
        if listing.quotes:
            note(f"{len(listing.quotes)} of {listing.total} quotes")
    else:
        for quote in listing.quotes:
            sys.stdout.write(
                f"{quote.id}  {quote.speaker or '(unknown)'}: {_said(quote)}  [{quote.doc}]\n"
            )


def _said(quote) -> str:
    words = " ".join(quote.text.split())
    return f"“{words}”" if quote.kind == "direct" else f"(reported) {words}"


def render_speakers(speakers, fmt: str) -> None:
    records = [as_record(speaker, SPEAKER_FIELDS) for speaker in speakers]
    if is_machine_format(fmt):
        emit_records(records, SPEAKER_FIELDS, fmt)
    elif fmt == "table":
        from rich.table import Table

        table = Table(expand=True)
        for name, justify in [
            ("speaker", "left"), ("role", "left"), ("quotes", "right"), ("articles", "right"),
            ("aliases", "left"),
        ]:  # fmt: skip
            table.add_column(name, justify=justify)
        for speaker in speakers:
            table.add_row(
                speaker.speaker,
                speaker.role or "—",
                str(speaker.quotes),
                str(speaker.articles),
                ", ".join(speaker.aliases),
            )
        console().print(table)
    else:
        for speaker in speakers:
            sys.stdout.write(
                f"{speaker.speaker}\t{speaker.role or ''}\t{speaker.quotes}\t{speaker.articles}\n"
            )


def quote_view_record(view) -> dict[str, Any]:
    record = as_record(view.quote, QUOTE_FIELDS)
    record.update(
        line=view.quote.line,
        context=view.context,
        context_start=view.context_start,
        citation=view.quote.citation(),
    )
    return record


def render_citation(quote) -> None:
    sys.stdout.write(quote.citation() + "\n")


def render_quote_view(view, fmt: str) -> None:
    if view.warning:
        warning(view.warning if view.context is not None else f"no context: {view.warning}")
    if emit_one(quote_view_record(view), QUOTE_VIEW_FIELDS, fmt):
        return
    quote = view.quote
    if fmt == "plain":
        lines = [quote.citation(), ""]
        if view.context:
            lines.append(view.context)
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    rows = [
        ("speaker", quote.speaker or "(unknown)"),
        ("role", quote.speaker_role),
        ("as written", quote.speaker_mention),
        ("cue", quote.cue),
        ("kind", quote.kind),
        ("article", quote.title),
        ("source", quote.source),
        ("date", _date_cell(quote.date, quote.date_text)),
        ("cite", f"{quote.where()} (chars {quote.start}–{quote.end})"),
    ]
    for name, value in rows:
        meta.add_row(name, value or "—")
    parts: list[Any] = [_highlighted(f"“{quote.text}”", [], ""), meta]
    if view.context is not None:
        offset = quote.start - view.context_start
        parts.append(
            Panel(
                _highlighted(view.context, [(offset, offset + len(quote.text))], "bold yellow"),
                title="context",
                title_align="left",
            )
        )
    console().print(Panel(Group(*parts), title=f"quote {quote.id}", title_align="left"))


# --- check ---------------------------------------------------------------------------

VERDICT_FIELDS = (
    "claim", "verdict", "speaker", "said_by", "similarity", "quote_id", "quote_speaker",
    "kind", "doc", "title", "source", "date", "passage", "start", "end", "changes", "evidence",
)  # fmt: skip
_VERDICT_STYLE = {
    "confirmed": "bold green",
    "misquoted": "bold yellow",
    "misattributed": "bold magenta",
    "not_quoted": "bold cyan",
    "not_found": "bold red",
}


def _evidence_record(evidence) -> dict[str, Any]:
    quote = evidence.quote
    return {
        "quote_id": quote.id if quote else None,
        "quote_speaker": quote.speaker if quote else None,
        "kind": quote.kind if quote else None,
        "doc": evidence.doc,
        "title": evidence.title,
        "source": evidence.source,
        "date": _plain_value(evidence.date),
        "similarity": evidence.similarity,
        "passage": evidence.passage,
        "start": evidence.start,
        "end": evidence.end,
    }


def verdict_record(verdict) -> dict[str, Any]:
    best = verdict.best
    record: dict[str, Any] = {
        "claim": verdict.claim,
        "verdict": verdict.verdict,
        "speaker": verdict.speaker,
        "said_by": verdict.said_by,
    }
    empty = dict.fromkeys(
        ("similarity", "quote_id", "quote_speaker", "kind", "doc", "title", "source", "date",
         "passage", "start", "end"),
    )  # fmt: skip
    record.update(_evidence_record(best) if best else empty)
    record["changes"] = [asdict(change) for change in best.changes] if best else []
    record["evidence"] = [_evidence_record(e) for e in verdict.evidence]
    return {name: record[name] for name in VERDICT_FIELDS}


def render_verdicts(verdicts: list, fmt: str, *, single: bool) -> None:
    """`single`: one claim given on the command line (an object in JSON, a panel on a
    terminal), not a file of claims (an array, a table), however many lines it has."""
    records = [verdict_record(v) for v in verdicts]
    if single and emit_one(records[0], VERDICT_FIELDS, fmt):
        return
    if is_machine_format(fmt):
        emit_records(records, VERDICT_FIELDS, fmt)
    elif fmt == "table" and single:
        _verdict_panel(verdicts[0])
    elif fmt == "table":
        _verdict_table(verdicts)
    else:
        for verdict, record in zip(verdicts, records, strict=True):
            who = record["said_by"] or record["quote_speaker"] or ""
            sys.stdout.write(
                f"{verdict.verdict}\t{_similarity(record)}\t{who}\t{record['quote_id'] or ''}"
                f"\t{verdict.claim}\n"
            )
            if single and verdict.best:
                _verdict_plain_detail(verdict)


def _similarity(record: dict[str, Any]) -> str:
    return "" if record["similarity"] is None else f"{record['similarity']:.2f}"


def _verdict_plain_detail(verdict) -> None:
    best = verdict.best
    where = " · ".join(
        part
        for part in (
            best.quote.speaker if best.quote else "(not a quote)",
            best.source,
            best.date.isoformat() if best.date else None,
            best.doc,
        )
        if part
    )
    lines = [f"  {where}", f"  said: {' '.join(best.passage.split())}"]
    for change in best.changes:
        lines.append(f"  {_change_line(change)}")
    sys.stdout.write("\n".join(lines) + "\n")


def _change_line(change) -> str:
    if change.op == "insert":
        return f"+ {change.claimed}   (in the claim, not said)"
    if change.op == "delete":
        return f"- {' '.join(change.actual.split())}   (said, left out of the claim)"
    return f"~ {change.claimed} → {' '.join(change.actual.split())}"


def _diff_text(evidence):
    """The passage as said, with the claim's differences marked inline."""
    from rich.text import Text

    text = Text()
    for step in evidence.diff:
        actual = " ".join(step.actual.split())
        if step.op == "equal":
            text.append(actual)
        elif step.op == "insert":
            text.append(f"[+{step.claimed}]", style="bold green")
        elif step.op == "delete":
            text.append(f"[-{actual}]", style="bold red strike")
        else:
            text.append(f"[{actual}", style="bold red strike")
            text.append(f"→{step.claimed}]", style="bold green")
        text.append(" ")
    return text


def _verdict_panel(verdict) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = [Text(f"“{verdict.claim}”")]
    if verdict.said_by:
        parts.append(Text(f"said by {verdict.said_by}, not {verdict.speaker}", style="magenta"))
    if verdict.best and verdict.best.changes:
        parts += [Text("difference (+ claimed only, − said but left out):", style="dim"),
                  _diff_text(verdict.best)]  # fmt: skip
    if verdict.evidence:
        table = Table(title="evidence", expand=True, show_lines=True)
        for name in ("similarity", "speaker", "source / date", "passage", "quote"):
            table.add_column(name)
        for item in verdict.evidence:
            table.add_row(
                f"{item.similarity:.2f}",
                (item.quote.speaker or "(unknown)") if item.quote else "(not a quote)",
                f"{item.source or '—'}\n{item.date.isoformat() if item.date else '—'}",
                " ".join(item.passage.split()),
                f"{item.quote.id}\n{item.doc}" if item.quote else item.doc or "",
            )
        parts.append(table)
    style = _VERDICT_STYLE.get(verdict.verdict, "bold")
    console().print(
        Panel(Group(*parts), title=f"[{style}]{verdict.verdict}[/]", title_align="left")
    )


def _verdict_table(verdicts) -> None:
    from rich.table import Table

    table = Table(expand=True, show_lines=True)
    for name in ("verdict", "claim", "said by", "source / date", "quote"):
        table.add_column(name)
    for verdict in verdicts:
        best = verdict.best
        style = _VERDICT_STYLE.get(verdict.verdict, "")
        table.add_row(
            f"[{style}]{verdict.verdict}[/]",
            verdict.claim,
            verdict.said_by or (best.quote.speaker if best and best.quote else "") or "",
            f"{best.source or '—'} {best.date or ''}" if best else "",
            best.quote.id if best and best.quote else "",
        )
    console().print(table)
