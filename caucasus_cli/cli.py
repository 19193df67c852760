"""The `caucasus` command: parse options, call the core, render. Nothing else.

Exit codes, like grep: 0 something found, 1 nothing found, 2 usage, query or
input error (130 when interrupted).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from . import render

FOUND, NOTHING_FOUND, USAGE_ERROR, DIFFERS, INTERRUPTED = 0, 1, 2, 3, 130

app = typer.Typer(
    name="caucasus",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: Rich-formatted help costs ~70 ms of imports on every `--help`.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        print(f"caucasus {__version__}")
        raise typer.Exit(FOUND)


@app.callback()
def _main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Search news on the Armenia–Azerbaijan conflict: who said what, when, and where."""


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


IndexOption = Annotated[
    str | None,  # not Path: Path("") would silently be the current folder
    typer.Option(
        "--index",
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
DateOption = Annotated[
    dt.datetime | None,
    typer.Option(formats=["%Y-%m-%d"], help="ISO date (YYYY-MM-DD).", show_default=False),
]
SourceOption = Annotated[
    str | None,
    typer.Option(help="Only this outlet (as the article names itself).", show_default=False),
]
SpeakerOption = Annotated[
    str | None,
    typer.Option(help="Only this speaker: full name, alias or surname.", show_default=False),
]
ExactOption = Annotated[bool, typer.Option(help="Do not widen names to their spelling variants.")]


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


def _note_waiting(index_dir: Path):
    return lambda: render.note(
        f"waiting for another caucasus command to finish building the index at {index_dir}"
    )


def _open_index(index_option: str | None):
    """The index to read; built from the bundled corpus first if there is none yet."""
    from .config import bundled_corpus_dir, resolve_index_dir
    from .index.store import CorpusIndex, index_ready
    from .index.sync import ensure_index

    index_dir = resolve_index_dir(index_option)
    if index_ready(index_dir):
        return CorpusIndex(index_dir)
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


def _day(option: dt.datetime | None) -> dt.date | None:
    return option.date() if option else None


def _format(option: OutputFormat | None) -> str:
    return render.resolve_format(option.value if option else None)


@app.command("index")
def index_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to index (.txt, .md, recursively). Default: the folders "
            "this index was built from, or the bundled corpus for a new index.",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[bool, typer.Option(help="Start the index afresh.")] = False,
    max_size: Annotated[
        float, typer.Option(help="Skip files larger than this many megabytes.", min=0.001)
    ] = 20.0,
    wait: Annotated[
        float,
        typer.Option(help="Seconds to wait for another indexing run to finish.", min=0),
    ] = 0.0,
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
            on_wait=_note_waiting(index_dir),
        )
    render.render_index_report(report, index_dir)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words, "phrases", AND/OR/NOT, field:value.')],
    source: SourceOption = None,
    since: DateOption = None,
    until: DateOption = None,
    limit: Annotated[int, typer.Option(help="Number of results.", min=1)] = 10,
    offset: Annotated[int, typer.Option(help="Skip this many results.", min=0)] = 0,
    literal: Annotated[
        bool, typer.Option(help="Search the words as plain text, not query syntax.")
    ] = False,
    exact: ExactOption = False,
    speaker: SpeakerOption = None,
    index: IndexOption = None,
    output: FormatOption = None,
) -> None:
    """Full-text search, ranked, with highlighted snippets."""
    from .search.articles import SearchOptions, search_articles

    options = SearchOptions(
        query=query,
        source=source,
        since=_day(since),
        until=_day(until),
        limit=limit,
        offset=offset,
        literal=literal,
        exact=exact,
    )
    with _user_errors(), _open_index(index) as corpus:
        if speaker:
            options.speaker_keys = _speaker_keys(corpus, speaker)
        result = search_articles(corpus, options)
        render.render_search(result, _format(output))
    raise typer.Exit(FOUND if result.hits else NOTHING_FOUND)


def _speaker_keys(corpus, name: str) -> list[str]:
    """Index keys for `--speaker NAME`; exit 1 with suggestions when nobody matches."""
    from .search.quotes import resolve_speaker

    match = resolve_speaker(corpus, name)
    if not match.keys:
        hint = f"did you mean: {', '.join(match.suggestions)}" if match.suggestions else None
        render.error(f"no quoted speaker matches {name!r}", hint)
        raise typer.Exit(NOTHING_FOUND)
    return match.keys


@app.command("speakers")
def speakers_command(index: IndexOption = None, output: FormatOption = None) -> None:
    """Everyone quoted: role, number of quotes and articles, aliases."""
    from .search.quotes import list_speakers

    with _user_errors(), _open_index(index) as corpus:
        speakers = list_speakers(corpus)
        render.render_speakers(speakers, _format(output))
    raise typer.Exit(FOUND if speakers else NOTHING_FOUND)


class QuoteKind(enum.StrEnum):
    direct = "direct"
    indirect = "indirect"
    all = "all"


