"""`sync_index` for a command that should not load the indexer when there is nothing to
index: an unchanged folder is found out (unchanged.py) before sync.py is imported.

`sync.sync_index` does the same for callers that load the indexer anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .store import IndexLocation, locate_index
from .unchanged import IndexReport, unchanged_report


def sync_index(
    index_dir: Path | IndexLocation, roots: Iterable[Path] | None = None, **options: Any
) -> IndexReport:
    """`sync.sync_index(index_dir, roots, **options)`, loading sync.py only for a run
    with something to do."""
    location = locate_index(index_dir)  # the one check of the folder (refusing a foreign one)
    roots = None if roots is None else list(roots)
    report = unchanged_report(location, roots, options)
    if report is None:
        from .sync import sync_changes

        report = sync_changes(location, roots, **options)
    return report
