"""All terminal and machine output lives here.

Results go to stdout; messages, warnings and progress go to stderr. On a terminal the
default is a Rich table, paged when longer than the screen; in a pipe it is plain text
without colour. `--format json|jsonl|csv|tsv` gives the same field names everywhere
(see README). Text from articles reaches Rich only as `Text`, never as markup.
Rich is imported only when something is drawn with it, to keep start-up cheap.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, fields, is_dataclass
from typing import Any

from .models import ArticleRecord

HIT_FIELDS = (
    "rank", "doc", "path", "title", "source", "place", "date", "date_text", "score",
    "snippet", "matches", "url",
)  # fmt: skip
ARTICLE_FIELDS = tuple(f.name for f in fields(ArticleRecord))
# Nested values (lists of offsets) have no place in a CSV/TSV cell.
_NESTED_FIELDS = {
    "matches", "context", "aliases", "changes", "evidence", "suggestions", "group",
    "speaker_evidence",
}  # fmt: skip


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


_settings = {"colour": "auto"}


def set_colour(mode: str) -> None:
    """`--color auto|always|never`; auto follows NO_COLOR, FORCE_COLOR and the terminal."""
    _settings["colour"] = mode


def colour_enabled(stream) -> bool:
    mode = _settings["colour"]
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def resolve_format(requested: str | None) -> str:
    """The output format: as asked, else a table on a terminal and plain text in a pipe."""
    if requested:
        return requested
    return "table" if stdout_is_terminal() else "plain"


def console(stderr: bool = False):
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    colour = colour_enabled(stream)
    drawn = Console(
        file=stream,
        no_color=not colour,
        # No escape codes at all without colour: bold and dim are escapes too.
        color_system="auto" if colour else None,
        # Colour asked for in a pipe (`--color always | less -R`): draw as on a terminal.
        force_terminal=True if colour and not stream.isatty() else None,
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


def multiline(*parts: tuple[Any, str] | Any) -> Any:
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


# --- pager ---------------------------------------------------------------------------


def pager_command() -> list[str] | None:
    """$CAUCASUS_PAGER, else $PAGER, else `less -FRX`; None when set to "" or `cat`."""
    for name in ("CAUCASUS_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            words = shlex.split(value)
            return None if not words or words == ["cat"] else words
    return ["less", "-FRX"]


class _PagerGate:
    """Stands in for stdout on a terminal: holds the output back until it is longer than
    the screen, then starts the pager and streams everything into it. Shorter output is
    written to the terminal as it would have been, with no pager at all."""

    def __init__(self, terminal, command: list[str], rows: int) -> None:
        self.terminal = terminal
        self.command = command
        self.rows = rows
        self.held: list[str] = []
        self.lines = 0
        self.pager: subprocess.Popen | None = None

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        # Not the terminal's: after a failed write, stdout's descriptor must stay as it is.
        raise OSError(errno.EBADF, "the pager's input has no descriptor of its own")

    def write(self, data: str) -> int:
        if self.pager is not None:
            return self.pager.stdin.write(data)
        self.held.append(data)
        self.lines += data.count("\n")
        if self.lines >= self.rows - 1:  # keep a line for the footer on stderr
            self._start_pager()
        return len(data)

    def _start_pager(self) -> None:
        try:
            self.pager = subprocess.Popen(
                self.command, stdin=subprocess.PIPE, text=True, encoding="utf-8"
            )
        except OSError:  # no such pager: write to the terminal instead
            self.pager = None
            self.terminal.write("".join(self.held))
            self.held = []
            self.write = self.terminal.write  # type: ignore[method-assign]
            return
        self.pager.stdin.write("".join(self.held))
        self.held = []

    def flush(self) -> None:
        if self.pager is not None:
            self.pager.stdin.flush()

    def close(self) -> None:
        if self.pager is None:
            self.terminal.write("".join(self.held))
            self.terminal.flush()
            return
        with suppress(BrokenPipeError):  # the reader quit the pager early
            self.pager.stdin.close()
        self.pager.wait()


_deferred_notes: list[str] = []


@contextmanager
def paged(enabled: bool = True) -> Iterator[None]:
    """Page what is written to stdout inside, when stdout is a terminal and the output is
    longer than the screen. Messages for stderr wait until the pager has closed."""
    command = pager_command() if enabled else None
    if command is None or not stdout_is_terminal():
        yield
        return
    gate = _PagerGate(sys.stdout, command, shutil.get_terminal_size().lines)
    sys.stdout = gate  # type: ignore[assignment]
    _deferred_notes.clear()
    try:
        yield
    finally:
        sys.stdout = gate.terminal
        try:
            gate.close()
        finally:
            for line in _deferred_notes:
                print(line, file=sys.stderr)
            _deferred_notes.clear()


def _paging() -> bool:
    return isinstance(sys.stdout, _PagerGate) and sys.stdout.pager is not None


# --- messages (stderr) -------------------------------------------------------------


def error(message: str, hint: str | None = None) -> None:
    line = f"caucasus: error: {message}"
    if hint:
        line += f" ({hint})"
    print(line, file=sys.stderr)


def warning(message: str) -> None:
    print(f"caucasus: warning: {message}", file=sys.stderr)


def note(message: str) -> None:
    line = f"caucasus: {message}"
    if _paging():  # printed under the pager's screen it would be lost or garble it
        _deferred_notes.append(line)
    else:
        print(line, file=sys.stderr)


def no_matches() -> None:
    """An empty result on a terminal: one line on stderr rather than an empty frame."""
    note("no matches")


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


def emit_records(
    records: list[dict[str, Any]], fields: Sequence[str], fmt: str, *, header: bool = True
) -> None:
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
            if header:
                writer.writerow(flat)
            writer.writerows([_cell(record.get(name)) for name in flat] for record in records)
        else:
            if header:
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
        if result.hits:
            _search_table(result)
        elif not result.suggestion:
            no_matches()
    else:
        _search_plain(result)
    if result.suggestion and not result.hits:
        note(f"no match; did you mean: {result.suggestion}")


def render_count(total: int, records: list[dict[str, Any]], fmt: str) -> None:
    """`--count`: the exact number of matches; JSON carries it beside the hits shown."""
    if fmt == "json":
        _json({"total": total, "hits": records})
    elif fmt == "jsonl":
        sys.stdout.write(json.dumps({"total": total}) + "\n")
    else:
        sys.stdout.write(f"{total}\n")


def render_paths(paths: Iterable[str]) -> None:
    """`--files`: one path a line, each once, in the order found."""
    seen: set[str] = set()
    for path in paths:
        if path not in seen:
            seen.add(path)
            sys.stdout.write(path + "\n")


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
            multiline(hit.title or "(no title)", (hit.doc, "dim")),
            text(hit.source),
            text(_date_cell(hit.date, hit.date_text)),
            _highlighted(hit.snippet, hit.matches),
        )
    out = console()
    out.print(table)
    shown = len(result.hits)
    first = result.hits[0].rank if result.hits else 0
    if shown:
        note(f"{first}–{first + shown - 1} of {result.total} matching articles")


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
        meta.add_row(name, text(value))
    out = console()
    out.print(Panel(meta, title=text(record.get("title") or "(no title)"), title_align="left"))
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
    "speaker_evidence", "attribution",
)  # fmt: skip
QUOTE_VIEW_FIELDS = (*QUOTE_FIELDS, "line", "context", "context_start", "citation", "group")
# `role` is the old name of `speaker_role`, kept for one release.
SPEAKER_FIELDS = ("speaker", "speaker_role", "role", "quotes", "direct", "articles", "aliases")
# Rows per table drawn while quotes stream in: each block is printed once it is full.
_TABLE_BLOCK = 100


def render_quotes(listing, fmt: str) -> int:
    """Write quotes as they come (`listing.quotes` may be a generator); the number written."""
    written = 0
    if is_machine_format(fmt):
        written = emit_stream(
            (as_record(quote, QUOTE_FIELDS) for quote in listing.quotes), QUOTE_FIELDS, fmt
        )
    elif fmt == "table":
        for block in _blocks(listing.quotes, _TABLE_BLOCK):
            _quotes_table(block)
            written += len(block)
        if written:
            note(f"{written} of {listing.total} quotes")
        else:
            no_matches()
    else:
        for quote in listing.quotes:
            sys.stdout.write(
                f"{quote.id}  {quote.speaker or '(unknown)'}: {_said(quote)}  [{quote.doc}]\n"
            )
            written += 1
    return written


def _blocks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    block: list[Any] = []
    for item in items:
        block.append(item)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def _quotes_table(quotes: list) -> None:
    from rich.table import Table

    # Widths come from the ratios alone, so that blocks printed one after the other line up.
    table = Table(show_lines=True, expand=True)
    table.add_column("id", no_wrap=True, min_width=12)
    table.add_column("speaker", ratio=2)
    table.add_column("quote", ratio=7)
    table.add_column("source / date", ratio=2)
    for quote in quotes:
        speaker = [(quote.speaker, "") if quote.speaker else ("(unknown)", "dim")]
        if quote.speaker_role:
            speaker.append((quote.speaker_role, "dim"))
        table.add_row(
            text(quote.id),
            multiline(*speaker),
            text(_said(quote)),
            multiline(quote.source, _date_cell(quote.date, quote.date_text)),
        )
    console().print(table)


def emit_stream(records: Iterable[dict[str, Any]], fields: Sequence[str], fmt: str) -> int:
    """As `emit_records`, writing each record as soon as it is made; the number written.
    JSON is still one array, opened at once and closed at the end."""
    count = 0
    if fmt == "json":
        sys.stdout.write("[")
        for record in records:
            sys.stdout.write(("," if count else "") + "\n" + _indented(record))
            count += 1
        sys.stdout.write("\n]\n" if count else "]\n")
        return count
    for number, record in enumerate(records):
        emit_records([record], fields, fmt, header=number == 0)
        count += 1
    if not count and fmt in ("csv", "tsv"):
        emit_records([], fields, fmt)
    return count


def _indented(record: dict[str, Any]) -> str:
    body = json.dumps(record, ensure_ascii=False, indent=2)
    return "\n".join("  " + line for line in body.splitlines())


def _said(quote) -> str:
    words = " ".join(quote.text.split())
    return f"“{words}”" if quote.kind == "direct" else f"(reported) {words}"


def speaker_record(speaker) -> dict[str, Any]:
    record = as_record(speaker, SPEAKER_FIELDS)
    record["speaker_role"] = speaker.role
    return record


def render_speakers(speakers, fmt: str) -> None:
    records = [speaker_record(speaker) for speaker in speakers]
    if is_machine_format(fmt):
        emit_records(records, SPEAKER_FIELDS, fmt)
    elif fmt == "table" and not speakers:
        no_matches()
    elif fmt == "table":
        from rich.table import Table

        table = Table(expand=True)
        for name, justify in [
            ("speaker", "left"), ("role", "left"), ("quotes", "right"), ("direct", "right"),
            ("articles", "right"), ("aliases", "left"),
        ]:  # fmt: skip
            table.add_column(name, justify=justify)
        for speaker in speakers:
            table.add_row(
                text(speaker.speaker),
                text(speaker.role),
                text(speaker.quotes),
                text(speaker.direct),
                text(speaker.articles),
                text(", ".join(speaker.aliases)),
            )
        console().print(table)
    else:
        for speaker in speakers:
            sys.stdout.write(
                f"{speaker.speaker}\t{speaker.role or ''}\t{speaker.quotes}\t{speaker.direct}"
                f"\t{speaker.articles}\n"
            )


def quote_view_record(view, group=None) -> dict[str, Any]:
    record = as_record(view.quote, QUOTE_FIELDS)
    record.update(
        line=view.quote.line,
        context=view.context,
        context_start=view.context_start,
        citation=view.quote.citation(),
        group=group_record(group) if group else None,
    )
    return record


# --- groups: one statement across articles ------------------------------------------------


def group_record(group) -> dict[str, Any]:
    return {
        "id": group.id,
        "first_seen": _occurrence_record(group.first_seen),
        "occurrences": [_occurrence_record(o) for o in group.occurrences],
        "outlets": group.outlets,
        "speakers": group.speakers,
        "attributions_differ": group.attributions_differ,
    }


_OCCURRENCE_FIELDS = ("id", "doc", "path", "source", "date", "date_text", "url", "speaker")


def _occurrence_record(occurrence) -> dict[str, Any]:
    record = as_record(occurrence.quote, _OCCURRENCE_FIELDS)
    record.update(
        similarity=occurrence.similarity,
        text=occurrence.quote.text,
        changes=[asdict(change) for change in occurrence.changes],
    )
    return record


# A statement is shown as its first-seen quote (whose id is the group's), then its spread.
_SPREAD_QUOTE_FIELDS = ("id", "text", "speaker", "source", "date", "date_text", "path")
SPREAD_FIELDS = (*_SPREAD_QUOTE_FIELDS, "occurrences", "outlets", "speakers", "attributions_differ")


def spread_record(group) -> dict[str, Any]:
    """One statement published by several outlets: its first-seen quote, and its spread."""
    record = as_record(group.first_seen.quote, _SPREAD_QUOTE_FIELDS)
    record.update(
        occurrences=len(group.occurrences),
        outlets=group.outlets,
        speakers=group.speakers,
        attributions_differ=group.attributions_differ,
    )
    return record


def render_spread(groups, fmt: str) -> None:
    records = [spread_record(group) for group in groups]
    if fmt in ("csv", "tsv"):  # one cell a value: lists as "a; b"
        for record in records:
            record["outlets"] = "; ".join(record["outlets"])
            record["speakers"] = "; ".join(record["speakers"])
    if is_machine_format(fmt):
        emit_records(records, SPREAD_FIELDS, fmt)
        return
    if not groups:
        no_matches()
        return
    if fmt == "table":
        from rich.table import Table

        table = Table(expand=True, show_lines=True)
        for name in ("outlets", "first seen", "said by", "words", "group"):
            table.add_column(name)
        for group in groups:
            first = group.first_seen.quote
            who = " / ".join(group.speakers) or "(unknown)"
            table.add_row(
                text(f"{len(group.outlets)} ({len(group.occurrences)} articles)"),
                multiline(first.source, _date_cell(first.date, first.date_text)),
                text(who, "bold magenta" if group.attributions_differ else ""),
                text(f"“{' '.join(first.text.split())}”"),
                text(group.id),
            )
        console().print(table)
        return
    for group in groups:
        first = group.first_seen.quote
        sys.stdout.write(
            f"{group.id}\t{len(group.outlets)} outlets\t{_group_summary(group)}\t"
            f"“{' '.join(first.text.split())}”\n"
        )


def _group_summary(group) -> str:
    first = group.first_seen.quote
    seen = " ".join(p for p in (first.source, _date_cell(first.date, first.date_text)) if p)
    outlets = len(group.outlets)
    line = (
        f"first seen {seen} (quote {first.id}); {len(group.occurrences)} occurrences in "
        f"{outlets} outlet{'s' if outlets != 1 else ''}"
    )
    if group.attributions_differ:
        line += "; attributed to " + " and to ".join(group.speakers)
    return line


def _changes_text(changes) -> str:
    return "; ".join(_change_line(change) for change in changes) or "same words"


def _against_first(occurrence, group) -> str:
    """How an occurrence's words differ from the group's first-seen one."""
    if occurrence is group.first_seen:
        return "first seen"
    return _changes_text(occurrence.changes)


def _group_table(group):
    from rich.table import Table

    table = Table(title="where else it was published", expand=True, show_lines=True)
    for name in ("source / date", "speaker", "differences from the first", "quote"):
        table.add_column(name)
    for occurrence in group.occurrences:
        quote = occurrence.quote
        table.add_row(
            multiline(quote.source, _date_cell(quote.date, quote.date_text)),
            text(quote.speaker or "(unknown)"),
            text(_against_first(occurrence, group)),
            multiline(quote.id, quote.doc),
        )
    return table


CITATION_FIELDS = ("id", "doc", "path", "date_text", "citation", "line", "start", "end", "warning")


def render_citation(view, fmt: str) -> None:
    """`quote ID --cite`: the line alone, or with --format a record around it."""
    if view.warning:
        warning(f"cannot check the offsets: {view.warning}")
    quote = view.quote
    record = {
        "id": quote.id,
        "doc": quote.doc,
        "path": quote.path,
        "date_text": quote.date_text,
        "citation": quote.citation(),
        "line": quote.line,
        "start": quote.start,
        "end": quote.end,
        "warning": view.warning,
    }
    if not emit_one(record, CITATION_FIELDS, fmt):
        sys.stdout.write(record["citation"] + "\n")


def render_quote_view(view, fmt: str, group=None) -> None:
    if view.warning:
        warning(view.warning if view.context is not None else f"no context: {view.warning}")
    if fmt == "markdown":
        sys.stdout.write(markdown_quote(view, group))
        return
    if emit_one(quote_view_record(view, group), QUOTE_VIEW_FIELDS, fmt):
        return
    quote = view.quote
    if fmt == "plain":
        lines = [quote.citation(), ""]
        if view.context:
            lines.append(view.context)
        if group and len(group.occurrences) > 1:
            lines += ["", _group_summary(group)]
            lines += [f"  {_occurrence_line(o, group)}" for o in group.occurrences]
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
        ("named by", _evidence_cell(quote)),
        ("cue", quote.cue),
        ("kind", quote.kind),
        ("article", quote.title),
        ("source", quote.source),
        ("date", _date_cell(quote.date, quote.date_text)),
        ("cite", f"{quote.where()} (chars {quote.start}–{quote.end})"),
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
    if group and len(group.occurrences) > 1:
        parts += [text(_group_summary(group), "bold"), _group_table(group)]
    console().print(Panel(Group(*parts), title=text(f"quote {quote.id}"), title_align="left"))


def _evidence_cell(quote) -> str | None:
    """The article's words naming the speaker, where they stand and how they settled it."""
    evidence = quote.speaker_evidence
    if evidence is None:
        return None
    how = f", {quote.attribution}" if quote.attribution else ""
    return f"“{evidence.text}” (chars {evidence.start}–{evidence.end}{how})"


