"""The kinds of file caucasus reads, by file name suffix."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class FileKind(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSONL = "jsonl"
    CSV = "csv"


SUFFIX_KINDS = {
    ".txt": FileKind.TEXT,
    ".md": FileKind.MARKDOWN,
    ".html": FileKind.HTML,
    ".htm": FileKind.HTML,
    ".jsonl": FileKind.JSONL,
    ".ndjson": FileKind.JSONL,
    ".csv": FileKind.CSV,
}
READABLE_SUFFIXES = frozenset(SUFFIX_KINDS)
# Exports of many records: decoded line by line, a bad line costs only its record.
FEED_KINDS = frozenset({FileKind.JSONL, FileKind.CSV})


def file_kind(path: Path) -> FileKind | None:
    return SUFFIX_KINDS.get(path.suffix.lower())


def is_saved_page_resources(folder: Path) -> bool:
    """`Page_files/` beside `Page.html`: the scripts, styles, images and ad frames a
    browser's "Save Page As… complete" keeps; the page itself is the article."""
    if not folder.name.endswith("_files"):
        return False
    stem = folder.name.removesuffix("_files")
    return any((folder.parent / f"{stem}{suffix}").is_file() for suffix in (".html", ".htm"))
