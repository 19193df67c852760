"""What quote groups cost a first build, and what they add to the index folder."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from caucasus_cli.index.quotestore import QUOTES_FILE

# What only quote groups need in quotes.sqlite (quotestore.py), and the wording key's
# bytes in each quote row (an integer of up to 8 bytes).
GROUPING_TABLES = ("links", "links_w2", "wordings", "quotes_wording")
WORDING_BYTES = 8


def measure_grouping(
    index_dir: Path, size_dir: Path, articles: int, index_bytes: int
) -> dict[str, Any]:
    """What a first build spends on quote groups, and what they add to the index.

    `link_new_wordings` is timed in process on a copy of the store whose links and
    linked wordings were taken out, in one transaction as StoreWriter.link_statements
    runs it (commit included): a first build adds every row under one generation, so
    this links every wording, as that build did. Its links should be the index's.
    """
    from caucasus_cli.index.statements import link_new_wordings

    copy = size_dir / "grouping.sqlite"
    shutil.copyfile(index_dir / QUOTES_FILE, copy)
    db = sqlite3.connect(copy, isolation_level=None)
    try:
        generation, generations, rows = db.execute(
            "SELECT max(added), count(DISTINCT added), count(*) FROM quotes"
        ).fetchone()
        built = db.execute("SELECT count(*) FROM links").fetchone()[0]
        db.executescript("BEGIN; DELETE FROM links; DELETE FROM wordings; COMMIT;")
        started, cpu_started = time.perf_counter(), time.process_time()
        db.execute("BEGIN IMMEDIATE")
        links = link_new_wordings(db, generation or 0)
        db.execute("COMMIT")
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        wordings = db.execute("SELECT count(*) FROM wordings").fetchone()[0]
    finally:
        db.close()
        copy.unlink(missing_ok=True)
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "links": links,
        "links_in_index": built,
        "wordings": wordings,
        "quote_rows": rows,
        "generation": generation,
        "generations": generations,
        **grouping_size(index_dir / QUOTES_FILE, rows, articles, index_bytes),
    }


def grouping_size(store: Path, rows: int, articles: int, index_bytes: int) -> dict[str, Any]:
    """The pages of the tables and indexes only groups need (dbstat), and WORDING_BYTES a
    quote row for its wording key; per article and as a share of the index folder."""
    uri = store.resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True)
    try:
        pages = {
            name: db.execute(
                "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = ?", (name,)
            ).fetchone()[0]
            for name in GROUPING_TABLES
        }
    except sqlite3.OperationalError as error:  # SQLite built without SQLITE_ENABLE_DBSTAT_VTAB
        return {"bytes": None, "kb_per_article": None, "pct_of_index": None, "note": str(error)}
    finally:
        db.close()
    parts = {**pages, "wording_column": WORDING_BYTES * rows}
    total = sum(parts.values())
    return {
        "bytes": {**parts, "total": total},
        "kb_per_article": round(total / articles / 1e3, 3),
        "pct_of_index": round(100 * total / index_bytes, 2) if index_bytes else None,
    }
