"""A full disk, a kill, Ctrl-C: one line, the last index intact, no process left behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.synthetic import write_corpus
from caucasus_cli.index.store import CorpusIndex
from caucasus_cli.index.sync import sync_index
from caucasus_cli.search.articles import SearchOptions, search_articles

FAULTS = Path(__file__).resolve().parent / "faults"


def with_disk_full(where: str) -> dict[str, str]:
    """The environment for a run whose writes fail once `where` (SCOPE:BYTES) is used up."""
    path = os.pathsep.join(filter(None, [str(FAULTS), os.environ.get("PYTHONPATH")]))
    return {"PYTHONPATH": path, "CAUCASUS_TEST_DISK_FULL": where}


QUERIES = ("peace agreement", "Bayramov", "Lavrov OR Mardini", "Karabakh")


def found(index: Path) -> dict[str, list[str]]:
    with CorpusIndex(index) as corpus:
        return {
            q: [hit.doc for hit in search_articles(corpus, SearchOptions(q, limit=50)).hits]
            for q in QUERIES
        }


_STARTED: list[subprocess.Popen] = []


def start(*args: str, index: Path, env: dict | None = None, **kwargs) -> subprocess.Popen:
    run = subprocess.Popen(
        [sys.executable, "-m", "caucasus_cli", *args],
        env={**os.environ, "CAUCASUS_INDEX": str(index), "NO_COLOR": "1", **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )
    _STARTED.append(run)
    return run


@pytest.fixture(autouse=True)
def _no_run_left_behind():
    """A failed assertion must not leave a run (or its workers) going, or its pipes open."""
    yield
    while _STARTED:
        run = _STARTED.pop()
        if run.poll() is None:
            _kill_tree(run.pid)
            run.wait()
        for pipe in (run.stdout, run.stderr):
            if pipe and not pipe.closed:
                pipe.close()


def finish(run: subprocess.Popen, timeout: float = 120) -> tuple[int, str]:
    try:
        _, stderr = run.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(run.pid)
        pytest.fail("the command hung")
    return run.returncode, stderr


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big") / "archive"
    write_corpus(folder, 260, use_bbc=False)  # enough for the parallel path
    return folder


@pytest.fixture(scope="module")
def long_folder(tmp_path_factory) -> Path:
    """Enough articles that a run is still going a few seconds after it starts."""
    folder = tmp_path_factory.mktemp("long") / "archive"
    write_corpus(folder, 1200, use_bbc=False)
    return folder


@pytest.fixture
def seeded_index(tmp_path, corpus_copy) -> Path:
    index = tmp_path / "index"
    sync_index(index, [corpus_copy])
    return index


@pytest.mark.parametrize(
    "where",
    [
        "children:150000",  # both sub-writers (and the readers) hit a full disk
        "main:150000",  # the command itself, writing job files and the commit
    ],
)
def test_a_full_disk_is_one_line_and_leaves_the_last_index(where, big_folder, seeded_index):
    before = found(seeded_index)
    env = with_disk_full(where)

    code, stderr = finish(start("index", str(big_folder), index=seeded_index, env=env))

    assert code == 2, stderr
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().splitlines() == [line for line in stderr.splitlines() if line], stderr
    errors = [line for line in stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "No space left on device" in errors[0], stderr
    assert found(seeded_index) == before
    again = start("index", str(big_folder), index=seeded_index)
    code, stderr = finish(again)
    assert code == 0 and "260 added" in stderr, stderr


def test_a_full_disk_in_a_small_index_run_is_one_line(seeded_index, corpus_copy, tmp_path):
    more = tmp_path / "more"
    write_corpus(more, 40, use_bbc=False)  # below the parallel threshold: one process
    before = found(seeded_index)
    env = with_disk_full("main:20000")
    code, stderr = finish(start("index", str(more), index=seeded_index, env=env))
    assert code == 2 and "No space left on device" in stderr, stderr
    assert "Traceback" not in stderr
    assert found(seeded_index) == before


def _mount_tmpfs(target: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    target.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)])
    return done.returncode == 0


def test_a_really_full_disk(tmp_path, big_folder, corpus_copy):
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        index = disk / "index"
        sync_index(index, [corpus_copy])
        before = found(index)
        code, stderr = finish(start("index", str(big_folder), index=index))
        # Whichever store fills the disk first says so: Whoosh (the OS's words) or the
        # quote store (SQLite's); under load either can come first.
        full = ("No space left on device", "database or disk is full")
        assert code == 2 and any(words in stderr for words in full), stderr
        # One error line and nothing after it: no "Exception ignored in: <BufferedWriter
        # …MAIN_….trm> OSError: No space left on device" from a segment file a failed
        # cancel left open (the parallel writer's own segment; see the tests below).
        lines = stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("caucasus: error:"), stderr
        assert "Traceback" not in stderr
        assert found(index) == before
    finally:
        subprocess.run(["umount", "-l", str(disk)])


def _descendants(pid: int) -> set[int]:
    found_pids: set[int] = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        for child_file in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                children = [int(c) for c in child_file.read_text().split()]
            except OSError:
                continue
            pending += children
            found_pids.update(children)
    return found_pids


def _processes_with(marker: str) -> set[int]:
    """Processes whose environment holds `marker`: the run and everything it started."""
    pids = set()
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if marker.encode() in environ.read_bytes():
                pids.add(int(environ.parent.name))
        except OSError:
            continue
    return {pid for pid in pids if _running(pid)}


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _kill_tree(pid: int) -> None:
    for child in _descendants(pid) | {pid}:
        with contextlib.suppress(OSError):
            os.kill(child, signal.SIGKILL)


def _wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("when", ["first worker", "0.8 s"])
def test_sigkill_in_the_first_second_leaves_no_process(when, long_folder, seeded_index):
    marker = f"CAUCASUS_TEST_RUN=kill-{when.replace(' ', '-')}-{os.getpid()}"
    env = {"CAUCASUS_TEST_RUN": marker.partition("=")[2]}
    run = start("index", str(long_folder), index=seeded_index, env=env)
    if when == "first worker":  # the parent dies while its workers are being spawned
        assert _wait_for(lambda: _descendants(run.pid), timeout=30)
    else:
        time.sleep(0.8)
    assert run.poll() is None, "the run ended before it could be killed"
    run.send_signal(signal.SIGKILL)
    run.wait()
    run.stdout.close()  # not read: surviving workers would hold these pipes open
    run.stderr.close()
    assert _wait_for(lambda: not _processes_with(marker), timeout=15), sorted(
        _processes_with(marker)
    )


@pytest.mark.parametrize("to_group", [True, False])
def test_ctrl_c_is_one_line_exit_130_and_no_traceback_anywhere(to_group, long_folder, seeded_index):
    before = found(seeded_index)
    marker = f"CAUCASUS_TEST_RUN=int-{to_group}-{os.getpid()}"
    env = {"CAUCASUS_TEST_RUN": marker.partition("=")[2]}
    # A terminal's Ctrl-C goes to the whole process group; `kill -INT` to the command.
    run = start("index", str(long_folder), index=seeded_index, env=env, start_new_session=True)
    assert _wait_for(lambda: len(_descendants(run.pid)) >= 2, timeout=30), "no workers started"
    time.sleep(0.5)
    assert run.poll() is None, "the run ended before Ctrl-C"
    if to_group:
        os.killpg(run.pid, signal.SIGINT)
    else:
        run.send_signal(signal.SIGINT)

    code, stderr = finish(run, timeout=60)

    assert code == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        "caucasus: error: interrupted; the index is as it was before this run"
    ], stderr
    assert _wait_for(lambda: not _processes_with(marker), timeout=15)
    assert found(seeded_index) == before


def _workers(pid: int) -> list[int]:
    """The run's spawned worker processes (not the resource tracker)."""
    found_pids = []
    for child in sorted(_descendants(pid)):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found_pids.append(child)
    return found_pids


