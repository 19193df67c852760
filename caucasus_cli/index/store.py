"""Opening the on-disk index, and telling the user plainly when it cannot be used.

Next to Whoosh's files, `caucasus.json` records the schema version and the folders
the index was built from (for `caucasus index` without arguments).
"""

from __future__ import annotations

import functools
import gc
import json
import os
import pickle
import struct
import tempfile
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..errors import IndexUnavailable
from .schema import ARTICLE, QUOTE, SCHEMA_VERSION

T = TypeVar("T")
META_FILE = "caucasus.json"


@dataclass(slots=True)
class IndexMeta:
    schema_version: int = SCHEMA_VERSION
    roots: list[str] = field(default_factory=list)


def read_meta(index_dir: Path) -> IndexMeta | None:
    path = index_dir / META_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return IndexMeta(
            schema_version=int(raw["schema_version"]), roots=[str(r) for r in raw["roots"]]
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexUnavailable(
            f"the index at {index_dir} is damaged ({META_FILE}: {error})"
        ) from None


def write_meta(index_dir: Path, meta: IndexMeta) -> None:
    """Replace the metadata file atomically: a reader sees the old one or the new one."""
    payload = json.dumps({"schema_version": meta.schema_version, "roots": meta.roots}, indent=2)
    handle, temp = tempfile.mkstemp(dir=index_dir, prefix=".caucasus-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(payload + "\n")
    os.replace(temp, index_dir / META_FILE)


def index_exists(index_dir: Path) -> bool:
    from whoosh import index

    return (index_dir / META_FILE).is_file() or (
        index_dir.is_dir() and index.exists_in(str(index_dir))
    )


def open_whoosh_index(index_dir: Path):
    """Open a compatible index for reading, or raise IndexUnavailable saying why not."""
    from whoosh import index

    check_index_location(index_dir)
    if not index_exists(index_dir):
        raise IndexUnavailable(f"no index at {index_dir}", hint="run `caucasus index PATH`")
    meta = read_meta(index_dir)
    if meta is None:
        raise IndexUnavailable(f"the index at {index_dir} was not written by caucasus")
    if meta.schema_version != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"the index at {index_dir} was written by another version of caucasus "
            f"(schema {meta.schema_version}, this version reads {SCHEMA_VERSION})"
        )
    try:
        return index.open_dir(str(index_dir))
    except index.EmptyIndexError:
        raise IndexUnavailable(f"the index at {index_dir} is empty or incomplete") from None
    except Exception as error:  # Whoosh raises many kinds on damaged files
        raise damaged(index_dir, error) from None


def damaged(index_dir: Path, error: BaseException) -> IndexUnavailable:
    """The error to raise for a damaged index, once Whoosh's open files are released.

    Whoosh leaves the file it was reading open when that file turns out corrupt, held
    by the traceback's frames; drop them now, quietly, rather than have a
    ResourceWarning surface at some later point.
    """
    with warnings.catch_warnings(action="ignore", category=ResourceWarning):
        error.__traceback__ = None
        gc.collect()
    return IndexUnavailable(f"the index at {index_dir} is damaged ({describe_error(error)})")


def _damage_errors() -> tuple[type[BaseException], ...]:
    """What reading a truncated or overwritten index file raises, deep inside Whoosh."""
    from whoosh.automata.fst import FileVersionError
    from whoosh.filedb.filetables import FileFormatError
    from whoosh.index import IndexError as WhooshIndexError
    from whoosh.reading import CorruptIndexError

    return (
        EOFError,
        OSError,
        struct.error,
        zlib.error,
        pickle.UnpicklingError,
        # Overwritten stored fields decode to garbage that fails as text.
        UnicodeError,
        CorruptIndexError,
        FileFormatError,
        FileVersionError,
        WhooshIndexError,
    )


DAMAGE_ERRORS = _damage_errors()


def check_index_location(index_dir: Path) -> None:
    """Refuse an index path that exists but cannot be a folder of ours."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexUnavailable(
            f"the index path {index_dir} is not a folder",
            hint="point --index (or CAUCASUS_INDEX) at a folder",
        )


def reads_index(function: Callable[..., T]) -> Callable[..., T]:
    """Report a damaged index as IndexUnavailable; the first argument is the CorpusIndex."""

    @functools.wraps(function)
    def guarded(index: CorpusIndex, *args, **kwargs) -> T:
        try:
            return function(index, *args, **kwargs)
        except DAMAGE_ERRORS as error:
            raise damaged(index.path, error) from None

    return guarded


class CorpusIndex:
    """An open index: one searcher per process, opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ix = open_whoosh_index(path)
        self._searcher = None

    @property
    def searcher(self):
        if self._searcher is None:
            self._searcher = self._ix.searcher()
        return self._searcher

    @functools.cached_property
    def vocabulary(self):
        """The corpus words for "did you mean", read once per open index."""
        from .spelling import load_vocabulary

        return load_vocabulary(self.path)

    @functools.cached_property
    def speakers(self):
        """Everyone quoted (the speaker table), for the index state being searched."""
        from .speakertable import speaker_table

        return speaker_table(self.path, self.searcher.reader())

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def __enter__(self) -> CorpusIndex:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def describe_error(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


@dataclass(slots=True)
class IndexStats:
    """What `caucasus status` reports, read from the index without changing it."""

    index: str
    schema_version: int
    roots: list[str]
    missing_roots: list[str]
    articles: int
    quotes: int
    speakers: int
    size: int  # bytes of every file in the index folder
    last_sync: float | None  # Unix time of the newest file in the folder


def index_stats(index_dir: Path) -> IndexStats:
    """Counts by document type (deleted documents left out), the folders the index was
    built from (and those now missing), its size and when it was last written."""
    from whoosh import query

    with CorpusIndex(index_dir) as corpus:
        meta = read_meta(index_dir) or IndexMeta()
        searcher = corpus.searcher

        def count(doc_type: str) -> int:
            return len(searcher.search(query.Term("type", doc_type), limit=1))

        try:
            speakers = len(corpus.speakers)
            articles, quotes = count(ARTICLE), count(QUOTE)
        except DAMAGE_ERRORS as error:
            raise damaged(index_dir, error) from None
    files = [entry for entry in index_dir.iterdir() if entry.is_file()]
    return IndexStats(
        index=str(index_dir),
        schema_version=meta.schema_version,
        roots=list(meta.roots),
        missing_roots=[root for root in meta.roots if not Path(root).exists()],
        articles=articles,
        quotes=quotes,
        speakers=speakers,
        size=sum(entry.stat().st_size for entry in files),
        last_sync=max((entry.stat().st_mtime for entry in files), default=None),
    )
