"""The quote store's rows and selections: what `documents.py` makes of records, what
`quotestore.py` writes and reads, and the vocabulary both the store and the linking
(`statements.py`) look words up in. Its own module so that those three import it, and
not each other in a circle."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a search of articles never loads sqlite3 (tests/test_startup_imports.py)
    import sqlite3

_TERMS_AT_ONCE = 500  # SQL parameters per statement, well below SQLite's limit
QUOTES_FILE = "quotes.sqlite"


def visible(generation: int, alias: str = "q") -> str:
    """The SQL condition for the rows a reader of `generation` sees (here, not in
    quotestore.py: an unchanged re-sync reads the file table without loading it)."""
    g = int(generation)
    return f"{alias}.added <= {g} AND ({alias}.deleted IS NULL OR {alias}.deleted > {g})"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote as the store keeps it; `quote` is the JSON of what it is read back with."""

    id: str
    kind: str
    speaker_key: str | None
    start: int
    wording: int | None  # wording_key of its words (None: too short to group)
    quote: str  # JSON
    words: str  # indexed words, space-separated


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """One article's row and its quotes' rows, made by a worker process."""

    doc: str
    file: str  # the file's document id (an export's records share it)
    date: str | None  # ISO date
    source_words: str  # the outlet's indexed words
    article: str  # JSON: path, title, source, date, ... (shared by its quotes)
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True, slots=True)
class FileRow:
    """An indexed file's state: what tells a re-sync whether the file changed."""

    path: str  # as documents.path_field stores it
    doc: str  # the file's document id
    root: str  # as documents.path_field stores it
    sha256: str
    mtime_ns: int
    size: int


@dataclass(slots=True)
class Selection:
    """Which quote rows, in SQL: an FTS5 expression and conditions on rows `q` (ANDed).

    Made inside index/ only (quotequery.py, from a QuoteQuery): search/ says what it
    wants as a QuoteQuery and never writes SQL."""

    match: str | None = None
    conditions: list[str] = field(default_factory=list)
    params: list = field(default_factory=list)


def term_frequencies(db: sqlite3.Connection, terms: Iterable[str]) -> dict[str, int]:
    """term -> quote rows holding it, from FTS5's vocabulary (rows of every generation)."""
    ordered = sorted(set(terms))
    found: dict[str, int] = {}
    for start in range(0, len(ordered), _TERMS_AT_ONCE):
        chunk = ordered[start : start + _TERMS_AT_ONCE]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT term, doc FROM quote_vocabulary WHERE term IN ({marks})"
        found.update(db.execute(sql, chunk))
    return found
