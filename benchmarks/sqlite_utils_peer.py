"""sqlite-utils as a peer: the same texts in an FTS5 table built and searched the way a
sqlite-utils user would (`insert` + `enable-fts`, then `sqlite-utils search`).

sqlite-utils is optional (`pip install -e ".[bench]"`); without it the benchmark leaves
its columns out and says so.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from benchmarks.queries import LIMIT, Query, fts_expression

TABLE = "articles"
# Title and body searched, as in caucasus; porter stems as caucasus's analyzer does
# (sqlite-utils's default tokenizer would not, and "prices" would miss "price").
FTS_COLUMNS = ("title", "body")
TOKENIZE = "porter"
BATCH = 1000


def sqlite_utils_command() -> tuple[list[str], str] | None:
    """The `sqlite-utils` script of this interpreter (else `-m sqlite_utils`); None if absent."""
    if importlib.util.find_spec("sqlite_utils") is None:
        return None
    script = Path(sys.executable).parent / "sqlite-utils"  # not resolved: see bench.py
    if script.is_file():
        return [str(script)], f"installed script {script}"
    return [sys.executable, "-m", "sqlite_utils"], f"{sys.executable} -m sqlite_utils"


def sqlite_utils_version() -> str | None:
    if importlib.util.find_spec("sqlite_utils") is None:
        return None
    from importlib import metadata

    return metadata.version("sqlite-utils")


def build_database(db: Path, rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Insert `rows` (id, path, title, body, date, speakers) and enable FTS on title, body.

    Timed from the first row read, so parsing the files counts as it does for FTS5.
    """
    import sqlite_utils

    started = time.perf_counter()
    database = sqlite_utils.Database(db)
    table = database[TABLE]
    counted = _counting(rows)
    table.insert_all(counted, pk="id", batch_size=BATCH)
    table.enable_fts(list(FTS_COLUMNS), tokenize=TOKENIZE)
    database.close()
    seconds = time.perf_counter() - started
    count = counted.count
    return {
        "build_seconds": round(seconds, 2),
        "build_articles_per_s": round(count / seconds, 1) if seconds else 0.0,
        "articles": count,
        "db_mib": round(db.stat().st_size / 2**20, 1),
        "tokenize": TOKENIZE,
        "fts_columns": list(FTS_COLUMNS),
    }


class _counting:
    """An iterator over rows that remembers how many it gave."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self._rows = iter(rows)
        self.count = 0

    def __iter__(self) -> _counting:
        return self

    def __next__(self) -> dict[str, Any]:
        row = next(self._rows)
        self.count += 1
        return row


def search_argv(command: list[str], q: Query, db: Path, speaker_keys: list[str]) -> list[str]:
    """`sqlite-utils search DB articles EXPR --limit 20`, or for the date and speaker
    queries (which `search` cannot filter) `sqlite-utils query` with the SQL that
    sqlite-utils's own search_sql() writes for them, plus the condition."""
    expression = fts_expression(q)
    if not q.since and not q.speaker:
        return [*command, "search", str(db), TABLE, expression, "--limit", str(LIMIT)]
    where, params = filter_condition(q, speaker_keys)
    sql = _search_sql(where)
    argv = [*command, "query", str(db), sql, "-p", "query", expression]
    for name, value in params.items():
        argv += ["-p", name, value]
    return argv


def filter_condition(q: Query, speaker_keys: list[str]) -> tuple[str, dict[str, str]]:
    """The SQL condition and parameters for `--since` and `--speaker` (as for FTS5)."""
    conditions, params = [], {}
    if q.since:
        conditions.append("date >= :since")
        params["since"] = q.since
    if q.speaker:
        tests = [f"instr(speakers, :speaker{i}) > 0" for i in range(len(speaker_keys))]
        conditions.append("(" + (" or ".join(tests) or "0") + ")")
        params |= {f"speaker{i}": f",{key}," for i, key in enumerate(speaker_keys)}
    return " and ".join(conditions), params


def _search_sql(where: str) -> str:
    import sqlite_utils

    # search_sql() only writes SQL; an in-memory database with the same two tables suffices.
    database = sqlite_utils.Database(memory=True)
    database[TABLE].create({"id": str, **dict.fromkeys(FTS_COLUMNS, str)}, pk="id")
    database[TABLE].enable_fts(list(FTS_COLUMNS), tokenize=TOKENIZE)
    return database[TABLE].search_sql(where=where, limit=LIMIT)


def count_rows(stdout: str) -> int:
    """Rows in the JSON array that `search` and `query` print, one row a line."""
    return sum(1 for line in stdout.splitlines() if line.lstrip("[ ").startswith("{"))