def test_a_worker_killed_mid_run_is_one_line_not_a_hang(long_folder, seeded_index):
    before = found(seeded_index)
    run = start("index", str(long_folder), index=seeded_index)
    assert _wait_for(lambda: len(_workers(run.pid)) >= 2, timeout=30), "no workers started"
    time.sleep(0.3)
    assert run.poll() is None, "the run ended before a worker could be killed"
    os.kill(_workers(run.pid)[0], signal.SIGKILL)  # as the kernel's OOM killer would

    code, stderr = finish(run)

    assert code == 2, stderr
    assert "Traceback" not in stderr, stderr
    assert "died" in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert found(seeded_index) == before


@pytest.mark.parametrize("folder", ["small", "parallel"])
def test_ctrl_c_in_the_middle_of_a_slow_file_ends_the_run_at_once(
    folder, tmp_path, big_folder, seeded_index
):
    """A file that takes minutes (a pathological article) is not waited for: one line,
    exit 130, the last index intact. (On main, Ctrl-C waited for the file to finish.)"""
    articles = tmp_path / "incoming"
    if folder == "parallel":  # a worker process is on the slow file
        shutil.copytree(big_folder, articles)
    else:
        articles.mkdir()
    (articles / "slow.txt").write_text(
        'Slow going\n\nThe minister said "slowmarkerword". He said "again".\n', encoding="utf-8"
    )
    before = found(seeded_index)
    marker = tmp_path / "in-the-slow-file"
    path = os.pathsep.join(filter(None, [str(FAULTS), os.environ.get("PYTHONPATH")]))
    env = {"PYTHONPATH": path, "CAUCASUS_TEST_SLOW_FILE": f"slowmarkerword:{marker}"}
    run = start("index", str(articles), index=seeded_index, env=env, start_new_session=True)
    assert _wait_for(marker.exists, timeout=60), "the slow file was never reached"
    time.sleep(0.3)
    assert run.poll() is None, "the run ended before Ctrl-C"

    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C does
    code, stderr = finish(run, timeout=30)  # the slow file alone would take 300 s

    assert code == 130, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        "caucasus: error: interrupted; the index is as it was before this run"
    ], stderr
    assert found(seeded_index) == before


