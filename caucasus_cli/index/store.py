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

from ..errors import CaucasusError, IndexUnavailable
from . import safeload
from .version import SCHEMA_VERSION

T = TypeVar("T")
META_FILE = "caucasus.json"


@dataclass(slots=True)
class IndexMeta:
    schema_version: int = SCHEMA_VERSION
    roots: list[str] = field(default_factory=list)
    # What the last commit wrote (name -> [size, crc32, mtime_ns]), to tell damage from
    # a bug (mtime_ns: when the checksum was last found right; older indexes lack it).
    generation: int | None = None
    files: dict[str, list[int]] = field(default_factory=dict)


def read_meta(index_dir: Path) -> IndexMeta | None:
    path = index_dir / META_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return IndexMeta(
            schema_version=int(raw["schema_version"]),
            roots=[str(r) for r in raw["roots"]],
            generation=raw.get("generation"),
            files={
                str(name): [int(n) for n in sums] for name, sums in raw.get("files", {}).items()
            },
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise IndexUnavailable(
            f"the index at {index_dir} is damaged ({META_FILE}: {error})"
        ) from None


def write_meta(index_dir: Path, meta: IndexMeta) -> None:
    """Replace the metadata file atomically: a reader sees the old one or the new one."""
    fields = {"schema_version": meta.schema_version, "roots": meta.roots}
    if meta.files:
        fields |= {"generation": meta.generation, "files": meta.files}
    payload = json.dumps(fields, indent=2)
    # ".caucasus-meta-": a temp only a run holding the write lock makes (commit.py).
    handle, temp = tempfile.mkstemp(dir=index_dir, prefix=".caucasus-meta-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(payload + "\n")
        os.replace(temp, index_dir / META_FILE)
    except BaseException:
        Path(temp).unlink(missing_ok=True)  # a full disk must not leave half-files behind
        raise


def index_exists(index_dir: Path) -> bool:
    from whoosh import index

    safeload.install()  # Whoosh reads the TOC to tell

    return (index_dir / META_FILE).is_file() or (
        index_dir.is_dir() and index.exists_in(str(index_dir))
    )


def index_ready(index_dir: Path) -> bool:
    """Whether a first build has committed here (`caucasus.json` is written with it)."""
    return (index_dir / META_FILE).is_file()


def open_whoosh_index(location: Path | IndexLocation):
    """Open a compatible index for reading, or raise IndexUnavailable saying why not."""
    from whoosh import index

    safeload.install()
    index_dir = locate_index(location).path
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
        ix = index.open_dir(str(index_dir))
        verify_index(index_dir, ix, meta, contents=False)
        return ix
    except IndexUnavailable:
        raise
    except index.EmptyIndexError:
        raise IndexUnavailable(f"the index at {index_dir} is empty or incomplete") from None
    except Exception as error:  # Whoosh raises many kinds on damaged files
        raise damaged(index_dir, error) from None


def index_manifest(index_dir: Path, ix) -> tuple[int, dict[str, list[int]]]:
    """The generation of the index's last commit, and [size, crc32, mtime_ns] of each of
    its files."""
    toc = ix._read_toc()  # Whoosh has no public name for the segments of a generation
    prefixes = tuple(f"{segment.segment_id()}." for segment in toc.segments)
    names = [f"_{ix.indexname}_{toc.generation}.toc"]
    names += sorted(name for name in os.listdir(index_dir) if name.startswith(prefixes))
    return toc.generation, {name: file_sums(index_dir / name) for name in names}


def verify_index(index_dir: Path, ix, meta: IndexMeta, *, contents: bool) -> None:
    """Raise IndexUnavailable if a file of the index is not as its commit wrote it.

    Sizes alone are cheap enough for every command; `contents` also compares
    checksums. An index committed after its manifest (another run just finished)
    cannot be told apart, and passes.
    """
    if not meta.files or ix.latest_generation() != meta.generation:
        return
    for name, (size, crc, *_mtime) in meta.files.items():
        try:
            now_size = (index_dir / name).stat().st_size
        except FileNotFoundError:
            if ix.latest_generation() != meta.generation:
                return  # a commit under way has just replaced this generation
            raise _damaged_file(index_dir, name, "is missing") from None
        if now_size != size:
            raise _damaged_file(index_dir, name, "has changed size since it was written")
        if contents and file_sums(index_dir / name)[1] != crc:
            raise _damaged_file(index_dir, name, "has changed since it was written")


def _damaged_file(index_dir: Path, name: str, what: str) -> IndexUnavailable:
    return IndexUnavailable(f"the index at {index_dir} is damaged ({name} {what})")


def file_sums(path: Path | str) -> list[int]:
    """[size, crc32, mtime_ns] of one file of the index, as the manifest records them."""
    crc, size = 0, 0
    with open(path, "rb") as data:
        mtime_ns = os.fstat(data.fileno()).st_mtime_ns
        while chunk := data.read(1 << 20):
            crc, size = zlib.crc32(chunk, crc), size + len(chunk)
    return [size, crc, mtime_ns]


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


@functools.cache
def damage_errors() -> tuple[type[BaseException], ...]:
    """What reading a truncated or overwritten index file raises, deep inside Whoosh
    (found on first use: `caucasus index` on an unchanged folder loads no Whoosh)."""
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


# Every name caucasus or Whoosh writes in an index folder. Whoosh's commit deletes any
# `MAIN_*` file it does not know, and a rebuild clears the folder: both only ever run
# in a folder holding nothing else.
LOCK_FILE = "caucasus.lock"
# speakers.json: the speaker table (speakertable.SPEAKERS_FILE), derived from the index;
# quotes.sqlite: the quote store (quotestore.QUOTES_FILE), its write-ahead log and the
# log's shared-memory index (and a rollback journal, should SQLite need one).
_OWN_NAMES = frozenset(
    {
        META_FILE,
        LOCK_FILE,
        "vocabulary.tsv",
        # A commit's sidecar files before they take effect (commit.py).
        "caucasus.next.json",
        "vocabulary.next.tsv",
        "speakers.json",
        "quotes.sqlite",
        "quotes.sqlite-journal",
        "quotes.sqlite-wal",
        "quotes.sqlite-shm",
    }
)
_OWN_PREFIXES = ("MAIN_", "MAIN.", "_MAIN_", ".caucasus-")
# What a file manager leaves in any folder it shows: neither ours nor the user's work.
DESKTOP_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})


