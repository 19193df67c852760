"""Find article files and decode them without losing a character.

The decoded text is kept exactly as decoded (line endings included) because quote
offsets are cited against it; only a leading byte-order mark is dropped.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from ..errors import CaucasusError
from . import encodings
from .kinds import FEED_KINDS, FileKind, file_kind, is_saved_page_resources
from .kinds import READABLE_SUFFIXES as ARTICLE_SUFFIXES
from .paths import printable_path  # noqa: F401 (also imported from here)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

SkipReporter = Callable[[Path, str], None]
UnreadReporter = Callable[[Path], None]


class SkippedFile(CaucasusError):
    """A file that cannot be indexed; the message is the reason, fit for one line."""

    default_hint = None

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __reduce__(self):
        # Picklable with both arguments (the default would call SkippedFile(reason)).
        return (type(self), (self.path, self.reason))


@dataclass(frozen=True, slots=True)
class DecodedFile:
    path: Path
    text: str
    encoding: str
    sha256: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class FoundFile:
    root: Path
    path: Path


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; return (text, codec name: utf-8, utf-8-sig, cp1251, cp1252…).

    Raises ValueError for binary data (NUL bytes without a UTF-16/32 BOM).
    """
    decoded = encodings.decode_bytes(data)
    return decoded.text, decoded.encoding


def read_article_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedFile:
    """Read and decode one file, or raise SkippedFile with a one-line reason.

    A feed (JSON Lines, CSV) is decoded line by line and a NUL byte costs only its
    record; a page's declared charset is believed when its bytes fit it.
    """
    data, info = _read_regular_file(path, max_bytes)
    if not data.strip():
        raise SkippedFile(path, "empty file")
    kind = file_kind(path)
    declared = _declared_charset(data) if kind is FileKind.HTML else None
    try:
        decoded = encodings.decode_bytes(data, per_line=kind in FEED_KINDS, declared=declared)
    except ValueError as error:
        raise SkippedFile(path, str(error)) from None
    if not decoded.text.strip():
        raise SkippedFile(path, "no text")
    return DecodedFile(
        path=path,
        text=decoded.text,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
    )


