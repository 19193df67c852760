"""Build and keep the index in step with folders of article files.

A run reads only files whose size or mtime changed (and, of those, only the ones
whose content hash changed), adds new files, drops files that are gone, and commits
once: Whoosh writes a new table of contents atomically, so an interrupted run
leaves the last committed index untouched. Whoosh's write lock is an OS file lock
(flock), which the kernel releases when its owner dies, so a killed run never
leaves a lock that blocks the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CaucasusError, IndexBusy, IndexUnavailable, IndexWriteFailed
from ..ingest.exports import Field, FieldNames, RecordProblem, field_names
from ..ingest.formats import ReaderMissing, articles_from_file
from ..ingest.metadata import readable_paragraphs
from ..ingest.reader import (
    DEFAULT_MAX_BYTES,
    FoundFile,
    SkippedFile,
    find_article_files,
    printable_path,
    read_article_file,
)
from ..models import Article, IndexPhase, Quote
from . import commit, safeload
from .documents import (
    Bookkeeping,
    article_document,
    article_rows,
    bookkeeping,
    bookkeeping_of_files,
    file_row,
    path_field,
)
from .quotestore import StoreWriter
from .rows import ArticleRows, FileRow
from .schema import SCHEMA_VERSION, build_schema
from .speakertable import refresh_speaker_table
from .spelling import words_of
from .store import (
    LOCK_FILE,
    META_FILE,
    IndexLocation,
    IndexMeta,
    describe_error,
    index_manifest,
    index_ready,
    is_index_file,
    locate_index,
    read_meta,
    verify_index,
    write_meta,
)
from .unchanged import IndexReport, Roots, is_under_any, outermost, roots_of_run, unchanged_report
from .workers import (
    CtrlC,
    close_segment_files,
    deaf_to_ctrl_c_while_spawning,
    exit_with_parent,
    kill_workers,
    parallel_writer,
)

# (phase, done, total): `total` is None for a phase not counted in steps.
Progress = Callable[[IndexPhase, int, int | None], None]
Notice = Callable[[str, str], None]  # (path, message)

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 200
# Per writer process: Whoosh spills its posting pool to disk beyond this.
_WRITER_MEMORY_MB = 64
_CHUNK = 32  # articles per task sent to a worker process


@dataclass(slots=True)
class PreparedArticle:
    article: Article
    quotes: list[Quote]
    root: str
    encoding: str
    words: set[str]


@dataclass(slots=True)
class PreparedFile:
    """One file's articles (several for an export), and the records it could not read."""

    articles: list[PreparedArticle]
    problems: list[RecordProblem]


class Unchanged:
    """A file whose mtime moved but whose bytes did not: nothing to re-index."""


_UNCHANGED = Unchanged()


@dataclass(frozen=True, slots=True)
class _Found:
    """A file found, as little as a run keeps of it while all its files wait to be read
    (100,000 of them at once): the root, one object shared by the files under it, and
    the path as a string (a Path per file was half of the parent process's memory)."""

    root: Path
    path: str

    def found_file(self) -> FoundFile:
        return FoundFile(self.root, Path(self.path))


@dataclass(frozen=True, slots=True)
class _Task:
    found: _Found
    doc: str
    max_bytes: int
    known_sha256: str | None  # the indexed version's hash, if the file was indexed
    names: FieldNames | None = None  # export field names


def prepare_file(
    found: FoundFile,
    doc: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    known_sha256: str | None = None,
    names: FieldNames | None = None,
) -> PreparedFile | Unchanged:
    """Read one file into its articles and extract their quotes. Raises SkippedFile."""
    decoded = read_article_file(found.path, max_bytes)
    if decoded.sha256 == known_sha256:
        return _UNCHANGED
    read = articles_from_file(decoded, doc, names)
    articles = [_prepare(article, str(found.root)) for article in read.articles]
    return PreparedFile(articles, read.problems)


def _prepare(article: Article, root: str) -> PreparedArticle:
    from ..quotes.extract import extract_quotes
    from ..quotes.people import load_people

    quotes = extract_quotes(article.text, readable_paragraphs(article), load_people())
    words = words_of(f"{article.title or ''} {article.body}")
    return PreparedArticle(article, quotes, root, article.encoding, words)


