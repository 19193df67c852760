"""`caucasus index` where nothing changed: found out, and said, before the indexer loads
(`resync.sync_index` runs this, then the full run in sync.py if there is work).

Most re-syncs find nothing to do. The full run (sync.py) found that out only after it had
loaded the readers and the quote extractor, opened Whoosh and its writer, read the quote
store's file table under it and checked every index file's checksum: 0.86 s of CPU for
an unchanged folder of 22,250 articles. Here the folders are walked with `os.scandir`
(no Path per file), and each file's size and mtime compared with the file table of the
last commit, read in one query. A file whose mtime moved but whose size did not is
hashed: the same bytes as indexed, it is unchanged (as the full run says too), and its
new mtime is kept in the table so that the next run need not hash it again.

Anything this check cannot vouch for sends the run the full way, which reports or
repairs what it finds: a new, changed or vanished file; a file that could not be listed;
folders other than the index's; an index of another version, a commit left half done,
files no commit lists; an index file whose size is not the manifest's, or whose mtime
moved and whose checksum is not the manifest's; a speaker table out of step; another run
writing; a read-only index folder; `--rebuild` and `--forget`.

The check holds Whoosh's write lock (the flock its writers take), so no run commits
while it reads.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..ingest.kinds import UnreadFiles
from ..ingest.reader import article_paths
from .commit import NEXT_VOCABULARY, PENDING_FILE
from .rows import QUOTES_FILE, visible
from .store import (
    DESKTOP_FILES,
    IndexLocation,
    IndexMeta,
    file_sums,
    is_index_file,
    read_meta,
    write_meta,
)
from .version import SCHEMA_VERSION

if TYPE_CHECKING:
    from ..models import IndexPhase

    Progress = Callable[[IndexPhase, int, int | None], None]

# Whoosh's write lock: ix.lock("WRITELOCK") of an index named MAIN (Whoosh's default
# name, the one caucasus uses), an flock on this file.
WHOOSH_WRITE_LOCK = "MAIN_WRITELOCK"
_TOC = re.compile(r"_MAIN_(\d+)\.toc")
# speakertable.py writes its stamp first: {"stamp": [schema version, generation], …
_SPEAKER_STAMP = re.compile(rb'\{"stamp": \[(\d+), (\d+)\]')
_NEW = object()  # a path the file table does not have


@dataclass(slots=True)
class IndexReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, same text as doc)
    quotes: int = 0
    links: int = 0  # new links between wordings of one statement (quote groups)
    seconds: float = 0.0
    articles: int = 0  # articles (re)indexed: one a text file or page, one a record of an export
    bad_records: list[tuple[str, str]] = field(default_factory=list)  # (path:line, reason)
    unread: UnreadFiles = field(default_factory=UnreadFiles)  # files of other types
    # Files skipped because their reader's extra is not installed: (kind, install) -> count.
    missing_readers: Counter[tuple[str, str]] = field(default_factory=Counter)


def unchanged_report(
    location: IndexLocation, roots: Iterable[Path] | None, options: Mapping[str, Any]
) -> IndexReport | None:
    """The report of a `sync_index(location, roots, **options)` that finds nothing to
    change, or None when the full run (sync.py) is to be made."""
    if options.get("rebuild") or any(options.get("forget", ())):
        return None
    roots = None if roots is None else list(roots)
    first_roots = list(options.get("first_roots", ()))
    return unchanged_run(location, roots, first_roots, options.get("progress"))


def unchanged_run(
    location: IndexLocation,
    roots: list[Path] | None,
    first_roots: list[Path],
    progress: Progress | None = None,
) -> IndexReport | None:
    """The report of a run with nothing to change, or None when there may be something
    (or anything else for the full run to say). Written either way: only the new mtimes
    of files whose bytes were found unchanged (the manifest's, the file table's)."""
    started = time.perf_counter()
    index_dir = location.path
    if not location.built or not location.writable:
        return None
    _phase(progress, "FINDING")
    try:
        with _whoosh_write_lock(index_dir) as held:
            found = _unchanged(index_dir, roots, first_roots) if held else None
    except Exception:  # whatever it is, the full run meets it too, and says what it is
        return None
    if found is None:
        return None
    # The phases a full run with nothing to read reports, so that a progress display
    # shows the same steps whichever way the run went (each done as soon as begun).
    _phase(progress, "READING", total=0)
    for name in ("LINKING", "COMMITTING", "SPEAKERS"):
        _phase(progress, name)
    report = IndexReport(unchanged=found.files, unread=found.unread)
    report.seconds = time.perf_counter() - started
    return report


def _phase(progress: Progress | None, name: str, total: int | None = None) -> None:
    """Report the start of a phase (IndexPhase, from models.py: loaded only with a
    progress display)."""
    if progress is not None:
        from ..models import IndexPhase

        progress(IndexPhase[name], 0, total)


@dataclass(slots=True)
class _Found:
    files: int
    unread: UnreadFiles


@contextlib.contextmanager
def _whoosh_write_lock(index_dir: Path) -> Iterator[bool]:
    """Hold Whoosh's write lock if no run does (True), as its FcntlLock takes it."""
    handle = os.open(index_dir / WHOOSH_WRITE_LOCK, os.O_CREAT | os.O_WRONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _unchanged(index_dir: Path, roots, first_roots) -> _Found | None:
    meta = _settled_meta(index_dir)
    if meta is None or not _index_files_intact(index_dir, meta):
        return None
    if not _speakers_in_step(index_dir, meta.generation):
        return None
    run = roots_of_run(roots, meta.roots, first_roots)
    if [str(root) for root in run.kept] != meta.roots:
        return None  # a folder added, or one given inside another: the full run says
    if not all(root.is_dir() for root in run.kept):
        return None  # a folder missing (or now a file): the full run says what it keeps
    return _folders_unchanged(index_dir, meta.generation, run.walked)


def _settled_meta(index_dir: Path) -> IndexMeta | None:
    """The manifest, if the folder holds a finished commit and nothing to tidy: no
    pending commit, no temp files, no index files that the last commit does not list."""
    meta = read_meta(index_dir)
    if meta is None or meta.schema_version != SCHEMA_VERSION or not meta.files:
        return None
    for name in os.listdir(index_dir):
        if name in DESKTOP_FILES or name == WHOOSH_WRITE_LOCK:
            continue
        if not is_index_file(name) or name in (PENDING_FILE, NEXT_VOCABULARY):
            return None
        if name.startswith((".caucasus-", "MAIN_", "_MAIN_")) and name not in meta.files:
            return None  # a temp file, a cancelled writer's segment, another generation
    toc = next((_TOC.fullmatch(name) for name in meta.files if _TOC.fullmatch(name)), None)
    if toc is None or int(toc.group(1)) != meta.generation:
        return None
    return meta


def _index_files_intact(index_dir: Path, meta: IndexMeta) -> bool:
    """Each file of the last commit has its size, and its checksum where its mtime is
    not the one it had when that checksum was last found right (which is then kept)."""
    changed = False
    for name, sums in meta.files.items():
        path = os.path.join(index_dir, name)
        info = os.stat(path)
        if info.st_size != sums[0]:
            return False
        if sums[2:] == [info.st_mtime_ns]:
            continue
        now = file_sums(path)
        if now[:2] != sums[:2]:
            return False
        meta.files[name], changed = now, True
    if changed:  # copied, restored or touched, and intact: not checked again next time
        write_meta(index_dir, meta)
    return True


def _speakers_in_step(index_dir: Path, generation: int | None) -> bool:
    try:
        with open(index_dir / "speakers.json", "rb") as table:
            stamp = _SPEAKER_STAMP.match(table.read(64))
    except FileNotFoundError:
        return False
    return stamp is not None and [int(n) for n in stamp.groups()] == [SCHEMA_VERSION, generation]


def _folders_unchanged(index_dir: Path, generation: int, walked: list[Path]) -> _Found | None:
    """Every article file under `walked` as the file table has it, and no other."""
    import sqlite3

    skipped: list[tuple[Path, str]] = []  # a broken link, a folder that cannot be read…
    unread = UnreadFiles()
    # mode=rw: a missing store is the full run's to report, not an empty one to create.
    uri = f"{(index_dir / QUOTES_FILE).absolute().as_uri()}?mode=rw"
    db = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        db.execute("PRAGMA busy_timeout = 30000")
        # Every row is read: a table scan, not one index lookup per row.
        where = visible(generation, "f")
        rows = db.execute(f"SELECT path, size, mtime_ns, n FROM files f NOT INDEXED WHERE {where}")
        stored = {path: (size, mtime_ns, row) for path, size, mtime_ns, row in rows}
        if any(path.startswith("\x00") for path in stored):
            return None  # a name that is not UTF-8, stored escaped (documents.path_field)
        files = 0
        touched: list[tuple[int, int]] = []  # (new mtime_ns, row) of files with the same bytes
        for _root, path in article_paths(
            walked, lambda path, why: skipped.append((path, why)), unread.add
        ):
            state = stored.get(path, _NEW)
            if state is None:
                continue  # found again (through a link)
            if state is _NEW:
                return None  # new (or a name that is not UTF-8)
            stored[path] = None  # found
            files += 1
            info = os.stat(path)
            if info.st_size == state[0] and info.st_mtime_ns == state[1]:
                continue
            if info.st_size != state[0] or _sha256(path) != _indexed_sha256(db, state[2]):
                return None  # changed
            touched.append((info.st_mtime_ns, state[2]))
        # Gone: indexed under a walked folder, not found there. (A linked file's real
        # path may lie outside its folder: it is not "gone" for not being found there.)
        # A root given may be a file itself (sync.py's is_under_any, in one pass).
        exact = {str(root) for root in walked}
        prefixes = tuple(text.rstrip(os.sep) + os.sep for text in exact)
        for path, state in stored.items():
            if state is not None and (path.startswith(prefixes) or path in exact):
                return None
        if skipped:
            return None  # the full run says what it skips, as it always has
        if touched:
            db.execute("BEGIN")
            db.executemany("UPDATE files SET mtime_ns = ? WHERE n = ?", touched)
            db.execute("COMMIT")
    finally:
        db.close()
    return _Found(files, unread)


def _indexed_sha256(db, row: int) -> str:
    return db.execute("SELECT sha256 FROM files WHERE n = ?", (row,)).fetchone()[0]


def _sha256(path: str) -> str:
    """As the reader hashes a file's bytes (ingest/reader.py)."""
    with open(path, "rb") as data:
        return hashlib.file_digest(data, "sha256").hexdigest()


@dataclass(frozen=True, slots=True)
class Roots:
    walked: list[Path]  # read in this run
    kept: list[Path]  # the index's folders after this run
    forgotten: list[Path]  # dropped from the index with their articles

    @property
    def all(self) -> list[Path]:
        return [*self.kept, *self.walked]


def roots_of_run(
    roots: Iterable[Path] | None,
    indexed: list[str],
    first_roots: Iterable[Path],
    *,
    forget: Iterable[Path] = (),
    rebuild: bool = False,
) -> Roots:
    """Which folders to walk, and which the index keeps (`indexed`: its folders now).

    Roots are real paths, and one inside another is merged into it: the same file
    reached through a trailing slash, a link or a subfolder is one document. A folder
    the index was built from that is missing (an unmounted drive) keeps its articles.
    """
    forgotten = [real_path(r) for r in forget]
    given = [real_path(r) for r in roots or ()]
    known = [] if rebuild and given else [Path(r) for r in indexed]
    known = [r for r in known if not is_under_any(str(r), {str(f) for f in forgotten})]
    if not given and not forgotten:
        given = known or [real_path(r) for r in first_roots]
    walked = outermost(r for r in given if r.exists() or r not in known)
    kept = outermost([*known, *(r for r in walked if r.exists())])
    return Roots(walked=walked, kept=kept, forgotten=forgotten)


def real_path(path: Path | str) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def outermost(roots: Iterable[Path]) -> list[Path]:
    """The roots, without repeats and without any that lie inside another."""
    unique = sorted(set(roots), key=lambda r: (len(r.parts), str(r)))
    merged: list[Path] = []
    for root in unique:
        if not any(root.is_relative_to(outer) for outer in merged):
            merged.append(root)
    return sorted(merged)


def is_under_any(path: str, roots: set[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