def is_index_file(name: str) -> bool:
    """Whether a file of this name in an index folder is one caucasus or Whoosh wrote."""
    return name in _OWN_NAMES or name.startswith(_OWN_PREFIXES)


@dataclass(frozen=True, slots=True)
class IndexLocation:
    """The index folder, resolved and checked once (`locate_index`) and handed to the
    code that reads or writes it, none of which checks it again.

    `built` and `writable` are as found then: a build under way elsewhere can finish
    afterwards, so the code that builds reads the folder again under the build lock.
    """

    path: Path
    exists: bool  # a folder is there (anything else at the path is refused)
    built: bool  # a first build has committed there (caucasus.json is written with it)
    writable: bool  # this process may create and change files there

    def __str__(self) -> str:
        return str(self.path)


def locate_index(given: Path | IndexLocation) -> IndexLocation:
    """Where the index is and what is there, refusing a path that cannot be ours (a
    file, a folder of someone's documents). An IndexLocation is returned as it is."""
    if isinstance(given, IndexLocation):
        return given
    check_index_location(given)
    exists = given.is_dir()
    return IndexLocation(given, exists, index_ready(given), _may_write(given, exists))


def _may_write(path: Path, exists: bool) -> bool:
    if exists:
        return os.access(path, os.W_OK | os.X_OK)
    parent = next((p for p in path.parents if p.exists()), None)  # where it would be made
    return parent is not None and os.access(parent, os.W_OK | os.X_OK)


