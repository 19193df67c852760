"""`check`: verdicts on claimed quotes, with their evidence."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .output import Format, Output
from .quotes import change_line, group_record, group_summary
from .writers import date_cell, emit_records, plain_value

VERDICT_FIELDS = (
    "claim", "verdict", "speaker", "said_by", "similarity", "id", "quote_speaker",
    "speaker_role", "kind", "doc", "path", "title", "source", "date", "date_text", "passage",
    "start", "end", "changes", "evidence", "group", "claim_start", "claim_end",
)  # fmt: skip
_EVIDENCE_FIELDS = (
    "id", "quote_speaker", "speaker_role", "kind", "doc", "path", "title", "source",
    "date", "date_text", "similarity", "passage", "start", "end",
)  # fmt: skip
_VERDICT_STYLE = {
    "confirmed": "bold green",
    "misquoted": "bold yellow",
    "misattributed": "bold magenta",
    "not_quoted": "bold cyan",
    "not_found": "bold red",
}


def evidence_date(evidence) -> str:
    # Article text that is nobody's quote carries no date as written, only the day.
    date_text = evidence.quote.date_text if evidence.quote else None
    return date_cell(evidence.date, date_text)


def _evidence_record(evidence) -> dict[str, Any]:
    quote = evidence.quote
    return {
        "id": quote.id if quote else None,
        "quote_speaker": quote.speaker if quote else None,
        "speaker_role": quote.speaker_role if quote else None,
        "kind": quote.kind if quote else None,
        "doc": evidence.doc,
        "path": evidence.path,
        "title": evidence.title,
        "source": evidence.source,
        "date": plain_value(evidence.date),
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


def render_verdicts(out: Output, verdicts: list, fmt: Format, *, single: bool, groups=None):
    """`single`: one claim given on the command line (an object in JSON, a panel on a
    terminal), not a file of claims (an array, a table), however many lines it has.
    `groups`: for each verdict, the group of its best evidence (or None)."""
    groups = groups or [None] * len(verdicts)
    if fmt is Format.MARKDOWN:
        from .markdown import markdown_verdict

        out.write("\n".join(markdown_verdict(v, g) for v, g in zip(verdicts, groups, strict=True)))
        return
    if fmt is Format.CLAIMREVIEW:  # one array, as json
        from .claimreview import render_claim_reviews

        render_claim_reviews(out, verdicts, groups)
        return
    records = [verdict_record(v, g) for v, g in zip(verdicts, groups, strict=True)]
    if fmt.is_machine:  # json: one array, however the claims were given
        emit_records(out, records, VERDICT_FIELDS, fmt)
    elif fmt is Format.TABLE and single:
        _verdict_panel(out, verdicts[0], groups[0])
    elif fmt is Format.TABLE:
        _verdict_table(out, verdicts)
    else:
        for verdict, record in zip(verdicts, records, strict=True):
            _verdict_plain(out, verdict, record)
            if single:  # a single claim: where it was said, and the differences
                _verdict_plain_detail(out, verdict, groups[0])


def _verdict_plain(out: Output, verdict, record: dict[str, Any]) -> None:
    who = record["said_by"] or record["quote_speaker"] or ""
    similarity = "" if record["similarity"] is None else f"{record['similarity']:.2f}"
    out.write(f"{verdict.verdict}\t{similarity}\t{who}\t{record['id'] or ''}\t{verdict.claim}\n")


def _verdict_plain_detail(out: Output, verdict, group) -> None:
    best = verdict.best
    if best is not None:
        lines = [f"  {_where(best)}", f"  said: {' '.join(best.passage.split())}"]
        lines += [f"  {change_line(change)}" for change in best.changes]
        out.write("\n".join(lines) + "\n")
    if group and len(group.occurrences) > 1:
        out.write(f"  {group_summary(group)}\n")


def _where(best) -> str:
    return " · ".join(
        part
        for part in (
            best.quote.speaker if best.quote else "(not a quote)",
            best.source,
            evidence_date(best) if (best.date or best.quote) else None,
            best.doc,
        )
        if part
    )


def _diff_text(evidence):
    """The passage as said, with the claim's differences marked inline: what was
    claimed → what was said, as in every other view."""
    from rich.text import Text

    from .output import visible

    text = Text()
    for step in evidence.diff:
        actual = visible(" ".join(step.actual.split()))
        claimed = visible(step.claimed or "")
        if step.op == "equal":
            text.append(actual)
        elif step.op == "insert":
            text.append(f"[+{claimed}]", style="bold green")
        elif step.op == "delete":
            text.append(f"[-{actual}]", style="bold red strike")
        else:
            text.append(f"[{claimed}→", style="bold green")
            text.append(f"{actual}]", style="bold red")
        text.append(" ")
    return text


def _verdict_panel(out: Output, verdict, group=None) -> None:
    from rich.console import Group
    from rich.panel import Panel

    parts: list[Any] = [out.text(f"“{verdict.claim}”")]
    if verdict.said_by:
        parts.append(out.text(f"said by {verdict.said_by}, not {verdict.speaker}", "magenta"))
    if verdict.best and verdict.best.changes:
        parts += [out.text("claimed → said (+ claimed only, − said but left out):", "dim"),
                  _diff_text(verdict.best)]  # fmt: skip
    if verdict.evidence:
        parts.append(_evidence_table(out, verdict.evidence))
    if group and len(group.occurrences) > 1:
        parts.append(out.text(group_summary(group), "bold"))
    style = _VERDICT_STYLE.get(verdict.verdict, "bold")
    title = out.text(verdict.verdict, style)
    out.console().print(Panel(Group(*parts), title=title, title_align="left"))


def _evidence_table(out: Output, evidence):
    from rich.table import Table

    table = Table(title="evidence", expand=True, show_lines=True)
    for name in ("similarity", "speaker", "source / date"):
        table.add_column(name)
    # The words said, and the ids to look them up by, are never cut short ("Nagorno-Kara…").
    table.add_column("passage", overflow="fold")
    table.add_column("quote", overflow="fold", min_width=12)
    for item in evidence:
        table.add_row(
            out.text(f"{item.similarity:.2f}"),
            out.text((item.quote.speaker or "(unknown)") if item.quote else "(not a quote)"),
            out.multiline(item.source, evidence_date(item)),
            out.text(" ".join(item.passage.split())),
            out.multiline(item.quote.id, item.doc) if item.quote else out.text(item.doc or ""),
        )
    return table


def _verdict_table(out: Output, verdicts) -> None:
    from rich.table import Table

    table = Table(expand=True, show_lines=True)
    for name in ("verdict", "claim", "said by", "source / date"):
        table.add_column(name)
    table.add_column("quote", overflow="fold", min_width=12)  # an id is never cut
    for verdict in verdicts:
        best = verdict.best
        style = _VERDICT_STYLE.get(verdict.verdict, "")
        table.add_row(
            out.text(verdict.verdict, style),
            out.text(verdict.claim),
            out.text(verdict.said_by or (best.quote.speaker if best and best.quote else "") or ""),
            out.multiline(best.source, evidence_date(best)) if best else out.text(""),
            out.text(best.quote.id if best and best.quote else ""),
        )
    out.console().print(table)
