"""The quote store: every quote in an SQLite file beside the Whoosh index.

Whoosh holds the articles; quotes are rows of `quotes.sqlite`, their indexed words in
an FTS5 table. A quote document per quote in Whoosh cost a third of the indexing time
and of the index's size, and skewed article ranking (Whoosh counted them in BM25F's
document count and average length).

The two stores are kept in step by Whoosh's commit alone. Every row carries the Whoosh
generation (table-of-contents number) that added it and the one that deleted it, and
a reader of generation `g` sees the rows added at or before `g` and not deleted by
then. A run writes its rows (and marks deletions) under the generation its commit
will have, in batches that need not wait for the end; the Whoosh commit then makes
them visible, all at once. A run that dies before that commit leaves rows no reader
sees, and the next run takes them out before it writes anything. Rows deleted two
generations back are purged then too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import IndexUnavailable, IndexWriteFailed
from ..models import Quote, SortOrder
from .documents import QUOTE_COLUMNS, QuotedSpeaker, indexed_values, quote_from_row, quoted_speaker
from .quotequery import QuoteQuery, fts_expression, selection
from .rows import QUOTES_FILE, ArticleRows, FileRow, Selection, term_frequencies, visible

if TYPE_CHECKING:
    from whoosh import query

STORE_VERSION = 2

# The FTS5 table indexes words as the Whoosh analyzer made them (folded, stemmed,
# joined by spaces), so one tokenizer rule suffices: split at spaces, keep the rest.
# `ascii` keeps every non-ASCII character in a token; '.' and '_' occur in words
# ("0.2", "snake_case") and must stay in them too.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY,
    doc TEXT NOT NULL,
    file TEXT NOT NULL,
    article TEXT NOT NULL,
    added INTEGER NOT NULL,
    deleted INTEGER
);
CREATE INDEX IF NOT EXISTS articles_file ON articles (file);
CREATE TABLE IF NOT EXISTS quotes (
    n INTEGER PRIMARY KEY,
    a INTEGER NOT NULL,
    id TEXT NOT NULL,
    doc TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker_key TEXT,
    date TEXT,
    start INTEGER NOT NULL,
    wording INTEGER,
    quote TEXT NOT NULL,
    added INTEGER NOT NULL,
    deleted INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_id ON quotes (id);
CREATE INDEX IF NOT EXISTS quotes_wording ON quotes (wording);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc, start);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_key);
CREATE VIRTUAL TABLE IF NOT EXISTS quote_words USING fts5 (
    words, source, content='', tokenize="ascii tokenchars '._'"
);
CREATE VIRTUAL TABLE IF NOT EXISTS quote_vocabulary USING fts5vocab (quote_words, 'row');
-- Wordings of one statement (statements.py): a fact about two texts, true whichever
-- quotes hold them, so links need no generations. `wordings`: those already linked.
CREATE TABLE IF NOT EXISTS links (
    w1 INTEGER NOT NULL, w2 INTEGER NOT NULL, PRIMARY KEY (w1, w2)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_w2 ON links (w2);
CREATE TABLE IF NOT EXISTS wordings (key INTEGER PRIMARY KEY);
-- Each indexed file's state, which a re-sync compares the folders with: one query,
-- not seven Whoosh column reads per article. `path` as documents.path_field makes it.
CREATE TABLE IF NOT EXISTS files (
    n INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    doc TEXT NOT NULL,
    root TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    added INTEGER NOT NULL,
    deleted INTEGER
);
CREATE INDEX IF NOT EXISTS files_doc ON files (doc);
-- What a run that never committed left, and rows deleted long ago, found without a
-- scan of every row at the start of each run (partial: few rows are ever deleted).
CREATE INDEX IF NOT EXISTS quotes_added ON quotes (added);
CREATE INDEX IF NOT EXISTS quotes_deleted ON quotes (deleted) WHERE deleted IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_added ON articles (added);
CREATE INDEX IF NOT EXISTS articles_deleted ON articles (deleted) WHERE deleted IS NOT NULL;
CREATE INDEX IF NOT EXISTS files_added ON files (added);
CREATE INDEX IF NOT EXISTS files_deleted ON files (deleted) WHERE deleted IS NOT NULL;
"""

