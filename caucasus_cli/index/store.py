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
from .schema import SCHEMA_VERSION

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


def index_ready(index_dir: Path) -> bool:
    """Whether a first build has committed here (`caucasus.json` is written with it)."""
    return (index_dir / META_FILE).is_file()


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


# Every name caucasus or Whoosh writes in an index folder. Whoosh's commit deletes any
# `MAIN_*` file it does not know, and a rebuild clears the folder: both only ever run
# in a folder holding nothing else.
LOCK_FILE = "caucasus.lock"
_OWN_NAMES = frozenset({META_FILE, LOCK_FILE, "vocabulary.tsv"})
_OWN_PREFIXES = ("MAIN_", "MAIN.", "_MAIN_", ".caucasus-")


def is_index_file(name: str) -> bool:
    """Whether a file of this name in an index folder is one caucasus or Whoosh wrote."""
    return name in _OWN_NAMES or name.startswith(_OWN_PREFIXES)


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