def _occurrence_line(occurrence, group) -> str:
    quote = occurrence.quote
    where = " · ".join(
        p for p in (quote.source, _date_cell(quote.date, quote.date_text), quote.speaker) if p
    )
    return f"{quote.id}  {where}  {_against_first(occurrence, group)}"


# --- check ---------------------------------------------------------------------------

# `id` is the quote's id, as in every other record; `quote_id` is its old name here,
# kept for one release.
VERDICT_FIELDS = (
    "claim", "verdict", "speaker", "said_by", "similarity", "id", "quote_id", "quote_speaker",
    "speaker_role", "kind", "doc", "path", "title", "source", "date", "date_text", "passage",
    "start", "end", "changes", "evidence", "group", "claim_start", "claim_end",
)  # fmt: skip
_EVIDENCE_FIELDS = (
    "id", "quote_id", "quote_speaker", "speaker_role", "kind", "doc", "path", "title", "source",
    "date", "date_text", "similarity", "passage", "start", "end",
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
        "id": quote.id if quote else None,
        "quote_id": quote.id if quote else None,
        "quote_speaker": quote.speaker if quote else None,
        "speaker_role": quote.speaker_role if quote else None,
        "kind": quote.kind if quote else None,
        "doc": evidence.doc,
        "path": evidence.path,
        "title": evidence.title,
        "source": evidence.source,
        "date": _plain_value(evidence.date),
        "date_text": quote.date_text if quote else None,
        "similarity": evidence.similarity,
        "passage": evidence.passage,
        "start": evidence.start,
        "end": evidence.end,
    }


