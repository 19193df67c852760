"""Quotes: listings, speakers, one quote in its context, its citation, and one statement
across the articles that published it (groups, `--spread`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..models import Quote
from .output import Format, Output
from .writers import (
    as_record,
    blocks,
    date_cell,
    emit_one,
    emit_records,
    emit_stream,
    plural,
    record_fields,
)

# Where a quote stands in the file (`line`) is in `quote`'s view and its citation; a
# listing gives the offsets. The export record's key is in the citation's `where`.
# The first columns are the ones scripts cut out (`cut -f1-4`): who said what.
QUOTE_FIELDS = record_fields(
    Quote,
    first=("id", "doc", "path", "speaker", "speaker_role", "speaker_mention", "cue", "kind"),
    leave_out=("line", "record"),
)
# search.quotes.Speaker's fields, `role` published as `speaker_role` as everywhere else
# (not derived from the class: importing the search stage costs every start-up).
SPEAKER_FIELDS = ("speaker", "speaker_role", "quotes", "direct", "articles", "aliases")
CITATION_FIELDS = ("id", "doc", "path", "date_text", "citation", "line", "start", "end", "warning")
# Rows per table drawn while quotes stream in: each block is printed once it is full.
_TABLE_BLOCK = 100
QUOTE_VIEW_FIELDS = (*QUOTE_FIELDS, "line", "context", "context_start", "citation", "group")


def said(quote) -> str:
    words = " ".join(quote.text.split())
    return f"“{words}”" if quote.kind == "direct" else f"(reported) {words}"


def render_quotes(out: Output, listing, fmt: Format) -> int:
    """Write quotes as they come (`listing.quotes` may be a generator); the number written."""
    written = 0
    if fmt.is_machine:
        records = (as_record(quote, QUOTE_FIELDS) for quote in listing.quotes)
        written = emit_stream(out, records, QUOTE_FIELDS, fmt)
    elif fmt is Format.TABLE:
        for block in blocks(listing.quotes, _TABLE_BLOCK):
            _quotes_table(out, block)
            written += len(block)
        if written:
            out.note(f"{written} of {listing.total} quotes")
        else:
            out.no_matches()
    else:
        for quote in listing.quotes:
            out.write(f"{quote.id}  {quote.speaker or '(unknown)'}: {said(quote)}  [{quote.doc}]\n")
            written += 1
    return written


def _quotes_table(out: Output, quotes: list) -> None:
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
            out.text(quote.id),
            out.multiline(*speaker),
            out.text(said(quote)),
            out.multiline(quote.source, date_cell(quote.date, quote.date_text)),
        )
    out.console().print(table)


# --- speakers ----------------------------------------------------------------------------


def speaker_record(speaker) -> dict[str, Any]:
    return as_record(speaker, SPEAKER_FIELDS, renamed={"role": "speaker_role"})


def render_speakers(out: Output, speakers, fmt: Format) -> None:
    if fmt.is_machine:
        emit_records(out, [speaker_record(s) for s in speakers], SPEAKER_FIELDS, fmt)
    elif fmt is Format.TABLE and not speakers:
        out.no_matches()
    elif fmt is Format.TABLE:
        from rich.table import Table

        table = Table(expand=True)
        for name, justify in [
            ("speaker", "left"), ("role", "left"), ("quotes", "right"), ("direct", "right"),
            ("articles", "right"), ("aliases", "left"),
        ]:  # fmt: skip
            table.add_column(name, justify=justify)
        for speaker in speakers:
            table.add_row(
                out.text(speaker.speaker),
                out.text(speaker.role),
                out.text(speaker.quotes),
                out.text(speaker.direct),
                out.text(speaker.articles),
                out.text(", ".join(speaker.aliases)),
            )
        out.console().print(table)
    else:
        for speaker in speakers:
            out.write(
                f"{speaker.speaker}\t{speaker.role or ''}\t{speaker.quotes}\t{speaker.direct}"
                f"\t{speaker.articles}\n"
            )


# --- one quote -----------------------------------------------------------------------------


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


def render_citation(out: Output, view, fmt: Format | None) -> None:
    """`quote ID --cite`: the line alone, or with --format a record around it."""
    if view.warning:
        out.warning(f"cannot check the offsets: {view.warning}")
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
    if fmt is None or not emit_one(out, record, CITATION_FIELDS, fmt):
        out.write(record["citation"] + "\n")


def render_quote_view(out: Output, view, fmt: Format, group=None) -> None:
    from .markdown import markdown_quote

    if view.warning:
        out.warning(view.warning if view.context is not None else f"no context: {view.warning}")
    if fmt is Format.MARKDOWN:
        out.write(markdown_quote(view, group))
        return
    if emit_one(out, quote_view_record(view, group), QUOTE_VIEW_FIELDS, fmt):
        return
    if fmt is Format.PLAIN:
        _quote_plain(out, view, group)
        return
    from rich.console import Group
    from rich.panel import Panel

    quote = view.quote
    parts: list[Any] = [out.highlighted(f"“{quote.text}”", [], ""), _quote_meta(out, quote)]
    if view.context is not None:
        offset = quote.start - view.context_start
        parts.append(
            Panel(
                out.highlighted(view.context, [(offset, offset + len(quote.text))]),
                title="context",
                title_align="left",
            )
        )
    if group and len(group.occurrences) > 1:
        parts += [out.text(group_summary(group), "bold"), _group_table(out, group)]
    title = out.text(f"quote {quote.id}")
    out.console().print(Panel(Group(*parts), title=title, title_align="left"))


def _quote_plain(out: Output, view, group) -> None:
    lines = [view.quote.citation(), ""]
    if view.context:
        lines.append(view.context)
    if group and len(group.occurrences) > 1:
        lines += ["", group_summary(group)]
        lines += [f"  {_occurrence_line(o, group)}" for o in group.occurrences]
    out.write("\n".join(lines) + "\n")


def _quote_meta(out: Output, quote):
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
        ("date", date_cell(quote.date, quote.date_text)),
        ("cite", f"{quote.where()} (chars {quote.start}–{quote.end})"),
    ]
    for name, value in rows:
        meta.add_row(name, out.text(value or None))
    return meta


def _evidence_cell(quote) -> str | None:
    """The article's words naming the speaker, where they stand and how they settled it."""
    evidence = quote.speaker_evidence
    if evidence is None:
        return None
    how = f", {quote.attribution}" if quote.attribution else ""
    return f"“{evidence.text}” (chars {evidence.start}–{evidence.end}{how})"


