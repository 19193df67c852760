"""Re-syncing a folder: an unchanged one costs a walk and one query, nothing more."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucasus_cli.cli import app
from caucasus_cli.index import sync as sync_module
from caucasus_cli.index.quotestore import QuoteStore
from caucasus_cli.index.sync import sync_index

REPORT = (
    "Talks resume\n\nBy Staff\n\nAzerbaijan's Foreign Minister Jeyhun Bayramov said the border "
    'commission would meet in Baku. "We will finish the delimitation work," he said. ({n})\n'
)


def test_an_unchanged_folder_of_many_files_starts_no_worker_processes(tmp_path, monkeypatch):
    folder = tmp_path / "wire"
    folder.mkdir()
    count = sync_module._PARALLEL_THRESHOLD + 10
    for n in range(count):
        (folder / f"report_{n:03}.txt").write_text(REPORT.format(n=n), encoding="utf-8")
    index = tmp_path / "index"
    assert sync_index(index, [folder], workers=1).added == count

    def no_pool(*_args, **_kwargs):
        raise AssertionError("an unchanged re-sync started writer processes")

    monkeypatch.setattr(sync_module, "parallel_writer", no_pool)
    report = sync_index(index, None, workers=2)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, count)

    # One file edited among the many: still one process, and the edit is read.
    edited = folder / "report_007.txt"
    edited.write_text(REPORT.format(n="edited Zyxnew"), encoding="utf-8")
    report = sync_index(index, None, workers=2)
    assert (report.updated, report.unchanged) == (1, count - 1)


# Through the command: what a journalist's daily `caucasus index` sees after each kind of
# change to the folder, and that nothing is lost or doubled in the index afterwards.

ARTICLES = {
    "border.txt": (
        "Border commission meets in Baku\n\nBy Staff\n\nAzerbaijan's Foreign Minister Jeyhun "
        'Bayramov said the border commission would meet in Baku. "We will finish the '
        'delimitation work this year," he said.\n'
    ),
    "lachin.txt": (
        "Lachin road reopens\n\nBy Staff\n\nArmenia's Prime Minister Nikol Pashinyan said the "
        'road would stay open. "Nobody will close it again," Pashinyan told reporters in '
        "Yerevan.\n"
    ),
    "talks.txt": (
        "Talks in Washington\n\nBy Staff\n\nThe foreign ministers met in Washington on Monday "
        "to discuss a peace treaty, officials said.\n"
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(index: Path, *args: str):
    result = CliRunner().invoke(app, [*args, "--index", str(index)])
    assert result.exit_code in (0, 1), (result.stderr, result.exception)
    return result


def _counts(result) -> str:
    """`0 added, 0 updated, 0 removed, 3 unchanged` from the summary line."""
    return re.search(r"\d+ added, \d+ updated, \d+ removed, \d+ unchanged", result.stderr)[0]


def _files(index: Path, *words: str) -> list[str]:
    """The file names `search WORDS --files` lists."""
    found = _run(index, "search", *words, "--files")
    return sorted(Path(line).name for line in found.stdout.splitlines())


@pytest.fixture
def indexed(tmp_path):
    folder = _folder(tmp_path)
    index = tmp_path / "index"
    assert (
        _counts(_run(index, "index", str(folder))) == "3 added, 0 updated, 0 removed, 0 unchanged"
    )
    return folder, index


def _later(path: Path, seconds: int = 5) -> None:
    """Move the file's mtime on (a later edit, on any file system's clock)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 1_000_000_000))


def test_an_unchanged_folder_is_reported_unchanged(indexed):
    _folder, index = indexed
    assert _counts(_run(index, "index")) == "0 added, 0 updated, 0 removed, 3 unchanged"
    assert _files(index, "Bayramov") == ["border.txt"]


def test_a_touched_file_with_the_same_bytes_stays_unchanged_and_is_not_hashed_again(indexed):
    folder, index = indexed
    _later(folder / "border.txt")
    assert _counts(_run(index, "index")) == "0 added, 0 updated, 0 removed, 3 unchanged"
    # Its new mtime is kept: the next run finds the file as the table has it.
    store = QuoteStore(index, 1)  # the first and only commit
    try:
        stats = {Path(path).name: mtime for path, _size, mtime in store.file_stats()}
    finally:
        store.close()
    assert stats["border.txt"] == (folder / "border.txt").stat().st_mtime_ns
    assert _counts(_run(index, "index")) == "0 added, 0 updated, 0 removed, 3 unchanged"
    assert _files(index, "Bayramov") == ["border.txt"]


def test_changed_words_of_the_same_size_are_read_again(indexed):
    folder, index = indexed
    edited = folder / "border.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Baku", "Kars"), encoding="utf-8")  # same length
    assert len(edited.read_bytes()) == len(text.encode())
    _later(edited)
    assert _counts(_run(index, "index")) == "0 added, 1 updated, 0 removed, 2 unchanged"
    assert _files(index, "Kars") == ["border.txt"]
    assert _files(index, "Baku") == []


def test_a_new_file_is_added(indexed):
    folder, index = indexed
    (folder / "gas.txt").write_text(
        "Gas deal signed\n\nBy Staff\n\nSOCAR said the Zangezur pipeline would open.\n",
        encoding="utf-8",
    )
    assert _counts(_run(index, "index")) == "1 added, 0 updated, 0 removed, 3 unchanged"
    assert _files(index, "Zangezur") == ["gas.txt"]