# A batch of rows is written (and committed) this often during a run.
_BATCH_ARTICLES = 500
_BUSY_MS = 30_000


def connect(index_dir: Path, *, create: bool = False) -> sqlite3.Connection:
    path = index_dir / QUOTES_FILE
    if not create and not path.is_file():
        raise IndexUnavailable(
            f"the index at {index_dir} has no quote store ({QUOTES_FILE} is missing)",
            hint="run `caucasus index --rebuild` to read the articles again",
        )
    connection = None
    try:
        connection = _open(path, create)
        if create:
            # Write-ahead logging: a command reading quotes (`quotes | less`, for as long
            # as the pager is open) never holds up an `index` run, nor it the reader.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.executescript(_SCHEMA)
            connection.execute(
                "INSERT OR IGNORE INTO meta VALUES ('version', ?)", (str(STORE_VERSION),)
            )
        version = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError as error:
        if connection is not None:
            connection.close()
        raise damaged_store(index_dir, error) from None
    if version is None or version[0] != str(STORE_VERSION):
        connection.close()
        raise IndexUnavailable(
            f"the quote store at {path} was written by another version of caucasus",
            hint="run `caucasus index --rebuild`",
        )
    return connection


def _open(path: Path, writing: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=_BUSY_MS / 1000, isolation_level=None)
    try:
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        if not writing:
            connection.execute("SELECT 1 FROM meta LIMIT 1").fetchall()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        if writing:
            raise
        # A read-only folder (a mounted archive, a shared drive): a WAL reader cannot make
        # its shared-memory file there, and nobody can be writing; read it as immutable.
        uri = f"{path.resolve().as_uri()}?immutable=1"
        return sqlite3.connect(uri, uri=True, isolation_level=None)
    except BaseException:
        connection.close()
        raise


def _connect_for_writing(index_dir: Path, rebuild: bool, first: bool) -> sqlite3.Connection:
    try:
        return connect(index_dir, create=rebuild or first)
    except IndexUnavailable:
        if not rebuild:
            raise
    # Damaged or of another version: a rebuild reads every article again anyway.
    for suffix in ("", "-journal", "-wal", "-shm"):
        (index_dir / (QUOTES_FILE + suffix)).unlink(missing_ok=True)
    return connect(index_dir, create=True)


def damaged_store(index_dir: Path, error: Exception) -> IndexUnavailable:
    return IndexUnavailable(
        f"the quote store at {index_dir / QUOTES_FILE} is damaged ({error})",
        hint="run `caucasus index --rebuild` to read the articles again",
    )


