"""Find article files and decode them without losing a character.

The decoded text is kept exactly as decoded (line endings included) because quote
offsets are cited against it; only a leading byte-order mark is dropped.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CaucasusError
from .kinds import READABLE_SUFFIXES as ARTICLE_SUFFIXES
from .kinds import is_saved_page_resources

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


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


def printable_path(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 in a
    file name (a cp1251/cp1252 archive) are shown as `\\xe9` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


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
    """Decode article bytes; return (text, codec name: utf-8, utf-8-sig, utf-16, cp1252…).

    UTF-8, UTF-8/16/32 with a BOM, then cp1252 (what Windows tools and old scrapers
    write). Raises ValueError for binary data (NUL bytes without a UTF-16/32 BOM).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return text.removeprefix("\ufeff"), encoding
    if b"\x00" in data:
        raise ValueError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; those become U+FFFD rather than failing.
        return data.decode("cp1252", errors="replace"), "cp1252"


def read_article_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedFile:
    """Read and decode one file, or raise SkippedFile with a one-line reason."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise SkippedFile(path, "not a regular file")
        if info.st_size > max_bytes:
            raise SkippedFile(
                path, f"too large ({info.st_size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)"
            )
        data = path.read_bytes()
    except SkippedFile:
        raise
    except PermissionError:
        raise SkippedFile(path, "permission denied") from None
    except OSError as error:
        raise SkippedFile(path, error.strerror or str(error)) from None
    if not data.strip():
        raise SkippedFile(path, "empty file")
    try:
        text, encoding = decode_bytes(data)
    except ValueError as error:
        raise SkippedFile(path, str(error)) from None
    if not text.strip():
        raise SkippedFile(path, "no text")
    return DecodedFile(
        path=path,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
    )


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
    report = on_skip or (lambda _path, _reason: None)
    unread = on_unread or (lambda _path: None)
    for root in roots:
        # Real paths: a file reached through a link or a second root is one file.
        root = Path(os.path.realpath(os.path.abspath(root)))
        if root.is_file():
            if root.suffix.lower() in ARTICLE_SUFFIXES:
                yield FoundFile(root.parent, root)
            else:
                report(root, f"not an article file ({root.suffix or 'no suffix'})")
            continue
        if not root.exists():
            report(root, "no such file or folder")
            continue
        yield from _walk(root, root, report, unread, visited=set())


def _walk(
    root: Path,
    folder: Path,
    report: SkipReporter,
    unread: UnreadReporter,
    visited: set[tuple[int, int]],
    shown: Path | None = None,  # the name it was reached by (a link), for messages
) -> Iterator[FoundFile]:
    try:
        info = folder.stat()
    except OSError as error:
        report(shown or folder, error.strerror or str(error))
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        report(shown or folder, "symbolic link loop (folder already visited)")
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except PermissionError:
        report(folder, "permission denied")
        return
    except OSError as error:
        report(folder, error.strerror or str(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows links
            is_file = entry.is_file()
        except OSError as error:
            report(path, error.strerror or str(error))
            continue
        if is_dir:
            if not is_saved_page_resources(path):
                real = _real_if_link(entry, path)
                yield from _walk(root, real, report, unread, visited, shown=path)
        elif is_file:
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                yield FoundFile(root, _real_if_link(entry, path))
            else:
                unread(path)
        elif entry.is_symlink() and path.suffix.lower() in ARTICLE_SUFFIXES:
            report(path, "broken symbolic link")


def _real_if_link(entry: os.DirEntry, path: Path) -> Path:
    """The entry's real path (its folder is already real, so only a link differs)."""
    return Path(os.path.realpath(path)) if entry.is_symlink() else path