def check_index_location(index_dir: Path) -> None:
    """Refuse an index path that exists but cannot be a folder of ours: a file, or a
    folder holding anything but an index (the user's own files)."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexUnavailable(
            f"the index path {index_dir} is not a folder",
            hint="point --index (or CAUCASUS_INDEX) at a folder",
        )
    try:
        names = os.listdir(index_dir)
    except FileNotFoundError:
        return
    except OSError as error:
        raise IndexUnavailable(
            f"cannot open the index folder {index_dir}: {error.strerror or error}", hint=None
        ) from None
    names = [name for name in names if name not in DESKTOP_FILES]
    foreign = sorted(name for name in names if not is_index_file(name))
    if names and not foreign and not any(_marks_an_index(name) for name in names):
        foreign = sorted(names)  # only index-like names ("vocabulary.tsv"), none of ours
    if foreign:
        from ..errors import NotAnIndexFolder

        raise NotAnIndexFolder(
            f"`--index` points at a folder that is not a caucasus index: {index_dir} "
            f"(it holds {_some(foreign)})"
        )


def _marks_an_index(name: str) -> bool:
    return name in (META_FILE, LOCK_FILE) or (name.startswith("_MAIN_") and name.endswith(".toc"))


def _some(names: list[str], shown: int = 3) -> str:
    listed = ", ".join(repr(name) for name in names[:shown])
    return listed + (f" and {len(names) - shown} more" if len(names) > shown else "")


def reads_index(function: Callable[..., T]) -> Callable[..., T]:
    """Report a damaged index as IndexUnavailable; the first argument is the CorpusIndex."""

    @functools.wraps(function)
    def guarded(index: CorpusIndex, *args, **kwargs) -> T:
        try:
            return function(index, *args, **kwargs)
        except damage_errors() as error:
            raise damaged(index.path, error) from None
        except CaucasusError:
            raise
        except Exception:
            # Overwritten bytes can fail in any way deep in Whoosh; if the files are
            # not as written, say so, else this is a bug and its traceback is wanted.
            index.verify(contents=True)
            raise

    return guarded


class CorpusIndex:
    """An open index: one searcher per process, opened on first use."""

    def __init__(self, path: Path | IndexLocation) -> None:
        self.location = locate_index(path)
        self.path = self.location.path
        self._ix = open_whoosh_index(self.location)
        self._searcher = None

    def verify(self, *, contents: bool) -> None:
        """Raise IndexUnavailable if the index's files are not as its last commit wrote."""
        meta = read_meta(self.path)
        if meta is not None:
            verify_index(self.path, self._ix, meta, contents=contents)

    @property
    def searcher(self):
        if self._searcher is None:
            from .scoring import ColumnLengthBM25F

            # Whoosh's BM25F, with field lengths read a column at a time (scoring.py).
            self._searcher = self._ix.searcher(weighting=ColumnLengthBM25F())
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

        return speaker_table(self.path, self.quotes)

    @functools.cached_property
    def quotes(self):
        """The quote store, as of the index generation being searched."""
        from .quotestore import QuoteStore

        generation = self.searcher.reader().generation()
        return QuoteStore(self.path, -1 if generation is None else generation)

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        if "quotes" in self.__dict__:
            self.__dict__.pop("quotes").close()

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

    from .schema import ARTICLE

    with CorpusIndex(index_dir) as corpus:
        meta = read_meta(index_dir) or IndexMeta()
        searcher = corpus.searcher

        def count(doc_type: str) -> int:
            return len(searcher.search(query.Term("type", doc_type), limit=1))

        try:
            speakers = len(corpus.speakers)
            articles = count(ARTICLE)
            quotes = corpus.quotes.count()
        except damage_errors() as error:
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