@app.command("quotes")
def quotes_command(
    query: Annotated[
        str | None,
        typer.Argument(
            help="Words to find in the quotes (query syntax as in search).", show_default=False
        ),
    ] = None,
    speaker: SpeakerOption = None,
    kind: Annotated[
        QuoteKind, typer.Option(help="Direct quotations, reported speech, or all.")
    ] = QuoteKind.direct,
    source: SourceOption = None,
    since: DateOption = None,
    until: DateOption = None,
    limit: Annotated[
        int | None, typer.Option(help="Number of quotes (default: all).", min=1, show_default=False)
    ] = None,
    offset: Annotated[int, typer.Option(help="Skip this many quotes.", min=0)] = 0,
    exact: ExactOption = False,
    index: IndexOption = None,
    output: FormatOption = None,
) -> None:
    """List quotes, filtered by speaker, kind, outlet and date."""
    from .search.quotes import QuoteFilter, list_quotes

    wanted = QuoteFilter(
        query=query,
        kind=kind.value,
        source=source,
        since=_day(since),
        until=_day(until),
        limit=limit,
        offset=offset,
        exact=exact,
    )
    with _user_errors(), _open_index(index) as corpus:
        if speaker:
            wanted.speaker_keys = _speaker_keys(corpus, speaker)
        listing = list_quotes(corpus, wanted)
        render.render_quotes(listing, _format(output))
    raise typer.Exit(FOUND if listing.quotes else NOTHING_FOUND)


@app.command("quote")
def quote_command(
    quote_id: Annotated[str, typer.Argument(metavar="ID", help="Quote id, as listed by `quotes`.")],
    cite: Annotated[bool, typer.Option(help="Print one ready citation line.")] = False,
    context: Annotated[int, typer.Option(help="Paragraphs of context on each side.", min=0)] = 1,
    index: IndexOption = None,
    output: FormatOption = None,
) -> None:
    """Show one quote with speaker, source and the paragraphs around it."""
    from .search.quotes import quote_in_context

    with _user_errors(), _open_index(index) as corpus:
        view = quote_in_context(corpus, quote_id, context)
        if view is None:
            render.error(f"no quote {quote_id!r}", "list them with `caucasus quotes`")
            raise typer.Exit(NOTHING_FOUND)
        if cite:
            render.render_citation(view.quote)
        else:
            render.render_quote_view(view, _format(output))


@app.command("show")
def show_command(
    doc: Annotated[str, typer.Argument(help="Document id (or a unique prefix of one).")],
    index: IndexOption = None,
    output: FormatOption = None,
) -> None:
    """Show one article with its metadata."""
    from .search.show import find_article

    with _user_errors(), _open_index(index) as corpus:
        lookup = find_article(corpus, doc)
        if lookup.record is None:
            hint = f"did you mean: {', '.join(lookup.candidates)}" if lookup.candidates else None
            render.error(f"no article {doc!r}", hint)
            raise typer.Exit(NOTHING_FOUND)
        render.render_article(lookup.record, _format(output))


@app.command("check")
def check_command(
    claim: Annotated[
        str | None,
        typer.Argument(help="The claimed words; - reads them from stdin.", show_default=False),
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="Who the claim says spoke them.", show_default=False)
    ] = None,
    claims_file: Annotated[
        Path | None,
        typer.Option("--file", help="Check one claim per line of this file.", show_default=False),
    ] = None,
    since: DateOption = None,
    until: DateOption = None,
    index: IndexOption = None,
    output: FormatOption = None,
) -> None:
    """Were these words really said, by whom, where and when?

    Exit code 0 confirmed, 1 not found, 3 found but different (misquoted,
    misattributed, not_quoted), 2 usage error. With --file: 0 if every claim is
    confirmed, 1 if any is not found, else 3.
    """
    import sys

    from .search.check import check_claim

    claims = _read_claims(claim, claims_file, sys.stdin)
    with _user_errors(), _open_index(index) as corpus:
        keys = _speaker_keys_or_none(corpus, speaker)
        verdicts = [
            check_claim(
                corpus,
                text,
                speaker_keys=keys,
                speaker=speaker,
                since=_day(since),
                until=_day(until),
            )
            for text in claims
        ]
        render.render_verdicts(verdicts, _format(output), single=claims_file is None)
    outcomes = {verdict.verdict for verdict in verdicts}
    if outcomes == {"confirmed"}:
        raise typer.Exit(FOUND)
    raise typer.Exit(NOTHING_FOUND if "not_found" in outcomes else DIFFERS)


def _read_claims(claim: str | None, claims_file: Path | None, stdin) -> list[str]:
    if (claim is None) == (claims_file is None):
        render.error("give one claim, `-` for stdin, or --file FILE")
        raise typer.Exit(USAGE_ERROR)
    if claims_file is not None:
        claims = _claims_in_file(claims_file)
    else:
        claims = [stdin.read() if claim == "-" else claim]
    if not claims or not all(c.strip() for c in claims):
        render.error("the claim is empty")
        raise typer.Exit(USAGE_ERROR)
    return claims


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


def main() -> None:
    app()
