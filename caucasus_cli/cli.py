"""The `caucasus` command: parse options, call the core, render. Nothing else.

Exit codes, like grep: 0 something found, 1 nothing found, 2 usage, query or
input error (130 when interrupted); `check` and `quote --cite` use 3 for "found, but
not as claimed / not verifiable".
"""

import datetime as dt
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from . import render

FOUND, NOTHING_FOUND, USAGE_ERROR, DIFFERS, INTERRUPTED = 0, 1, 2, 3, 130
COMPLETE_VAR = "_CAUCASUS_COMPLETE"

app = typer.Typer(
    name="caucasus",
    no_args_is_help=True,
    # Completion is the `completion SHELL` command, and completion requests are answered
    # from main(): Typer's --install-completion option costs imports at every start-up.
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Rich-formatted help costs ~70 ms of imports on every `--help`.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _Command(typer.core.TyperCommand):
    """Usage lines read `caucasus search [OPTIONS] QUERY`, not Typer's `{QUERY}`."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [
            piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
            for piece in super().collect_usage_pieces(ctx)
        ]


def _examples(*lines: str) -> str:
    """A help epilog of examples, kept as written (`\\b` stops Click re-wrapping it)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"caucasus {__version__}")
        raise typer.Exit(FOUND)


@app.callback(
    epilog=_examples(
        'caucasus search "peace agreement" --since 2021',
        "caucasus quotes --speaker Bayramov --sort -date",
        'caucasus check "The Nagorno-Karabakh conflict is a thing of the past."',
        "caucasus help query              # the query language",
    )
)
def _main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Search news on the Armenia–Azerbaijan conflict: who said what, when, and where."""
    render.set_colour(ColourMode.auto.value)  # until a command's --color says otherwise


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


class ReportFormat(enum.StrEnum):
    """The listing formats, and markdown: an evidence report for `check` and `quote`."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class ColourMode(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class Sort(enum.StrEnum):
    score = "score"
    date = "date"
    newest = "-date"


IndexOption = Annotated[
    str | None,  # not Path: Path("") would silently be the current folder
    typer.Option(
        "--index",
        metavar="DIR",
        help="Index folder. Default: $CAUCASUS_INDEX, else ~/.local/share/caucasus/index.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, plain text in a pipe.",
        case_sensitive=False,
        show_default=False,
    ),
]
ReportFormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format; markdown writes an evidence report to paste into an article "
        "or a ticket. Default: table on a terminal, plain text in a pipe.",
        case_sensitive=False,
        show_default=False,
    ),
]
ColourOption = Annotated[
    ColourMode,
    typer.Option(
        "--color",
        help="Colour: auto (terminal; NO_COLOR and FORCE_COLOR honoured), always, never.",
        case_sensitive=False,
    ),
]
PagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Do not page long output ($CAUCASUS_PAGER, $PAGER, else less -FRX).",
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="YYYY-MM-DD",
        help="From this day on (YYYY-MM or YYYY: from its first day).",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        metavar="YYYY-MM-DD",
        help="Up to this day (YYYY-MM or YYYY: to its last day).",
        show_default=False,
    ),
]
SortOption = Annotated[
    Sort,
    typer.Option(
        help="score (relevance), date (oldest first) or -date (newest first); "
        "undated articles come last either way.",
        case_sensitive=False,
    ),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        metavar="OUTLET",
        help="Only this outlet (as the article names itself).",
        show_default=False,
    ),
]
SpeakerOption = Annotated[
    str | None,
    typer.Option(
        metavar="NAME",
        help="Only this speaker: full name, alias or surname.",
        show_default=False,
        autocompletion=lambda incomplete: _complete_speakers(incomplete),
    ),
]
ExactOption = Annotated[
    bool, typer.Option("--exact", help="Do not widen names to their spelling variants.")
]


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn the core's expected failures into one line on stderr and an exit code."""
    from .errors import CaucasusError

    try:
        yield
    except CaucasusError as problem:
        render.error(problem.line(), problem.hint)
        raise typer.Exit(USAGE_ERROR) from None
    except KeyboardInterrupt:
        render.error("interrupted; the index is as it was before this run")
        raise typer.Exit(INTERRUPTED) from None


