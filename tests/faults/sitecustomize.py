"""Fault injection for tests: a disk that fills up, in the processes chosen.

Put this folder on PYTHONPATH and set CAUCASUS_TEST_DISK_FULL to `SCOPE:BYTES`: once
the processes in SCOPE (`children`: spawned workers; `main`: the command itself) have
written BYTES to index files, every further write fails with ENOSPC, as on a full disk.
Spawned processes inherit the environment, so they are patched too.
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
