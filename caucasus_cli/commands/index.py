"""`caucasus index` and its summary: build or re-sync the index.

Imported only when this command runs (or help lists every command): see `cli.COMMANDS`.
"""

from pathlib import Path
from typing import Annotated

import typer

from ..cli import (
    IndexOption,
    command,
    command_output,
    examples,
    note_waiting,
)
from ..errors import ExitStatus


@command(
    "index",
    epilog=examples(
        "caucasus index ~/news/karabakh          # add or re-sync a folder",
        "caucasus index                          # re-sync every folder of this index",
        "caucasus index --rebuild ~/news/2020    # afresh, from exactly this folder",
        "caucasus status                         # what the index holds",
    ),
)
def index_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or folders to index (.txt, .md, .html, .jsonl, .csv, recursively). "
            "Default: the folders this index was built from, or the bundled corpus for a "
            "new index.",
            show_default=False,
        ),
    ] = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Start the index afresh: from PATHs alone when given, else from the "
            "folders it was built from.",
        ),
    ] = False,
    max_size: Annotated[
        float,
        typer.Option(metavar="MB", help="Skip files larger than this many megabytes.", min=0.001),
    ] = 20.0,
    wait: Annotated[
        float,
        typer.Option(
            metavar="SECONDS", help="Seconds to wait for another indexing run to finish.", min=0
        ),
    ] = 0.0,
    fields: Annotated[
        str | None,
        typer.Option(
            help="Field names of JSONL/CSV exports, e.g. text=body,date=published_at "
            "(roles: text, title, url, date, source, author, id). Add --rebuild to re-read "
            "files already indexed.",
            show_default=False,
        ),
    ] = None,
    forget: Annotated[
        list[Path] | None,
        typer.Option(
            help="Drop this folder and its articles from the index (repeatable).",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Say nothing but errors: no warnings, notes or progress."
        ),
    ] = False,
    index: IndexOption = None,
) -> ExitStatus:
    """Index article files: incremental, only changed files are read again."""
    from ..config import bundled_corpus_dir, resolve_index_dir
    from ..index.resync import sync_index  # the indexer itself loads only if there is work
    from ..render.articles import render_index_report

    out = command_output(quiet=quiet)
    with out.progress_bar("indexing") as progress:
        index_dir = resolve_index_dir(index)
        report = sync_index(
            index_dir,
            paths or None,
            first_roots=[bundled_corpus_dir()],
            rebuild=rebuild,
            forget=forget or (),
            max_bytes=int(max_size * 1024 * 1024),
            wait_seconds=wait,
            progress=progress,
            notice=lambda path, reason: out.warning(f"{path}: {reason}"),
            fields=_fields_option(fields),
            on_wait=note_waiting(out, index_dir),
        )
    render_index_report(out, report, index_dir)
    return ExitStatus.FOUND


def _fields_option(fields: str | None):
    if not fields:
        return None
    from ..ingest.exports import parse_fields_option

    return parse_fields_option(fields)
