"""`caucasus status`: where the index is, what it holds, when it was synced.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

import datetime as dt
from pathlib import Path

from ..cli import (
    FormatOption,
    IndexOption,
    PagerOption,
    command,
    command_output,
    examples,
)
from ..errors import ExitStatus, NothingFound


@command(
    "status",
    epilog=examples(
        "caucasus status",
        "caucasus status --format json",
        "caucasus status --index ~/work/karabakh-index",
    ),
)
def status_command(
    index: IndexOption = None, output: FormatOption = None, no_pager: PagerOption = False
) -> ExitStatus:
    """The index: where it is, what it was built from, what it holds, when it was synced."""
    from ..config import bundled_corpus_dir, resolve_index_dir
    from ..index.store import index_exists, index_stats
    from ..render.articles import render_status

    out = command_output(no_pager=no_pager)
    index_dir = resolve_index_dir(index)
    if not index_exists(index_dir):
        raise NothingFound(f"no index at {index_dir}", "run `caucasus index PATH`")
    record = _status_record(index_stats(index_dir), bundled_corpus_dir())
    with out.results(paged=True):
        render_status(out, record, out.format(output))
    return ExitStatus.FOUND


def _status_record(stats, bundled: Path) -> dict:
    last = (
        dt.datetime.fromtimestamp(stats.last_sync).astimezone().isoformat(timespec="seconds")
        if stats.last_sync
        else None
    )
    return {
        "index": stats.index,
        "schema_version": stats.schema_version,
        "articles": stats.articles,
        "quotes": stats.quotes,
        "speakers": stats.speakers,
        "size": stats.size,
        "last_sync": last,
        "roots": stats.roots,
        "missing_roots": stats.missing_roots,
        "bundled_corpus": str(bundled.resolve()) in {str(Path(r).resolve()) for r in stats.roots},
    }
