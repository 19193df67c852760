"""All terminal and machine output lives here.

Results go to stdout; messages, warnings and progress go to stderr. On a terminal the
default is a Rich table; in a pipe it is plain text without colour. `--format
json|jsonl|csv|tsv` gives the same field names everywhere (see README).
Rich is imported only when something is drawn with it, to keep start-up cheap.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from typing import Any

FORMATS = ("table", "json", "jsonl", "csv", "tsv")

HIT_FIELDS = (
    "rank", "doc", "path", "title", "source", "place", "date", "date_text", "score",
    "snippet", "matches",
)  # fmt: skip
ARTICLE_FIELDS = (
    "doc", "path", "title", "source", "place", "date", "date_text", "encoding", "sha256",
    "size", "quotes", "body",
)  # fmt: skip
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
    drawn = Console(
        file=stream,
        no_color=not colour_enabled(stream),
        highlight=False,
        soft_wrap=False,
        emoji=False,
        # Article text is data: `[/]` or `[sic]` in a headline is printed as written.
        markup=False,
    )
    # Rich's own handling of a closed pipe exits 1 ("nothing found"); let the command
    # decide instead, as it knows whether results were written.
    drawn.on_broken_pipe = _raise_broken_pipe
    return drawn


def _raise_broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def text(value: Any, style: str = "") -> Any:
    """A Rich Text of `value` exactly as written: never parsed as markup."""
    from rich.text import Text

    return Text("—" if value is None else str(value), style=style)


def lines(*parts: tuple[Any, str] | Any) -> Any:
    """One table cell of several lines, each `value` or `(value, style)`, none parsed."""
    from rich.text import Text

    cell = Text()
    for number, part in enumerate(parts):
        value, style = part if isinstance(part, tuple) else (part, "")
        if number:
            cell.append("\n")
        cell.append("—" if value is None else str(value), style=style)
    return cell


class ClosedStream:
    """Stands for a standard stream the shell closed (`>&-`): every write fails, as it
    would on the closed descriptor, so that the command reports it instead of crashing."""

    def write(self, _data: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def flush_stdout() -> None:
    sys.stdout.flush()


def detach_stdout() -> None:
    """After a failed write, point stdout's descriptor at /dev/null: what is still
    buffered can then be flushed at exit without a second error (or a traceback)."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests, a closed stream): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


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
    # Outlet names are short and should not be cut: "JAMne…" is no source.
    table.add_column("source", max_width=20, overflow="fold")
    table.add_column("date", no_wrap=True)
    table.add_column("snippet", ratio=6)
    for hit in result.hits:
        table.add_row(
            text(hit.rank),
            lines(hit.title or "(no title)", (hit.doc, "dim")),
            text(hit.source),
            text(_date_cell(hit.date, hit.date_text)),
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


def render_article(record: dict[str, Any], fmt: str) -> None:
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
    for name in ("doc", "source", "place", "date", "path", "encoding", "quotes"):
        value = record.get(name)
        if name == "date":
            value = _date_cell(
                dt.date.fromisoformat(value) if value else None, record.get("date_text")
            )
        meta.add_row(name, text(value))
    out = console()
    out.print(Panel(meta, title=text(record.get("title") or "(no title)"), title_align="left"))
    out.print(Group(*(Text(p) for p in _paragraphs(record.get("body") or ""))))


def _article_plain(record: dict[str, Any]) -> None:
    header = [record.get("title") or "(no title)"]
    for name in ("doc", "source", "place", "date", "path"):
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


def render_index_report(report, index_dir) -> None:
    skipped = len(report.skipped)
    note(
        f"indexed {index_dir}: {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {report.unchanged} unchanged, {skipped} skipped"
        + (f", {len(report.duplicates)} duplicates" if report.duplicates else "")
        + f"; {report.quotes} quotes extracted; {report.seconds:.1f} s"
    )


# --- quotes --------------------------------------------------------------------------

QUOTE_FIELDS = (
    "id", "doc", "path", "speaker", "speaker_role", "speaker_mention", "cue", "kind", "text",
    "start", "end", "paragraph", "title", "source", "date", "date_text",
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
            speaker = [(quote.speaker, "") if quote.speaker else ("(unknown)", "dim")]
            if quote.speaker_role:
                speaker.append((quote.speaker_role, "dim"))
            table.add_row(
                text(quote.id),
                lines(*speaker),
                text(_said(quote)),
                lines(quote.source, _date_cell(quote.date, quote.date_text)),
            )
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
                text(speaker.speaker),
                text(speaker.role),
                text(speaker.quotes),
                text(speaker.articles),
                text(", ".join(speaker.aliases)),
            )
        console().print(table)
    else:
        for speaker in speakers:
            sys.stdout.write(
                f"{speaker.speaker}\t{speaker.role or ''}\t{speaker.quotes}\t{speaker.articles}\n"
            )


def quote_view_record(view, citation: str) -> dict[str, Any]:
    record = as_record(view.quote, QUOTE_FIELDS)
    record.update(
        line=view.line, context=view.context, context_start=view.context_start, citation=citation
    )
    return record


def render_quote_view(view, citation: str, fmt: str) -> None:
    if view.warning:
        warning(f"no context: {view.warning}")
    if emit_one(quote_view_record(view, citation), QUOTE_VIEW_FIELDS, fmt):
        return
    quote = view.quote
    if fmt == "plain":
        lines = [citation, ""]
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
        ("cite", f"{quote.path}:{view.line} (chars {quote.start}–{quote.end})"),
    ]
    for name, value in rows:
        meta.add_row(name, text(value or None))
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
    console().print(Panel(Group(*parts), title=text(f"quote {quote.id}"), title_align="left"))


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


def _evidence_date(evidence) -> str:
    # Article text that is nobody's quote carries no date as written, only the day.
    date_text = evidence.quote.date_text if evidence.quote else None
    return _date_cell(evidence.date, date_text)


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
            _evidence_date(best) if (best.date or best.quote) else None,
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
                text(f"{item.similarity:.2f}"),
                text((item.quote.speaker or "(unknown)") if item.quote else "(not a quote)"),
                lines(item.source, _evidence_date(item)),
                text(" ".join(item.passage.split())),
                lines(item.quote.id, item.doc) if item.quote else text(item.doc or ""),
            )
        parts.append(table)
    style = _VERDICT_STYLE.get(verdict.verdict, "bold")
    console().print(Panel(Group(*parts), title=text(verdict.verdict, style), title_align="left"))


def _verdict_table(verdicts) -> None:
    from rich.table import Table

    table = Table(expand=True, show_lines=True)
    for name in ("verdict", "claim", "said by", "source / date", "quote"):
        table.add_column(name)
    for verdict in verdicts:
        best = verdict.best
        style = _VERDICT_STYLE.get(verdict.verdict, "")
        table.add_row(
            text(verdict.verdict, style),
            text(verdict.claim),
            text(verdict.said_by or (best.quote.speaker if best and best.quote else "") or ""),
            lines(best.source, _evidence_date(best)) if best else text(""),
            text(best.quote.id if best and best.quote else ""),
        )
    console().print(table)
