"""File names as text: kept apart from the reader so that a search, which prints stored
paths, does not load the file readers."""

from __future__ import annotations

import os
from pathlib import Path


def printable_path(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 in a
    file name (a cp1251/cp1252 archive) are shown as `\\xe9` escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