def test_a_deleted_file_is_removed(indexed):
    folder, index = indexed
    (folder / "lachin.txt").unlink()
    assert _counts(_run(index, "index")) == "0 added, 0 updated, 1 removed, 2 unchanged"
    assert _files(index, "Pashinyan") == []
    assert _counts(_run(index, "index")) == "0 added, 0 updated, 0 removed, 2 unchanged"


def test_a_renamed_file_is_found_under_its_new_name_only(indexed):
    folder, index = indexed
    (folder / "lachin.txt").rename(folder / "lachin-corridor.txt")
    assert _counts(_run(index, "index")) == "1 added, 0 updated, 1 removed, 2 unchanged"
    assert _files(index, "Pashinyan") == ["lachin-corridor.txt"]


def test_a_file_replaced_by_a_folder_of_articles(indexed):
    folder, index = indexed
    (folder / "talks.txt").unlink()
    (folder / "talks.txt").mkdir()  # a folder with an article's name, and articles in it
    (folder / "talks.txt" / "day-one.txt").write_text(
        "Talks, day one\n\nBy Staff\n\nThe delegations met in Washington again on Tuesday.\n",
        encoding="utf-8",
    )
    assert _counts(_run(index, "index")) == "1 added, 0 updated, 1 removed, 2 unchanged"
    assert _files(index, "Tuesday") == ["day-one.txt"]
    assert _files(index, "Monday") == []


def test_an_unchanged_run_says_the_other_files_it_found(indexed):
    folder, index = indexed
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not an article")
    first = _run(index, "index")
    assert "1 file of types caucasus does not read (.pdf" in first.stderr
    assert _counts(first) == "0 added, 0 updated, 0 removed, 3 unchanged"
    again = _run(index, "index")
    assert "1 file of types caucasus does not read (.pdf" in again.stderr


def test_index_files_copied_elsewhere_are_checked_once_then_trusted(indexed, tmp_path):
    """A copied index (new mtimes, same bytes) is unchanged; its manifest takes the new
    mtimes, so the next run compares sizes and mtimes only."""
    _folder, index = indexed
    copy = tmp_path / "copy"
    shutil.copytree(index, copy)  # copies the bytes, and stamps new mtimes
    for path in copy.iterdir():
        _later(path)
    assert _counts(_run(copy, "index")) == "0 added, 0 updated, 0 removed, 3 unchanged"
    manifest = json.loads((copy / "caucasus.json").read_text())["files"]
    assert all(sums[2] == (copy / name).stat().st_mtime_ns for name, sums in manifest.items())
    assert _files(copy, "Bayramov") == ["border.txt"]


def test_an_unchanged_run_waits_its_turn_behind_another_writer(indexed):
    """Whoosh's write lock is held by another run: an unchanged folder is no reason to
    answer for an index being written; it says so as a changed one would."""
    _folder, index = indexed
    from whoosh import index as whoosh_index

    lock = whoosh_index.open_dir(str(index)).lock("WRITELOCK")
    assert lock.acquire(blocking=False)
    try:
        result = CliRunner().invoke(app, ["index", "--index", str(index)])
    finally:
        lock.release()
    assert result.exit_code == 2
    assert "another `caucasus index` is writing" in result.stderr


def test_an_unchanged_run_loads_no_indexer(indexed, tmp_path):
    """Nothing changed: the command neither reads articles nor opens Whoosh."""
    _folder, index = indexed
    listing = tmp_path / "modules.txt"
    script = (
        "import atexit, runpy, sys\n"
        "out = sys.argv[1]\n"
        "atexit.register(lambda: open(out, 'w').write('\\n'.join(sorted(sys.modules))))\n"
        "sys.argv = ['caucasus', *sys.argv[2:]]\n"
        "runpy.run_module('caucasus_cli', run_name='__main__')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(listing), "index", "--index", str(index)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "3 unchanged" in run.stderr
    loaded = set(listing.read_text().split())
    heavy = {
        "caucasus_cli.index.sync",
        "caucasus_cli.index.quotestore",
        "caucasus_cli.index.schema",
        "caucasus_cli.ingest.formats",
        "caucasus_cli.quotes.extract",
        "whoosh",
        "multiprocessing",
    }
    assert heavy & loaded == set()


def test_a_broken_link_is_said_on_every_run(indexed):
    folder, index = indexed
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    for _run_number in range(2):
        result = _run(index, "index")
        assert "gone.txt: broken symbolic link" in result.stderr
        assert _counts(result) == "0 added, 0 updated, 0 removed, 3 unchanged"


def test_damage_that_keeps_size_and_mtime_is_found_before_a_run_writes(indexed):
    """An unchanged run compares the index files' sizes and mtimes with the manifest and
    checksums only files whose mtime moved; a run with something to write checksums
    every file first, so it never builds on a damaged index."""
    folder, index = indexed
    postings = max(index.glob("MAIN_*.pst"), key=lambda p: p.stat().st_size)
    info = postings.stat()
    data = bytearray(postings.read_bytes())
    data[len(data) // 2] ^= 0xFF
    postings.write_bytes(bytes(data))
    os.utime(postings, ns=(info.st_atime_ns, info.st_mtime_ns))  # as bit rot would leave it
    (folder / "gas.txt").write_text(
        "Gas deal signed\n\nBy Staff\n\nSOCAR said the Zangezur pipeline would open.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["index", "--index", str(index)])
    assert result.exit_code == 2
    assert "damaged" in result.stderr and "caucasus index --rebuild" in result.stderr
