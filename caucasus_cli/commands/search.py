"""`caucasus search`: ranked articles, their count, or their paths.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

from typing import Annotated

import typer

from ..cli import (
    ColourOption,
    ExactOption,
    FormatOption,
    IndexOption,
    PagerOption,
    SinceOption,
    SortOption,
    SourceOption,
    SpeakerOption,
    UntilOption,
    command,
    command_output,
    examples,
    found_if,
    open_index,
    parse_dates,
    speaker_keys,
)
from ..errors import ExitStatus
from ..models import SortOrder
from ..render import ColourMode


@command(
    "search",
    epilog=examples(
        'caucasus search "peace agreement"',
        "caucasus search 'title:ceasefire OR truce' --since 2020-10 --until 2020-11",
        "caucasus search Karabakh --sort -date --limit 20 --format jsonl",
        "caucasus search Lachin --files | xargs grep -l corridor",
    ),
)
def search_command(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help='Words, "phrases", AND/OR/NOT, field:value (see `caucasus help query`).',
        ),
    ],
    source: SourceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    sort: SortOption = SortOrder.score,
    limit: Annotated[
        int | None,
        typer.Option(metavar="N", help="Number of results [default: 10; all with --files].", min=1),
    ] = None,
    offset: Annotated[int, typer.Option(metavar="N", help="Skip this many results.", min=0)] = 0,
    count: Annotated[
        bool, typer.Option("--count", help="Print the number of matching articles.")
    ] = False,
    files: Annotated[
        bool, typer.Option("--files", "-l", help="Print the paths of matching files, one a line.")
    ] = False,
    null: Annotated[
        bool,
        typer.Option(
            "--null", "-0", help="With -l: end each path with NUL, for `xargs -0` (as rg -0)."
        ),
    ] = False,
    literal: Annotated[
        bool, typer.Option("--literal", help="Search the words as plain text, not query syntax.")
    ] = False,
    exact: ExactOption = False,
    speaker: SpeakerOption = None,
    index: IndexOption = None,
    output: FormatOption = None,
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Full-text search, ranked, with highlighted snippets."""
    from ..render.articles import hit_records, render_count, render_paths, render_search
    from ..search.articles import SearchOptions, search_articles, undated_left_out

    out = command_output(colour, no_pager)
    if null and not files:
        raise typer.BadParameter("goes with -l/--files", param_hint="'--null'")
    first, last = parse_dates(since, until)
    options = SearchOptions(
        query=query,
        source=source,
        since=first,
        until=last,
        # --files lists every match, like grep -l, unless a --limit is given
        limit=limit if limit is not None else (None if files else 10),
        offset=offset,
        literal=literal,
        exact=exact,
        sort=sort,
        snippets=not files,
    )
    with open_index(out, index) as corpus:
        if speaker:
            options.speaker_keys = speaker_keys(corpus, speaker)
        result = search_articles(corpus, options)
        undated = undated_left_out(corpus, options)
    # With --count the number is the answer; else the page (past the last hit it is empty).
    code = found_if(result.total if count else result.hits)
    fmt = out.format(output)
    with out.results(code, paged=not count and not files):
        if count:
            render_count(out, result.total, hit_records(result.hits), fmt)
        elif files:
            render_paths(out, (hit.path for hit in result.hits), null=null)
        else:
            render_search(out, result, fmt)
        if undated:  # a date filter silently shrinking the answer misleads
            out.note(
                f"{undated} matching article{'s' if undated != 1 else ''} with no date left out "
                "by --since/--until (search without them to see those)"
            )
    return code
