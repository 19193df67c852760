"""Markdown: an evidence report to paste into an article or a ticket; and the help
topics (`caucasus help TOPIC`)."""

from __future__ import annotations

from enum import StrEnum

from .output import Output
from .quotes import against_first, change_line, group_summary
from .writers import date_cell, plain_value


class HelpTopic(StrEnum):
    QUERY = "query"


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


HELP_TOPICS = {HelpTopic.QUERY: QUERY_HELP}


def render_help(out: Output, topic: HelpTopic) -> None:
    out.write(HELP_TOPICS[topic])


# --- markdown ------------------------------------------------------------------------------


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
    when = date_cell(quote.date, quote.date_text)
    parts = [_md(quote.source or "source not stated"), _md(when if when != "—" else "undated")]
    if quote.title:
        parts.append(f"“{_md(quote.title)}”")
    return ", ".join(parts)


def _md_group(group) -> list[str]:
    if group is None or len(group.occurrences) < 2:
        return []
    lines = ["", f"**Where else:** {_md(group_summary(group))}.", ""]
    lines += [
        "| source | date | speaker | differences from the first | where |",
        "|---|---|---|---|---|",
    ]
    for occurrence in group.occurrences:
        quote = occurrence.quote
        said = against_first(occurrence, group)
        lines.append(
            f"| {_md(quote.source or '—')} | {_md(date_cell(quote.date, quote.date_text))} | "
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
        lines.append("**Differences:** " + _md("; ".join(change_line(c) for c in best.changes)))
    quote = best.quote
    if quote is not None:
        lines.append(f"**Speaker:** {_md(quote.speaker or 'unattributed')}")
        lines.append(f"**Published:** {_md_source(quote)}")
        lines.append(f"**Where:** {_md_code(quote.where())}, quote {quote.id}")
    else:
        lines.append(
            "**Published:** article text, nobody's quote: "
            + _md(", ".join(p for p in (best.source, plain_value(best.date), best.title) if p))
        )
        lines.append(f"**Where:** {_md_code(best.path or best.doc or '')}")
    lines += _md_group(group)
    return "\n".join(lines) + "\n"