def _read_regular_file(path: Path, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file no larger than the limits; never blocks on a FIFO."""
    try:
        _check_size(path, path.stat(), max_bytes)
        # O_NONBLOCK: a file swapped for a FIFO since the stat must not hang the run.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            _check_size(path, info, max_bytes)
            return handle.read(), info
    except SkippedFile:
        raise
    except PermissionError:
        raise SkippedFile(path, "permission denied") from None
    except OSError as error:
        raise SkippedFile(path, error.strerror or str(error)) from None


def _check_size(path: Path, info: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise SkippedFile(path, not_regular_reason(info.st_mode))
    if info.st_size > max_bytes:
        raise SkippedFile(
            path, f"too large ({_mb(info.st_size)} MB > {_mb(max_bytes)} MB limit; see --max-size)"
        )
    need = info.st_size * MEMORY_PER_BYTE
    if need <= _ALWAYS_FITS:  # an article of a few MB: no need to ask the system
        return
    budget = memory_budget()
    if budget is not None and need > budget:
        raise SkippedFile(
            path,
            f"too large to index in this machine's memory ({_mb(info.st_size)} MB would need "
            f"about {need / 2**20:,.0f} MB, {budget / 2**20:,.0f} MB may be used "
            "for one file); split it into articles",
        )


def _mb(size: float) -> str:
    """Sizes in the unit `--max-size` takes (MiB, as `ls -lh` shows them)."""
    return f"{size / 2**20:,.1f}".removesuffix(".0")


def not_regular_reason(mode: int) -> str:
    """`not a regular file (a named pipe)`: what the thing is, for the warning."""
    what = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
    return f"not a regular file ({what})"


_SPECIAL_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

# Peak memory of indexing one article, per byte of its file: measured 232 MB of
# resident memory for a 10 MiB .txt of BBC prose (`/usr/bin/time -f %M caucasus index
# --max-size 400`), ~17 bytes a byte above the 60 MB a run starts with; rounded up.
MEMORY_PER_BYTE = 24
# One file may use this share of the memory available: worker processes index
# several files at once, and the machine has other work.
_MEMORY_SHARE = 8
_ALWAYS_FITS = 64 * 2**20


def memory_budget() -> int | None:
    """Bytes one file's indexing may use: a share of the memory available to this
    process (the least of free memory, the cgroup's limit and RLIMIT_AS), or None
    where that cannot be told."""
    limits = [_mem_available(), _cgroup_limit(), _address_space_limit()]
    known = [limit for limit in limits if limit]
    return min(known) // _MEMORY_SHARE if known else None


def _mem_available() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_limit() -> int | None:
    try:
        value = Path("/sys/fs/cgroup/memory.max").read_text(encoding="ascii").strip()
        return int(value) if value.isdigit() else None
    except (OSError, ValueError):
        return None


def _address_space_limit() -> int | None:
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        return None
    return soft if soft > 0 and soft != resource.RLIM_INFINITY else None


# `<meta charset="windows-1251">` or `<meta http-equiv="Content-Type" content="…; charset=…">`
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*(?P<charset>[\w.:-]+)", re.I)


def _declared_charset(page: bytes) -> str | None:
    declared = _DECLARED_CHARSET.search(page[:4096])
    return declared.group("charset").decode("ascii") if declared else None


def find_article_files(
    roots: Iterable[Path],
    on_skip: SkipReporter | None = None,
    on_unread: UnreadReporter | None = None,
) -> Iterator[FoundFile]:
    """Article files (.txt, .md, .html, .jsonl, .csv…) under each root, recursively, in
    a stable order. Other files found in the folders go to `on_unread(path)`.

    Follows symbolic links but never loops: each directory is visited once. Broken
    links and unreadable directories are reported through `on_skip(path, reason)`.
    Hidden files and folders (".git", ".DS_Store") are not articles.
    """
    for root, path in article_paths(roots, on_skip, on_unread):
        yield FoundFile(Path(root), Path(path))


def article_paths(
    roots: Iterable[Path | str],
    on_skip: SkipReporter | None = None,
    on_unread: UnreadReporter | None = None,
) -> Iterator[tuple[str, str]]:
    """(root, path) of each article file, as `find_article_files` finds them, as strings:
    a re-sync of an unchanged folder compares paths only, and a Path per file was a
    tenth of its time at 22,250 files."""
    report = on_skip or (lambda _path, _reason: None)
    unread = on_unread or (lambda _path: None)
    for given in roots:
        # Real paths: a file reached through a link or a second root is one file.
        root = Path(os.path.realpath(os.path.abspath(given)))
        if root.is_file():
            if root.suffix.lower() in ARTICLE_SUFFIXES:
                yield str(root.parent), str(root)
            else:
                report(root, f"not an article file ({root.suffix or 'no suffix'})")
            continue
        if not root.exists():
            report(root, "no such file or folder")
            continue
        if not root.is_dir():
            report(root, _not_a_file_reason(root))
            continue
        yield from _walk(str(root), str(root), report, unread, visited=set())


def _walk(
    root: str,
    folder: str,
    report: SkipReporter,
    unread: UnreadReporter,
    visited: set[tuple[int, int]],
    shown: str | None = None,  # the name it was reached by (a link), for messages
) -> Iterator[tuple[str, str]]:
    try:
        info = os.stat(folder)
    except OSError as error:
        report(Path(shown or folder), error.strerror or str(error))
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        report(Path(shown or folder), "symbolic link loop (folder already visited)")
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(folder), key=_name)
    except PermissionError:
        report(Path(folder), "permission denied")
        return
    except OSError as error:
        report(Path(folder), error.strerror or str(error))
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # follows links
            is_file = not is_dir and entry.is_file()
        except OSError as error:
            report(Path(entry.path), error.strerror or str(error))
            continue
        if is_dir:
            if not (name.endswith("_files") and is_saved_page_resources(Path(entry.path))):
                real = _real_if_link(entry)
                yield from _walk(root, real, report, unread, visited, shown=entry.path)
        elif is_file:
            if _is_article_name(name):
                yield root, _real_if_link(entry)
            else:
                unread(Path(entry.path))
        elif _is_article_name(name):
            report(Path(entry.path), _not_a_file_reason(Path(entry.path)))


_name = attrgetter("name")
# `Path(name).suffix.lower() in ARTICLE_SUFFIXES` for a name that is not hidden, without
# a Path per file.
_ARTICLE_ENDINGS = tuple(ARTICLE_SUFFIXES)


def _is_article_name(name: str) -> bool:
    return name.lower().endswith(_ARTICLE_ENDINGS)


def _not_a_file_reason(path: Path) -> str:
    """A FIFO, socket or device under an article's name, or a link to one (`/dev/zero`),
    is never opened; a link to nothing is broken."""
    try:
        return not_regular_reason(path.stat().st_mode)
    except OSError:
        return "broken symbolic link" if path.is_symlink() else "cannot be read"


def _real_if_link(entry: os.DirEntry) -> str:
    """The entry's real path (its folder is already real, so only a link differs)."""
    return os.path.realpath(entry.path) if entry.is_symlink() else entry.path
