"""The `caucasus` command: parse options, call the core, render. Nothing else.

This module is the group (`app`, `main`) and what the commands share: the options, how
a command opens the index and parses dates. Each command is a module of `commands/`,
imported, and its Click command built, only when that command runs: a search loads
neither the indexer's options nor the help topics (see `COMMANDS`).

A command returns its `ExitStatus`, or the core raises an outcome (`NothingFound`,
`Differs`) or a `CaucasusError`; the app's `main` alone turns them into one line on
stderr and the exit code (`errors.ExitStatus`: grep's 0 found, 1 nothing found, 2 a
usage, query or input error; 3 found but different; 130 interrupted).
"""

import datetime as dt
import enum
import gc
import importlib
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from .errors import (
    CaucasusError,
    ExitStatus,
    Interrupted,
    NothingFound,
    Outcome,
    UsageError,
)
from .models import SortOrder
from .render import ColourMode, Format, Output
from .render.output import ClosedStream, say_error

COMPLETE_VAR = "_CAUCASUS_COMPLETE"
# The usage errors of the Click that Typer runs on (its own copy in recent Typers): the
# base class of typer.BadParameter, found without naming a private module.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


# The commands in the order `--help` lists them; `caucasus NAME` is defined in the
# module caucasus_cli/commands/NAME.py, which registers it with `command`.
COMMANDS = (
    "index",
    "status",
    "search",
    "speakers",
    "quotes",
    "quote",
    "show",
    "check",
    "help",
    "completion",
)


class _App(typer.core.TyperGroup):
    """The `caucasus` group. Its `main` is what the `caucasus` script and the tests'
    CliRunner both call: the one place where outcomes and errors become an exit code.

    Its commands are built when asked for: building all ten from their signatures, and
    importing what their annotations name, was ~16 ms of every start."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()

    def list_commands(self, ctx) -> list[str]:
        return list(COMMANDS)  # without building them (Typer's would)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # Typer would exit 130 without a word
            raise Interrupted("interrupted; the index is as it was before this run") from None

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False  # exceptions come here, not to sys.exit
        sys.exit(_exit_status(lambda: super(_App, self).main(*args, **kwargs)))


class _LazyCommands(Mapping):
    """The group's commands by name: a command's module is imported, and its Click
    command built, the first time the command is looked up."""

    def __init__(self) -> None:
        self._built: dict[str, typer.core.TyperCommand] = {}

    def __getitem__(self, name: str) -> typer.core.TyperCommand:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            importlib.import_module(f"{__package__}.commands.{name}")
            info = next(c for c in _registered.registered_commands if c.name == name)
            self._built[name] = typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


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


# The commands' definitions, which `_LazyCommands` builds into Click commands one by one.
_registered = typer.Typer()


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


def command(name: str, **settings):
    """Register the function it decorates as `caucasus NAME` (a module of commands/)."""
    return _registered.command(name=name, cls=_Command, **settings)


def examples(*lines: str) -> str:
    """A help epilog of examples, kept as written (`\\b` stops Click re-wrapping it)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value:
        from . import __version__

        print(f"caucasus {__version__}")
        ctx.exit()  # Click's way out of an eager option: nothing else is parsed


@app.callback(
    epilog=examples(
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


def command_output(
    colour: ColourMode = ColourMode.AUTO, no_pager: bool = False, quiet: bool = False
) -> Output:
    """The streams of this command, and how to write to them. Called by every command
    once its imports are done: the garbage collector, off while the script started
    (__main__.py), is on for the command's work, and what start-up built is set aside
    (frozen) so that its collections do not walk it again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
    return Output(
        stdout=sys.stdout, stderr=sys.stderr, colour=colour, pager=not no_pager, quiet=quiet
    )


def note_waiting(out: Output, index_dir: Path):
    return lambda: out.note(
        f"waiting for another caucasus command to finish building the index at {index_dir}"
    )


def open_index(out: Output, index_option: str | None):
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
            on_wait=note_waiting(out, index_dir),
        )
    return CorpusIndex(index_dir)


def parse_dates(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
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


def found_if(found) -> ExitStatus:
    return ExitStatus.FOUND if found else ExitStatus.NOTHING_FOUND


def speaker_keys(corpus, name: str) -> list[str]:
    """Index keys for `--speaker NAME`; NothingFound, with suggestions, when nobody matches."""
    from .search.quotes import resolve_speaker

    match = resolve_speaker(corpus, name)
    if not match.keys:
        hint = f"did you mean: {', '.join(match.suggestions)}" if match.suggestions else None
        raise NothingFound(f"no quoted speaker matches {name!r}", hint)
    return match.keys


def one_id(found: list[str], given: str, what: str, listing: str) -> str:
    """The one id `given` stands for; NothingFound saying "no …" or "ambiguous: …"."""
    if len(found) == 1:
        return found[0]
    if not found:
        raise NothingFound(f"no {what} {given!r}", f"list them with `{listing}`")
    shown = ", ".join(found[:10]) + (", …" if len(found) > 10 else "")
    raise NothingFound(f"ambiguous: {given!r} starts several {what} ids: {shown}")


def _complete_speakers(incomplete: str) -> list[str]:
    """Names for `--speaker <TAB>`: full names, surnames and aliases starting with what
    was typed, in any case. Read from the index, which is never built for it."""
    from .search.quotes import list_speakers

    with index_for_completion() as corpus:
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


@contextmanager
def index_for_completion():
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


def run() -> NoReturn:
    """The `caucasus` script and `python -m caucasus_cli`: `main`, then the process ends
    at once (see `_end_at_once`). Code that calls `main` gets its SystemExit, as before."""
    try:
        main()
    except SystemExit as leaving:
        code = leaving.code
    else:
        code = 0
    _end_at_once(code)
    sys.exit(code)


def _end_at_once(code: object) -> None:
    """End the process with `code` without the interpreter's teardown, when that is only
    cleanup; else return, for the normal exit.

    Freeing every module and object one by one at exit is ~7% of the instructions of a
    search (callgrind), work whose result nobody sees. What a normal exit does that
    matters is done first: the atexit callbacks run and the standard streams are
    flushed. Where more could be pending (other threads, a process pool, a message to
    print, a stream that fails to flush) the exit is the normal one.
    """
    import atexit
    import os
    import threading

    run_exit_callbacks = getattr(atexit, "_run_exitfuncs", None)
    if (
        not isinstance(code, int | None)
        or run_exit_callbacks is None
        or threading.active_count() > 1
        or "multiprocessing" in sys.modules
    ):
        return
    run_exit_callbacks()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return  # the normal exit reports it, as Python does
    os._exit(code or 0)