def test_a_cancel_that_fails_at_its_first_file_leaves_no_file_open(
    seeded_index, corpus_copy, tmp_path, monkeypatch
):
    """On a full disk Whoosh's cancel stops at the first file it cannot flush (the
    stored columns) and left the terms and postings files open: each printed
    "Exception ignored … No space left on device" at exit, after the one line that
    said so (seen in CI, in test_a_really_full_disk)."""
    import errno
    import gc

    from whoosh.codec import whoosh3

    from caucasus_cli.errors import IndexWriteFailed

    def full_disk(self):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(whoosh3.W3PerDocWriter, "close", full_disk)
    more = tmp_path / "more"
    write_corpus(more, 5, use_bbc=False)
    with pytest.raises(IndexWriteFailed):
        sync_index(seeded_index, [corpus_copy, more])
    gc.collect()  # an unclosed file warns here; pytest makes the warning an error


def test_a_parallel_cancel_that_fails_at_its_first_file_leaves_no_file_open(
    seeded_index, big_folder, monkeypatch
):
    """The parallel writer's own segment (it adds no documents; its sub-writers do) has
    its terms and postings files open from the start. When the full disk stops the
    cancel at the stored columns, it caught the error to release the lock and left
    them open: "Exception ignored in: <BufferedWriter …MAIN_….trm> OSError: [Errno
    28]" after the one error line (test_a_really_full_disk, a parallel run)."""
    import errno
    import gc

    from whoosh.codec import whoosh3

    from caucasus_cli.errors import IndexWriteFailed

    def full_disk(self):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    # Only this process's writer: the sub-writers are other processes, and finish.
    monkeypatch.setattr(whoosh3.W3PerDocWriter, "close", full_disk)
    before = found(seeded_index)
    with pytest.raises(IndexWriteFailed, match="No space left on device"):
        sync_index(seeded_index, [big_folder], workers=2)
    gc.collect()  # an unclosed file warns here; pytest makes the warning an error
    assert found(seeded_index) == before
