"""Indexing that survives real folders: hostile files, kills, damaged indexes, concurrency."""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.synthetic import write_corpus
from caucasus_cli.cli import app
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import sync_index
from caucasus_cli.search.articles import SearchOptions, search_articles

BAYRAMOV = (
    "“We want a peaceful settlement of the conflict. Only by ending the occupation of "
    "Azerbaijani territories can lasting peace and security be established,” added Bayramov."
)


def caucasus(*args: str, index: Path, prefix: tuple[str, ...] = (), **kwargs):
    env = {**os.environ, "CAUCASUS_INDEX": str(index), "NO_COLOR": "1"}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "caucasus_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def found_docs(index: Path, query: str) -> list[str]:
    with CorpusIndex(index) as corpus:
        return [hit.doc for hit in search_articles(corpus, SearchOptions(query, limit=50)).hits]


def _without_file_permissions() -> tuple[str, ...] | None:
    """A command prefix under which a mode-000 file is really unreadable, if there is one."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    return (setpriv, "--bounding-set", caps, "--inh-caps", caps)


def build_hostile_folder(root: Path) -> dict[str, list[str]]:
    """Every kind of file users' folders hold; returns which names must be found/skipped."""
    deep = root.joinpath(*[f"level{n}" for n in range(40)])
    deep.mkdir(parents=True)
    (deep / "deep story.txt").write_text(f"Deep folder report.\n\n{BAYRAMOV} Zyxdeep.\n")
    (root / "windows 1252.txt").write_bytes(f"{BAYRAMOV} Zyxcpone.\n".encode("cp1252"))
    (root / "utf16.txt").write_bytes(f"{BAYRAMOV} Zyxutfsixteen.\n".encode("utf-16"))
    (root / "bom.md").write_bytes(codecs.BOM_UTF8 + f"{BAYRAMOV} Zyxbom.\n".encode())
    (root / "Qarabağ xəbərləri.txt").write_text(f"{BAYRAMOV} Zyxnonascii.\n", encoding="utf-8")
    (root / "copy one.txt").write_text(f"{BAYRAMOV} Zyxtwin.\n", encoding="utf-8")
    (root / "copy two.txt").write_text(f"{BAYRAMOV} Zyxtwin.\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "nul inside.txt").write_bytes(b"Peace talks \x00 resumed.")
    (root / "huge.txt").write_bytes(b"Karabakh ceasefire holds. " * 2_100_000)  # ~55 MB
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    (root / "loop").symlink_to(root)
    (root / "locked.txt").write_text(f"{BAYRAMOV} Zyxlocked.\n", encoding="utf-8")
    (root / "locked.txt").chmod(0)
    return {
        "searchable": ["Zyxdeep", "Zyxcpone", "Zyxutfsixteen", "Zyxbom", "Zyxnonascii", "Zyxtwin"],
        "skipped": [
            "empty.txt",
            "binary.txt",
            "nul inside.txt",
            "huge.txt",
            "dangling.txt",
            "loop",
            "locked.txt",
        ],
    }


def test_hostile_folder_every_readable_article_searchable_every_bad_file_reported(tmp_path):
    prefix = _without_file_permissions()
    if prefix is None:
        pytest.skip("running as root without setpriv: a mode-000 file stays readable")
    folder = tmp_path / "inbox"
    expected = build_hostile_folder(folder)
    index = tmp_path / "index"

    result = caucasus("index", str(folder), index=index, prefix=prefix)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    warnings = result.stderr.splitlines()
    for name in expected["skipped"]:
        lines = [line for line in warnings if name in line]
        assert len(lines) == 1, f"{name}: {lines}"
    assert any("windows 1252.txt" in w and "cp1252" in w for w in warnings)
    assert any("copy two.txt" in w and "same text as" in w for w in warnings)
    summary = warnings[-1]
    assert "7 added" in summary and "7 skipped" in summary, summary
    for word in expected["searchable"]:
        assert found_docs(index, word), word
    assert len(found_docs(index, "Zyxtwin")) == 2  # duplicates are both listed


def test_sigkill_while_indexing_leaves_the_last_index_answering(tmp_path, corpus_copy):
    index = tmp_path / "index"
    assert caucasus("index", str(corpus_copy), index=index).returncode == 0
    queries = ["peace agreement", "Bayramov", "Lavrov OR Mardini", "Karabakh"]
    before = {q: found_docs(index, q) for q in queries}

    big = tmp_path / "big"
    write_corpus(big, 1200, use_bbc=False)
    env = {**os.environ, "CAUCASUS_INDEX": str(index)}
    run = subprocess.Popen(
        [sys.executable, "-m", "caucasus_cli", "index", str(big)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    quotes_before = quote_ids(index)
    _wait_until_writing(index / "MAIN_WRITELOCK", run)
    # Killed once the run has written quote rows its Whoosh commit never made visible.
    _wait_until_uncommitted_quotes(index, run)
    assert run.poll() is None, "the run finished before it could be killed"
    workers = _descendants(run.pid)
    assert workers, "expected worker processes"
    run.send_signal(signal.SIGKILL)
    run.wait()
    _wait_until_gone(workers)  # no orphaned worker keeps running

    assert {q: found_docs(index, q) for q in queries} == before
    assert quote_ids(index) == quotes_before
    again = caucasus("index", str(big), index=index)
    assert again.returncode == 0, again.stderr
    assert "1200 added" in again.stderr
    assert article_count(index) == 1205  # the seeds kept, every new article in
    extracted = int(re.search(r"(\d+) quotes? extracted", again.stderr).group(1))
    after = quote_ids(index)
    assert len(after) == len(set(after)) == len(quotes_before) + extracted  # none twice
    assert set(quotes_before) <= set(after)


def quote_ids(index: Path) -> list[str]:
    from caucasus_cli.search.quotes import QuoteFilter, stream_quotes

    with CorpusIndex(index) as corpus:
        return sorted(q.id for q in list(stream_quotes(corpus, QuoteFilter(kind=None)).quotes))


def _wait_until_uncommitted_quotes(index: Path, run: subprocess.Popen, timeout=60) -> None:
    """Until the running indexer has written (and committed to SQLite) a batch of quote
    rows for the generation its Whoosh commit would make."""
    import sqlite3

    deadline = time.monotonic() + timeout
    with contextlib.closing(sqlite3.connect(index / "quotes.sqlite")) as store:
        committed = store.execute("SELECT max(added) FROM quotes").fetchone()[0]
        while time.monotonic() < deadline and run.poll() is None:
            pending = "SELECT count(*) FROM quotes WHERE added > ?"
            if store.execute(pending, (committed,)).fetchone()[0]:
                return
            time.sleep(0.05)
    pytest.fail("the indexer wrote no quote rows before it ended")


def article_count(index: Path) -> int:
    from whoosh import query

    with CorpusIndex(index) as corpus:
        return len(corpus.searcher.search(query.Term("type", "article"), limit=None))


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    pending = [pid]
    while pending:
        try:
            children = Path(f"/proc/{pending.pop()}/task").glob("*/children")
            for child_file in children:
                pending += [int(c) for c in child_file.read_text().split()]
                found.update(int(c) for c in child_file.read_text().split())
        except OSError:
            continue
    return found


def _wait_until_gone(pids: set[int], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if _running(pid)}
        time.sleep(0.1)
    assert not alive, f"worker processes outlived the killed indexer: {sorted(alive)}"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_until_writing(lock_file: Path, run: subprocess.Popen, timeout: float = 60) -> None:
    """Until the indexer holds Whoosh's write lock (an flock on this file)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and run.poll() is None:
        with open(lock_file, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(handle, fcntl.LOCK_UN)
            except BlockingIOError:
                return
        time.sleep(0.05)
    pytest.fail("the indexer never took the write lock")


def test_a_live_writer_makes_a_second_one_exit_with_a_clear_message(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    from whoosh import index as whoosh_index

    writer = whoosh_index.open_dir(str(index)).writer()
    try:
        result = caucasus("index", str(corpus_copy), index=index)
        assert result.returncode == 2
        assert "another `caucasus index` is writing" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        search = caucasus("search", "Bayramov", "--format", "jsonl", index=index)
        assert search.returncode == 0  # reading goes on while a writer works
    finally:
        writer.cancel()
    assert caucasus("index", str(corpus_copy), index=index).returncode == 0


def test_a_lock_left_by_a_killed_writer_does_not_block(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from whoosh import index; "
            "w = index.open_dir(sys.argv[1]).writer(); print('locked', flush=True); "
            "time.sleep(600)",
            str(index),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    holder.kill()
    holder.wait()
    holder.stdout.close()
    (corpus_copy / "new.txt").write_text(f"{BAYRAMOV}\n", encoding="utf-8")
    result = caucasus("index", str(corpus_copy), index=index)
    assert result.returncode == 0, result.stderr
    assert "1 added" in result.stderr


def _truncate_segments(index: Path) -> None:
    segments = [*index.glob("MAIN_*.seg"), *index.glob("MAIN_*.pst"), *index.glob("MAIN_*.trm")]
    assert segments
    for segment in segments:
        segment.write_bytes(segment.read_bytes()[:100])


def _scribble_over_toc(index: Path) -> None:
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00garbage" * 10)


def _old_schema(index: Path) -> None:
    meta = json.loads((index / "caucasus.json").read_text())
    meta["schema_version"] = 0
    (index / "caucasus.json").write_text(json.dumps(meta))


def _scribble_over_quote_store(index: Path) -> None:
    store = index / "quotes.sqlite"
    store.write_bytes(b"\x00garbage" * (store.stat().st_size // 8))


def _delete_quote_store(index: Path) -> None:
    (index / "quotes.sqlite").unlink()


@pytest.mark.parametrize(
    "damage",
    [
        _truncate_segments,
        _scribble_over_toc,
        _old_schema,
        _scribble_over_quote_store,
        _delete_quote_store,
    ],
)
def test_damaged_or_old_index_gets_one_line_and_the_rebuild_hint(tmp_path, corpus_copy, damage):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    damage(index)
    runner = CliRunner()
    env = {"CAUCASUS_INDEX": str(index)}
    quote_store = damage in (_scribble_over_quote_store, _delete_quote_store)
    commands = (
        [["quotes"], ["check", "peace in the region"]] if quote_store else [["search", "peace"]]
    )
    for command in (*commands, ["show", "001"], ["index"]):
        result = runner.invoke(app, command, env=env)
        assert result.exit_code == 2, (command, result.stderr, result.exception)
        assert result.stderr.count("\n") == 1, result.stderr
        assert "caucasus index --rebuild" in result.stderr
    rebuilt = runner.invoke(app, ["index", "--rebuild"], env=env)
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert "5 added" in rebuilt.stderr
    assert runner.invoke(app, ["search", "peace"], env=env).exit_code == 0


def test_resync_picks_up_edits_additions_and_removals(tmp_path, corpus_copy):
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    (corpus_copy / "004_b33b2c1105469be7.txt").unlink()
    edited = corpus_copy / "003_c2fa5512a1292afa.txt"
    edited.write_text(edited.read_text() + "\nMardini thanked the Zyxedited delegation.\n")
    (corpus_copy / "extra.md").write_text(f"{BAYRAMOV} Zyxextra.\n", encoding="utf-8")
    os.utime(corpus_copy / "000_6ceba82ccbfec31b.txt")  # touched, not changed

    report = sync_index(index, None)

    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    assert found_docs(index, "Lavrov") == []
    assert found_docs(index, "Zyxedited") == ["003_c2fa5512a1292afa"]
    assert found_docs(index, "Zyxextra") == ["extra"]


def test_colliding_stems_get_path_ids(tmp_path):
    for folder in ("baku", "yerevan"):
        (tmp_path / "news" / folder).mkdir(parents=True)
        (tmp_path / "news" / folder / "statement.txt").write_text(f"{folder}: {BAYRAMOV}\n")
    index = tmp_path / "index"
    sync_index(index, [tmp_path / "news"])
    assert sorted(found_docs(index, "Bayramov")) == ["baku/statement.txt", "yerevan/statement.txt"]
