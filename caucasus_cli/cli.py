"""The `caucasus` command: parse options, call the core, render. Nothing else.

A command returns its `ExitStatus`, or the core raises an outcome (`NothingFound`,
`Differs`) or a `CaucasusError`; the app's `main` alone turns them into one line on
stderr and the exit code (`errors.ExitStatus`: grep's 0 found, 1 nothing found, 2 a
usage, query or input error; 3 found but different; 130 interrupted).
"""

import datetime as dt
import enum
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from .errors import (
    CaucasusError,
    ExitStatus,
    Interrupted,
    NothingFound,
    Outcome,
    UsageError,
)
from .models import QuoteKind, SortOrder
from .render import ColourMode, Format, Output
from .render.markdown import HelpTopic, render_help
from .render.output import ClosedStream, say_error

COMPLETE_VAR = "_CAUCASUS_COMPLETE"
# The usage errors of the Click that Typer runs on (its own copy in recent Typers): the
# base class of typer.BadParameter, found without naming a private module.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _App(typer.core.TyperGroup):
    """The `caucasus` group. Its `main` is what the `caucasus` script and the tests'
    CliRunner both call: the one place where outcomes and errors become an exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Typer would exit 130 without a word
            raise Interrupted("interrupted; the index is as it was before this run") from None

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False  # exceptions come here, not to sys.exit
        sys.exit(_exit_status(lambda: super(_App, self).main(*args, **kwargs)))


def _exit_status(run: Callable[[], object]) -> int:
    """Run the command; its exit code, having said on stderr why when it is not 0."""
    try:
        status = run()
    except _ClickException as problem:  # usage errors, as Click words them
        problem.show()
        return problem.exit_code
    except typer.Abort:
        say_error(sys.stderr, "aborted")
        return ExitStatus.NOTHING_FOUND
    except Outcome as outcome:
        if outcome.message:
            say_error(sys.stderr, outcome.message, outcome.hint)
        return outcome.status
    except Interrupted as problem:
        say_error(sys.stderr, problem.line(), problem.hint)
        return ExitStatus.INTERRUPTED
    except CaucasusError as problem:
        say_error(sys.stderr, problem.line(), problem.hint)
        return ExitStatus.USAGE_ERROR
    return int(status or ExitStatus.FOUND)


app = typer.Typer(
    name="caucasus",
    cls=_App,
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
    """Usage lines read `caucasus search [OPTIONS] QUERY`, not Typer's `{QUERY}`; text
    arguments checked before the command runs."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [
            piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
            for piece in super().collect_usage_pieces(ctx)
        ]

    def invoke(self, ctx):
        _text_arguments_are_text(self, ctx.params)
        return super().invoke(ctx)


# Options that name a file or folder: any bytes the file system allows are fine there.
_PATH_PARAMETERS = {"index"}


def _text_arguments_are_text(command, params: dict) -> None:
    """A query, id, name or outlet that is not UTF-8 (`show $'\\xff'`) is a usage error,
    said as such, before it reaches the index (where it would read as damage)."""
    for param in command.params:
        value = params.get(param.name)
        if param.name in _PATH_PARAMETERS or not isinstance(value, str):
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            name = param.opts[0] if param.param_type_name == "option" else param.human_readable_name
            raise UsageError(f"{name} '{shown}' is not UTF-8 text", hint=None) from None


def _examples(*lines: str) -> str:
    """A help epilog of examples, kept as written (`\\b` stops Click re-wrapping it)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value:
        from . import __version__

        print(f"caucasus {__version__}")
        ctx.exit()  # Click's way out of an eager option: nothing else is parsed


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
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Search news on the Armenia–Azerbaijan conflict: who said what, when, and where."""


