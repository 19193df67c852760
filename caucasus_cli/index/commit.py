"""The commit of an index run, made one step with the files beside Whoosh's.

Whoosh's commit point is its new table of contents (`_MAIN_N.toc`, renamed into place):
from then on every reader sees the run's articles, and the quote store's rows of that
generation with them. What caucasus keeps beside it must follow that same step: the
manifest in `caucasus.json` (roots, generation, file checksums) and the corpus words
of `vocabulary.tsv`. A run dying between the two (a kill, a full disk) used to leave
the new articles visible under the old manifest, never refreshed, and damage of the
new segments undetected from then on.

So before Whoosh commits, the run writes what the sidecar files will be for the new
generation: `vocabulary.next.tsv` and then `caucasus.next.json` (the generation and
roots). Right after Whoosh writes its TOC (still holding Whoosh's write lock),
`finish` puts them in place. A later run, holding the same lock, finds a pending
record: its generation is the index's latest (Whoosh committed, the rest did not
happen) and it finishes the job, or it is not (Whoosh never committed) and it is
dropped. Temp files that a killed run left behind are removed then too.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .spelling import VOCABULARY_FILE, save_vocabulary
from .store import IndexMeta, index_manifest, write_meta

PENDING_FILE = "caucasus.next.json"
NEXT_VOCABULARY = "vocabulary.next.tsv"
# Temp files of the writes above (`.caucasus-*`); the speaker table's temps are written
# by readers, without the write lock, so only ones old enough to be orphans go.
_TEMP_PREFIX = ".caucasus-"
_WRITER_TEMP_PREFIX = ".caucasus-meta-"  # store.write_meta's too
_READER_TEMP_AGE = 600.0


def reached(step: str) -> None:
    """A step of the commit (tests/faults/sitecustomize.py can kill the process here)."""


@dataclass(frozen=True, slots=True)
class Pending:
    generation: int
    roots: list[str]


def prepare(index_dir: Path, generation: int, roots: list[str], words: Counter, *, replace: bool):
    """Before Whoosh commits `generation`: write what the sidecar files will then be."""
    save_vocabulary(index_dir, words, replace=replace, name=NEXT_VOCABULARY)
    reached("vocabulary-prepared")
    _write_json(index_dir / PENDING_FILE, {"generation": generation, "roots": roots})
    reached("pending-written")


def finish_after_toc(writer, index_dir: Path, ix, meta: IndexMeta) -> None:
    """Have `writer` finish the sidecar files as soon as its TOC is written, before it
    releases the write lock (so no other run can start in between)."""
    write_toc = writer._commit_toc  # Whoosh's commit: segments done, then this

    def commit_toc(segments) -> None:
        reached("segments-written")
        write_toc(segments)
        reached("toc-written")
        finish(index_dir, ix, meta)

    writer._commit_toc = commit_toc  # this writer only


def finish(index_dir: Path, ix, meta: IndexMeta) -> None:
    """Whoosh has committed the pending generation: put the sidecar files in step."""
    pending = read_pending(index_dir)
    if pending is not None:
        meta.roots = list(pending.roots)
    next_vocabulary = index_dir / NEXT_VOCABULARY
    if next_vocabulary.exists():
        os.replace(next_vocabulary, index_dir / VOCABULARY_FILE)
    reached("vocabulary-replaced")
    meta.generation, meta.files = index_manifest(index_dir, ix)
    write_meta(index_dir, meta)
    reached("manifest-written")
    (index_dir / PENDING_FILE).unlink(missing_ok=True)


def recover(index_dir: Path, ix, meta: IndexMeta) -> bool:
    """Finish or drop what an earlier run left half done; the caller holds the write
    lock. Whether anything was repaired."""
    repaired = _remove_temps(index_dir)
    _remove_unused_segments(ix)
    pending = read_pending(index_dir)
    latest = ix.latest_generation()
    if pending is not None and pending.generation == latest:
        finish(index_dir, ix, meta)
        return True
    if pending is not None or (index_dir / NEXT_VOCABULARY).exists():
        discard(index_dir)  # Whoosh never committed it: nothing of that run is visible
        repaired = True
    if meta.files and meta.generation != latest:
        # Committed by a version that wrote the manifest afterwards and died in between:
        # the files are taken as they are now, so that later damage is seen again.
        meta.generation, meta.files = index_manifest(index_dir, ix)
        write_meta(index_dir, meta)
        repaired = True
    return repaired


def _remove_unused_segments(ix) -> None:
    """Segment files that no generation lists: those of a writer that was cancelled (a
    run with nothing to change, a failed run) or killed. Whoosh removes them only at
    its next commit, with the same function."""
    from whoosh.index import clean_files

    toc = ix._read_toc()  # Whoosh has no public name for the segments of a generation
    clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)


def discard(index_dir: Path) -> None:
    """Drop what a run prepared for a commit that did not happen."""
    (index_dir / NEXT_VOCABULARY).unlink(missing_ok=True)
    (index_dir / PENDING_FILE).unlink(missing_ok=True)


def read_pending(index_dir: Path) -> Pending | None:
    try:
        raw = json.loads((index_dir / PENDING_FILE).read_text(encoding="utf-8"))
        return Pending(int(raw["generation"]), [str(root) for root in raw["roots"]])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return Pending(-1, [])  # half-written: its run never reached Whoosh's commit


def _write_json(path: Path, fields: dict) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=_WRITER_TEMP_PREFIX, suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(fields) + "\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _remove_temps(index_dir: Path) -> bool:
    removed = False
    now = time.time()
    for entry in index_dir.iterdir():
        if not entry.name.startswith(_TEMP_PREFIX):
            continue
        try:
            by_a_reader = entry.suffix == ".json" and not entry.name.startswith(_WRITER_TEMP_PREFIX)
            if by_a_reader and now - entry.stat().st_mtime < _READER_TEMP_AGE:
                continue  # perhaps a speaker table being written right now
            entry.unlink()
            removed = True
        except FileNotFoundError:
            pass
    return removed
