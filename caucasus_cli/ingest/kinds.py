"""The kinds of file caucasus reads, by file name suffix."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
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


@dataclass(slots=True)
class UnreadFiles:
    """Files found beside the articles in formats caucasus does not read, by suffix."""

    by_suffix: Counter[str] = field(default_factory=Counter)

    def add(self, path: Path) -> None:
        self.by_suffix[path.suffix.lower() or "(no suffix)"] += 1

    @property
    def total(self) -> int:
        return sum(self.by_suffix.values())

    def summary(self) -> str | None:
        """`12 files of types caucasus does not read (.pdf ×9, .docx ×3): convert …`."""
        if not self.total:
            return None
        kinds = ", ".join(f"{suffix} ×{n}" for suffix, n in self.by_suffix.most_common())
        files = "file" if self.total == 1 else "files"
        return (
            f"{self.total} {files} of types caucasus does not read ({kinds}): "
            "convert them to text or HTML"
        )
