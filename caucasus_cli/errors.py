"""The one error type the CLI reports: every expected failure, with a hint.

Core code raises a subclass of `CaucasusError`; the CLI prints `message` and `hint`
on one line each and exits 2. Anything else escaping is a bug.
"""

from __future__ import annotations

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