# --- groups: one statement across articles ------------------------------------------------

_OCCURRENCE_FIELDS = ("id", "doc", "path", "source", "date", "date_text", "url", "speaker")
# A statement is shown as its first-seen quote (whose id is the group's), then its spread.
_SPREAD_QUOTE_FIELDS = ("id", "text", "speaker", "source", "date", "date_text", "path")
SPREAD_FIELDS = (*_SPREAD_QUOTE_FIELDS, "occurrences", "outlets", "speakers", "attributions_differ")


def group_record(group) -> dict[str, Any]:
    return {
        "id": group.id,
        "first_seen": _occurrence_record(group.first_seen),
        "occurrences": [_occurrence_record(o) for o in group.occurrences],
        "outlets": group.outlets,
        "speakers": group.speakers,
        "attributions_differ": group.attributions_differ,
    }


def _occurrence_record(occurrence) -> dict[str, Any]:
    record = as_record(occurrence.quote, _OCCURRENCE_FIELDS)
    record.update(
        similarity=occurrence.similarity,
        text=occurrence.quote.text,
        changes=[asdict(change) for change in occurrence.changes],
    )
    return record


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


def render_spread(out: Output, groups, fmt: Format) -> None:
    records = [spread_record(group) for group in groups]
    if fmt in (Format.CSV, Format.TSV):  # one cell a value: lists as "a; b"
        for record in records:
            record["outlets"] = "; ".join(record["outlets"])
            record["speakers"] = "; ".join(record["speakers"])
    if fmt.is_machine:
        emit_records(out, records, SPREAD_FIELDS, fmt)
    elif not groups:
        out.no_matches()
    elif fmt is Format.TABLE:
        _spread_table(out, groups)
    else:
        for group in groups:
            first = group.first_seen.quote
            out.write(
                f"{group.id}\t{len(group.outlets)} outlets\t{group_summary(group)}\t"
                f"“{' '.join(first.text.split())}”\n"
            )


def _spread_table(out: Output, groups) -> None:
    from rich.table import Table

    table = Table(expand=True, show_lines=True)
    for name in ("outlets", "first seen", "said by", "words", "group"):
        table.add_column(name)
    for group in groups:
        first = group.first_seen.quote
        who = " / ".join(group.speakers) or "(unknown)"
        table.add_row(
            out.text(f"{len(group.outlets)} ({len(group.occurrences)} articles)"),
            out.multiline(first.source, date_cell(first.date, first.date_text)),
            out.text(who, "bold magenta" if group.attributions_differ else ""),
            out.text(f"“{' '.join(first.text.split())}”"),
            out.text(group.id),
        )
    out.console().print(table)


def group_summary(group) -> str:
    first = group.first_seen.quote
    seen = " ".join(p for p in (first.source, date_cell(first.date, first.date_text)) if p)
    outlets = len(group.outlets)
    # No outlet named by any of the articles: "in 0 outlets" would read as none at all.
    where = f" in {plural(outlets, 'outlet')}" if outlets else ", outlet unknown"
    line = f"first seen {seen} (quote {first.id}); {len(group.occurrences)} occurrences{where}"
    if group.attributions_differ:
        line += "; attributed to " + " and to ".join(group.speakers)
    return line


def change_line(change) -> str:
    if change.op == "insert":
        return f"+ {change.claimed}   (in the claim, not said)"
    if change.op == "delete":
        return f"- {' '.join(change.actual.split())}   (said, left out of the claim)"
    return f"~ {change.claimed} → {' '.join(change.actual.split())}"


def against_first(occurrence, group) -> str:
    """How an occurrence's words differ from the group's first-seen one."""
    if occurrence is group.first_seen:
        return "first seen"
    return "; ".join(change_line(change) for change in occurrence.changes) or "same words"


def _group_table(out: Output, group):
    from rich.table import Table

    table = Table(title="where else it was published", expand=True, show_lines=True)
    for name in ("source / date", "speaker", "differences from the first"):
        table.add_column(name)
    table.add_column("quote", overflow="fold", min_width=12)  # an id is never cut
    for occurrence in group.occurrences:
        quote = occurrence.quote
        table.add_row(
            out.multiline(quote.source, date_cell(quote.date, quote.date_text)),
            out.text(quote.speaker or "(unknown)"),
            out.text(against_first(occurrence, group)),
            out.multiline(quote.id, quote.doc),
        )
    return table


def _occurrence_line(occurrence, group) -> str:
    quote = occurrence.quote
    where = " · ".join(
        p for p in (quote.source, date_cell(quote.date, quote.date_text), quote.speaker) if p
    )
    return f"{quote.id}  {where}  {against_first(occurrence, group)}"
