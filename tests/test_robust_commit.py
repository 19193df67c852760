"""The commit is one step: a run killed (or out of disk) at any step of its commit
leaves an index that the next run brings to exactly what a clean build makes."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.synthetic import write_corpus
from caucasus_cli.cli import app
from caucasus_cli.index import commit
from caucasus_cli.index.store import CorpusIndex, index_manifest, index_stats, read_meta
from caucasus_cli.index.sync import sync_index
from caucasus_cli.search.articles import SearchOptions, search_articles

FAULTS = Path(__file__).resolve().parent / "faults"
# Every step of commit.py's commit, in order; `toc-written` is Whoosh's commit point.
STEPS = (
    "vocabulary-prepared",
    "pending-written",
    "segments-written",
    "toc-written",
    "vocabulary-replaced",
    "manifest-written",
)
QUERIES = ("peace agreement", "Bayramov", "Lavrov OR Mardini", "Karabakh", "ceasefire")


def _caucasus(*args: str, index: Path, fault: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CAUCASUS_INDEX": str(index), "NO_COLOR": "1"}
    if fault:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FAULTS), env.get("PYTHONPATH")]))
        env["CAUCASUS_TEST_COMMIT_FAULT"] = fault
    return subprocess.run(
        [sys.executable, "-m", "caucasus_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def _state(index: Path) -> dict:
    """What a user sees of an index: status, searches, quotes, "did you mean" words."""
    stats = index_stats(index)
    with CorpusIndex(index) as corpus:
        found = {
            q: sorted(hit.doc for hit in search_articles(corpus, SearchOptions(q, limit=5000)).hits)
            for q in QUERIES
        }
    quotes = CliRunner().invoke(
        app, ["quotes", "--kind", "all", "--format", "jsonl"], env={"CAUCASUS_INDEX": str(index)}
    )
    assert quotes.exit_code == 0, quotes.stderr
    return {
        "status": (stats.articles, stats.quotes, stats.speakers, sorted(stats.roots)),
        "found": found,
        "quotes": sorted(quotes.stdout.splitlines()),
        "vocabulary": (index / "vocabulary.tsv").read_text(encoding="utf-8"),
    }


def _assert_manifest_matches_files(index: Path) -> None:
    """The checksums in caucasus.json are those of the index's files as they are."""
    meta = read_meta(index)
    with CorpusIndex(index) as corpus:
        corpus.verify(contents=True)  # raises if any file differs from its checksum
        assert (meta.generation, meta.files) == index_manifest(index, corpus._ix)
    leftovers = [p.name for p in index.iterdir() if p.name.startswith(".caucasus-")]
    assert leftovers == []
    assert not (index / commit.PENDING_FILE).exists()
    assert not (index / commit.NEXT_VOCABULARY).exists()


def _scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 32] = b"\xff" * 32
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def folders(tmp_path_factory, seed_corpus) -> tuple[Path, Path]:
    """The seed articles, and a second folder of more articles added by a later run."""
    base = tmp_path_factory.mktemp("commit")
    more = base / "more"
    write_corpus(more, 30, use_bbc=False)
    return seed_corpus, more


@pytest.fixture(scope="module")
def clean(tmp_path_factory, folders) -> dict:
    """A clean build of both folders, as the runs below must end up."""
    index = tmp_path_factory.mktemp("clean") / "index"
    sync_index(index, list(folders))
    return _state(index)


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_each_step_of_the_commit_is_finished_by_the_next_run(
    step, tmp_path, folders, clean
):
    seed, more = folders
    index = tmp_path / "index"
    sync_index(index, [seed])

    killed = _caucasus("index", str(more), index=index, fault=f"{step}:kill")
    assert killed.returncode == -9, killed.stderr

    again = _caucasus("index", str(more), index=index)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    _assert_manifest_matches_files(index)
    assert _state(index) == clean
    # And the run after that re-reads nothing, and later damage is found out.
    settled = _caucasus("index", index=index)
    assert settled.returncode == 0 and "0 added" in settled.stderr, settled.stderr
    _scribble(max(index.glob("MAIN_*.pst"), key=lambda p: p.stat().st_size))
    damaged = _caucasus("index", index=index)
    assert damaged.returncode == 2 and "damaged" in damaged.stderr, damaged.stderr


@pytest.mark.parametrize("step", STEPS)
def test_a_full_disk_at_each_step_of_the_commit_says_what_is_true(
    step, tmp_path, folders, clean, monkeypatch
):
    seed, more = folders
    index = tmp_path / "index"
    sync_index(index, [seed])

    def full_disk_at(name: str) -> None:
        if name == step:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:  # in process: what the faults hook does
        patch.setattr(commit, "reached", full_disk_at)
        failed = CliRunner().invoke(app, ["index", str(more)], env={"CAUCASUS_INDEX": str(index)})

    assert failed.exit_code == 2, (failed.stderr, failed.exception)
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0], failed.stderr
    visible = index_stats(index).articles > 5  # the seed articles, and the new ones?
    committed = STEPS.index(step) >= STEPS.index("toc-written")
    assert visible == committed
    if committed:
        assert "as it was before" not in lines[0] and "run `caucasus index` again" in lines[0]
    else:
        assert "the index is as it was before this run" in lines[0]
    assert [p.name for p in index.iterdir() if p.name.startswith(".caucasus-")] == []
    if not committed:  # nothing prepared for the commit that never came is left either
        assert not (index / commit.PENDING_FILE).exists()
        assert not (index / commit.NEXT_VOCABULARY).exists()

    again = CliRunner().invoke(app, ["index", str(more)], env={"CAUCASUS_INDEX": str(index)})
    assert again.exit_code == 0, again.stderr
    _assert_manifest_matches_files(index)
    assert _state(index) == clean


def test_a_run_after_a_kill_past_whoosh_commit_keeps_the_new_folder(tmp_path, folders, clean):
    """The folders of the killed run are the index's folders: a plain `caucasus index`
    afterwards re-syncs them too (they were only in the pending record)."""
    seed, more = folders
    index = tmp_path / "index"
    sync_index(index, [seed])
    assert _caucasus("index", str(more), index=index, fault="toc-written:kill").returncode == -9

    again = _caucasus("index", index=index)

    assert again.returncode == 0, again.stderr
    assert json.loads((index / "caucasus.json").read_text())["roots"] == sorted(
        str(folder.resolve()) for folder in folders
    )
    assert _state(index) == clean


def test_a_kill_right_after_a_parallel_commit_is_finished_by_the_next_run(tmp_path, seed_corpus):
    """The multi-process writer commits through the same step (enough files for it)."""
    more = tmp_path / "many"
    write_corpus(more, 210, use_bbc=False)
    clean_index = tmp_path / "clean"
    sync_index(clean_index, [seed_corpus, more])
    index = tmp_path / "index"
    sync_index(index, [seed_corpus])

    killed = _caucasus("index", str(more), index=index, fault="toc-written:kill")
    assert killed.returncode == -9, killed.stderr
    again = _caucasus("index", index=index)

    assert again.returncode == 0, again.stderr
    _assert_manifest_matches_files(index)
    assert _state(index) == _state(clean_index)


def test_runs_with_nothing_to_change_leave_no_files_behind(tmp_path, corpus_copy):
    """A daily `caucasus index` with nothing new: each cancelled writer used to leave its
    empty segment's three files, piling up until the next change."""
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    files = sorted(p.name for p in index.iterdir())

    for _ in range(3):
        report = sync_index(index)
        assert (report.added, report.updated, report.removed) == (0, 0, 0)

    assert sorted(p.name for p in index.iterdir()) == files
