"""The peer embedded indexes' databases: SQLite FTS5 (stdlib) built and queried in
process, and the sqlite-utils database that sqlite_utils_peer.py searches end to end."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks.corpora import read_marker, write_marker
from benchmarks.in_process import summarize
from benchmarks.queries import LIMIT, QUERIES, Query, fts_expression
from benchmarks.sqlite_utils_peer import (
    build_database,
)
from caucasus_cli.index.documents import path_from_field
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.ingest.metadata import parse_article

FTS_SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, date UNINDEXED, "
    "speakers UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
)
FTS_SELECT = (
    "SELECT path, title, snippet(docs, 2, '[', ']', ' … ', 32) FROM docs WHERE docs MATCH ?"
)
FTS_ORDER = " ORDER BY bm25(docs, 0.0, 2.0, 1.0, 0.0, 0.0) LIMIT ?"


def article_speakers(index_dir: Path) -> dict[str, str]:
    """File path -> ",key,key," of the speakers quoted in it, from the caucasus index.

    Keyed by path, not doc id: a doc id is the file stem only where no other file has
    it (the raw BBC layout repeats `001.txt` in every topic folder)."""
    found: dict[str, set[str]] = defaultdict(set)
    with CorpusIndex(index_dir) as index:
        reader = index.searcher.reader()
        if reader.doc_count() == 0:
            return {}
        paths = reader.column_reader("path")
        for term in reader.lexicon("speakers"):
            key = term.decode("utf-8") if isinstance(term, bytes) else term
            for docnum in reader.postings("speakers", key).all_ids():
                found[path_from_field(paths[docnum])].add(key)
    return {path: "," + ",".join(sorted(keys)) + "," for path, keys in found.items()}


def article_files(articles: Path) -> Iterator[Path]:
    return iter(sorted(articles.glob("*/*.txt")))


def ensure_fts(size_dir: Path, articles: Path, index_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The FTS5 database of the same documents, and its build figures."""
    db = size_dir / "fts5.db"
    marker = size_dir / "fts5.json"
    previous = read_marker(marker)
    if previous and db.is_file():
        return db, {**previous, "reused": True}
    db.unlink(missing_ok=True)
    speakers = article_speakers(index_dir)
    started, cpu_started = time.perf_counter(), time.process_time()
    count = 0
    with sqlite3.connect(db) as connection:
        connection.execute(FTS_SCHEMA)
        rows = (fts_row(path, speakers) for path in article_files(articles))
        for row in rows:
            connection.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", row)
            count += 1
    connection.close()
    seconds = time.perf_counter() - started
    figures = {
        "build_seconds": round(seconds, 2),
        "build_cpu_seconds": round(time.process_time() - cpu_started, 2),
        "build_articles_per_s": round(count / seconds, 1),
        "articles": count,
        "db_mib": round(db.stat().st_size / 2**20, 1),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    write_marker(marker, figures)
    return db, {**figures, "reused": False}


def ensure_sqlite_utils(
    size_dir: Path, articles: Path, index_dir: Path
) -> tuple[Path, dict[str, Any]]:
    """The sqlite-utils database of the same documents, and its build figures."""
    db = size_dir / "sqlite-utils.db"
    marker = size_dir / "sqlite-utils.json"
    previous = read_marker(marker)
    if previous and db.is_file():
        return db, {**previous, "reused": True}
    db.unlink(missing_ok=True)
    speakers = article_speakers(index_dir)
    rows = (sqlite_utils_row(path, articles, speakers) for path in article_files(articles))
    figures = {
        **build_database(db, rows),
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    write_marker(marker, figures)
    return db, {**figures, "reused": False}


def sqlite_utils_row(path: Path, articles: Path, speakers: dict[str, str]) -> dict[str, Any]:
    """The row of one file; its id the path under `articles` (unique where stems repeat)."""
    path_text, title, body, date, quoted = fts_row(path, speakers)
    return {
        "id": path.relative_to(articles).as_posix(),
        "path": path_text,
        "title": title,
        "body": body,
        "date": date,
        "speakers": quoted,
    }


def fts_row(path: Path, speakers: dict[str, str]) -> tuple[str, str, str, str | None, str]:
    """Title, body and date as caucasus parses the file (build time includes parsing)."""
    article = parse_article(path.stem, str(path), path.read_text(encoding="utf-8"))
    date = article.date.isoformat() if article.date else None
    quoted = speakers.get(str(path.resolve()), "")
    return str(path), article.title or "", article.body, date, quoted


def fts_statement(q: Query, speaker_keys: list[str]) -> tuple[str, list[Any]]:
    sql, values = FTS_SELECT, [fts_expression(q)]
    if q.since:
        sql += " AND date >= ?"
        values.append(q.since)
    if q.speaker:
        tests = " OR ".join("instr(speakers, ?) > 0" for _ in speaker_keys) or "0"
        sql += f" AND ({tests})"
        values += [f",{key}," for key in speaker_keys]
    return sql + FTS_ORDER, [*values, LIMIT]


def speaker_keys(index_dir: Path, speaker: str) -> list[str]:
    """The folded keys `--speaker` resolves to, for the SQL peers' speaker condition."""
    from caucasus_cli.search.quotes import resolve_speaker

    with CorpusIndex(index_dir) as index:
        return list(resolve_speaker(index, speaker).keys)


def time_fts(db: Path, index_dir: Path, speaker: str, repeats: int) -> dict[str, Any]:
    """Latency of each query on FTS5, after one warm-up run each."""
    keys = speaker_keys(index_dir, speaker)
    statements = [fts_statement(q, keys) for q in QUERIES]
    samples: dict[str, list[float]] = defaultdict(list)
    connection = sqlite3.connect(db)
    try:
        rows = {
            q.label: len(connection.execute(sql, values).fetchall())
            for q, (sql, values) in zip(QUERIES, statements, strict=True)
        }
        for _ in range(repeats):
            for q, (sql, values) in zip(QUERIES, statements, strict=True):
                started = time.perf_counter()
                connection.execute(sql, values).fetchall()
                samples[q.label].append(time.perf_counter() - started)
    finally:
        connection.close()
    return summarize(samples, rows, counted="rows")
