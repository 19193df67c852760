"""A large folder with bad files in it goes through the parallel indexer intact."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.synthetic import write_corpus
from caucasus_cli.cli import app
from caucasus_cli.index import sync
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.search.articles import SearchOptions, search_articles

REPORT = (
    "Foreign Minister Jeyhun Bayramov said on Tuesday that talks would resume.\n\n"
    "“We want a peaceful settlement of the conflict,” said Bayramov. {marker}\n"
)
GOOD = 250


def search_docs(index: Path, query: str, limit: int = 500) -> list[str]:
    with CorpusIndex(index) as corpus:
        hits = search_articles(corpus, SearchOptions(query, limit=limit)).hits
        return [hit.doc for hit in hits]


@pytest.fixture
def folder_with_bad_files(tmp_path) -> Path:
    folder = tmp_path / "archive"
    write_corpus(folder, GOOD, use_bbc=False)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    # A file name in cp1252 bytes, as old Windows archives have them.
    cp1252_name = os.fsencode(folder) + b"/caf\xe9 report.txt"
    with open(cp1252_name, "wb") as out:
        out.write(REPORT.format(marker="Zyxcafe").encode("utf-8"))
    (folder / "vanishing.txt").write_text(REPORT.format(marker="Zyxgone"), encoding="utf-8")
    return folder


def test_bad_files_in_a_parallel_run_are_named_and_the_rest_indexed(
    tmp_path, folder_with_bad_files, monkeypatch
):
    folder = folder_with_bad_files
    listing = sync.find_article_files

    def list_then_delete_one(roots, on_skip=None, on_unread=None):
        found = list(listing(roots, on_skip, on_unread))
        (folder / "vanishing.txt").unlink()  # gone after listing, before any worker reads it
        return iter(found)

    monkeypatch.setattr(sync, "find_article_files", list_then_delete_one)
    assert GOOD + 4 >= sync._PARALLEL_THRESHOLD
    index = tmp_path / "index"

    result = CliRunner().invoke(app, ["index", str(folder), "--index", str(index)])

    assert result.exit_code == 0, (result.stderr, result.exception)
    lines = result.stderr.splitlines()
    for name in ("empty.txt", "binary.txt", "vanishing.txt"):
        assert len([line for line in lines if name in line]) == 1, (name, lines)
    assert "Traceback" not in result.stderr
    assert f"{GOOD + 1} added" in lines[-1] and "3 skipped" in lines[-1], lines[-1]
    docs = search_docs(index, "Report")
    assert len(docs) == GOOD and len(set(docs)) == GOOD  # every article once
    assert search_docs(index, "Zyxcafe") == ["caf\\xe9 report"]
    assert search_docs(index, "Zyxgone") == []


def test_a_file_name_that_is_not_utf8_is_shown_and_survives_a_resync(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9 report.txt", "wb") as out:
        out.write(REPORT.format(marker="Zyxcafe").encode("utf-8"))
    index = tmp_path / "index"
    runner = CliRunner()

    first = runner.invoke(app, ["index", str(folder), "--index", str(index)])
    again = runner.invoke(app, ["index", "--index", str(index)])

    assert first.exit_code == 0, (first.stderr, first.exception)
    assert "1 added" in first.stderr
    assert again.exit_code == 0, (again.stderr, again.exception)
    assert "1 unchanged" in again.stderr and "added" not in again.stderr.replace("0 added", "")
    shown = runner.invoke(app, ["show", "caf\\xe9 report", "--index", str(index), "-f", "json"])
    assert shown.exit_code == 0, shown.stderr
    assert "caf\\\\xe9 report.txt" in shown.stdout  # the path, escaped, in JSON