@dataclass(frozen=True, slots=True)
class _Indexable:
    """What a worker sends back: ready Whoosh documents, not the whole parsed article
    (which would be pickled twice over on its way to the writer)."""

    path: str
    doc: str
    sha256: str
    encoding: str
    documents: list[dict]
    rows: list[ArticleRows]  # for the quote store
    file: FileRow  # the file's state, for the next re-sync
    quotes: int
    words: set[str]
    articles: int = 1
    problems: tuple[RecordProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that could not be indexed, as plain data: an exception object crossing
    from a worker process back to the parent could fail to unpickle and take the
    whole pool down with it."""

    path: str
    reason: str
    # (kind, install hint) when the file's reader is an extra that is not installed.
    missing_reader: tuple[str, str] | None = None


def _prepare_or_skip(task: _Task) -> _Indexable | Unchanged | Skipped:
    try:
        found = task.found.found_file()
        prepared = prepare_file(found, task.doc, task.max_bytes, task.known_sha256, task.names)
    except ReaderMissing as missing:
        return Skipped(str(missing.path), missing.reason, (str(missing.kind), missing.install))
    except SkippedFile as skipped:
        return Skipped(str(skipped.path), skipped.reason)
    except CaucasusError:
        raise  # a bad data file, say: the whole run must stop and say so (it pickles)
    except Exception as error:  # one article that trips the parser must not stop the run
        return Skipped(task.found.path, f"cannot be indexed ({describe_error(error)})")
    if isinstance(prepared, Unchanged):
        return prepared
    first = prepared.articles[0].article
    return _Indexable(
        path=first.path,
        doc=task.doc,
        sha256=first.sha256,
        encoding=first.encoding,
        documents=[
            article_document(one.article, one.root, one.quotes, task.doc)
            for one in prepared.articles
        ],
        rows=[article_rows(one.article, one.quotes, task.doc) for one in prepared.articles],
        file=file_row(first, prepared.articles[0].root, task.doc),
        quotes=sum(len(one.quotes) for one in prepared.articles),
        words=set().union(*(one.words for one in prepared.articles)),
        articles=len(prepared.articles),
        problems=tuple(prepared.problems),
    )


def sync_index(
    index_dir: Path | IndexLocation, roots: Iterable[Path] | None = None, **options
) -> IndexReport:
    """Bring the index at `index_dir` in step with the article files under `roots`: at
    once when nothing changed (unchanged.py), else by `sync_changes` (its options)."""
    location = locate_index(index_dir)
    roots = None if roots is None else list(roots)
    report = unchanged_report(location, roots, options)
    return report if report is not None else sync_changes(location, roots, **options)


def sync_changes(
    index_dir: Path | IndexLocation,
    roots: Iterable[Path] | None = None,
    *,
    rebuild: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    wait_seconds: float = 0.0,
    workers: int | None = None,
    progress: Progress | None = None,
    notice: Notice | None = None,
    first_roots: Iterable[Path] = (),
    on_wait: Callable[[], None] | None = None,
    forget: Iterable[Path] = (),
    fields: Mapping[Field, tuple[str, ...]] | None = None,
) -> IndexReport:
    """Bring the index at `index_dir` in step with the article files under `roots`.

    With no roots, re-sync the folders the index was built from, or index
    `first_roots` when it was built from none (the caller's default corpus). Files
    under the given roots that are no longer there are removed; files indexed from
    other roots are kept. `forget` drops folders from the index, with their articles.
    `fields` names export fields (`--fields`) beyond the usual.

    A first build (or a rebuild) holds the build lock throughout, so that other
    commands wait for the finished index rather than read a half-built one.
    """
    options = _SyncOptions(
        rebuild,
        max_bytes,
        wait_seconds,
        workers,
        progress,
        notice,
        tuple(forget),
        field_names(fields),
    )
    location = locate_index(index_dir)
    if rebuild or not location.built:
        _refuse_foreign_whoosh_index(location.path, rebuild)
        with build_lock(location.path, on_wait):
            return _sync(location, roots, first_roots, options)
    return _sync(location, roots, first_roots, options)


def ensure_index(
    index_dir: Path | IndexLocation,
    first_roots: Iterable[Path],
    *,
    progress: Progress | None = None,
    on_build: Callable[[], None] | None = None,
    on_wait: Callable[[], None] | None = None,
) -> IndexReport | None:
    """Build the index from `first_roots` unless it is there; wait for a build under way.

    Several commands run at once on a fresh index location: one builds, the others
    wait for it and then read the finished index.
    """
    location = locate_index(index_dir)
    if location.built:
        return None
    _refuse_foreign_whoosh_index(location.path, rebuild=False)
    with build_lock(location.path, on_wait):
        if index_ready(location.path):
            return None  # built by the command we waited for
        if on_build:
            on_build()
        options = _SyncOptions(progress=progress)
        return _sync(location, list(first_roots), (), options)


@dataclass(frozen=True, slots=True)
class _SyncOptions:
    rebuild: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    wait_seconds: float = 0.0
    workers: int | None = None
    progress: Progress | None = None
    notice: Notice | None = None
    forget: tuple[Path, ...] = ()
    names: FieldNames | None = None  # export field names (`--fields`)


def _sync(location: IndexLocation, roots, first_roots, options: _SyncOptions) -> IndexReport:
    with _ctrl_c_at_safe_points() as checkpoint:
        return _sync_interruptibly(location, roots, first_roots, options, checkpoint)


def _sync_interruptibly(
    location: IndexLocation, roots, first_roots, options, checkpoint
) -> IndexReport:
    index_dir = location.path
    started = time.perf_counter()
    report = IndexReport()
    say = options.notice or (lambda _path, _message: None)
    rebuild = options.rebuild

    def on_skip(path: Path | str, reason: str) -> None:
        report.skipped.append((printable_path(path), reason))
        say(printable_path(path), reason)

    def step(done: int, total: int) -> None:
        checkpoint()
        if options.progress:
            options.progress(IndexPhase.READING, done, total)

    def phase(name: IndexPhase) -> None:
        """The next phase starts: without it a bar would sit at N/N while the rest runs."""
        if options.progress:
            options.progress(name, 0, None)

    phase(IndexPhase.FINDING)
    with _writing_to(index_dir):
        ix, meta = _open_for_writing(location, rebuild)
    roots = roots_of_run(
        roots, meta.roots, first_roots, forget=options.forget, rebuild=options.rebuild
    )
    found = _found_once(
        find_article_files(roots.walked, on_skip, report.unread.add), roots.all, checkpoint
    )
    # One stat per file, for the process count now and for the plan under the lock; a
    # first build has no file states to compare them with.
    stats = {} if rebuild or not index_ready(index_dir) else _stat_all(found)
    processes = _process_count(options.workers, _likely_to_read(index_dir, ix, found, stats))
    with _writing_to(index_dir):
        writer = _acquire_writer(ix, index_dir, options.wait_seconds, processes)
    writer.checkpoint = checkpoint  # the parallel writer's waits look at it too
    quotes = None
    try:
        quotes = StoreWriter(index_dir, writer.generation, rebuild=rebuild)
        stored = {} if rebuild else _read_stored(quotes, ix, index_dir, meta)
        earlier = _earlier_ids(writer) if rebuild else {}
        plan = _plan(found, stored, roots, earlier, stats)
        for root in plan.absent:
            say(
                str(root),
                "folder missing or empty; its articles are kept until it is back "
                f"(or run `caucasus index --forget {root}`)",
            )
        if options.progress:  # counted from 0, so the bar shows from the start
            options.progress(IndexPhase.READING, 0, len(plan.todo))
        new_words = _apply(
            _Writers(writer, quotes),
            plan,
            stored,
            options.max_bytes,
            processes,
            report,
            on_skip,
            say,
            step,
            names=options.names,
            ctrl_c=checkpoint,
        )
        meta.roots = [str(root) for root in roots.kept]
        changed = bool(report.added or report.updated or report.removed or rebuild)
        phase(IndexPhase.LINKING)
        report.links = quotes.link_statements()
        checkpoint()
        phase(IndexPhase.COMMITTING)
        _commit(writer, index_dir, ix, meta, new_words, changed=changed, rebuild=rebuild)
    except OSError as error:  # the index's own files: a full disk, a read-only mount
        _cancel_quietly(writer)
        raise _write_failed(index_dir, ix, writer.generation, error) from None
    except BaseException:
        _cancel_quietly(writer)
        raise
    finally:
        if quotes is not None:
            quotes.close()
    phase(IndexPhase.SPEAKERS)
    refresh_speaker_table(index_dir, ix)
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def _ctrl_c_at_safe_points() -> Iterator[CtrlC]:
    """Ctrl-C during a run takes effect at the next checkpoint, or at once where the
    run is only reading and extracting a file in this process (`CtrlC.anywhere`).

    A KeyboardInterrupt raised at an arbitrary point can leave the worker pool or a
    multiprocessing queue with a lock held, and the command hangs on its way out. The
    checkpoints (between articles, in the writer's waits, before the commit) are where
    the run can be cancelled cleanly; so is the middle of a file being read (nothing
    is written there), which can take long. A second Ctrl-C interrupts at once.
    """
    ctrl_c = CtrlC()
    if threading.current_thread() is not threading.main_thread():
        yield ctrl_c  # signals go to the main thread: nothing to catch here
        return
    previous = signal.signal(signal.SIGINT, ctrl_c.on_signal)
    try:
        yield ctrl_c
    finally:
        # Pressed after the last checkpoint, during the commit: the run is done, says so.
        signal.signal(
            signal.SIGINT, previous if previous is not None else signal.default_int_handler
        )


@contextmanager
def _writing_to(index_dir: Path) -> Iterator[None]:
    """Where a run creates or locks the index's files: a full disk, a read-only folder
    or mount is one line (IndexWriteFailed), and a first build leaves nothing behind."""
    try:
        yield
    except OSError as error:
        first = not index_ready(index_dir)
        _drop_unfinished_first_build(index_dir)
        hint = _NO_INDEX_MADE if first else IndexWriteFailed.default_hint
        raise IndexWriteFailed(
            f"cannot write the index at {index_dir}: {error.strerror or error}", hint=hint
        ) from None


_NO_INDEX_MADE = (
    "no index was made; fix the cause, or give --index another folder, and run it again"
)


def _drop_unfinished_first_build(index_dir: Path) -> None:
    """A first build that failed: free what it wrote (on a full disk, that matters).
    The build lock is held; an index that has committed once is never touched."""
    if index_ready(index_dir):
        return
    with contextlib.suppress(OSError, CaucasusError):
        _clear_index_dir(index_dir)


def _write_failed(index_dir: Path, ix, generation: int, error: OSError) -> IndexWriteFailed:
    """What a failed write means for the user: whether the run's articles are in."""
    reason = error.strerror or str(error)
    if not index_ready(index_dir):  # a first build: none of it is kept, committed or not
        _drop_unfinished_first_build(index_dir)
        return IndexWriteFailed(f"cannot write the index at {index_dir}: {reason}", _NO_INDEX_MADE)
    try:
        committed = ix.latest_generation() >= generation
    except OSError:
        committed = False  # cannot even list the folder: Whoosh cannot have renamed its TOC
    if not committed:
        with contextlib.suppress(OSError):
            commit.discard(index_dir)  # what it prepared for a commit that never came
        return IndexWriteFailed(f"cannot write the index at {index_dir}: {reason}")
    return IndexWriteFailed(
        f"the index at {index_dir} took this run's articles, but its files beside them "
        f"could not be written: {reason}",
        hint="fix the cause and run `caucasus index` again to finish",
    )


def _cancel_quietly(writer) -> None:
    """Drop the uncommitted changes; a failure doing so must not hide the first one."""
    # The last commit is intact either way: Whoosh never wrote a new TOC.
    try:
        writer.cancel()
    except Exception:  # a failed commit leaves the writer closed; a full disk, its files
        close_segment_files(writer)


@contextmanager
def build_lock(index_dir: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the index's build lock (an flock, released by the kernel if we die)."""
    with _writing_to(index_dir):
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK_FILE, "a")  # noqa: SIM115 (closed below)
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # closing the file releases the lock


def _refuse_foreign_whoosh_index(index_dir: Path, rebuild: bool) -> None:
    """A Whoosh index that caucasus did not start (no metadata, no lock file) is not
    ours to clear, unless the user asks for a rebuild."""
    ours = (index_dir / META_FILE).exists() or (index_dir / LOCK_FILE).exists()
    if rebuild or ours or not index_dir.is_dir():
        return
    if any(name.startswith("_MAIN_") for name in os.listdir(index_dir)):
        raise IndexUnavailable(f"the index at {index_dir} was not written by caucasus")


@dataclass(frozen=True, slots=True)
class _Writers:
    """Whoosh's writer and the quote store's, for the same generation."""

    index: object
    quotes: StoreWriter

    def drop(self, path: str, stored: dict[str, Bookkeeping]) -> None:
        self.index.delete_by_term("path", path_field(path))
        self.quotes.drop_file(stored[path].doc)

    def add(self, article: _Indexable) -> None:
        for document in article.documents:
            self.index.add_document(**document)
        for rows in article.rows:
            self.quotes.add(rows)
        self.quotes.add_file(article.file)


def _apply(
    writers: _Writers,
    plan: _Plan,
    stored,
    max_bytes,
    processes,
    report,
    on_skip,
    say,
    progress,
    names=None,
    ctrl_c: CtrlC | None = None,
) -> Counter[str]:
    """Make the plan's changes in the writers; the corpus words of what was (re)indexed."""
    for path in plan.gone:
        writers.drop(path, stored)
    report.removed += len(plan.gone)
    report.unchanged += plan.unchanged
    new_words: Counter[str] = Counter()
    hashes = {
        _digest(info.sha256): info.doc for path, info in stored.items() if path not in plan.gone
    }

    def task(item: _Found) -> _Task:
        return _Task(item, plan.doc_ids[item.path], max_bytes, _known_sha(stored, item), names)

    todo = plan.todo
    # Closed on the way out, also on an error: that stops the worker pool there and then.
    with contextlib.closing(_prepare_all(todo, task, processes, ctrl_c)) as results:
        for done, result in enumerate(results, start=1):
            if isinstance(result, Skipped) and result.missing_reader:  # said once, in the summary
                report.skipped.append((printable_path(result.path), result.reason))
                report.missing_readers[result.missing_reader] += 1
            elif isinstance(result, Skipped):
                on_skip(result.path, result.reason)
                if result.path in stored:  # unreadable now: its old text is not current
                    writers.drop(result.path, stored)
                    report.removed += 1
            elif isinstance(result, Unchanged):
                report.unchanged += 1
            else:
                _record(writers, result, stored, hashes, report, say)
                new_words.update(result.words)
            if progress:
                progress(done, len(todo))
    return new_words


def _commit(writer, index_dir: Path, ix, meta: IndexMeta, new_words, *, changed, rebuild) -> None:
    """One Whoosh commit with the files beside it (commit.py), or none when nothing
    changed; either way the sidecar files are written under Whoosh's write lock."""
    if changed:
        from whoosh.writing import CLEAR

        commit.prepare(index_dir, writer.generation, meta.roots, new_words, replace=rebuild)
        commit.finish_after_toc(writer, index_dir, ix, meta)
        writer.commit(mergetype=CLEAR) if rebuild else writer.commit()
        return
    if not meta.files:
        meta.generation, meta.files = index_manifest(index_dir, ix)
    write_meta(index_dir, meta)
    writer.cancel()
    # The cancelled writer leaves its empty segment's files; a daily run with nothing
    # to change would pile them up until the next change.
    _tidy_under_write_lock(index_dir, ix, meta)


@dataclass(slots=True)
class _Plan:
    todo: list[_Found]  # to read: new or changed
    gone: list[str]  # indexed paths no longer under the synced roots, or forgotten
    unchanged: int
    doc_ids: dict[str, str]
    absent: list[Path] = field(default_factory=list)  # kept roots with no file found


def _plan(
    found: list[_Found],
    stored: dict[str, Bookkeeping],
    roots: Roots,
    earlier_ids: dict[str, str] | None = None,
    stats: dict[str, tuple[int, int] | None] | None = None,
) -> _Plan:
    """What a run must do, from the files found and the bookkeeping in the index.

    A document keeps its id for as long as it is indexed: quote ids and saved
    citations are made from it. Only new files get ids, none of them one in use.
    `earlier_ids` (path -> id) are ids to keep that are not in `stored`: those of the
    index a rebuild replaces.
    """
    found_paths = {f.path for f in found}
    walked_or_missing = [*roots.walked, *(r for r in roots.kept if not r.exists())]
    absent = _absent_roots(walked_or_missing, found_paths, stored)
    walked = {str(r) for r in roots.walked if r not in absent}
    forgotten = {str(r) for r in roots.forgotten}
    gone = [
        path
        for path in stored
        if is_under_any(path, forgotten) or (path not in found_paths and is_under_any(path, walked))
    ]
    gone_set = set(gone)
    doc_ids = {path: info.doc for path, info in stored.items() if path not in gone_set}
    doc_ids |= {p: doc for p, doc in (earlier_ids or {}).items() if p in found_paths}
    new = [f for f in found if f.path not in doc_ids]
    doc_ids.update(assign_doc_ids([(f.root, f.path) for f in new], taken=set(doc_ids.values())))
    todo, unchanged = [], 0
    for item in found:
        previous = stored.get(item.path)
        if previous is not None and _same_stat(item.path, previous, stats):
            unchanged += 1
        else:
            todo.append(item)
    return _Plan(todo=todo, gone=gone, unchanged=unchanged, doc_ids=doc_ids, absent=absent)


def _absent_roots(roots: list[Path], found_paths: set[str], stored) -> list[Path]:
    """Index folders with articles in the index but no file found now: a drive not
    mounted, a share offline. Their articles are not dropped on that evidence."""
    absent = []
    for root in roots:
        under = {str(root)}
        if any(is_under_any(path, under) for path in stored) and not any(
            is_under_any(path, under) for path in found_paths
        ):
            absent.append(root)
    return absent


def _found_once(
    found: Iterable[FoundFile], roots: list[Path], checkpoint: Callable[[], None] = lambda: None
) -> list[_Found]:
    """Each file once, under the outermost root that holds it (its ids are made there),
    kept as a `_Found`: each root one shared object, each path a string."""
    # Compared as strings: the paths are real and absolute, and pathlib's relative_to
    # per file and root was a third of an unchanged re-sync.
    outer = [(str(r), r) for r in outermost(roots) if r.is_dir()]
    # The outer roots do not nest: a file inside the outer root it was found under is
    # inside no other one (a link's real path may be elsewhere, so that is checked).
    prefixes = {text.rstrip(os.sep) + os.sep for text, _root in outer}
    shared: dict[Path, Path] = {}  # each root once, however many files are under it
    unique: dict[str, _Found] = {}
    for item in found:
        checkpoint()
        path = str(item.path)
        if path in unique:
            continue
        own = str(item.root).rstrip(os.sep) + os.sep
        if own in prefixes and path.startswith(own):
            root = item.root
        else:
            root = next((r for text, r in outer if is_under_any(path, {text})), item.root)
        unique[path] = _Found(shared.setdefault(root, root), path)
    return list(unique.values())


def _record(writers: _Writers, article: _Indexable, stored, hashes, report, say) -> None:
    if article.path in stored:
        writers.drop(article.path, stored)
        report.updated += 1
    else:
        report.added += 1
    digest = _digest(article.sha256)
    twin = hashes.get(digest)
    if twin is not None and twin != article.doc:
        report.duplicates.append((printable_path(article.path), twin))
        say(printable_path(article.path), f"same text as {twin} (both kept)")
    hashes.setdefault(digest, article.doc)
    if article.encoding not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        say(printable_path(article.path), f"not UTF-8; decoded as {article.encoding}")
    for problem in article.problems:
        where = printable_path(article.path) + (f":{problem.line}" if problem.line else "")
        report.bad_records.append((where, problem.reason))
        say(where, problem.reason)
    writers.add(article)
    report.quotes += article.quotes
    report.articles += article.articles


def _digest(sha256: str) -> bytes:
    """A text hash as the key of a table of every article's: its 32 bytes take half the
    memory of its 64 hex digits (some 5 MB at 100,000 articles)."""
    try:
        return bytes.fromhex(sha256)
    except ValueError:  # not hex: kept whole, still compared exactly
        return sha256.encode()


def assign_doc_ids(
    files: Iterable[tuple[Path, Path | str]], taken: set[str] = frozenset()
) -> dict[str, str]:
    """Document id per new path: the file stem, or a longer name where it would clash.

    An id clashes with one in `taken` (already given) or with another new file's.
    Colliding stems fall back to the path relative to its root, then to that path
    under the root's folder name, then to the absolute path. Keyed by str(path).
    """
    candidates: list[Callable[[Path, Path], str | None]] = [
        lambda root, path: path.stem,
        lambda root, path: path.relative_to(root).as_posix() if path.is_relative_to(root) else None,
        lambda root, path: (
            (Path(root.name) / path.relative_to(root)).as_posix()
            if path.is_relative_to(root)
            else None
        ),
        lambda root, path: path.as_posix(),
    ]
    ids: dict[str, str] = {}
    # Paths kept as strings, each made a Path only for its proposal: a first build of
    # 100,000 files would otherwise hold 100,000 Paths at once.
    pending = sorted({(root, str(path)) for root, path in files}, key=lambda rp: rp[1])
    for make in candidates:
        proposals = [(root, path, _proposed_id(make, root, path)) for root, path in pending]
        counts = Counter(doc for _, _, doc in proposals)
        in_use = set(taken) | set(ids.values())  # given already, or at a shorter level
        pending = []
        for root, path, doc in proposals:
            if (counts[doc] == 1 and doc not in in_use) or make is candidates[-1]:
                ids[path] = doc
            else:
                pending.append((root, path))
    return ids


def _proposed_id(make: Callable[[Path, Path], str | None], root: Path, path: str) -> str:
    as_path = Path(path)
    return printable_path(make(root, as_path) or as_path.as_posix())


def _known_sha(stored: dict[str, Bookkeeping], item: _Found) -> str | None:
    """The indexed hash, to tell a touched file from a changed one."""
    previous = stored.get(item.path)
    return previous.sha256 if previous is not None else None


def _same_stat(path: str, stored: Bookkeeping, stats=None) -> bool:
    """Whether the file's size and mtime are the indexed ones (`stats`: taken already)."""
    now = stats[path] if stats and path in stats else _stat(path)
    return now is not None and now == (stored.size, stored.mtime_ns)


def _stat(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _stat_all(found: list[_Found]) -> dict[str, tuple[int, int] | None]:
    """(size, mtime_ns) of each file found, None for one that cannot be read."""
    return {item.path: _stat(item.path) for item in found}


def _earlier_ids(writer) -> dict[str, str]:
    """path -> doc id in the index a rebuild replaces, as far as it can still be read."""
    try:
        with writer.reader() as reader:
            return {path: info.doc for path, info in bookkeeping(reader).items()}
    except Exception:  # damaged beyond reading: the rebuild gives ids afresh
        return {}


def _read_stored(
    quotes: StoreWriter, ix, index_dir: Path, meta: IndexMeta
) -> dict[str, Bookkeeping]:
    """The indexed files' states (from the quote store's file table, in one query), once
    the index's files are checked against their checksums (an index that merely opens
    may still be damaged where only a search would look)."""
    verify_index(index_dir, ix, meta, contents=True)
    return bookkeeping_of_files(quotes.file_states())


def _likely_to_read(index_dir: Path, ix, found: list[_Found], stats) -> int:
    """How many of the files found look new or changed, by the last commit's file table.

    Read before the write lock is held, only to choose between one process and a pool
    (an unchanged folder must not start multiprocessing's helper and a pool's queues);
    the plan itself is made from the table read again under the lock.
    """
    if not stats or not index_ready(index_dir):
        return len(found)
    from .quotestore import QuoteStore

    try:
        store = QuoteStore(index_dir, ix.latest_generation())
        try:
            known = {row[0]: (row[1], row[2]) for row in store.file_stats()}
        finally:
            store.close()
    except Exception:  # unreadable: the run under the lock will say why
        return len(found)
    return sum(
        1
        for item in found
        if (state := known.get(path_field(item.path))) is None or stats.get(item.path) != state
    )


def _process_count(workers: int | None, files: int) -> int:
    """How many processes to read and index with: one unless there is enough work."""
    if files < _PARALLEL_THRESHOLD:
        return 1
    return max(1, workers if workers is not None else (os.cpu_count() or 1))


def _prepare_all(
    files: list[_Found],
    task_of: Callable[[_Found], _Task],
    count: int,
    ctrl_c: CtrlC | None = None,
) -> Iterator[_Indexable | Unchanged | Skipped]:
    """Each file read and prepared, in order: here, or by `count` worker processes.
    A file's task is made when it is sent, not all of them up front."""
    ctrl_c = ctrl_c or CtrlC()
    if count <= 1 or len(files) < _PARALLEL_THRESHOLD:
        for item in files:
            with ctrl_c.anywhere():  # a slow file is cut short, not waited for
                prepared = _prepare_or_skip(task_of(item))
            yield prepared
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Spawned, not forked: a forked worker would inherit the open write-lock file, and
    # if this process were killed, orphaned workers would keep the index locked.
    context = multiprocessing.get_context("spawn")
    with deaf_to_ctrl_c_while_spawning():
        pool = ProcessPoolExecutor(
            max_workers=count,
            mp_context=context,
            initializer=exit_with_parent,  # also when sync_index runs from a user's script
            initargs=(os.getpid(),),
        )
    with pool:
        # A bounded window of chunks in flight (Executor.map would submit everything
        # at once, and prepared articles would pile up in memory ahead of the writer).
        pending: deque = deque()
        done = False
        try:
            for start in range(0, len(files), _CHUNK):
                chunk = [task_of(item) for item in files[start : start + _CHUNK]]
                with deaf_to_ctrl_c_while_spawning():  # a submit may start a worker
                    pending.append(pool.submit(_prepare_chunk, chunk))
                if len(pending) >= 2 * count:
                    yield from ctrl_c.result(pending.popleft())
            while pending:
                yield from ctrl_c.result(pending.popleft())
            done = True
        except BrokenProcessPool:
            raise IndexWriteFailed("a worker process died while reading articles") from None
        finally:
            if not done:  # Ctrl-C, an error, or the caller stopped reading: stop them now
                kill_workers(pool)  # (leaving the pool waits for the files they are on)
            pool.shutdown(wait=False, cancel_futures=True)


def _prepare_chunk(tasks: list[_Task]) -> list[_Indexable | Unchanged | Skipped]:
    return [_prepare_or_skip(task) for task in tasks]


def _open_for_writing(location: IndexLocation, rebuild: bool):
    """Open the index for an update, creating it when absent (or unusable and `rebuild`).

    `caucasus.json` is written with the first commit, so until then the folder is a
    first build that has not finished, and is started afresh.
    """
    from whoosh import index

    from .store import open_whoosh_index

    safeload.install()
    index_dir = location.path  # checked by sync_index or ensure_index
    meta = IndexMeta()
    if index_ready(index_dir):  # again: a build we waited for may have finished since
        try:
            ix = open_whoosh_index(location)
            meta = read_meta(index_dir) or IndexMeta()
            if location.writable:  # else nothing can be finished, nor written by this run
                _tidy_under_write_lock(index_dir, ix, meta)
            return ix, meta
        except IndexUnavailable:
            if not rebuild:
                raise
        # Unreadable by this version: nothing in it can be kept, so start afresh.
        old_meta = _read_meta_leniently(index_dir)
        meta.roots = old_meta.roots if old_meta else []
    if index_dir.exists():
        _clear_index_dir(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(index_dir), build_schema())
    meta.schema_version = SCHEMA_VERSION
    return ix, meta


def _tidy_under_write_lock(index_dir: Path, ix, meta: IndexMeta) -> None:
    """Finish (or drop) the sidecar files of a run that died in its commit, and remove
    files no commit uses, if no run is writing now (one that is will do it itself)."""
    lock = ix.lock("WRITELOCK")  # Whoosh's own write lock, as its writers take it
    try:
        if not lock.acquire(blocking=False):
            return
    except OSError:
        return  # a read-only folder: nothing can be finished, nor written by this run
    try:
        commit.recover(index_dir, ix, meta)
    except OSError as error:
        raise IndexWriteFailed(
            f"cannot finish the last run's commit at {index_dir}: {error.strerror or error}",
            hint="the index answers as of that run; fix the cause and run it again",
        ) from None
    finally:
        lock.release()


def _read_meta_leniently(index_dir: Path) -> IndexMeta | None:
    try:
        return read_meta(index_dir)
    except IndexUnavailable:
        return None


def _clear_index_dir(index_dir: Path) -> None:
    """Delete Whoosh's files and ours, and nothing else a user may have put there."""
    # No second look at the folder: sync_index or ensure_index located it (refusing
    # one of someone else's), and only names caucasus or Whoosh write are deleted.
    for entry in index_dir.iterdir():
        if is_index_file(entry.name) and entry.name != LOCK_FILE and entry.is_file():
            entry.unlink()


def _acquire_writer(ix, index_dir: Path, wait_seconds: float, processes: int):
    """Whoosh's writer, holding the index's write lock.

    With several processes, sub-writers analyse documents in parallel and their
    segments join the index as they are (no merge at commit, which would cost as much
    again); they are spawned, so none inherits the lock.
    """
    from whoosh.index import LockError

    # Separate segment files, not one compound file: whoosh3 copies each part of a
    # compound file into memory when a searcher opens it, which every command pays.
    options = {"timeout": wait_seconds, "limitmb": _WRITER_MEMORY_MB, "compound": False}
    try:
        if processes > 1:
            from multiprocessing import resource_tracker

            # Its queues need multiprocessing's helper process: started deaf to Ctrl-C
            # here, not while the lock is awaited (which --wait may make long).
            with deaf_to_ctrl_c_while_spawning():
                resource_tracker.ensure_running()
            return parallel_writer(
                ix, procs=processes, multisegment=True, start_method="spawn", **options
            )
        return ix.writer(**options)
    except LockError:
        raise IndexBusy(f"another `caucasus index` is writing to {index_dir}") from None
