"""How a command ends: its exit status, the expected failures, and the outcomes.

Core code raises a subclass of `CaucasusError` for a failure the user can act on, and
an `Outcome` (`NothingFound`, `Differs`) for an answer that is not "found". The CLI's
`main` alone turns either into one line on stderr and an exit code; anything else
escaping is a bug.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit codes, as grep's: 0 found, 1 nothing found, 2 a usage or input error;
    3 found, but not as claimed (`check`) or not verifiable (`quote --cite`)."""

    FOUND = 0
    NOTHING_FOUND = 1
    USAGE_ERROR = 2
    DIFFERS = 3
    INTERRUPTED = 130


REBUILD_HINT = "run `caucasus index --rebuild`"
_DEFAULT_HINT = object()  # "use the class's hint"; None means "no hint"


class CaucasusError(Exception):
    """An expected failure the user can act on: what went wrong, and what to do."""

    default_hint: str | None = None
    label = ""  # what kind of problem, said before the message ("bad query: ...")

    def __init__(self, message: str, hint: str | object | None = _DEFAULT_HINT) -> None:
        super().__init__(message)
        self.message = message
        self.hint: str | None = self.default_hint if hint is _DEFAULT_HINT else hint  # type: ignore[assignment]

    def __reduce__(self):
        # Picklable with its hint, so it can cross from a worker process intact.
        return (type(self), (self.message, self.hint))

    def line(self) -> str:
        """The one line the CLI prints."""
        return f"{self.label}: {self.message}" if self.label else self.message


class QueryError(CaucasusError, ValueError):
    """The query cannot be parsed; the message says where."""

    default_hint = "use --literal to search the words as plain text"
    label = "bad query"


class StopWordsOnly(QueryError):
    """Every word of the query is a stop word ("the", "of"): nothing is indexed for them,
    so no spelling of the query (`--literal` included) can find anything."""

    default_hint = None
    label = ""


class IndexUnavailable(CaucasusError):
    """The index is missing, damaged or from another version; the message says which."""

    default_hint = REBUILD_HINT


class IndexBusy(IndexUnavailable):
    """Another process holds the write lock."""

    default_hint = "wait for it to finish, or pass --wait SECONDS"


class DataFileError(CaucasusError, ValueError):
    """A data file (people.toml, variants, outlets, boilerplate) is malformed or missing.

    The message names the file, and the line where one is known.
    """

    default_hint = "fix or remove that file"


class IndexWriteFailed(CaucasusError):
    """Indexing could not finish (disk full, a worker process died); nothing was committed."""

    default_hint = "the index is as it was before this run; fix the cause and run it again"


class NotAnIndexFolder(IndexUnavailable):
    """`--index` names a folder that holds something other than a caucasus index."""

    default_hint = "give --index a new or empty folder, or the folder of an existing index"


class UsageError(CaucasusError):
    """What was given on the command line (an argument, a file of claims, stdin) cannot
    be used as it is."""


class OutputFailed(CaucasusError):
    """The results could not be written (disk full, a closed stdout)."""


class Interrupted(CaucasusError):
    """Ctrl-C: the command stopped before it finished."""

    default_hint = None


class Outcome(Exception):
    """A command's answer when it is not "found": nothing found, or found but different.
    `message` (with its hint) is said on stderr when there is something to say."""

    status: ExitStatus = ExitStatus.FOUND

    def __init__(
        self, message: str | None = None, hint: str | None = None, status: ExitStatus | None = None
    ) -> None:
        super().__init__(message or "")
        self.message = message
        self.hint = hint
        if status is not None:
            self.status = status


class NothingFound(Outcome):
    """Nothing matches: exit 1, as grep does."""

    status = ExitStatus.NOTHING_FOUND


class Differs(Outcome):
    """Found, but not as claimed (a misquote) or not verifiable (a changed file): exit 3."""

    status = ExitStatus.DIFFERS