@contextmanager
def _writing_results(exit_code: int, *, pager: bool = False) -> Iterator[None]:
    """Write results to stdout, through the pager when asked and on a terminal. A reader
    that stops early (`| head`, quitting the pager) ends the command quietly with the
    code its results call for, as grep does; a write that fails (disk full, closed
    stdout) is one line on stderr and exit code 2."""
    try:
        with render.paged(pager):
            yield
            render.flush_stdout()
    except BrokenPipeError:
        render.detach_stdout()
        raise typer.Exit(exit_code) from None
    except OSError as problem:
        render.detach_stdout()
        render.error(f"cannot write the results: {problem.strerror or problem}")
        raise typer.Exit(USAGE_ERROR) from None


def _note_waiting(index_dir: Path):
    return lambda: render.note(
        f"waiting for another caucasus command to finish building the index at {index_dir}"
    )


def _open_index(index_option: str | None):
    """The index to read; built from the bundled corpus first if there is none yet."""
    from .config import bundled_corpus_dir, resolve_index_dir
    from .index.store import CorpusIndex, index_ready

    index_dir = resolve_index_dir(index_option)
    if index_ready(index_dir):
        return CorpusIndex(index_dir)
    from .index.sync import ensure_index  # the indexer's imports: only when building

    with render.progress_bar("indexing") as progress:
        ensure_index(
            index_dir,
            [bundled_corpus_dir()],
            progress=progress,
            on_build=lambda: render.note(
                f"no index at {index_dir} yet; building one from the bundled corpus"
            ),
            on_wait=_note_waiting(index_dir),
        )
    return CorpusIndex(index_dir)


def _dates(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """`--since`/`--until` as days; a bad date or an empty range is a usage error."""
    from .search.articles import parse_day

    days = []
    for name, value, last in (("--since", since, False), ("--until", until, True)):
        try:
            days.append(parse_day(value, last=last) if value else None)
        except ValueError as problem:
            raise typer.BadParameter(str(problem), param_hint=f"'{name}'") from None
    first, final = days
    if first and final and first > final:
        raise typer.BadParameter(
            f"--since {since} is after --until {until}: no day is in that range",
            param_hint="'--since'",
        )
    return first, final


def _format(option: OutputFormat | ReportFormat | None) -> str:
    return render.resolve_format(option.value if option else None)


def _terminal(colour: ColourMode) -> None:
    render.set_colour(colour.value)


@app.command(
    cls=_Command,
    name="index",
    epilog=_examples(
        "caucasus index ~/news/karabakh          # add or re-sync a folder",
        "caucasus index                          # re-sync every folder of this index",
        "caucasus index --rebuild ~/news/2020    # afresh, from exactly this folder",
        "caucasus status                         # what the index holds",
    ),
)
def index_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or folders to index (.txt, .md, .html, .jsonl, .csv, recursively). "
            "Default: the folders this index was built from, or the bundled corpus for a "
            "new index.",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Start the index afresh: from PATHs alone when given, else from the "
            "folders it was built from.",
        ),
    ] = False,
    max_size: Annotated[
        float,
        typer.Option(metavar="MB", help="Skip files larger than this many megabytes.", min=0.001),
    ] = 20.0,
    wait: Annotated[
        float,
        typer.Option(
            metavar="SECONDS", help="Seconds to wait for another indexing run to finish.", min=0
        ),
    ] = 0.0,
    fields: Annotated[
        str | None,
        typer.Option(
            help="Field names of JSONL/CSV exports, e.g. text=body,date=published_at "
            "(roles: text, title, url, date, source, author, id). Add --rebuild to re-read "
            "files already indexed.",
            show_default=False,
        ),
    ] = None,
    forget: Annotated[
        list[Path] | None,
        typer.Option(
            help="Drop this folder and its articles from the index (repeatable).",
            show_default=False,
        ),
    ] = None,
    index: IndexOption = None,
) -> None:
    """Index article files: incremental, only changed files are read again."""
    from .config import bundled_corpus_dir, resolve_index_dir
    from .index.sync import sync_index
    from .ingest.exports import parse_fields_option

    with _user_errors(), render.progress_bar("indexing") as progress:
        index_dir = resolve_index_dir(index)
        report = sync_index(
            index_dir,
            paths or None,
            first_roots=[bundled_corpus_dir()],
            rebuild=rebuild,
            forget=forget or (),
            max_bytes=int(max_size * 1024 * 1024),
            wait_seconds=wait,
            progress=progress,
            notice=lambda path, reason: render.warning(f"{path}: {reason}"),
            fields=parse_fields_option(fields) if fields else None,
            on_wait=_note_waiting(index_dir),
        )
    render.render_index_report(report, index_dir)