def verdict_record(verdict, group=None) -> dict[str, Any]:
    best = verdict.best
    claimed = verdict.claimed  # the quote of a draft (`check --document`)
    record: dict[str, Any] = {
        "claim": verdict.claim,
        "verdict": verdict.verdict,
        "speaker": verdict.speaker,
        "said_by": verdict.said_by,
        "group": group_record(group) if group else None,
        "claim_start": claimed.start if claimed else None,
        "claim_end": claimed.end if claimed else None,
    }
    record.update(_evidence_record(best) if best else dict.fromkeys(_EVIDENCE_FIELDS))
    record["changes"] = [asdict(change) for change in best.changes] if best else []
    record["evidence"] = [_evidence_record(e) for e in verdict.evidence]
    return {name: record[name] for name in VERDICT_FIELDS}


def render_verdicts(verdicts: list, fmt: str, *, single: bool, groups=None) -> None:
    """`single`: one claim given on the command line (an object in JSON, a panel on a
    terminal), not a file of claims (an array, a table), however many lines it has.
    `groups`: for each verdict, the group of its best evidence (or None)."""
    groups = groups or [None] * len(verdicts)
    if fmt == "markdown":
        sys.stdout.write(
            "\n".join(markdown_verdict(v, g) for v, g in zip(verdicts, groups, strict=True))
        )
        return
    records = [verdict_record(v, g) for v, g in zip(verdicts, groups, strict=True)]
    if single and emit_one(records[0], VERDICT_FIELDS, fmt):
        return
    if is_machine_format(fmt):
        emit_records(records, VERDICT_FIELDS, fmt)
    elif fmt == "table" and single:
        _verdict_panel(verdicts[0], groups[0])
    elif fmt == "table":
        _verdict_table(verdicts)
    else:
        for verdict, record in zip(verdicts, records, strict=True):
            who = record["said_by"] or record["quote_speaker"] or ""
            sys.stdout.write(
                f"{verdict.verdict}\t{_similarity(record)}\t{who}\t{record['id'] or ''}"
                f"\t{verdict.claim}\n"
            )
            if single and verdict.best:
                _verdict_plain_detail(verdict)
            if single and groups[0] and len(groups[0].occurrences) > 1:
                sys.stdout.write(f"  {_group_summary(groups[0])}\n")


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


