"""The benchmark's peer databases hold the same articles as the caucasus index, also for a
corpus laid out as the BBC set is: topic folders that repeat the same file names."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from benchmarks.fts5 import ensure_fts, ensure_sqlite_utils
from caucasus_cli.index.sync import sync_index

HAS_SQLITE_UTILS = importlib.util.find_spec("sqlite_utils") is not None

_ARTICLES = {
    "politics/001.txt": (
        "Talks on the border resume in Geneva\n\n"
        "“We expect the commission to meet again before the end of the month,” "
        "Jeyhun Bayramov said on Tuesday.\n"
    ),
    "business/001.txt": (
        "Grain exports rise for a third quarter\n\n"
        "Shipments through the port grew by a tenth, the ministry's figures show.\n"
    ),
}


@pytest.fixture
def topic_folders(tmp_path) -> tuple[Path, Path]:
    """Two topic folders that both hold `001.txt`, and their caucasus index."""
    articles = tmp_path / "articles"
    for name, text in _ARTICLES.items():
        (articles / name).parent.mkdir(parents=True, exist_ok=True)
        (articles / name).write_text(text, encoding="utf-8")
    index = tmp_path / "index"
    sync_index(index, [articles])
    return articles, index


@pytest.mark.skipif(not HAS_SQLITE_UTILS, reason="sqlite-utils not installed")
def test_the_sqlite_utils_peer_keeps_files_that_share_a_name(tmp_path, topic_folders):
    articles, index = topic_folders
    db, figures = ensure_sqlite_utils(tmp_path, articles, index)
    assert figures["articles"] == 2
    with sqlite3.connect(db) as connection:
        rows = dict(connection.execute("SELECT id, speakers FROM articles").fetchall())
    assert rows.keys() == {"politics/001.txt", "business/001.txt"}
    # The speaker quoted in one of the two files is that file's, not lost or misplaced.
    assert "bayramov" in rows["politics/001.txt"]
    assert rows["business/001.txt"] == ""


def test_the_fts5_peer_gives_each_file_its_own_speakers(tmp_path, topic_folders):
    articles, index = topic_folders
    db, _ = ensure_fts(tmp_path, articles, index)
    with sqlite3.connect(db) as connection:
        rows = dict(connection.execute("SELECT path, speakers FROM docs").fetchall())
    assert len(rows) == 2
    assert "bayramov" in rows[str(articles / "politics" / "001.txt")]
    assert rows[str(articles / "business" / "001.txt")] == ""
