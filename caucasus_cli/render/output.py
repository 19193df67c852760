"""Where output goes and how it may look: the `Output` object every writer is given.

Results go to `out.stdout` (through the pager when asked, on a terminal, and longer
than the screen); messages, warnings and progress go to `out.stderr`. Like httpie's
`Environment`, the object is made once per command from the options and the real
streams, and passed in: no module keeps a stream or a setting of its own.

Text from articles, records and file names is data, on the terminal too: `visible`
shows its control characters as symbols (`ESC` as `␛`), so that a headline cannot set
the clipboard, hide a link, retitle the window or clear the screen. Every writer here
goes through it; machine formats written to a pipe or a file keep the text as it is.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TextIO

from ..errors import ExitStatus, Outcome, OutputFailed
from ..models import IndexPhase


class Format(StrEnum):
    """Every output format. `plain` is what a pipe gets by default (no --format)."""

    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    MARKDOWN = "markdown"
    CLAIMREVIEW = "claimreview"  # check only: schema.org ClaimReview JSON-LD

    @property
    def is_machine(self) -> bool:
        return self in (Format.JSON, Format.JSONL, Format.CSV, Format.TSV)


class ColourMode(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


# C0 controls and DEL as the Unicode "control pictures" (ESC → ␛, NUL → ␀, CR → ␍):
# one character for one, so offsets of highlighted words stay right. C1 controls
# (0x80–0x9f; 0x9b is a one-byte CSI on some terminals) have no picture: shown as �.
_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_PICTURES |= {code: "\ufffd" for code in range(0x80, 0xA0)}
_KEEP_LAYOUT = {ord("\t"): "\t", ord("\n"): "\n"}
_SHOWN = str.maketrans(_PICTURES)
_SHOWN_KEEPING_LAYOUT = str.maketrans(_PICTURES | _KEEP_LAYOUT)


def visible(value: str, *, layout: bool = True) -> str:
    """`value` with its control characters made visible. `layout` keeps tabs and line
    breaks (paragraphs, table rows); without it the text is one line, whatever it holds
    (a file name with a newline in a warning)."""
    return value.translate(_SHOWN_KEEPING_LAYOUT if layout else _SHOWN)


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


def pager_command(env: Mapping[str, str]) -> list[str] | None:
    """$CAUCASUS_PAGER, else $PAGER, else `less -FRX`; None when set to "" or `cat`."""
    for name in ("CAUCASUS_PAGER", "PAGER"):
        value = env.get(name)
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


@dataclass
class Output:
    """The streams of one command, and how to write to them.

    `colour`: --color; `pager`: False for --no-pager; `width`: the terminal's columns
    (None: as the terminal or $COLUMNS says); `env`: the environment (NO_COLOR,
    FORCE_COLOR, TERM, the pager variables)."""

    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    colour: ColourMode = ColourMode.AUTO
    pager: bool = True
    width: int | None = None
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    quiet: bool = False  # `index --quiet`: errors only (main says those)
    # Notes said while results are held back for the pager: written after them.
    _held_notes: list[str] = field(default_factory=list)
    _gate: _PagerGate | None = None

    # --- what the streams are ---------------------------------------------------------

    def is_terminal(self) -> bool:
        return self.stdout.isatty()

    def colour_on(self, stream) -> bool:
        """`--color auto|always|never`; auto follows NO_COLOR, FORCE_COLOR and the terminal."""
        if self.colour is not ColourMode.AUTO:
            return self.colour is ColourMode.ALWAYS
        if self.env.get("NO_COLOR"):
            return False
        if self.env.get("FORCE_COLOR"):
            return True
        return stream.isatty() and self.env.get("TERM") != "dumb"

    def format(self, requested: Format | str | None) -> Format:
        """The output format: as asked, else a table on a terminal and plain text in a pipe."""
        if requested:
            return Format(requested)
        return Format.TABLE if self.is_terminal() else Format.PLAIN

    def shows_raw_text(self) -> bool:
        """Whether text reaches stdout as it is: only in a pipe or a file, and not drawn
        for a terminal (`--color always | less -R` is read on one)."""
        return not self.is_terminal() and not self.colour_on(self.stdout)

    # --- results (stdout) ---------------------------------------------------------------

    def shown(self, value: Any) -> str:
        """Text from an article, a record or a file name, as it may reach stdout."""
        value = "" if value is None else str(value)
        return value if self.shows_raw_text() else visible(value)

    def write(self, data: str) -> int:
        """Write results: the one way text reaches stdout, but for Rich's drawings, whose
        text is made with `text`/`multiline` (and so passes through `shown` too). Also a
        file for `csv.writer` and `json.dump`."""
        return self.stdout.write(self.shown(data))

    def flush(self) -> None:
        self.stdout.flush()

    def console(self, stderr: bool = False):
        """A Rich console on stdout (or stderr). Text reaches it only as `Text` made by
        `text`/`multiline`: never parsed as markup, control characters made visible."""
        from rich.console import Console

        stream = self.stderr if stderr else self.stdout
        colour = self.colour_on(stream)
        drawn = Console(
            file=stream,
            width=self.width,
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

    def text(self, value: Any, style: str = "") -> Any:
        """A Rich Text of `value` as written: never parsed as markup, controls visible."""
        from rich.text import Text

        return Text("—" if value is None else visible(str(value)), style=style)

    def multiline(self, *parts: tuple[Any, str] | Any) -> Any:
        """One table cell of several lines, each `value` or `(value, style)`, none parsed."""
        from rich.text import Text

        cell = Text()
        for number, part in enumerate(parts):
            value, style = part if isinstance(part, tuple) else (part, "")
            if number:
                cell.append("\n")
            cell.append("—" if value is None else visible(str(value)), style=style)
        return cell

    def highlighted(self, value: str, spans, style: str = "bold yellow") -> Any:
        """`value` with the character spans `spans` styled (offsets into `value`)."""
        from rich.text import Text

        rich_text = Text(visible(value))  # one character for one: the spans stay right
        for start, end in spans:
            rich_text.stylize(style, start, end)
        return rich_text

    # --- paging and the end of the results ------------------------------------------------

    @contextmanager
    def paged(self) -> Iterator[None]:
        """Page what is written to stdout inside, when stdout is a terminal and the
        output is longer than the screen. Notes wait until the results are out: after
        the pager has closed, or after the table it held back."""
        command = pager_command(self.env) if self.pager else None
        if command is None or not self.is_terminal():
            yield
            return
        gate = _PagerGate(self.stdout, command, shutil.get_terminal_size().lines)
        terminal, self.stdout, self._gate = self.stdout, gate, gate  # type: ignore[assignment]
        try:
            yield
        finally:
            self.stdout, self._gate = terminal, None
            try:
                gate.close()
            finally:
                for line in self._held_notes:
                    print(line, file=self.stderr)
                self._held_notes.clear()

    @contextmanager
    def results(self, status: ExitStatus = ExitStatus.FOUND, *, paged: bool = False):
        """Write results to stdout (paged when asked). A reader that stops early (`| head`,
        quitting the pager) ends the command quietly with `status`, as grep does; a write
        that fails (disk full, closed stdout) is `OutputFailed`."""
        try:
            with self.paged() if paged else _nothing():
                yield
                self.flush()
        except BrokenPipeError:
            self.detach()
            raise Outcome(status=status) from None
        except OSError as problem:
            self.detach()
            raise OutputFailed(f"cannot write the results: {problem.strerror or problem}") from None

    def detach(self) -> None:
        """After a failed write, point stdout's descriptor at /dev/null: what is still
        buffered can then be flushed at exit without a second error (or a traceback)."""
        try:
            descriptor = self.stdout.fileno()
        except (AttributeError, OSError, ValueError):
            return  # not a real file (tests, a closed stream): nothing is flushed at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, descriptor)
        os.close(devnull)

    # --- messages (stderr): always one line each, control characters visible ------------

    def _say(self, line: str) -> None:
        if self.quiet:
            return
        line = visible(line, layout=False)
        if self._gate is not None:  # said now it would come before the results
            self._held_notes.append(line)
        else:
            print(line, file=self.stderr)

    def warning(self, message: str) -> None:
        self._say(f"caucasus: warning: {message}")

    def note(self, message: str) -> None:
        self._say(f"caucasus: {message}")

    def no_matches(self) -> None:
        """An empty result on a terminal: one line on stderr rather than an empty frame."""
        self.note("no matches")

    @contextmanager
    def progress_bar(self, description: str) -> Iterator[Callable[..., None]]:
        """A callback (phase, done, total) drawing a progress bar on a terminal, labelled
        with the phase of the run; silent in a pipe and with -q."""
        if self.quiet or not self.stderr.isatty():
            yield lambda _phase, _done, _total: None
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Counted(MofNCompleteColumn):  # blank for a phase with no count
            def render(self, task):
                return super().render(task) if task.total is not None else ""

        class Remaining(TimeRemainingColumn):
            def render(self, task):
                return Text("ETA ") + super().render(task) if task.total is not None else ""

        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            Counted(),
            TimeElapsedColumn(),
            Remaining(),
            console=self.console(stderr=True),
            transient=True,
        ) as progress:
            shown = {"phase": None, "task": progress.add_task(description, total=None)}

            def update(phase: IndexPhase, done: int, total: int | None) -> None:
                if phase != shown["phase"]:  # a task of its own: Rich cannot unset a total
                    progress.remove_task(shown["task"])
                    label = PHASE_LABELS.get(phase, description)
                    shown.update(phase=phase, task=progress.add_task(label, total=total))
                    progress.update(shown["task"], completed=done)
                    progress.refresh()  # drawn at least once, however short the phase
                    return
                progress.update(shown["task"], completed=done, total=total)

            yield update


# What the progress bar says in each phase of an index run.
PHASE_LABELS: Mapping[IndexPhase, str] = {
    IndexPhase.FINDING: "finding files",
    IndexPhase.READING: "reading articles",
    IndexPhase.LINKING: "linking quotes",
    IndexPhase.COMMITTING: "committing",
    IndexPhase.SPEAKERS: "listing speakers",
}


def _error_line(message: str, hint: str | None) -> str:
    line = f"caucasus: error: {message}"
    if hint:
        line += f" ({hint})"
    return visible(line, layout=False)


def say_error(stderr: TextIO, message: str, hint: str | None = None) -> None:
    """One error line, for `main` alone: errors end a command, they are not its output."""
    print(_error_line(message, hint), file=stderr)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _raise_broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