def _verdict_panel(verdict, group=None) -> None:
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
                multiline(item.source, _evidence_date(item)),
                text(" ".join(item.passage.split())),
                multiline(item.quote.id, item.doc) if item.quote else text(item.doc or ""),
            )
        parts.append(table)
    if group and len(group.occurrences) > 1:
        parts.append(text(_group_summary(group), "bold"))
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
            multiline(best.source, _evidence_date(best)) if best else text(""),
            text(best.quote.id if best and best.quote else ""),
        )
    console().print(table)


# --- status --------------------------------------------------------------------------

STATUS_FIELDS = (
    "index", "schema_version", "articles", "quotes", "speakers", "size", "last_sync",
    "roots", "missing_roots", "bundled_corpus",
)  # fmt: skip


def render_status(record: dict[str, Any], fmt: str) -> None:
    if emit_one(record, STATUS_FIELDS, fmt):
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
    if fmt == "plain":
        out = [f"{name}: {value}" for name, value in rows]
        out += [f"folder: {root}" for root in roots]
        sys.stdout.write("\n".join(out) + "\n")
        return
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for name, value in rows:
        grid.add_row(name, text(value))
    for number, root in enumerate(roots or ["—"]):
        grid.add_row("folders" if number == 0 else "", text(root))
    console().print(grid)