# The formats a user may ask for, as choices for Typer: every Format but `plain` (what a
# pipe gets by default), `markdown` only where there is an evidence report, and
# `claimreview` only for verdicts.
ListingFormat = enum.StrEnum(
    "ListingFormat",
    {
        f.name: f.value
        for f in Format
        if f not in (Format.PLAIN, Format.MARKDOWN, Format.CLAIMREVIEW)
    },
)
ReportFormat = enum.StrEnum(
    "ReportFormat",
    {f.name: f.value for f in Format if f not in (Format.PLAIN, Format.CLAIMREVIEW)},
)
CheckFormat = enum.StrEnum(
    "CheckFormat", {f.name: f.value for f in Format if f is not Format.PLAIN}
)


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
    ListingFormat | None,
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
CheckFormatOption = Annotated[
    CheckFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format; markdown writes an evidence report to paste into an article "
        "or a ticket; claimreview writes schema.org ClaimReview JSON-LD (one array) for a "
        "fact-check page. Default: table on a terminal, plain text in a pipe.",
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
    SortOrder,
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


def _output(
    colour: ColourMode = ColourMode.AUTO, no_pager: bool = False, quiet: bool = False
) -> Output:
    """The streams of this command, and how to write to them."""
    return Output(
        stdout=sys.stdout, stderr=sys.stderr, colour=colour, pager=not no_pager, quiet=quiet
    )


def _note_waiting(out: Output, index_dir: Path):
    return lambda: out.note(
        f"waiting for another caucasus command to finish building the index at {index_dir}"
    )


def _open_index(out: Output, index_option: str | None):
    """The index to read; built from the bundled corpus first if there is none yet."""
    from .config import bundled_corpus_dir, resolve_index_dir
    from .index.store import CorpusIndex, locate_index

    index_dir = locate_index(resolve_index_dir(index_option))
    if index_dir.built:
        return CorpusIndex(index_dir)
    from .index.sync import ensure_index  # the indexer's imports: only when building

    with out.progress_bar("indexing") as progress:
        ensure_index(
            index_dir,
            [bundled_corpus_dir()],
            progress=progress,
            on_build=lambda: out.note(
                f"no index at {index_dir} yet; building one from the bundled corpus"
            ),
            on_wait=_note_waiting(out, index_dir),
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
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Say nothing but errors: no warnings, notes or progress."
        ),
    ] = False,
    index: IndexOption = None,
) -> ExitStatus:
    """Index article files: incremental, only changed files are read again."""
    from .config import bundled_corpus_dir, resolve_index_dir
    from .index.resync import sync_index  # the indexer itself loads only if there is work
    from .render.articles import render_index_report

    out = _output(quiet=quiet)
    with out.progress_bar("indexing") as progress:
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
            notice=lambda path, reason: out.warning(f"{path}: {reason}"),
            fields=_fields_option(fields),
            on_wait=_note_waiting(out, index_dir),
        )
    render_index_report(out, report, index_dir)
    return ExitStatus.FOUND


def _fields_option(fields: str | None):
    if not fields:
        return None
    from .ingest.exports import parse_fields_option

    return parse_fields_option(fields)


@app.command(
    cls=_Command,
    name="status",
    epilog=_examples(
        "caucasus status",
        "caucasus status --format json",
        "caucasus status --index ~/work/karabakh-index",
    ),
)
def status_command(
    index: IndexOption = None, output: FormatOption = None, no_pager: PagerOption = False
) -> ExitStatus:
    """The index: where it is, what it was built from, what it holds, when it was synced."""
    from .config import bundled_corpus_dir, resolve_index_dir
    from .index.store import index_exists, index_stats
    from .render.articles import render_status

    out = _output(no_pager=no_pager)
    index_dir = resolve_index_dir(index)
    if not index_exists(index_dir):
        raise NothingFound(f"no index at {index_dir}", "run `caucasus index PATH`")
    record = _status_record(index_stats(index_dir), bundled_corpus_dir())
    with out.results(paged=True):
        render_status(out, record, out.format(output))
    return ExitStatus.FOUND


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
    from .render.articles import hit_records, render_count, render_paths, render_search
    from .search.articles import SearchOptions, search_articles, undated_left_out

    out = _output(colour, no_pager)
    if null and not files:
        raise typer.BadParameter("goes with -l/--files", param_hint="'--null'")
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
        sort=sort,
        snippets=not files,
    )
    with _open_index(out, index) as corpus:
        if speaker:
            options.speaker_keys = _speaker_keys(corpus, speaker)
        result = search_articles(corpus, options)
        undated = undated_left_out(corpus, options)
    # With --count the number is the answer; else the page (past the last hit it is empty).
    code = _found_if(result.total if count else result.hits)
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


def _found_if(found) -> ExitStatus:
    return ExitStatus.FOUND if found else ExitStatus.NOTHING_FOUND


