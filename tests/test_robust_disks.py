"""A full disk before the first build, a read-only index or mount, stderr closed or full:
one line and exit 2 where the command cannot do its work, and the work done where it can."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus
from caucasus_cli.index.store import index_stats
from caucasus_cli.index.sync import sync_index

FAULTS = Path(__file__).resolve().parent / "faults"
CAUCASUS = f"{sys.executable} -m caucasus_cli"
# The commands that make an index where there is none: `index`, and a first `search`.
FIRST_RUNS = ["index {corpus} --index {index}", "search peace --index {index}"]


def _run(command: str, **env: str) -> subprocess.CompletedProcess:
    """`caucasus ...` through the shell (for `2>&-` and the like)."""
    return subprocess.run(
        f"{CAUCASUS} {command}",
        shell=True,
        env={**os.environ, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def _one_line_exit_2(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 or (len(lines) == 2 and "building one" in lines[0]), done.stderr
    for word in words:
        assert word in lines[-1], done.stderr


def _mount(*args: str) -> bool:
    if os.geteuid() != 0:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def _full_disk(where: Path) -> Iterator[Path]:
    """A small tmpfs, filled to the last byte."""
    where.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=256k", "tmpfs", str(where)):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        with contextlib.suppress(OSError), open(where / "filler", "wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)])


@contextlib.contextmanager
def _read_only_view(folder: Path, view: Path) -> Iterator[Path]:
    """`folder`, seen read-only at `view` (a bind mount: chmod does not stop root)."""
    view.mkdir()
    if not _mount("--bind", str(folder), str(view)):
        pytest.skip("cannot bind-mount here (needs root)")
    try:
        if not _mount("-o", "remount,ro,bind", str(view)):
            pytest.skip("cannot remount read-only here")
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)])


def test_a_disk_full_before_the_first_build_is_one_line(tmp_path, corpus_copy):
    with _full_disk(tmp_path / "disk") as disk:
        index = disk / "index"
        _one_line_exit_2(_run(f"index {corpus_copy} --index {index}"), "No space left")
        _one_line_exit_2(_run(f"search peace --index {index}"), "No space left")
        # Nothing half-made is left to fill the disk further.
        assert sorted(p.name for p in index.iterdir()) == ["caucasus.lock"]


@pytest.mark.parametrize(
    "command", ["index {corpus} --index {index}", "search peace --index {index}"]
)
def test_a_disk_full_at_the_first_write_is_one_line(tmp_path, corpus_copy, command):
    """The same without a real full disk: every write to an index file fails."""
    index = tmp_path / "index"
    path = os.pathsep.join(filter(None, [str(FAULTS), os.environ.get("PYTHONPATH")]))
    done = _run(
        command.format(corpus=corpus_copy, index=index),
        PYTHONPATH=path,
        CAUCASUS_TEST_DISK_FULL="main:0",
    )
    _one_line_exit_2(done, "No space left", "no index was made")
    assert sorted(p.name for p in index.iterdir()) == ["caucasus.lock"]


@pytest.mark.parametrize(
    "command", ["index", "index --rebuild", "index {more}", "index --forget {corpus}"]
)
def test_a_read_only_index_is_one_line_and_still_searched(tmp_path, corpus_copy, command):
    folder = tmp_path / "rw"
    sync_index(folder / "index", [corpus_copy])
    more = tmp_path / "more"
    write_corpus(more, 5, use_bbc=False)
    with _read_only_view(folder, tmp_path / "ro") as view:
        index = view / "index"
        done = _run(f"{command.format(more=more, corpus=corpus_copy)} --index {index}")
        _one_line_exit_2(done, "Read-only file system")
        assert _run(f"search Bayramov --index {index}").returncode == 0
    assert index_stats(folder / "index").articles == 5


@pytest.mark.parametrize(
    "command", ["index {corpus} --index {index}", "search peace --index {index}"]
)
def test_a_new_index_on_a_read_only_mount_is_one_line(tmp_path, corpus_copy, command):
    (tmp_path / "rw").mkdir()
    with _read_only_view(tmp_path / "rw", tmp_path / "ro") as view:
        done = _run(command.format(corpus=corpus_copy, index=view / "index"))
        _one_line_exit_2(done, "Read-only file system")


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_index_with_stderr_closed_or_full_indexes_everything(tmp_path, corpus_copy, stderr):
    if stderr.endswith("/dev/full") and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    (corpus_copy / "unreadable.pdf").write_bytes(b"%PDF-1.4 not really")  # a warning
    more = tmp_path / "more"
    write_corpus(more, 30, use_bbc=False)
    index = tmp_path / "index"

    done = _run(f"index {corpus_copy} {more} --index {index} {stderr}")

    assert done.returncode == 0
    assert index_stats(index).articles == 35
    # And a failing command still says so by its code: 2, not 1 ("nothing found").
    assert _run(f"search 'peace AND (' --index {index} {stderr}").returncode == 2
    assert _run(f"search zzzqqqxx --index {index} {stderr}").returncode == 1
    assert _run(f"show no-such-doc --index {index} {stderr}").returncode in (1, 2)