class StoreWriter:
    """Rows for the generation a Whoosh writer will commit, written in batches."""

    def __init__(self, index_dir: Path, generation: int, *, rebuild: bool) -> None:
        """`generation`: the one the Whoosh writer's commit will have."""
        self.index_dir = index_dir
        self.generation = generation
        committed = generation - 1
        # Only a first build (Whoosh's empty generation 0) or a rebuild starts a store: a
        # store missing from a built index must not be replaced by an empty one.
        self._db = _connect_for_writing(index_dir, rebuild, first=committed == 0)
        self._pending: list[ArticleRows] = []
        self._files: list[FileRow] = []
        self._dropped: list[str] = []
        try:
            with self._transaction():
                self._forget_uncommitted(committed)
                if rebuild:
                    for table in ("articles", "quotes", "files"):
                        self._db.execute(
                            f"UPDATE {table} SET deleted = ? WHERE deleted IS NULL",
                            (self.generation,),
                        )
        except sqlite3.Error as error:
            raise _write_failed(index_dir, error) from None

    def drop_file(self, file_doc: str) -> None:
        """The articles (and quotes) of this file are gone from the next generation."""
        self._dropped.append(file_doc)

    def add(self, article: ArticleRows) -> None:
        self._pending.append(article)
        if len(self._pending) >= _BATCH_ARTICLES:
            self.flush()

    def add_file(self, state: FileRow) -> None:
        """The state of a file (re)indexed in this run (its articles come through `add`)."""
        self._files.append(state)

    def file_states(self) -> list[FileRow]:
        """Every file of the last committed generation, as it was indexed."""
        try:
            found = self._db.execute(
                "SELECT path, doc, root, sha256, mtime_ns, size FROM files f "
                f"WHERE {visible(self.generation - 1, 'f')}"
            ).fetchall()
        except sqlite3.DatabaseError as error:
            raise damaged_store(self.index_dir, error) from None
        return [FileRow(*row) for row in found]

    def flush(self) -> None:
        if not self._pending and not self._dropped and not self._files:
            return
        try:
            with self._transaction():
                self._write_drops()
                self._write_articles()
                self._write_files()
        except sqlite3.Error as error:
            raise _write_failed(self.index_dir, error) from None

    def link_statements(self) -> int:
        """Link this run's new wordings to those of the same statement; how many links."""
        # Imported here: only an `index` run links, and the linking's imports (the
        # wording alignment) would only slow every search's start.
        from .statements import link_new_wordings

        self.flush()
        try:
            with self._transaction():
                return link_new_wordings(self._db, self.generation)
        except sqlite3.Error as error:
            raise _write_failed(self.index_dir, error) from None

    def close(self) -> None:
        self._db.close()

    def _write_drops(self) -> None:
        for file_doc in self._dropped:
            params = (self.generation, file_doc, self.generation)
            self._db.execute(
                "UPDATE quotes SET deleted = ? WHERE a IN "
                "(SELECT n FROM articles WHERE file = ? AND deleted IS NULL) AND added < ?",
                params,
            )
            self._db.execute(
                "UPDATE articles SET deleted = ? WHERE file = ? AND deleted IS NULL AND added < ?",
                params,
            )
            self._db.execute(
                "UPDATE files SET deleted = ? WHERE doc = ? AND deleted IS NULL AND added < ?",
                params,
            )
        self._dropped.clear()

    def _write_files(self) -> None:
        self._db.executemany(
            "INSERT INTO files (path, doc, root, sha256, mtime_ns, size, added)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (f.path, f.doc, f.root, f.sha256, f.mtime_ns, f.size, self.generation)
                for f in self._files
            ],
        )
        self._files.clear()

    def _write_articles(self) -> None:
        db, generation = self._db, self.generation
        for article in self._pending:
            a = db.execute(
                "INSERT INTO articles (doc, file, article, added) VALUES (?, ?, ?, ?)",
                (article.doc, article.file, article.article, generation),
            ).lastrowid
            for quote in article.quotes:
                n = db.execute(
                    "INSERT INTO quotes (a, id, doc, kind, speaker_key, date, start, wording,"
                    " quote, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        a,
                        quote.id,
                        article.doc,
                        quote.kind,
                        quote.speaker_key,
                        article.date,
                        quote.start,
                        quote.wording,
                        quote.quote,
                        generation,
                    ),
                ).lastrowid
                db.execute(
                    "INSERT INTO quote_words (rowid, words, source) VALUES (?, ?, ?)",
                    (n, quote.words, article.source_words),
                )
        self._pending.clear()

    def _forget_uncommitted(self, committed: int) -> None:
        """Rows of a run that never committed, and rows deleted long enough ago."""
        db, when = self._db, {"committed": committed}
        doomed = "{0}.added > :committed OR {0}.deleted < :committed"
        rows = db.execute(
            "SELECT q.n, q.quote, a.article FROM quotes q JOIN articles a ON a.n = q.a "
            f"WHERE {doomed.format('q')}",
            when,
        ).fetchall()
        for n, quote, article in rows:
            words, source = indexed_values(quote, article)
            db.execute(
                "INSERT INTO quote_words (quote_words, rowid, words, source) "
                "VALUES ('delete', ?, ?, ?)",
                (n, words, source),
            )
        for table in ("quotes", "articles", "files"):
            db.execute(f"DELETE FROM {table} WHERE {doomed.format(table)}", when)
            db.execute(f"UPDATE {table} SET deleted = NULL WHERE deleted > :committed", when)

    def _transaction(self):
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, _value, _traceback) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _write_failed(index_dir: Path, error: sqlite3.Error) -> IndexWriteFailed:
    return IndexWriteFailed(f"cannot write the quote store at {index_dir / QUOTES_FILE}: {error}")