def _speaker_keys(corpus, name: str) -> list[str]:
    """Index keys for `--speaker NAME`; NothingFound, with suggestions, when nobody matches."""
    from .search.quotes import resolve_speaker

    match = resolve_speaker(corpus, name)
    if not match.keys:
        hint = f"did you mean: {', '.join(match.suggestions)}" if match.suggestions else None
        raise NothingFound(f"no quoted speaker matches {name!r}", hint)
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
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Everyone quoted: role, number of quotes and articles, aliases."""
    from .render.quotes import render_speakers
    from .search.quotes import list_speakers

    out = _output(colour, no_pager)
    with _open_index(out, index) as corpus:
        speakers = list_speakers(corpus)
    code = _found_if(speakers)
    with out.results(code, paged=True):
        render_speakers(out, speakers, out.format(output))
    return code


# `--kind`: the core's quote kinds, and `all` of them.
KindChoice = enum.StrEnum("KindChoice", {**{k.name: k.value for k in QuoteKind}, "ALL": "all"})


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
    from .render.articles import render_count
    from .render.quotes import render_quotes
    from .search.quotes import QuoteFilter, stream_quotes

    out = _output(colour, no_pager)
    fmt = out.format(output)
    first, last = _dates(since, until)
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
    with _open_index(out, index) as corpus:
        if speaker:
            wanted.speaker_keys = _speaker_keys(corpus, speaker)
        stream = _group_of(corpus, group, wanted) if group else stream_quotes(corpus, wanted)
        if count:
            code = _found_if(stream.total)
            with out.results(code):
                render_count(out, stream.total, [], fmt)
            return code
        # Written while read from the index: the first lines show at once.
        with out.results(ExitStatus.FOUND, paged=True):
            written = render_quotes(out, stream, fmt)
    return _found_if(written)


def _group_of(corpus, quote_id: str, wanted):
    from .search.groups import group_listing, quote_group
    from .search.quotes import find_quote_ids, get_quote

    found = _one_id(find_quote_ids(corpus, quote_id), quote_id, "quote", "caucasus quotes")
    quote = get_quote(corpus, found)
    if quote is None:  # gone between the two reads (a concurrent re-index)
        raise NothingFound(f"no quote {quote_id!r}", "list them with `caucasus quotes`")
    return group_listing(corpus, quote_group(corpus, quote), wanted)


def _spread(
    out: Output, index: str | None, fmt: Format, wanted, speaker: str | None, count: bool
) -> ExitStatus:
    from .render.articles import render_count
    from .render.quotes import render_spread
    from .search.groups import spread

    limit, offset = wanted.limit, wanted.offset
    with _open_index(out, index) as corpus:
        if speaker:
            wanted.speaker_keys = _speaker_keys(corpus, speaker)
        groups = spread(corpus, wanted=wanted)
    code = _found_if(groups)
    with out.results(code, paged=not count):
        if count:
            render_count(out, len(groups), [], fmt)
        else:
            end = None if limit is None else offset + limit
            render_spread(out, groups[offset:end], fmt)
    return code


def _one_id(found: list[str], given: str, what: str, listing: str) -> str:
    """The one id `given` stands for; NothingFound saying "no …" or "ambiguous: …"."""
    if len(found) == 1:
        return found[0]
    if not found:
        raise NothingFound(f"no {what} {given!r}", f"list them with `{listing}`")
    shown = ", ".join(found[:10]) + (", …" if len(found) > 10 else "")
    raise NothingFound(f"ambiguous: {given!r} starts several {what} ids: {shown}")


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
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Show one quote with speaker, source and the paragraphs around it, and where else
    the same words were published (first seen first, with how each differs)."""
    from .render.quotes import render_citation, render_quote_view
    from .search.groups import quote_group
    from .search.quotes import find_quote_ids, quote_in_context

    out = _output(colour, no_pager)
    with _open_index(out, index) as corpus:
        found = find_quote_ids(corpus, quote_id)
        view = quote_in_context(corpus, _one_id(found, quote_id, "quote", "caucasus quotes"))
        if view is None:  # gone between the two reads (a concurrent re-index)
            raise NothingFound(f"no quote {quote_id!r}", "list them with `caucasus quotes`")
        group = None if cite else quote_group(corpus, view.quote)
    # A citation whose offsets cannot be checked against the file is not one to print
    # silently: the words, line and offsets may no longer be those of the file.
    code = ExitStatus.DIFFERS if cite and view.warning else ExitStatus.FOUND
    with out.results(code, paged=not cite):
        if cite:
            render_citation(out, view, Format(output) if output else Format.PLAIN)
        else:
            render_quote_view(out, view, out.format(output), group)
    return code


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
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Show one article with its metadata."""
    from .render.articles import render_article
    from .search.show import find_article

    out = _output(colour, no_pager)
    with _open_index(out, index) as corpus:
        lookup = find_article(corpus, doc)
    if lookup.record is None:
        _one_id(lookup.candidates, doc, "article", "caucasus search")  # raises: none, or several
    with out.results(ExitStatus.FOUND, paged=True):
        render_article(out, lookup.record, out.format(output))
    return ExitStatus.FOUND


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
    output: CheckFormatOption = None,
    colour: ColourOption = ColourMode.AUTO,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Were these words really said, by whom, where and when?

    Exit code 0 confirmed, 1 not found, 3 found but different (misquoted,
    misattributed, not_quoted), 2 usage error. With --file: 0 if every claim is
    confirmed, 1 if any is not found, else 3. With --document the same, for the
    draft's quotes, and a summary line on stderr.
    """
    from .render.check import render_verdicts
    from .search.check import (
        check_claim,
        check_document,
        check_status,
        read_claims,
        read_draft,
        summary_line,
    )
    from .search.groups import evidence_group

    out = _output(colour, no_pager)
    first, last = _dates(since, until)
    draft = read_draft(document, sys.stdin) if document is not None else None
    claims = [] if draft is not None else read_claims(claim, claims_file, sys.stdin)
    if draft is not None and (claim is not None or claims_file is not None):
        raise UsageError("give a claim, --file FILE or --document FILE, not several", hint=None)
    with _open_index(out, index) as corpus:
        if draft is not None:
            verdicts = check_document(corpus, draft, since=first, until=last)
        else:
            keys = _speaker_keys_or_none(out, corpus, speaker)
            verdicts = [
                check_claim(
                    corpus, text, speaker_keys=keys, speaker=speaker, since=first, until=last
                )
                for text in claims
            ]
        groups = [evidence_group(corpus, verdict) for verdict in verdicts]
    if draft is not None and not verdicts:
        out.note(summary_line(verdicts))
        return ExitStatus.NOTHING_FOUND
    code = check_status(verdicts)
    single = claims_file is None and draft is None
    with out.results(code, paged=True):
        render_verdicts(out, verdicts, out.format(output), single=single, groups=groups)
        if draft is not None:  # after the verdicts it sums up
            out.note(summary_line(verdicts))
    return code