def _size(size: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


# --- help topics -----------------------------------------------------------------------

QUERY_HELP = """\
The query language of `caucasus search QUERY` (and of the words given to `quotes`)

  peace agreement          both words, anywhere in the article (AND is the default)
  Lavrov OR Mardini        either word
  Karabakh NOT ceasefire   the first without the second (also: Karabakh ANDNOT ceasefire)
  "thing of the past"      a phrase: these words, in this order
  (Aliyev OR Pashinyan) AND summit    parentheses group
  title:ceasefire          a field: title, body, source, place, date
                           (quotes: quote, source, date)
  source:JAMnews           the outlet as the article names itself
  date:2020-11             a date or a month (also date:2020, date:[2020-10 to 2020-12])
  Lavr*   Bayram?v         wildcards: * any letters, ? one letter
  Lavrof~  Lavrof~2        fuzzy: one (or two) letters different
  Qarabağ                  name variants: also Karabakh, Karabagh, Qarabag (see --exact)

Words are matched in any case and without accents (Qarabag = Qarabağ); English
endings are folded (negotiation = negotiations). Stop words (the, of, and, …) are not
indexed: a query of stop words alone finds nothing, whatever its spelling.

  --exact     no spelling variants of names
  --literal   the words as plain text: brackets, colons and AND/OR mean nothing
              (caucasus search 'Lavrov (Moscow' --literal)

Examples:
  caucasus search '"peace agreement" Aliyev'
  caucasus search 'title:ceasefire OR title:truce' --since 2020-10 --until 2020-11
  caucasus search 'Bayramov NOT Lavrov' --sort -date
  caucasus quotes 'withdrawal OR corridor' --speaker Aliyev
"""


def render_help(topic: str) -> None:
    sys.stdout.write(QUERY_HELP)


# --- markdown: an evidence report to paste into an article or a ticket ---------------------


def _md(value: str | None) -> str:
    """Text for a Markdown line or table cell: one line, the characters that would
    start markup escaped, never read as markup."""
    folded = " ".join((value or "").split())
    return "".join("\\" + c if c in "\\`*_[]|<>#" else c for c in folded)


def _md_code(value: str) -> str:
    """A path, URL or citation as a code span: shown exactly, never read as markup."""
    folded = " ".join(value.split())
    fence = "``" if "`" in folded else "`"
    return f"{fence}{folded}{fence}"


def _md_source(quote) -> str:
    when = _date_cell(quote.date, quote.date_text)
    parts = [_md(quote.source or "source not stated"), _md(when if when != "—" else "undated")]
    if quote.title:
        parts.append(f"“{_md(quote.title)}”")
    return ", ".join(parts)


def _md_group(group) -> list[str]:
    if group is None or len(group.occurrences) < 2:
        return []
    lines = ["", f"**Where else:** {_md(_group_summary(group))}.", ""]
    lines += [
        "| source | date | speaker | differences from the first | where |",
        "|---|---|---|---|---|",
    ]
    for occurrence in group.occurrences:
        quote = occurrence.quote
        said = _against_first(occurrence, group)
        lines.append(
            f"| {_md(quote.source or '—')} | {_md(_date_cell(quote.date, quote.date_text))} | "
            f"{_md(quote.speaker or 'unattributed')} | {_md(said)} | {_md_code(quote.where())} |"
        )
    return lines


def markdown_quote(view, group=None) -> str:
    quote = view.quote
    who = quote.speaker or "unattributed"
    if quote.speaker_role:
        who += f" ({quote.speaker_role})"
    lines = [
        f"## Quote {quote.id}",
        "",
        f"> “{_md(quote.text)}”",
        "",
        f"**Speaker:** {_md(who)}"
        + (f", named by “{_md(quote.speaker_evidence.text)}”" if quote.speaker_evidence else "")
        + (f" ({quote.attribution})" if quote.attribution else ""),
        f"**Published:** {_md_source(quote)}",
        f"**Where:** {_md_code(quote.where())} (chars {quote.start}–{quote.end})",
        f"**Cite:** {_md_code(quote.citation())}",
    ]
    lines += _md_group(group)
    if view.context:
        lines += ["", "**Context:**", ""]
        paragraphs = [p for p in view.context.split("\n\n") if p.strip()]
        lines.append("\n>\n".join(f"> {_md(paragraph)}" for paragraph in paragraphs))
    if view.warning:
        lines += ["", f"*Warning: {_md(view.warning)}*"]
    return "\n".join(lines) + "\n"


def markdown_verdict(verdict, group=None) -> str:
    lines = [
        f"## Claim check: {verdict.verdict.replace('_', ' ')}",
        "",
        f"> “{_md(verdict.claim)}”",
        "",
    ]
    if verdict.speaker:
        lines.append(f"**Attributed to:** {_md(verdict.speaker)}")
    if verdict.said_by:
        lines.append(f"**Said by:** {_md(verdict.said_by)}, not {_md(verdict.speaker)}")
    best = verdict.best
    if best is None:
        lines.append("**Evidence:** nothing close enough in the corpus.")
        return "\n".join(lines) + "\n"
    lines.append(f"**Closest passage** ({best.similarity:.2f} of the claim's words, in order):")
    lines += ["", f"> {_md(best.passage)}", ""]
    if best.changes:
        lines.append("**Differences:** " + _md("; ".join(_change_line(c) for c in best.changes)))
    quote = best.quote
    if quote is not None:
        lines.append(f"**Speaker:** {_md(quote.speaker or 'unattributed')}")
        lines.append(f"**Published:** {_md_source(quote)}")
        lines.append(f"**Where:** {_md_code(quote.where())}, quote {quote.id}")
    else:
        lines.append(
            "**Published:** article text, nobody's quote: "
            + _md(", ".join(p for p in (best.source, _plain_value(best.date), best.title) if p))
        )
        lines.append(f"**Where:** {_md_code(best.path or best.doc or '')}")
    lines += _md_group(group)
    return "\n".join(lines) + "\n"
