"""`caucasus quotes`: quotes by speaker, kind, outlet and date; a quote's group;
statements run by several outlets.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

import enum
from typing import Annotated

import typer

from ..cli import (
    ColourOption,
    ExactOption,
    FormatOption,
    IndexOption,
    PagerOption,
    SinceOption,
    SourceOption,
    SpeakerOption,
    UntilOption,
    command,
    command_output,
    examples,
    found_if,
    one_id,
    open_index,
    parse_dates,
    speaker_keys,
)
from ..errors import ExitStatus, NothingFound
from ..models import QuoteKind, SortOrder
from ..render import ColourMode, Format, Output

KindChoice = enum.StrEnum("KindChoice", {**{k.name: k.value for k in QuoteKind}, "ALL": "all"})


@command(
    "quotes",
    epilog=examples(
        "caucasus quotes --speaker abdullayeva",
        "caucasus quotes withdrawal --kind all --sort -date",
        "caucasus quotes --speaker Aliyev --since 2021 --count",
        "caucasus quotes --group bae15baa254c     # every article that ran the same words",
    ),
)
def quotes_command(
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            help="Words to find in the quotes (query syntax as in search).",
            show_default=False,
        ),
    ] = None,
    speaker: SpeakerOption = None,
    kind: Annotated[
        KindChoice, typer.Option(help="Direct quotations, reported speech, or all.")
    ] = KindChoice.DIRECT,
    source: SourceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    sort: Annotated[
        SortOrder,
        typer.Option(
            help="score (relevance with QUERY, else text order), date (oldest first) or "
            "-date (newest first); quotes from undated articles come last either way.",
            case_sensitive=False,
        ),
    ] = SortOrder.score,
    limit: Annotated[
        int | None,
        typer.Option(
            metavar="N", help="Number of quotes (default: all).", min=1, show_default=False
        ),
    ] = None,
    offset: Annotated[int, typer.Option(metavar="N", help="Skip this many quotes.", min=0)] = 0,
    count: Annotated[bool, typer.Option("--count", help="Print the number of quotes.")] = False,
    group: Annotated[
        str | None,
        typer.Option(
            "--group",
            metavar="ID",
            help="The quotes that are the same words as quote ID (or a fragment, or a few "
            "words changed), in every article, first seen first.",
            show_default=False,
        ),
    ] = None,
    spread: Annotated[
        bool,
        typer.Option(
            "--spread",
            help="Statements published by several outlets, most outlets first: each with "
            "where it was first seen and who it was attributed to.",
        ),
    ] = False,
    exact: ExactOption = False,
    index: IndexOption = None,
    output: FormatOption = None,
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """List quotes, filtered by speaker, kind, outlet and date."""
    from ..render.articles import render_count
    from ..render.quotes import render_quotes
    from ..search.quotes import QuoteFilter, stream_quotes

    out = command_output(colour, no_pager)
    fmt = out.format(output)
    first, last = parse_dates(since, until)
    wanted = QuoteFilter(
        query=query,
        kind=None if kind.value == "all" else QuoteKind(kind.value),
        source=source,
        since=first,
        until=last,
        limit=1 if count else limit,
        offset=offset,
        exact=exact,
        sort=sort,
    )
    if spread:
        return _spread(out, index, fmt, wanted, speaker, count)
    with open_index(out, index) as corpus:
        if speaker:
            wanted.speaker_keys = speaker_keys(corpus, speaker)
        stream = _group_of(corpus, group, wanted) if group else stream_quotes(corpus, wanted)
        if count:
            code = found_if(stream.total)
            with out.results(code):
                render_count(out, stream.total, [], fmt)
            return code
        # Written while read from the index: the first lines show at once.
        with out.results(ExitStatus.FOUND, paged=True):
            written = render_quotes(out, stream, fmt)
    return found_if(written)


def _group_of(corpus, quote_id: str, wanted):
    from ..search.groups import group_listing, quote_group
    from ..search.quotes import find_quote_ids, get_quote

    found = one_id(find_quote_ids(corpus, quote_id), quote_id, "quote", "caucasus quotes")
    quote = get_quote(corpus, found)
    if quote is None:  # gone between the two reads (a concurrent re-index)
        raise NothingFound(f"no quote {quote_id!r}", "list them with `caucasus quotes`")
    return group_listing(corpus, quote_group(corpus, quote), wanted)


def _spread(
    out: Output, index: str | None, fmt: Format, wanted, speaker: str | None, count: bool
) -> ExitStatus:
    from ..render.articles import render_count
    from ..render.quotes import render_spread
    from ..search.groups import spread

    limit, offset = wanted.limit, wanted.offset
    with open_index(out, index) as corpus:
        if speaker:
            wanted.speaker_keys = speaker_keys(corpus, speaker)
        groups = spread(corpus, wanted=wanted)
    code = found_if(groups)
    with out.results(code, paged=not count):
        if count:
            render_count(out, len(groups), [], fmt)
        else:
            end = None if limit is None else offset + limit
            render_spread(out, groups[offset:end], fmt)
    return code