def _speaker_keys_or_none(out: Output, corpus, name: str | None) -> list[str] | None:
    """For check, a speaker nobody quoted is not an error: the words may be someone else's.
    A name like a quoted speaker's is suggested, as `quotes --speaker` does."""
    if not name:
        return None
    from .search.quotes import resolve_speaker

    match = resolve_speaker(corpus, name)
    if not match.keys and match.suggestions:
        out.note(
            f"no quoted speaker matches {name!r}; did you mean: {', '.join(match.suggestions)}"
        )
    return match.keys


@app.command(
    cls=_Command,
    name="help",
    epilog=_examples("caucasus help query", "caucasus search --help"),
)
def help_command(
    topic: Annotated[
        HelpTopic, typer.Argument(metavar="[TOPIC]", help="What to explain: query.")
    ] = HelpTopic.QUERY,
    no_pager: PagerOption = False,
) -> ExitStatus:
    """Explain the query language, with examples."""
    out = _output(no_pager=no_pager)
    with out.results(paged=True):
        render_help(out, topic)
    return ExitStatus.FOUND


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
) -> ExitStatus:
    """Print the shell script that completes commands, options, speaker names and ids."""
    from typer._completion_shared import get_completion_script

    script = get_completion_script(prog_name="caucasus", complete_var=COMPLETE_VAR, shell=shell)
    out = _output()
    with out.results():
        out.stdout.write(script + "\n")
    return ExitStatus.FOUND


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
                    names[_for_the_shell(incomplete + name[len(incomplete) :])] = None
        return list(names)


def _for_the_shell(word: str) -> str:
    """Bash inserts a completion as it is given (`Jeyhun Bayramov` would be two words);
    zsh and fish quote what they insert themselves."""
    import os
    import re

    if os.environ.get(COMPLETE_VAR, "").endswith("bash"):
        return re.sub(r"([^\w@%+=:,./-])", r"\\\1", word)
    return word


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
    """The `caucasus` script."""
    import os

    from .streams import guard_standard_streams

    guard_standard_streams()  # stderr closed or full: messages are lost, not the work
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        sys.stdout = ClosedStream()
    if os.environ.get(COMPLETE_VAR):
        # A completion request from the shell script: only then load the shell classes.
        from typer._completion_classes import completion_init

        completion_init()
    app()