@app.command(
    cls=_Command,
    name="status",
    epilog=_examples(
        "caucasus status",
        "caucasus status --format json",
        "caucasus status --index ~/work/karabakh-index",
    ),
)
def status_command(index: IndexOption = None, output: FormatOption = None) -> None:
    """The index: where it is, what it was built from, what it holds, when it was synced."""
    from .config import bundled_corpus_dir, resolve_index_dir
    from .index.store import index_exists, index_stats

    index_dir = resolve_index_dir(index)
    if not index_exists(index_dir):
        render.error(f"no index at {index_dir}", "run `caucasus index PATH`")
        raise typer.Exit(NOTHING_FOUND)
    with _user_errors():
        stats = index_stats(index_dir)
    record = _status_record(stats, bundled_corpus_dir())
    with _writing_results(FOUND):
        render.render_status(record, _format(output))


def _status_record(stats, bundled: Path) -> dict:
    last = (
        dt.datetime.fromtimestamp(stats.last_sync).astimezone().isoformat(timespec="seconds")
        if stats.last_sync
        else None
    )
    return {
        "index": stats.index,
        "schema_version": stats.schema_version,
        "articles": stats.articles,
        "quotes": stats.quotes,
        "speakers": stats.speakers,
        "size": stats.size,
        "last_sync": last,
        "roots": stats.roots,
        "missing_roots": stats.missing_roots,
        "bundled_corpus": str(bundled.resolve()) in {str(Path(r).resolve()) for r in stats.roots},
    }


@app.command(
    cls=_Command,
    name="search",
    epilog=_examples(
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
    sort: SortOption = Sort.score,
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
    literal: Annotated[
        bool, typer.Option("--literal", help="Search the words as plain text, not query syntax.")
    ] = False,
    exact: ExactOption = False,
    speaker: SpeakerOption = None,
    index: IndexOption = None,
    output: FormatOption = None,
    colour: ColourOption = ColourMode.auto,
    no_pager: PagerOption = False,
) -> None:
    """Full-text search, ranked, with highlighted snippets."""
    from .search.articles import SearchOptions, SortOrder, search_articles

    _terminal(colour)
    first, last = _dates(since, until)
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
        sort=SortOrder(sort.value),
        snippets=not files,
    )
    with _user_errors(), _open_index(index) as corpus:
        if speaker:
            options.speaker_keys = _speaker_keys(corpus, speaker)
        result = search_articles(corpus, options)
    # With --count the number is the answer; else the page (past the last hit it is empty).
    code = FOUND if (result.total if count else result.hits) else NOTHING_FOUND
    with _writing_results(code, pager=not no_pager and not count and not files):
        if count:
            render.render_count(
                result.total, [render.as_record(h, render.HIT_FIELDS) for h in result.hits],
                _format(output),
            )  # fmt: skip
        elif files:
            render.render_paths(hit.path for hit in result.hits)
        else:
            render.render_search(result, _format(output))
    raise typer.Exit(code)


def _speaker_keys(corpus, name: str) -> list[str]:
    """Index keys for `--speaker NAME`; exit 1 with suggestions when nobody matches."""
    from .search.quotes import resolve_speaker

    match = resolve_speaker(corpus, name)
    if not match.keys:
        hint = f"did you mean: {', '.join(match.suggestions)}" if match.suggestions else None
        render.error(f"no quoted speaker matches {name!r}", hint)
        raise typer.Exit(NOTHING_FOUND)
    return match.keys