class _Order(StrEnum):
    """Row orders of the store's own reads (a listing's order is a SortOrder)."""

    RELEVANCE = "relevance"  # bm25 when there are words to rank by, else text order
    TEXT = "text"  # by document id, then place in the text
    OLDEST = "oldest"  # dated first, by date, then text order
    NEWEST = "newest"
    ID = "id"
    ADDED = "added"  # as indexed
    NONE = "none"  # any order: SQLite's cheapest


_ORDERS = {
    SortOrder.score: _Order.RELEVANCE,
    SortOrder.date: _Order.OLDEST,
    SortOrder.newest: _Order.NEWEST,
}
_TEXT_ORDER = "q.doc, q.start"

_FROM = "quotes q JOIN articles a ON a.n = q.a"
_FROM_MATCHING = "quote_words JOIN quotes q ON q.n = quote_words.rowid JOIN articles a ON a.n = q.a"


class QuoteStore:
    """The quotes of one Whoosh generation, for reading."""

    def __init__(self, index_dir: Path, generation: int) -> None:
        self.index_dir = index_dir
        self.generation = generation
        self._db = connect(index_dir)

    def quotes(
        self,
        wanted: QuoteQuery,
        order: SortOrder = SortOrder.score,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[Quote]:
        """The quotes `wanted` in `order` (relevance: by bm25 when there are words, else
        text order), read from the store only as they are iterated."""
        rows = self._select(self._selection(wanted), QUOTE_COLUMNS, _ORDERS[order], limit, offset)
        return map(quote_from_row, rows)

    def count(self, wanted: QuoteQuery | None = None) -> int:
        chosen = self._selection(wanted) if wanted is not None else Selection()
        where, params = self._where(chosen)
        source = _FROM_MATCHING if chosen.match else "quotes q"
        return self.rows(f"SELECT count(*) FROM {source} WHERE {where}", params)[0][0]

    def ids(self, wanted: QuoteQuery, limit: int | None = None) -> list[str]:
        """The distinct ids of the quotes `wanted`, in id order."""
        rows = self._select(self._selection(wanted), "DISTINCT q.id", _Order.ID, limit)
        return [qid for (qid,) in rows]

    def matching_any(
        self, alternatives: list[query.Query], wanted: QuoteQuery, limit: int
    ) -> list[Quote]:
        """The quotes `wanted` that match one of `alternatives` (each an AND of words),
        best (bm25) first: one FTS5 expression, so no posting list is read into Python."""
        expressions = [e for part in alternatives if (e := fts_expression(part, self))]
        if not expressions:
            return []
        chosen = self._selection(wanted)
        either = " OR ".join(f"({e})" for e in expressions)
        chosen.match = f"({chosen.match}) AND ({either})" if chosen.match else either
        rows = self._select(chosen, QUOTE_COLUMNS, _Order.RELEVANCE, limit)
        return [quote_from_row(row) for row in rows]

    def wordings(self, wanted: QuoteQuery) -> set[int]:
        """The wording keys of the quotes `wanted`."""
        rows = self._select(self._selection(wanted), "DISTINCT q.wording", _Order.NONE)
        return {key for (key,) in rows if key is not None}

    def wording_docs(self, wanted: QuoteQuery) -> Iterator[tuple[int, str]]:
        """(wording key, document) of each quote `wanted` that has a wording key."""
        wanted.grouped = True
        return self._select(self._selection(wanted), "q.wording, q.doc", _Order.NONE)

    def quotes_with_wordings(self, wanted: QuoteQuery) -> list[tuple[int, Quote]]:
        """(wording key, quote) of the quotes `wanted`, in text order."""
        columns = f"{QUOTE_COLUMNS}, q.wording"
        rows = self._select(self._selection(wanted), columns, _Order.TEXT)
        return [(row[4], quote_from_row(row)) for row in rows]

    def linked_wordings(self, keys: Iterable[int]) -> set[int]:
        """The wordings linked to one of `keys` (statements.py), in either direction."""
        marks = ",".join(str(int(key)) for key in keys)
        linked = self.rows(
            f"SELECT w2 FROM links WHERE w1 IN ({marks}) "
            f"UNION SELECT w1 FROM links WHERE w2 IN ({marks})"
        )
        return {key for (key,) in linked}

    def links(self) -> Iterator[tuple[int, int]]:
        """Every link between two wordings of one statement."""
        return self.iter_rows("SELECT w1, w2 FROM links")

    def quoted_speakers(self) -> Iterator[QuotedSpeaker]:
        """Every attributed quote's speaker, role and mention, in the order indexed."""
        attributed = Selection(conditions=["q.speaker_key IS NOT NULL"])
        for doc, quote_json in self._select(attributed, "q.doc, q.quote", _Order.ADDED):
            yield quoted_speaker(doc, quote_json)

    def _selection(self, wanted: QuoteQuery) -> Selection:
        return selection(wanted, self)

    def _select(
        self,
        wanted: Selection,
        columns: str,
        order: _Order = _Order.TEXT,
        limit: int | None = None,
        offset: int = 0,
    ) -> Iterator[tuple]:
        """The rows `wanted`, `columns` of each, in `order`, read as they are iterated."""
        where, params = self._where(wanted)
        sql = f"SELECT {columns} FROM {_FROM_MATCHING if wanted.match else _FROM} WHERE {where}"
        sql += f" ORDER BY {self._order(wanted, order)} LIMIT ? OFFSET ?"
        return self.iter_rows(sql, [*params, -1 if limit is None else limit, offset])

    def _where(self, wanted: Selection) -> tuple[str, list]:
        conditions, params = [visible(self.generation)], []
        if wanted.match:
            conditions.append("quote_words MATCH ?")
            params.append(wanted.match)
        conditions += [f"({c})" for c in wanted.conditions]
        return " AND ".join(conditions), [*params, *wanted.params]

    @staticmethod
    def _order(wanted: Selection, order: _Order) -> str:
        if order == _Order.RELEVANCE:
            return f"quote_words.rank, {_TEXT_ORDER}" if wanted.match else _TEXT_ORDER
        if order == _Order.TEXT:
            return _TEXT_ORDER
        if order == _Order.ID:
            return "q.id"
        if order == _Order.ADDED:
            return "q.n"
        if order == _Order.NONE:
            return "NULL"
        direction = "DESC" if order == _Order.NEWEST else ""
        return f"q.date IS NULL, q.date {direction}, {_TEXT_ORDER}"

    def file_stats(self) -> list[tuple[str, int, int]]:
        """(path as stored, size, mtime_ns) of each file of this generation."""
        return self.rows(
            f"SELECT path, size, mtime_ns FROM files f WHERE {visible(self.generation, 'f')}"
        )

    def size_estimate(self) -> int:
        """About how many quotes the store holds (the span of row numbers: no scan)."""
        # Two subqueries: SQLite reads min() and max() of the key from the B-tree's ends
        # only when each stands alone (both in one SELECT scan the table: 99 ms at 100k).
        low, high = self.rows("SELECT (SELECT min(n) FROM quotes), (SELECT max(n) FROM quotes)")[0]
        return 0 if low is None else high - low + 1

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        return list(self.iter_rows(sql, params))

    def iter_rows(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        try:
            cursor = self._db.execute(sql, params)
        except sqlite3.DatabaseError as error:
            raise self._failure(error) from None
        return self._fetching(cursor)

    def _fetching(self, cursor: sqlite3.Cursor) -> Iterator[tuple]:
        while True:
            try:
                batch = cursor.fetchmany(256)
            except sqlite3.ProgrammingError:  # closed under us: the command is ending
                return
            except sqlite3.DatabaseError as error:
                raise self._failure(error) from None
            if not batch:
                return
            yield from batch

    def _failure(self, error: sqlite3.DatabaseError) -> Exception:
        if isinstance(error, sqlite3.OperationalError) and "fts5" in str(error):
            return error  # an expression built wrongly: a bug, not damage
        return damaged_store(self.index_dir, error)

    def vocabulary(self, terms: Iterable[str]) -> dict[str, int]:
        """term -> number of quotes holding it (deleted ones included: an estimate)."""
        try:
            return term_frequencies(self._db, terms)
        except sqlite3.DatabaseError as error:
            raise self._failure(error) from None

    def terms_between(self, low: str, high: str) -> list[str]:
        """Indexed words w with low <= w < high (for prefix, wildcard and fuzzy terms)."""
        found = self.rows(
            "SELECT term FROM quote_vocabulary WHERE term >= ? AND term < ?", (low, high)
        )
        return [term for (term,) in found]

    def close(self) -> None:
        self._db.close()
