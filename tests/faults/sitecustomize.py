"""Fault injection for tests: a disk that fills up, in the processes chosen.

Put this folder on PYTHONPATH and set CAUCASUS_TEST_DISK_FULL to `SCOPE:BYTES`: once
the processes in SCOPE (`children`: spawned workers; `main`: the command itself) have
written BYTES to index files, every further write fails with ENOSPC, as on a full disk.
Spawned processes inherit the environment, so they are patched too. A fault at a
step of the commit: see CAUCASUS_TEST_COMMIT_FAULT below.
"""

import errno
import os

_SETTING = os.environ.get("CAUCASUS_TEST_DISK_FULL")


class _FullDisk:
    written = 0

    def __init__(self, file, scope: str, budget: int) -> None:
        self._file, self._scope, self._budget = file, scope, budget

    def write(self, data):
        if _in_scope(self._scope):
            _FullDisk.written += len(data)
            if _FullDisk.written > self._budget:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._file.write(data)

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self._file.close()


def _in_scope(scope: str) -> bool:
    import multiprocessing

    child = multiprocessing.parent_process() is not None
    return child if scope == "children" else not child


def _install(scope: str, budget: int) -> None:
    from whoosh.filedb.filestore import FileStorage

    create_file = FileStorage.create_file

    def create_on_a_full_disk(self, name, **kwargs):
        handle = create_file(self, name, **kwargs)
        handle.file = _FullDisk(handle.file, scope, budget)
        return handle

    FileStorage.create_file = create_on_a_full_disk


if _SETTING:
    _scope, _, _bytes = _SETTING.partition(":")
    _install(_scope, int(_bytes))


# CAUCASUS_TEST_COMMIT_FAULT=STEP:kill (or STEP:enospc): at that step of an index
# run's commit (caucasus_cli/index/commit.py calls `reached(step)`), the command is
# killed with SIGKILL, or its write fails as on a full disk.
_COMMIT_FAULT = os.environ.get("CAUCASUS_TEST_COMMIT_FAULT")


def _install_commit_fault(step: str, fault: str) -> None:
    import signal

    from caucasus_cli.index import commit

    def reached(name: str) -> None:
        if name != step:
            return
        if fault == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    commit.reached = reached


if _COMMIT_FAULT:
    _step, _, _fault = _COMMIT_FAULT.partition(":")
    _install_commit_fault(_step, _fault or "kill")


# CAUCASUS_TEST_SLOW_FILE=WORD:MARKER: extracting the quotes of an article whose text
# holds WORD takes minutes of pure-Python work (as a pathological article can), and
# creates the file MARKER when it starts: a test can then press Ctrl-C mid-file.
_SLOW_FILE = os.environ.get("CAUCASUS_TEST_SLOW_FILE")


def _install_slow_file(word: str, marker: str) -> None:
    import time

    from caucasus_cli.quotes import extract

    extract_quotes = extract.extract_quotes

    def slow_extract_quotes(text, *args, **kwargs):
        if word in text:
            open(marker, "w").close()
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                sum(range(1000))
        return extract_quotes(text, *args, **kwargs)

    extract.extract_quotes = slow_extract_quotes


if _SLOW_FILE:
    _word, _, _marker = _SLOW_FILE.partition(":")
    _install_slow_file(_word, _marker)