@app.command(
    cls=_Command,
    name="speakers",
    epilog=_examples(
        "caucasus speakers",
        "caucasus speakers --format csv > speakers.csv",
        "caucasus speakers --format jsonl | jq -r 'select(.quotes > 5) | .speaker'",
    ),
)
def speakers_command(
    index: IndexOption = None,
    output: FormatOption = None,
    colour: ColourOption = ColourMode.auto,
    no_pager: PagerOption = False,
) -> None:
    """Everyone quoted: role, number of quotes and articles, aliases."""
    from .search.quotes import list_speakers

    _terminal(colour)
    with _user_errors(), _open_index(index) as corpus:
        speakers = list_speakers(corpus)
    code = FOUND if speakers else NOTHING_FOUND
    with _writing_results(code, pager=not no_pager):
        render.render_speakers(speakers, _format(output))
    raise typer.Exit(code)


class QuoteKind(enum.StrEnum):
    direct = "direct"
    indirect = "indirect"
    all = "all"


@app.command(
    cls=_Command,
    name="quotes",
    epilog=_examples(
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
        QuoteKind, typer.Option(help="Direct quotations, reported speech, or all.")
    ] = QuoteKind.direct,
    source: SourceOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    sort: Annotated[
        Sort,
        typer.Option(
            help="score (relevance with QUERY, else text order), date (oldest first) or "
            "-date (newest first); quotes from undated articles come last either way.",
            case_sensitive=False,
        ),
    ] = Sort.score,
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
    colour: ColourOption = ColourMode.auto,
    no_pager: PagerOption = False,
) -> None:
    """List quotes, filtered by speaker, kind, outlet and date."""
    from .models import QuoteKind as Kind
    from .models import SortOrder
    from .search.quotes import QuoteFilter, stream_quotes

    _terminal(colour)
    first, last = _dates(since, until)
    wanted = QuoteFilter(
        query=query,
        kind=None if kind.value == "all" else Kind(kind.value),
        source=source,
        since=first,
        until=last,
        limit=1 if count else limit,
        offset=offset,
        exact=exact,
        sort=SortOrder(sort.value),
    )
    if spread:
        _spread(index, _format(output), wanted, speaker, count)
    with _user_errors(), _open_index(index) as corpus:
        if speaker:
            wanted.speaker_keys = _speaker_keys(corpus, speaker)
        stream = _group_of(corpus, group, wanted) if group else stream_quotes(corpus, wanted)
        if count:
            code = FOUND if stream.total else NOTHING_FOUND
            with _writing_results(code):
                render.render_count(stream.total, [], _format(output))
            raise typer.Exit(code)
        # Written while read from the index: the first lines show at once.
        with _writing_results(FOUND, pager=not no_pager):
            written = render.render_quotes(stream, _format(output))
    raise typer.Exit(FOUND if written else NOTHING_FOUND)


def _group_of(corpus, quote_id: str, wanted):
    from .search.groups import group_listing, quote_group
    from .search.quotes import find_quote_ids, get_quote

    found = _resolve_id(find_quote_ids(corpus, quote_id), quote_id, "quote", "caucasus quotes")
    quote = get_quote(corpus, found)
    if quote is None:  # gone between the two reads (a concurrent re-index)
        render.error(f"no quote {quote_id!r}", "list them with `caucasus quotes`")
        raise typer.Exit(NOTHING_FOUND)
    return group_listing(corpus, quote_group(corpus, quote), wanted)


def _spread(index: str | None, fmt: str, wanted, speaker: str | None, count: bool) -> None:
    from .search.groups import spread

    limit, offset = wanted.limit, wanted.offset
    with _user_errors(), _open_index(index) as corpus:
        if speaker:
            wanted.speaker_keys = _speaker_keys(corpus, speaker)
        groups = spread(corpus, wanted=wanted)
    code = FOUND if groups else NOTHING_FOUND
    with _writing_results(code):
        if count:
            render.render_count(len(groups), [], fmt)
        else:
            end = None if limit is None else offset + limit
            render.render_spread(groups[offset:end], fmt)
    raise typer.Exit(code)


def _resolve_id(found: list[str], given: str, what: str, listing: str) -> str:
    """The one id `given` stands for; else exit 1 saying "no …" or "ambiguous: …"."""
    if len(found) == 1:
        return found[0]
    if not found:
        render.error(f"no {what} {given!r}", f"list them with `{listing}`")
    else:
        shown = ", ".join(found[:10]) + (", …" if len(found) > 10 else "")
        render.error(f"ambiguous: {given!r} starts several {what} ids: {shown}")
    raise typer.Exit(NOTHING_FOUND)


@app.command(
    cls=_Command,
    name="quote",
    epilog=_examples(
        "caucasus quote bae15baa254c",
        "caucasus quote bae15 --cite              # a unique prefix is enough",
        "caucasus quote bae15baa254c --cite --format json",
        "caucasus quote bae15baa254c --format markdown > evidence.md",
    ),
)
def quote_command(
    quote_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Quote id as listed by `quotes`, or a unique prefix of one.",
        ),
    ],
    cite: Annotated[
        bool,
        typer.Option(
            "--cite",
            help="Print one ready citation line (exit 3 if the file changed since indexing).",
        ),
    ] = False,
    context: Annotated[
        int, typer.Option(metavar="N", help="Paragraphs of context on each side.", min=0)
    ] = 1,
    index: IndexOption = None,
    output: ReportFormatOption = None,
    colour: ColourOption = ColourMode.auto,
) -> None:
    """Show one quote with speaker, source and the paragraphs around it, and where else
    the same words were published (first seen first, with how each differs)."""
    from .search.groups import quote_group
    from .search.quotes import find_quote_ids, quote_in_context

    _terminal(colour)
    with _user_errors(), _open_index(index) as corpus:
        found = find_quote_ids(corpus, quote_id)
        view = quote_in_context(corpus, _resolve_id(found, quote_id, "quote", "caucasus quotes"))
        if view is None:  # gone between the two reads (a concurrent re-index)
            render.error(f"no quote {quote_id!r}", "list them with `caucasus quotes`")
            raise typer.Exit(NOTHING_FOUND)
        group = None if cite else quote_group(corpus, view.quote)
    # A citation whose offsets cannot be checked against the file is not one to print
    # silently: the words, line and offsets may no longer be those of the file.
    code = DIFFERS if cite and view.warning else FOUND
    with _writing_results(code):
        if cite:
            render.render_citation(view, _format(output) if output else "plain")
        else:
            render.render_quote_view(view, _format(output), group)
    raise typer.Exit(code)


@app.command(
    cls=_Command,
    name="show",
    epilog=_examples(
        "caucasus show 001_7e16cc46a88fe3df",
        "caucasus show 001                        # a unique prefix is enough",
        "caucasus show 001 --format json | jq -r .body",
    ),
)
def show_command(
    doc: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Document id (or a unique prefix of one).",
            autocompletion=lambda incomplete: _complete_docs(incomplete),
        ),
    ],
    index: IndexOption = None,
    output: FormatOption = None,
    colour: ColourOption = ColourMode.auto,
    no_pager: PagerOption = False,
) -> None:
    """Show one article with its metadata."""
    from .search.show import find_article

    _terminal(colour)
    with _user_errors(), _open_index(index) as corpus:
        lookup = find_article(corpus, doc)
        if lookup.record is None:
            _resolve_id(lookup.candidates, doc, "article", "caucasus search")
    with _writing_results(FOUND, pager=not no_pager):
        render.render_article(lookup.record, _format(output))


@app.command(
    cls=_Command,
    name="check",
    epilog=_examples(
        'caucasus check "The Nagorno-Karabakh conflict is a thing of the past."',
        'caucasus check "We want a peaceful settlement" --speaker Aliyev',
        "caucasus check --file claims.txt --format jsonl",
        "caucasus check --document draft.md --format markdown > evidence.md",
    ),
)
def check_command(
    claim: Annotated[
        str | None,
        typer.Argument(
            metavar="[CLAIM]",
            help="The claimed words; - reads them from stdin.",
            show_default=False,
        ),
    ] = None,
    speaker: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Who the claim says spoke them.", show_default=False),
    ] = None,
    claims_file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            metavar="FILE",
            help="Check one claim per line of this file.",
            show_default=False,
        ),
    ] = None,
    document: Annotated[
        Path | None,
        typer.Option(
            "--document",
            metavar="FILE",
            help="Check every quote of a draft article (.md or .txt; - for stdin) with the "
            "speaker the draft gives it.",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    index: IndexOption = None,
    output: ReportFormatOption = None,
    colour: ColourOption = ColourMode.auto,
) -> None:
    """Were these words really said, by whom, where and when?

    Exit code 0 confirmed, 1 not found, 3 found but different (misquoted,
    misattributed, not_quoted), 2 usage error. With --file: 0 if every claim is
    confirmed, 1 if any is not found, else 3. With --document the same, for the
    draft's quotes, and a summary line on stderr.
    """
    import sys

    from .search.check import check_claim, check_document, summary_line
    from .search.groups import evidence_group

    _terminal(colour)
    first, last = _dates(since, until)
    draft = _read_draft(document, sys.stdin) if document is not None else None
    claims = [] if draft is not None else _read_claims(claim, claims_file, sys.stdin)
    if draft is not None and (claim is not None or claims_file is not None):
        render.error("give a claim, --file FILE or --document FILE, not several")
        raise typer.Exit(USAGE_ERROR)
    with _user_errors(), _open_index(index) as corpus:
        if draft is not None:
            verdicts = check_document(corpus, draft, since=first, until=last)
        else:
            keys = _speaker_keys_or_none(corpus, speaker)
            verdicts = [
                check_claim(
                    corpus, text, speaker_keys=keys, speaker=speaker, since=first, until=last
                )
                for text in claims
            ]
        groups = [evidence_group(corpus, verdict) for verdict in verdicts]
    if draft is not None:
        render.note(summary_line(verdicts))
        if not verdicts:
            raise typer.Exit(NOTHING_FOUND)
    code = _check_exit_code({verdict.verdict for verdict in verdicts})
    single = claims_file is None and draft is None
    with _writing_results(code):
        render.render_verdicts(verdicts, _format(output), single=single, groups=groups)
    raise typer.Exit(code)


MAX_DRAFT_CHARS = 2_000_000  # a draft article, not an archive


def _read_draft(document: Path, stdin) -> str:
    if str(document) == "-":
        return _read_stdin(stdin, MAX_DRAFT_CHARS)
    try:
        with open(document, encoding="utf-8") as draft:
            text = draft.read(MAX_DRAFT_CHARS + 1)
    except (OSError, UnicodeDecodeError) as problem:
        render.error(f"cannot read {document}: {problem}")
        raise typer.Exit(USAGE_ERROR) from None
    if len(text) > MAX_DRAFT_CHARS:
        render.error(f"{document} holds more than {MAX_DRAFT_CHARS:,} characters: not a draft")
        raise typer.Exit(USAGE_ERROR)
    return text


def _check_exit_code(outcomes: set[str]) -> int:
    if outcomes == {"confirmed"}:
        return FOUND
    return NOTHING_FOUND if "not_found" in outcomes else DIFFERS


def _read_claims(claim: str | None, claims_file: Path | None, stdin) -> list[str]:
    if (claim is None) == (claims_file is None):
        render.error("give one claim, `-` for stdin, or --file FILE")
        raise typer.Exit(USAGE_ERROR)
    if claims_file is not None:
        claims = _claims_in_file(claims_file)
    elif claim == "-":
        claims = [_read_stdin(stdin, MAX_CLAIM_CHARS)]
    else:
        claims = [claim]
    if not claims or not all(c.strip() for c in claims):
        render.error("the claim is empty")
        raise typer.Exit(USAGE_ERROR)
    return claims


def _read_stdin(stdin, limit: int) -> str:
    if stdin is None:
        render.error("cannot read: standard input is closed")
        raise typer.Exit(USAGE_ERROR)
    try:
        text = stdin.read(limit + 1)
    except (OSError, UnicodeDecodeError) as problem:
        render.error(f"cannot read standard input: {problem}")
        raise typer.Exit(USAGE_ERROR) from None
    if len(text) > limit:
        render.error(f"standard input holds more than {limit:,} characters")
        raise typer.Exit(USAGE_ERROR)
    return text


MAX_CLAIM_CHARS = 10_000  # a claim is a sentence or a paragraph, never a whole file


def _claims_in_file(path: Path) -> list[str]:
    """The non-empty lines of `path`, read line by line: `/dev/zero` or a file with no
    line breaks stops at the first over-long line instead of filling the memory."""
    claims = []
    try:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(iter(lambda: lines.readline(MAX_CLAIM_CHARS + 1), ""), 1):
                if len(line.rstrip("\r\n")) > MAX_CLAIM_CHARS:
                    render.error(
                        f"{path}: line {number} is longer than {MAX_CLAIM_CHARS:,} characters",
                        "put one claim per line",
                    )
                    raise typer.Exit(USAGE_ERROR)
                if line.strip():
                    claims.append(line.strip())
    except (OSError, UnicodeDecodeError) as problem:
        render.error(f"cannot read {path}: {problem}")
        raise typer.Exit(USAGE_ERROR) from None
    return claims


def _speaker_keys_or_none(corpus, name: str | None) -> list[str] | None:
    """For check, a speaker nobody quoted is not an error: the words may be someone else's."""
    if not name:
        return None
    from .search.quotes import resolve_speaker

    return resolve_speaker(corpus, name).keys


class HelpTopic(enum.StrEnum):
    query = "query"


@app.command(
    cls=_Command,
    name="help",
    epilog=_examples("caucasus help query", "caucasus search --help"),
)
def help_command(
    topic: Annotated[
        HelpTopic, typer.Argument(metavar="[TOPIC]", help="What to explain: query.")
    ] = HelpTopic.query,
) -> None:
    """Explain the query language, with examples."""
    with _writing_results(FOUND):
        render.render_help(topic.value)


class Shell(enum.StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command(
    cls=_Command,
    name="completion",
    epilog=_examples(
        'eval "$(caucasus completion bash)"          # in ~/.bashrc',
        'eval "$(caucasus completion zsh)"           # in ~/.zshrc',
        "caucasus completion fish > ~/.config/fish/completions/caucasus.fish",
    ),
)
def completion_command(
    shell: Annotated[
        Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.", case_sensitive=False)
    ],
) -> None:
    """Print the shell script that completes commands, options, speaker names and ids."""
    from typer._completion_shared import get_completion_script

    script = get_completion_script(prog_name="caucasus", complete_var=COMPLETE_VAR, shell=shell)
    with _writing_results(FOUND):
        print(script)


def _complete_speakers(incomplete: str) -> list[str]:
    """Names for `--speaker <TAB>`: full names, surnames and aliases starting with what
    was typed, in any case. Read from the index, which is never built for it."""
    from .search.quotes import list_speakers

    with _index_for_completion() as corpus:
        if corpus is None:
            return []
        wanted = incomplete.casefold()
        names: dict[str, None] = {}
        for person in list_speakers(corpus):
            for name in [person.speaker, person.speaker.split()[-1], *person.aliases]:
                if name.casefold().startswith(wanted):
                    # The shell keeps only completions that start with the typed text.
                    names[incomplete + name[len(incomplete) :]] = None
        return list(names)


def _complete_docs(incomplete: str) -> list[str]:
    from .search.show import find_article

    with _index_for_completion() as corpus:
        if corpus is None:
            return []
        lookup = find_article(corpus, incomplete)
        return [lookup.record.doc] if lookup.record else lookup.candidates


@contextmanager
def _index_for_completion():
    """The existing index, or None: a completion request must not build one, nor fail."""
    from .config import resolve_index_dir
    from .index.store import CorpusIndex, IndexUnavailable, index_exists

    index_dir = resolve_index_dir(None)
    try:
        corpus = CorpusIndex(index_dir) if index_exists(index_dir) else None
    except IndexUnavailable:
        corpus = None
    try:
        yield corpus
    finally:
        if corpus is not None:
            corpus.close()


def main() -> None:
    import os
    import sys

    if sys.stdout is None:  # started with stdout closed (`>&-`)
        sys.stdout = render.ClosedStream()
    if os.environ.get(COMPLETE_VAR):
        # A completion request from the shell script: only then load the shell classes.
        from typer._completion_classes import completion_init

        completion_init()
    app()
